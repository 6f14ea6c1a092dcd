"""Per-job bookkeeping for guarded fetches: the request log and the byte and request budgets."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .policy import FetchPolicy, Refused, Target, check_url


class LimitExceeded(Exception):
    """The capture went over its byte or request budget; the capture as a whole fails."""


@dataclass
class LogEntry:
    """One decision about one URL: refused before any connection, or fetched from an address."""

    url: str
    outcome: str  # "fetched", "refused" or "failed"
    reason: str = ""
    address: str = ""  # the address connected to; empty when nothing connected
    status: int | None = None
    bytes: int = 0

    def as_dict(self) -> dict:
        """The entry as plain JSON-ready data."""
        return asdict(self)


@dataclass
class FetchGuard:
    """Admits requests under a FetchPolicy and keeps the log the tests and manifest read."""

    policy: FetchPolicy
    log: list[LogEntry] = field(default_factory=list)
    requests: int = 0
    bytes_received: int = 0
    # Set when a limit was hit; the engine turns it into CaptureFailed after the page settles.
    failure: str | None = None

    def admit(self, url: str) -> Target:
        """Count one request and check it against the policy; raise Refused when it may not go."""
        self.requests += 1
        if self.requests > self.policy.max_requests:
            self.refuse(url, f"request limit of {self.policy.max_requests} reached")
            raise Refused(url, "request limit reached")
        try:
            return check_url(url, self.policy)
        except Refused as exc:
            self.refuse(url, exc.reason)
            raise

    def refuse(self, url: str, reason: str) -> None:
        """Log a request that was stopped before anything connected."""
        self.log.append(LogEntry(url=url, outcome="refused", reason=reason))

    def count_bytes(self, n: int) -> None:
        """Add received bytes; raise LimitExceeded once the total passes the budget."""
        self.bytes_received += n
        if self.bytes_received > self.policy.max_bytes:
            self.failure = (
                f"size limit exceeded: more than {self.policy.max_bytes} bytes downloaded"
            )
            raise LimitExceeded(self.failure)

    @property
    def refused(self) -> list[LogEntry]:
        """The entries for requests that were refused."""
        return [e for e in self.log if e.outcome == "refused"]

    @property
    def connected_addresses(self) -> set[str]:
        """Every address the fetcher opened a connection to."""
        return {e.address for e in self.log if e.address}
