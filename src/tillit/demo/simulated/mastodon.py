"""A simulated Mastodon instance for the demo's Mastodon channel (in memory, standard library).

It answers the REST calls the Mastodon connector (Mastodon.py) makes, shaped like Mastodon
4.x: the token's account, mention notifications and direct conversations (paged by
``min_id``), statuses (read, post with ``in_reply_to_id`` and ``Idempotency-Key``, delete
with 404 afterwards), blocks, reports, ``/api/v2/instance`` with the instance's character
limit, media upload (``/api/v2/media`` with its ``description``, the alt text) for
publishing statuses with ``media_ids``, and an account's statuses newest first (paged by
``max_id``) with favourites and boosts made up by ``figures``, the same every run, as are
the follower counts; web addresses count as 23 characters, as there.
Errors are Mastodon's ``{"error": "…"}`` with its status codes.

The PyPI package mastodon-mock does the same for the tests, but it needs FastAPI,
SQLAlchemy and uvicorn at run time; the demo must start in a fresh clone with the product's
own dependencies, so this small one serves the demo.
"""

from __future__ import annotations

import html
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .figures import figure
from .http import Reply, Request

MAX_MEDIA_BYTES = 16 * 1024 * 1024
_ADDRESS = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)
IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")


def mastodon_time(epoch: float) -> str:
    """Mastodon's timestamp format: 2026-12-02T05:30:00.000Z."""
    moment = datetime.fromtimestamp(epoch, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _number(value: str | None) -> int:
    """A numeric id or count parameter; anything else counts as absent."""
    return int(value) if value and value.isdigit() and len(value) < 30 else 0


class MastodonError(Exception):
    """An answer in Mastodon's error shape."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


@dataclass
class Account:
    """A local account on the simulated instance."""

    id: str
    username: str
    display_name: str
    token: str = ""
    created: float = field(default_factory=time.time)
    note: str = ""
    blocking: set[str] = field(default_factory=set)


@dataclass
class Status:
    """A post on the instance."""

    id: str
    account: str
    text: str
    visibility: str = "public"
    in_reply_to: str | None = None
    created: float = field(default_factory=time.time)
    media: list[str] = field(default_factory=list)
    deleted: bool = False
    mentions: list[str] = field(default_factory=list)


@dataclass
class Media:
    """An uploaded attachment."""

    id: str
    owner: str
    content_type: str
    data: bytes
    description: str = ""


class SimulatedMastodon:
    """The instance's state and answers; thread-safe."""

    def __init__(self, *, domain: str = "mastodon.pitea.demo", max_characters: int = 500):
        """An empty instance; ``base_url`` is set when it is served."""
        self.domain = domain
        self.max_characters = max_characters
        self.base_url = "http://127.0.0.1"
        self.accounts: dict[str, Account] = {}
        self.statuses: dict[str, Status] = {}
        self.notifications: list[tuple[str, str, str]] = []  # (id, recipient, status id)
        self.media: dict[str, Media] = {}
        self.reports: list[dict[str, Any]] = []
        self.idempotency: dict[tuple[str, str], str] = {}
        self._lock = threading.RLock()
        self._last = 0

    # --- set-up --------------------------------------------------------------

    def next_id(self) -> str:
        """A Mastodon-style id: milliseconds since the epoch shifted left 16 bits, increasing.

        Ids grow with time across restarts too, so a cursor saved by an earlier run of the
        demo never hides what this run posts.
        """
        with self._lock:
            candidate = int(time.time() * 1000) << 16
            self._last = max(candidate, self._last + 1)
            return str(self._last)

    def add_account(self, username: str, display_name: str, *, token: str = "") -> Account:
        """A local account (with a token when Tillit or a test acts as it)."""
        with self._lock:
            for account in self.accounts.values():
                if account.username == username:
                    if token:
                        account.token = token
                    return account
            account = Account(self.next_id(), username, display_name, token)
            self.accounts[account.id] = account
            return account

    def post(
        self,
        account: Account,
        text: str,
        *,
        in_reply_to: str | None = None,
        visibility: str = "public",
        media: list[str] | None = None,
    ) -> Status:
        """Post as an account; mentioned accounts and the author replied to are notified."""
        with self._lock:
            status = Status(
                self.next_id(), account.id, text, visibility, in_reply_to, media=list(media or [])
            )
            notify = set()
            for word in text.split():
                if word.startswith("@"):
                    target = self._by_username(word[1:].split("@", 1)[0].rstrip(".,:;!?"))
                    if target is not None:
                        status.mentions.append(target.id)
                        notify.add(target.id)
            parent = self.statuses.get(in_reply_to or "")
            if parent is not None and parent.account != account.id:
                notify.add(parent.account)
            self.statuses[status.id] = status
            for recipient in sorted(notify - {account.id}):
                if account.id not in self.accounts[recipient].blocking:
                    self.notifications.append((self.next_id(), recipient, status.id))
            return status

    def statuses_of(self, account: Account) -> list[Status]:
        """An account's statuses that still exist, oldest first (safe while serving)."""
        with self._lock:
            found = [s for s in self.statuses.values() if s.account == account.id]
            return [s for s in found if not s.deleted]

    def _by_username(self, username: str) -> Account | None:
        for account in self.accounts.values():
            if account.username.lower() == username.lower():
                return account
        return None

    # --- answering -----------------------------------------------------------

    def handle(self, request: Request) -> Reply:
        """Answer one REST call."""
        parts = [p for p in request.path.split("/") if p]
        with self._lock:
            try:
                if parts[:1] == ["media"] and len(parts) == 2 and request.method == "GET":
                    return self._media_file(parts[1])
                if parts[:3] == ["api", "v2", "instance"] or parts[:3] == ["api", "v1", "instance"]:
                    return Reply(200, self._instance(parts[1]))
                me = self._authorise(request)
                return self._route(request, parts, me)
            except MastodonError as exc:
                return Reply(exc.status, {"error": exc.message})

    def _authorise(self, request: Request) -> Account:
        token = request.bearer()
        for account in self.accounts.values():
            if token and account.token == token:
                return account
        raise MastodonError(401, "The access token is invalid")

    def _route(self, request: Request, parts: list[str], me: Account) -> Reply:
        method, route = request.method, "/".join(parts[:3])
        rest = parts[3:]
        if route == "api/v1/accounts" and rest == ["verify_credentials"] and method == "GET":
            return Reply(200, self._account(me, source=True))
        if route == "api/v1/accounts" and rest == ["relationships"] and method == "GET":
            return Reply(200, [self._relationship(me, i) for i in request.params("id")])
        if route == "api/v1/accounts" and len(rest) == 2 and rest[1] in ("block", "unblock"):
            target = self._account_or_404(rest[0])
            if method != "POST":
                raise MastodonError(404, "Record not found")
            (me.blocking.add if rest[1] == "block" else me.blocking.discard)(target.id)
            return Reply(200, self._relationship(me, target.id))
        if route == "api/v1/accounts" and len(rest) == 2 and rest[1] == "statuses":
            if method != "GET":
                raise MastodonError(404, "Record not found")
            return self._account_statuses(request, me, self._account_or_404(rest[0]))
        if route == "api/v1/accounts" and len(rest) == 1 and method == "GET":
            return Reply(200, self._account(self._account_or_404(rest[0])))
        if route == "api/v1/notifications" and not rest and method == "GET":
            return self._notifications(request, me)
        if route == "api/v1/conversations" and not rest and method == "GET":
            return Reply(200, self._conversations(me))
        if route == "api/v1/statuses":
            if not rest and method == "POST":
                return self._post_status(request, me)
            if len(rest) == 1 and method == "GET":
                return Reply(200, self._status(self._status_or_404(rest[0], me)))
            if len(rest) == 1 and method == "DELETE":
                status = self._status_or_404(rest[0], me)
                if status.account != me.id:
                    raise MastodonError(403, "This action is not allowed")
                status.deleted = True
                return Reply(200, {**self._status(status), "text": status.text})
        if route == "api/v1/reports" and not rest and method == "POST":
            return self._report(request, me)
        if route in ("api/v2/media", "api/v1/media") and not rest and method == "POST":
            return self._upload(request, me)
        if route == "api/v1/media" and len(rest) == 1 and method in ("GET", "PUT"):
            media = self.media.get(rest[0])
            if media is None or media.owner != me.id:
                raise MastodonError(404, "Record not found")
            return Reply(200, self._attachment(media))
        raise MastodonError(404, "Record not found")

    def _account_or_404(self, account_id: str) -> Account:
        account = self.accounts.get(account_id)
        if account is None:
            raise MastodonError(404, "Record not found")
        return account

    def _status_or_404(self, status_id: str, me: Account) -> Status:
        status = self.statuses.get(status_id)
        if status is None or status.deleted:
            raise MastodonError(404, "Record not found")
        if status.visibility == "direct" and me.id not in (status.account, *status.mentions):
            raise MastodonError(404, "Record not found")
        return status

    # --- writes --------------------------------------------------------------

    def _post_status(self, request: Request, me: Account) -> Reply:
        key = request.headers.get("idempotency-key", "")
        if key and (me.id, key) in self.idempotency:
            # Mastodon keeps the key for an hour and answers the first status again.
            return Reply(200, self._status(self.statuses[self.idempotency[(me.id, key)]]))
        text = request.param("status") or ""
        media = request.params("media_ids")
        visibility = request.param("visibility") or "public"
        if visibility not in ("public", "unlisted", "private", "direct"):
            raise MastodonError(422, "Validation failed: Visibility is not included in the list")
        if not text.strip() and not media:
            raise MastodonError(422, "Validation failed: Text can't be blank")
        if len(media) > 4:
            raise MastodonError(422, "Validation failed: Media attachments are limited to 4")
        # Mastodon counts every web address as 23 characters, however long it is.
        if len(_ADDRESS.sub("x" * 23, text)) > self.max_characters:
            raise MastodonError(
                422, f"Validation failed: Text character limit of {self.max_characters} exceeded"
            )
        for media_id in media:
            found = self.media.get(media_id)
            if found is None or found.owner != me.id:
                raise MastodonError(422, "Validation failed: Media attachments are invalid")
        reply_to = request.param("in_reply_to_id")
        if reply_to:
            self._status_or_404(reply_to, me)
        status = self.post(me, text, in_reply_to=reply_to, visibility=visibility, media=media)
        if key:
            self.idempotency[(me.id, key)] = status.id
        return Reply(200, self._status(status))

    def _report(self, request: Request, me: Account) -> Reply:
        target = self._account_or_404(request.param("account_id") or "")
        report = {
            "id": self.next_id(),
            "action_taken": False,
            "category": request.param("category") or "other",
            "comment": (request.param("comment") or "")[:1000],
            "forwarded": False,
            "created_at": mastodon_time(time.time()),
            "status_ids": request.params("status_ids"),
            "rule_ids": [],
            "target_account": self._account(target),
        }
        self.reports.append(report)
        return Reply(200, report)

    def _upload(self, request: Request, me: Account) -> Reply:
        upload = request.files.get("file")
        if upload is None:
            raise MastodonError(422, "Validation failed: File can't be blank")
        if upload.content_type not in IMAGE_TYPES:
            raise MastodonError(
                422,
                "Validation failed: File has contents that are not what they are reported to be",
            )
        if len(upload.data) > MAX_MEDIA_BYTES:
            raise MastodonError(422, "Validation failed: File file size must be less than 16 MB")
        media = Media(
            self.next_id(),
            me.id,
            upload.content_type,
            upload.data,
            (request.param("description") or "")[:1500],
        )
        self.media[media.id] = media
        return Reply(200, self._attachment(media))

    # --- reads ---------------------------------------------------------------

    def _notifications(self, request: Request, me: Account) -> Reply:
        types = set(request.params("types")) or {"mention"}
        limit = min(_number(request.param("limit")) or 40, 80)
        mine = [
            n
            for n in self.notifications
            if n[1] == me.id
            and "mention" in types
            and not self.statuses[n[2]].deleted
            and self.statuses[n[2]].account not in me.blocking
        ]
        min_id, since_id, max_id = (
            _number(request.param(k)) for k in ("min_id", "since_id", "max_id")
        )
        if max_id:
            mine = [n for n in mine if int(n[0]) < max_id]
        if since_id:
            mine = [n for n in mine if int(n[0]) > since_id]
        # min_id pages forward: the page just after min_id, newest first within it.
        mine = [n for n in mine if int(n[0]) > min_id][:limit] if min_id else mine[-limit:]
        page = [
            {
                "id": nid,
                "type": "mention",
                "created_at": mastodon_time(self.statuses[sid].created),
                "account": self._account(self.accounts[self.statuses[sid].account]),
                "status": self._status(self.statuses[sid]),
            }
            for nid, _recipient, sid in reversed(mine)
        ]
        return Reply(200, page)

    def _account_statuses(self, request: Request, me: Account, account: Account) -> Reply:
        """An account's statuses, newest first; others see only its public and unlisted ones."""
        limit = min(_number(request.param("limit")) or 20, 40)
        max_id = _number(request.param("max_id"))
        # Mastodon.py sends booleans as 1 and 0; replies within the account's own thread stay.
        no_replies = request.param("exclude_replies") in ("1", "true")
        found = [
            s
            for s in self.statuses_of(account)
            if (me.id == account.id or s.visibility in ("public", "unlisted"))
            and not (no_replies and s.in_reply_to and self._author_of(s.in_reply_to) != account.id)
            and (not max_id or int(s.id) < max_id)
        ]
        newest = sorted(found, key=lambda s: int(s.id), reverse=True)[:limit]
        return Reply(200, [self._status(s) for s in newest])

    def _author_of(self, status_id: str) -> str | None:
        status = self.statuses.get(status_id)
        return status.account if status is not None else None

    def _conversations(self, me: Account) -> list[dict[str, Any]]:
        threads: dict[str, Status] = {}
        for status in self.statuses.values():
            if status.deleted or status.visibility != "direct":
                continue
            if me.id not in (status.account, *status.mentions):
                continue
            root = status
            while root.in_reply_to and root.in_reply_to in self.statuses:
                root = self.statuses[root.in_reply_to]
            threads[root.id] = status  # later statuses overwrite: the last one wins
        result = []
        for root_id, last in sorted(threads.items(), key=lambda t: int(t[1].id), reverse=True):
            others = {last.account, *last.mentions} - {me.id}
            result.append(
                {
                    "id": root_id,
                    "unread": False,
                    "accounts": [self._account(self.accounts[a]) for a in sorted(others)],
                    "last_status": self._status(last),
                }
            )
        return result[:40]

    def _media_file(self, media_id: str) -> Reply:
        media = self.media.get(media_id)
        if media is None:
            raise MastodonError(404, "Record not found")
        return Reply(200, raw=media.data, content_type=media.content_type)

    # --- shapes --------------------------------------------------------------

    def _instance(self, version: str) -> dict[str, Any]:
        configuration = {
            "statuses": {
                "max_characters": self.max_characters,
                "max_media_attachments": 4,
                "characters_reserved_per_url": 23,
            },
            "media_attachments": {
                "supported_mime_types": list(IMAGE_TYPES),
                "image_size_limit": MAX_MEDIA_BYTES,
                "image_matrix_limit": 33177600,
            },
        }
        common = {
            "title": "Piteå kommuns Mastodon (simulerad)",
            "version": "4.3.0",
            "description": "En simulerad Mastodon-instans i Tillits demo.",
            "languages": ["sv"],
            "configuration": configuration,
        }
        if version == "v1":
            return {"uri": self.domain, "short_description": "", "email": "", **common}
        return {
            "domain": self.domain,
            "source_url": "https://github.com/mastodon/mastodon",
            # Mastodon 4.3 names its API version here; clients read features from it.
            "api_versions": {"mastodon": 2},
            **common,
        }

    def _account(self, account: Account, *, source: bool = False) -> dict[str, Any]:
        url = f"{self.base_url}/@{account.username}"
        data: dict[str, Any] = {
            "id": account.id,
            "username": account.username,
            "acct": account.username,
            "display_name": account.display_name,
            "locked": False,
            "bot": False,
            "discoverable": True,
            "group": False,
            "created_at": mastodon_time(account.created),
            "note": f"<p>{html.escape(account.note)}</p>" if account.note else "",
            "url": url,
            "uri": f"{self.base_url}/users/{account.username}",
            "avatar": f"{self.base_url}/avatars/original/missing.png",
            "avatar_static": f"{self.base_url}/avatars/original/missing.png",
            "header": f"{self.base_url}/headers/original/missing.png",
            "header_static": f"{self.base_url}/headers/original/missing.png",
            "followers_count": figure(account.username, "followers", low=40, high=900),
            "following_count": 0,
            "statuses_count": sum(1 for s in self.statuses.values() if s.account == account.id),
            "last_status_at": None,
            "emojis": [],
            "fields": [],
        }
        if source:
            data["source"] = {
                "privacy": "public",
                "sensitive": False,
                "language": "sv",
                "note": account.note,
                "fields": [],
            }
        return data

    def _relationship(self, me: Account, account_id: str) -> dict[str, Any]:
        return {
            "id": account_id,
            "following": False,
            "showing_reblogs": False,
            "notifying": False,
            "followed_by": False,
            "blocking": account_id in me.blocking,
            "blocked_by": False,
            "muting": False,
            "muting_notifications": False,
            "requested": False,
            "domain_blocking": False,
            "endorsed": False,
            "note": "",
        }

    def _content(self, status: Status) -> str:
        words = []
        for word in status.text.split(" "):
            target = self._by_username(word[1:]) if word.startswith("@") else None
            if target is not None:
                words.append(
                    f'<span class="h-card"><a href="{self.base_url}/@{target.username}" '
                    f'class="u-url mention">@<span>{html.escape(target.username)}</span></a></span>'
                )
            else:
                words.append(html.escape(word))
        return "<p>" + " ".join(words).replace("\n", "<br />") + "</p>"

    def _status(self, status: Status) -> dict[str, Any]:
        author = self.accounts[status.account]
        parent = self.statuses.get(status.in_reply_to or "")
        return {
            "id": status.id,
            "created_at": mastodon_time(status.created),
            "in_reply_to_id": status.in_reply_to,
            "in_reply_to_account_id": parent.account if parent else None,
            "sensitive": False,
            "spoiler_text": "",
            "visibility": status.visibility,
            "language": "sv",
            "uri": f"{self.base_url}/users/{author.username}/statuses/{status.id}",
            "url": f"{self.base_url}/@{author.username}/{status.id}",
            "replies_count": sum(1 for s in self.statuses.values() if s.in_reply_to == status.id),
            "reblogs_count": figure(status.id, "boosts", low=0, high=6),
            "favourites_count": figure(status.id, "favourites", low=0, high=25),
            "edited_at": None,
            "content": self._content(status),
            "reblog": None,
            "application": None,
            "account": self._account(author),
            "media_attachments": [self._attachment(self.media[m]) for m in status.media],
            "mentions": [
                {
                    "id": a,
                    "username": self.accounts[a].username,
                    "acct": self.accounts[a].username,
                    "url": f"{self.base_url}/@{self.accounts[a].username}",
                }
                for a in status.mentions
            ],
            "tags": [],
            "emojis": [],
            "card": None,
            "poll": None,
        }

    def _attachment(self, media: Media) -> dict[str, Any]:
        url = f"{self.base_url}/media/{media.id}"
        return {
            "id": media.id,
            "type": "image",
            "url": url,
            "preview_url": url,
            "remote_url": None,
            "text_url": None,
            "meta": {"size": len(media.data)},
            "description": media.description or None,
            "blurhash": None,
        }
