"""The demo's simulated platforms: a Graph API and a Mastodon instance on 127.0.0.1.

``tillit demo`` starts them before the web server and points the demo's connections at
them, so the outbox's actions complete without the network. Tests start their own.
"""

from __future__ import annotations

from .graph import SimulatedGraph
from .http import SimServer
from .mastodon import SimulatedMastodon

__all__ = ["SimulatedGraph", "SimulatedMastodon", "SimulatedPlatforms", "current"]

_current: SimulatedPlatforms | None = None


class SimulatedPlatforms:
    """Both simulations, each served by its own server; port 0 picks a free one."""

    def __init__(self, *, graph_port: int = 0, mastodon_port: int = 0, max_characters: int = 500):
        """Bind both servers (the ports are known at once); nothing is served until start()."""
        self.graph = SimulatedGraph()
        self.mastodon = SimulatedMastodon(max_characters=max_characters)
        self.graph_server = SimServer(self.graph, graph_port, name="simulated-graph")
        self.mastodon_server = SimServer(self.mastodon, mastodon_port, name="simulated-mastodon")
        self.mastodon.base_url = self.mastodon_server.url

    @property
    def graph_url(self) -> str:
        """Where the Facebook and Instagram connections send their Graph calls."""
        return self.graph_server.url

    @property
    def mastodon_url(self) -> str:
        """The simulated instance's api_base_url."""
        return self.mastodon_server.url

    @property
    def endpoints(self) -> frozenset[str]:
        """The exact host:port pairs the outbound guard must let through, and no others."""
        return frozenset({self.graph_server.endpoint, self.mastodon_server.endpoint})

    def start(self, *, make_current: bool = False) -> SimulatedPlatforms:
        """Serve both in background threads; ``make_current`` lets the demo stream find them."""
        global _current
        self.graph_server.start()
        self.mastodon_server.start()
        if make_current:
            _current = self
        return self

    def close(self) -> None:
        """Stop both servers."""
        global _current
        if _current is self:
            _current = None
        self.graph_server.close()
        self.mastodon_server.close()


def current() -> SimulatedPlatforms | None:
    """The simulations ``tillit demo`` runs in this process, if any."""
    return _current
