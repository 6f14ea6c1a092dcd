"""A simulated Graph API for the demo's Facebook Pages and Instagram accounts.

It keeps its state in memory and answers the calls the Facebook and Instagram connectors
make, shaped like graph.facebook.com answers them: hide and unhide (``POST /{id}``
``is_hidden`` or Instagram's ``hide``), delete (``DELETE /{id}``), reply (``POST
/{id}/comments``, Instagram ``/{id}/replies``), block (``POST /{page}/blocked``), read back
(``GET /{id}?fields=…``), the reads a poll makes, and publishing (``/{page}/feed``
with ``message``, ``link`` and ``attached_media``; ``/{page}/photos``, unpublished with
``published=false``; Instagram ``/{ig}/media``, carousels included, then
``/{ig}/media_publish``), and the figures a report reads (``/{id}/insights`` with a Page's
daily metrics or an Instagram account's totals, ``followers_count``, ``/{page}/posts`` and
``/{ig}/media`` with their counts; made up by ``figures``, the same every run). Errors carry
Graph's ``error`` object (message, type, code, error_subcode, fbtrace_id).

A Page can be made to fail now and then (``fail_every``): every n-th write to it answers
HTTP 500 with the transient code 2, before anything changes, so the demo shows the outbox's
retry path and a retry is always safe.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .figures import days, figure
from .http import Reply, Request

_VERSION = re.compile(r"^v\d{1,2}\.\d{1,2}$")
# Comment ids from the demo's webhooks: {page}_{post}_{comment}. Posts: {page}_{post}.
_FB_ID = re.compile(r"^(\d{1,20})_(\d{1,30})(?:_(\d{1,40}))?$")
_FIELD = re.compile(r"[a-z_]+")
MAX_COMMENT = 8000
MAX_POST = 63206
MAX_CAPTION = 2200
_TRANSIENT = "An unexpected error has occurred. Please retry your request later."
# The metrics the simulation knows, with the range a day's value is drawn from.
PAGE_METRICS = {
    "page_media_view": (300, 2500),
    "page_total_media_view_unique": (150, 1400),
    "page_post_engagements": (10, 160),
}
IG_METRICS = {"views": (200, 1800), "reach": (100, 900), "total_interactions": (5, 90)}
# How many days one insights call may span: Graph's and Instagram's limits.
_MAX_SPAN_DAYS = {"page": 90, "instagram": 30}


def graph_time(epoch: float) -> str:
    """Graph's timestamp format: 2026-12-02T05:30:00+0000."""
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


class GraphError(Exception):
    """An answer in Graph's error shape."""

    def __init__(
        self,
        message: str,
        *,
        code: int = 100,
        status: int = 400,
        subcode: int | None = None,
        kind: str = "OAuthException",
        transient: bool = False,
    ):
        super().__init__(message)
        self.message, self.code, self.status = message, code, status
        self.subcode, self.kind, self.transient = subcode, kind, transient

    def reply(self) -> Reply:
        """The error as Graph sends it."""
        error: dict[str, Any] = {
            "message": self.message,
            "type": self.kind,
            "code": self.code,
            "fbtrace_id": secrets.token_urlsafe(8)[:11],
        }
        if self.subcode is not None:
            error["error_subcode"] = self.subcode
        if self.transient:
            error["is_transient"] = True
        return Reply(self.status, {"error": error}, headers={"WWW-Authenticate": "OAuth"})


def _missing(object_id: str, verb: str = "get") -> GraphError:
    return GraphError(
        f"Unsupported {verb} request. Object with ID '{object_id[:60]}' does not exist, cannot "
        "be loaded due to missing permissions, or does not support this operation. Please "
        "read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
        code=100,
        subcode=33,
        kind="GraphMethodException",
    )


@dataclass
class Account:
    """A Page or an Instagram professional account the simulation serves."""

    id: str
    token: str
    name: str
    kind: str = "page"  # or "instagram"
    app_secret: str | None = None
    fail_every: int = 0
    writes: int = 0
    blocked: set[str] = field(default_factory=set)
    username: str = ""
    # The profile as the account's administrator wrote it (the demo fills it in).
    about: str = ""
    website: str = ""


@dataclass
class Node:
    """A post, comment, photo or Instagram media, comment or container."""

    id: str
    kind: str  # post, comment, photo, ig_media, ig_comment, ig_container
    owner: str  # the account it lives on
    message: str = ""
    author_id: str = ""
    author_name: str = ""
    parent: str | None = None  # the post (or comment) it hangs on
    created: float = field(default_factory=time.time)
    is_hidden: bool = False
    deleted: bool = False
    image_url: str = ""
    published: str | None = None  # a container's published media id, a photo's post
    alt_text: str = ""  # an Instagram image container's
    link: str = ""  # a post's link card
    attached: list[str] = field(default_factory=list)  # a post's photos
    children: list[str] = field(default_factory=list)  # a carousel container's items
    carousel_item: bool = False
    size: int = 0  # an uploaded photo's bytes


class SimulatedGraph:
    """The Graph API's state and answers; thread-safe (the demo's worker and web share it)."""

    def __init__(self) -> None:
        """Start empty; add accounts with add_page / add_instagram."""
        self.accounts: dict[str, Account] = {}
        self.nodes: dict[str, Node] = {}
        self.log: list[tuple[str, str, dict[str, str]]] = []
        self._lock = threading.RLock()
        self._seq = int(time.time())

    # --- set-up --------------------------------------------------------------

    def add_page(
        self,
        page_id: str,
        *,
        token: str,
        name: str = "",
        app_secret: str | None = None,
        fail_every: int = 0,
    ) -> Account:
        """Serve a Facebook Page (again: its settings are replaced, its content kept)."""
        with self._lock:
            account = self.accounts.get(page_id) or Account(page_id, token, name)
            account.token, account.name = token, name or account.name
            account.app_secret, account.fail_every = app_secret, max(0, fail_every)
            self.accounts[page_id] = account
            return account

    def add_instagram(
        self, ig_user_id: str, *, token: str, username: str, app_secret: str | None = None
    ) -> Account:
        """Serve an Instagram professional account."""
        with self._lock:
            account = Account(
                ig_user_id, token, username, "instagram", app_secret, username=username
            )
            self.accounts[ig_user_id] = self.accounts.get(ig_user_id, account)
            return self.accounts[ig_user_id]

    def add_comment(
        self,
        comment_id: str,
        *,
        page_id: str,
        post_id: str,
        message: str,
        author_id: str,
        author_name: str,
        created: float | None = None,
    ) -> Node:
        """A visitor's comment, as the demo's webhook stream announces it."""
        with self._lock:
            self._ensure_post(post_id, page_id)
            node = Node(
                comment_id,
                "comment",
                page_id,
                message,
                author_id,
                author_name,
                parent=post_id,
                created=created or time.time(),
            )
            self.nodes.setdefault(comment_id, node)
            return self.nodes[comment_id]

    def add_ig_comment(
        self,
        comment_id: str,
        *,
        ig_user_id: str,
        media_id: str,
        text: str,
        username: str,
        author_id: str | None = None,
    ) -> Node:
        """A visitor's comment on an Instagram media."""
        with self._lock:
            if media_id not in self.nodes:
                self.nodes[media_id] = Node(media_id, "ig_media", ig_user_id, "", ig_user_id)
            node = Node(
                comment_id,
                "ig_comment",
                ig_user_id,
                text,
                author_id or str(int(hashlib.sha256(username.encode()).hexdigest()[:12], 16)),
                username,
                parent=media_id,
            )
            self.nodes.setdefault(comment_id, node)
            return self.nodes[comment_id]

    def _post_of(self, node: Node) -> str | None:
        """The post a comment hangs under, however deep."""
        seen = 0
        while node.parent and seen < 50:
            parent = self.nodes.get(node.parent)
            if parent is None:
                return None
            if parent.kind == "post":
                return parent.id
            node, seen = parent, seen + 1
        return None

    def _ensure_post(self, post_id: str, page_id: str) -> Node:
        if post_id not in self.nodes:
            self.nodes[post_id] = Node(post_id, "post", page_id, "", page_id, "")
        return self.nodes[post_id]

    def _next(self) -> int:
        self._seq += 1
        return self._seq

    # --- answering -----------------------------------------------------------

    def handle(self, request: Request) -> Reply:
        """Answer one Graph call."""
        segments = [s for s in request.path.split("/") if s]
        if segments and _VERSION.match(segments[0]):
            segments = segments[1:]
        params = {
            k: v
            for k in set(request.query) | set(request.form)
            if k not in ("appsecret_proof", "access_token")
            for v in [request.param(k) or ""]
        }
        with self._lock:
            self.log.append((request.method, "/".join(segments), params))
            del self.log[:-1000]
            try:
                if not 1 <= len(segments) <= 2:
                    raise GraphError("Unknown path components", code=2500)
                return Reply(200, self._route(request, segments))
            except GraphError as exc:
                return exc.reply()

    def _route(self, request: Request, segments: list[str]) -> dict[str, Any]:
        target = segments[0]
        edge = segments[1] if len(segments) == 2 else None
        method = request.method
        account = self.accounts.get(target)
        if account is not None:
            self._authorise(request, account)
            if edge is None and method == "GET":
                return self._account_fields(account, request)
            if method == "POST" and edge in ("feed", "photos", "blocked", "media", "media_publish"):
                self._maybe_fail(account)
                return getattr(self, f"_post_{edge}")(account, request)
            if method == "GET" and edge in ("feed", "posts", "conversations", "media", "blocked"):
                return self._list(account, edge, request)
            if method == "GET" and edge == "insights":
                return self._insights(account, request)
            raise GraphError(f"Unsupported {method.lower()} request.", code=100)
        node = self._node(target)
        owner = self.accounts[node.owner]
        self._authorise(request, owner)
        if edge is None:
            if method == "GET":
                return self._fields(node, request)
            if method == "POST":
                self._maybe_fail(owner)
                return self._update(node, request)
            if method == "DELETE":
                self._maybe_fail(owner)
                node.deleted = True
                return {"success": True}
        elif method == "POST" and edge in ("comments", "replies"):
            self._maybe_fail(owner)
            return self._reply(node, owner, edge, request)
        elif method == "GET" and edge in ("comments", "replies"):
            # filter=stream on a post lists every comment under it, replies included (flat).
            stream = node.kind == "post" and request.param("filter") == "stream"
            children = [
                self._fields(n, request)
                for n in sorted(self.nodes.values(), key=lambda n: n.created)
                if not n.deleted
                and n.kind in ("comment", "ig_comment")
                and (n.parent == node.id or (stream and self._post_of(n) == node.id))
            ]
            return {"data": children}
        raise _missing(target, method.lower())

    def _authorise(self, request: Request, account: Account) -> None:
        token = request.bearer()
        if not token:
            raise GraphError("An active access token must be used to query information.", code=2500)
        if not hmac.compare_digest(token.encode(), account.token.encode()):
            raise GraphError(
                "Invalid OAuth access token - Cannot parse access token", code=190, status=400
            )
        proof = request.param("appsecret_proof")
        if proof and account.app_secret:
            expected = hmac.new(
                account.app_secret.encode(), token.encode(), hashlib.sha256
            ).hexdigest()
            if not hmac.compare_digest(proof, expected):
                raise GraphError("Invalid appsecret_proof provided in the API argument", code=100)

    def _maybe_fail(self, account: Account) -> None:
        account.writes += 1
        if account.fail_every and account.writes % account.fail_every == 0:
            raise GraphError(_TRANSIENT, code=2, status=500, transient=True)

    def _node(self, object_id: str) -> Node:
        node = self.nodes.get(object_id)
        if node is None:
            # A comment from an earlier run of the demo (this state lives in memory only):
            # it exists when its id says it belongs to a Page served here.
            match = _FB_ID.match(object_id)
            if match and match.group(1) in self.accounts:
                page, post = match.group(1), f"{match.group(1)}_{match.group(2)}"
                if match.group(3):
                    self._ensure_post(post, page)
                    node = Node(object_id, "comment", page, parent=post)
                else:
                    node = Node(object_id, "post", page, author_id=page)
                self.nodes[object_id] = node
        if node is None or node.deleted:
            raise _missing(object_id)
        return node

    # --- writes --------------------------------------------------------------

    def _update(self, node: Node, request: Request) -> dict[str, Any]:
        name = "hide" if node.kind == "ig_comment" else "is_hidden"
        value = request.param(name)
        if value is None or node.kind not in ("comment", "ig_comment"):
            raise GraphError(f"(#100) Unsupported post request: expected '{name}'", code=100)
        if value not in ("true", "false"):
            raise GraphError(f"(#100) Param {name} must be a boolean", code=100)
        if node.kind == "comment" and node.author_id == node.owner:
            raise GraphError("(#100) The Page's own comments cannot be hidden", code=100)
        node.is_hidden = value == "true"
        return {"success": True}

    def _reply(self, node: Node, owner: Account, edge: str, request: Request) -> dict[str, Any]:
        text = (request.param("message") or "").strip()
        if not text:
            raise GraphError("(#100) Missing message or attachment", code=100)
        if len(text) > MAX_COMMENT:
            raise GraphError("(#100) The comment is too long", code=100)
        if owner.kind == "instagram":
            if edge != "replies" or node.kind != "ig_comment":
                raise _missing(node.id, "post")
            # Instagram threads are one level deep: a reply to a reply joins its parent.
            above = self.nodes.get(node.parent or "")
            parent = above if above is not None and above.kind == "ig_comment" else node
            new_id = str(17_800_000_000_000_000 + self._next())
            self.nodes[new_id] = Node(
                new_id, "ig_comment", owner.id, text, owner.id, owner.username, parent=parent.id
            )
            return {"id": new_id}
        if edge != "comments":
            raise _missing(node.id, "post")
        thread = node.parent if node.kind == "comment" and node.parent else node.id
        new_id = f"{thread}_{self._next()}"
        self.nodes[new_id] = Node(
            new_id, "comment", owner.id, text, owner.id, owner.name, parent=node.id
        )
        return {"id": new_id}

    def _post_blocked(self, account: Account, request: Request) -> dict[str, Any]:
        if account.kind != "page":
            raise _missing(account.id, "post")
        raw = request.param("user") or request.param("uid") or request.param("psid") or ""
        users = [u.strip() for u in raw.split(",") if u.strip()]
        if not users or not all(u.isdigit() for u in users):
            raise GraphError("(#100) Param user must be a valid user id", code=100)
        account.blocked.update(users)
        return dict.fromkeys(users, True)

    def _post_feed(self, account: Account, request: Request) -> dict[str, Any]:
        if account.kind != "page":
            raise _missing(account.id, "post")
        text = (request.param("message") or "").strip()
        link = request.param("link") or ""
        photos = self._attached_media(account, request)
        if not text and not link and not photos:
            raise GraphError("(#100) Missing message or attachment", code=100)
        if len(text) > MAX_POST:
            raise GraphError("(#100) Message is too long", code=100)
        if link and not link.startswith(("http://", "https://")):
            raise GraphError("(#100) The link is not a valid URL", code=100)
        post_id = f"{account.id}_{self._next()}"
        self.nodes[post_id] = Node(
            post_id, "post", account.id, text, account.id, account.name, link=link, attached=photos
        )
        for photo in photos:
            self.nodes[photo].published = post_id
        return {"id": post_id}

    def _attached_media(self, account: Account, request: Request) -> list[str]:
        """The photos of ``attached_media[i]={"media_fbid": …}``: unpublished, this Page's."""
        found: list[str] = []
        for index in range(100):
            raw = request.param(f"attached_media[{index}]")
            if raw is None:
                break
            try:
                value = json.loads(raw)
            except ValueError:
                value = None
            fbid = value.get("media_fbid") if isinstance(value, dict) else None
            photo_id = fbid if isinstance(fbid, str) else ""
            photo = self.nodes.get(photo_id)
            if (
                photo is None
                or photo.kind != "photo"
                or photo.owner != account.id
                or photo.published is not None
                or photo_id in found
            ):
                raise GraphError(f"(#100) attached_media[{index}] is not a usable photo", code=100)
            found.append(photo_id)
        return found

    def _post_photos(self, account: Account, request: Request) -> dict[str, Any]:
        if account.kind != "page":
            raise _missing(account.id, "post")
        url = request.param("url") or ""
        upload = request.files.get("source")
        if not url and upload is None:
            raise GraphError("(#324) Requires upload file", code=324)
        if upload is not None and not upload.content_type.startswith("image/"):
            raise GraphError("(#324) The file is not an image", code=324)
        caption = request.param("caption") or request.param("message") or ""
        photo_id = str(self._next())
        photo = Node(
            photo_id,
            "photo",
            account.id,
            caption,
            account.id,
            image_url=url,
            size=len(upload.data) if upload else 0,
        )
        self.nodes[photo_id] = photo
        if (request.param("published") or "true").lower() == "false":
            # Unpublished: it waits for a post to attach it (attached_media).
            return {"id": photo_id}
        post_id = f"{account.id}_{self._next()}"
        self.nodes[post_id] = Node(
            post_id, "post", account.id, caption, account.id, account.name, attached=[photo_id]
        )
        photo.published = post_id
        return {"id": photo_id, "post_id": post_id}

    def _post_media(self, account: Account, request: Request) -> dict[str, Any]:
        if account.kind != "instagram":
            raise _missing(account.id, "post")
        caption = request.param("caption") or ""
        if len(caption) > MAX_CAPTION:
            raise GraphError("The caption is too long.", code=100, subcode=2207035)
        container = str(17_900_000_000_000_000 + self._next())
        if (request.param("media_type") or "").upper() == "CAROUSEL":
            children = [c.strip() for c in (request.param("children") or "").split(",") if c]
            if not 2 <= len(children) <= 10 or not all(
                self._carousel_item(account, c) for c in children
            ):
                raise GraphError(
                    "A carousel takes 2 to 10 items made for it.", code=100, subcode=2207026
                )
            self.nodes[container] = Node(
                container, "ig_container", account.id, caption, account.id, children=children
            )
            return {"id": container}
        image = request.param("image_url") or request.param("video_url") or ""
        if not image:
            raise GraphError(
                "Only photo or video can be accepted as media type.", code=9004, subcode=2207052
            )
        item = (request.param("is_carousel_item") or "").lower() == "true"
        self.nodes[container] = Node(
            container,
            "ig_container",
            account.id,
            "" if item else caption,
            account.id,
            image_url=image,
            alt_text=request.param("alt_text") or "",
            carousel_item=item,
        )
        return {"id": container}

    def _carousel_item(self, account: Account, container_id: str) -> bool:
        node = self.nodes.get(container_id)
        return (
            node is not None
            and node.kind == "ig_container"
            and node.owner == account.id
            and node.carousel_item
        )

    def _post_media_publish(self, account: Account, request: Request) -> dict[str, Any]:
        if account.kind != "instagram":
            raise _missing(account.id, "post")
        creation = request.param("creation_id") or ""
        container = self.nodes.get(creation)
        if container is None or container.kind != "ig_container" or container.owner != account.id:
            raise GraphError("The requested resource does not exist", code=24, subcode=2207006)
        if container.carousel_item:
            raise GraphError(
                "A carousel item is published with its carousel.", code=100, subcode=2207001
            )
        if container.published is None:
            # Publishing a container twice gives the same media, as Graph does.
            media_id = str(17_950_000_000_000_000 + self._next())
            first = self.nodes[container.children[0]] if container.children else container
            self.nodes[media_id] = Node(
                media_id,
                "ig_media",
                account.id,
                container.message,
                account.id,
                account.username,
                image_url=first.image_url,
                children=list(container.children),
            )
            container.published = media_id
        return {"id": container.published}

    # --- reads ---------------------------------------------------------------

    def _account_fields(self, account: Account, request: Request) -> dict[str, Any]:
        if account.kind == "instagram":
            data = {
                "id": account.id,
                "username": account.username,
                "name": account.name,
                "biography": account.about or "Kommunens konto (simulerat i demon).",
                "website": account.website or "https://www.pitea.se",
                "followers_count": figure(account.id, "followers", low=400, high=6000),
            }
        else:
            data = {
                "id": account.id,
                "name": account.name,
                "about": account.about or "Simulerad sida i Tillits demo.",
                "website": account.website or "https://www.pitea.se",
                "link": f"https://www.facebook.com/{account.id}",
                "followers_count": figure(account.id, "followers", low=800, high=12000),
            }
        return _select(data, request.param("fields"))

    def _list(self, account: Account, edge: str, request: Request) -> dict[str, Any]:
        if edge == "conversations":
            return {"data": []}
        if edge == "blocked":
            return {"data": [{"id": u} for u in sorted(account.blocked)]}
        kind = "ig_media" if edge == "media" else "post"
        found = [
            self._fields(n, request)
            for n in sorted(self.nodes.values(), key=lambda n: n.created, reverse=True)
            if n.owner == account.id
            and n.kind == kind
            and not n.deleted
            # /posts is the Page's own posts; /feed has the visitors' too.
            and (edge != "posts" or n.author_id == account.id)
        ]
        return {"data": found[:100]}

    def _insights(self, account: Account, request: Request) -> dict[str, Any]:
        """One metric, day by day for a Page, as a total for an Instagram account."""
        known = IG_METRICS if account.kind == "instagram" else PAGE_METRICS
        metric = request.param("metric") or ""
        if metric not in known:
            raise GraphError("(#100) The value must be a valid insights metric", code=100)
        try:
            since, until = int(request.param("since") or ""), int(request.param("until") or "")
        except ValueError:
            raise GraphError("(#100) since and until must be Unix timestamps", code=100) from None
        if not 0 < until - since <= _MAX_SPAN_DAYS[account.kind] * 86400:
            raise GraphError(
                f"(#100) There cannot be more than {_MAX_SPAN_DAYS[account.kind]} days between "
                "since and until",
                code=100,
            )
        low, high = known[metric]
        values = [
            (day, figure(account.id, metric, day, low=low, high=high)) for day in days(since, until)
        ]
        entry: dict[str, Any] = {
            "name": metric,
            "period": "day",
            "title": metric.replace("_", " ").capitalize(),
            "id": f"{account.id}/insights/{metric}/day",
        }
        if account.kind == "instagram":
            entry["total_value"] = {"value": sum(value for _day, value in values)}
        else:
            entry["values"] = [
                {"value": value, "end_time": f"{day.isoformat()}T08:00:00+0000"}
                for day, value in values
            ]
        return {"data": [entry]}

    def _comment_count(self, node: Node) -> int:
        """The comments under a post or media, replies included, that are still there."""
        return sum(
            1
            for n in self.nodes.values()
            if n.kind in ("comment", "ig_comment")
            and not n.deleted
            and (n.parent == node.id or self._post_of(n) == node.id)
        )

    def _fields(self, node: Node, request: Request) -> dict[str, Any]:
        if node.kind.startswith("ig_"):
            data: dict[str, Any] = {
                "id": node.id,
                "timestamp": graph_time(node.created),
                "username": node.author_name,
                "from": {"id": node.author_id, "username": node.author_name},
            }
            if node.kind == "ig_comment":
                data.update(text=node.message, hidden=node.is_hidden)
                if node.parent and self.nodes[node.parent].kind == "ig_comment":
                    data["parent_id"] = node.parent
            else:
                data.update(
                    caption=node.message,
                    media_type="CAROUSEL_ALBUM" if node.children else "IMAGE",
                    media_url=node.image_url,
                    permalink=f"https://www.instagram.com/p/{node.id}/",
                    like_count=figure(node.id, "likes", low=5, high=240),
                    comments_count=self._comment_count(node),
                )
        else:
            data = {
                "id": node.id,
                "message": node.message,
                "created_time": graph_time(node.created),
                "updated_time": graph_time(node.created),
                "from": {"id": node.author_id, "name": node.author_name},
                "permalink_url": f"https://www.facebook.com/{node.id}",
            }
            attachments = [
                {"media_type": "photo", "type": "photo", "url": f"https://www.facebook.com/{p}"}
                for p in node.attached
            ]
            if node.link:
                attachments.append({"type": "share", "url": node.link, "title": node.link})
            if attachments:
                data["attachments"] = {"data": attachments}
            if node.kind == "post":
                data["reactions"] = {
                    "data": [],
                    "summary": {"total_count": figure(node.id, "reactions", low=2, high=180)},
                }
                data["comments"] = {
                    "data": [],
                    "summary": {"total_count": self._comment_count(node)},
                }
                shares = figure(node.id, "shares", low=0, high=12)
                if shares:
                    # Graph leaves shares out of a post nobody has shared.
                    data["shares"] = {"count": shares}
            if node.kind == "comment":
                data["is_hidden"] = node.is_hidden
                parent = self.nodes.get(node.parent or "")
                if parent is not None and parent.kind == "comment":
                    data["parent"] = {"id": parent.id}
        return _select(data, request.param("fields"))


def _select(data: dict[str, Any], fields: str | None) -> dict[str, Any]:
    """Only the top-level fields asked for (``a,b{c},d.limit(3)``), and always the id."""
    if not fields:
        return {k: data[k] for k in ("id", "name", "message", "created_time") if k in data}
    wanted, depth, current = set(), 0, ""
    for char in fields:
        if char in "{(":
            depth += 1
        elif char in "})":
            depth -= 1
        elif depth == 0 and char == ",":
            wanted.add(current.strip())
            current = ""
            continue
        if depth == 0 and char not in "})":
            current += char
    wanted.add(current.strip())
    names = {m.group(0) for w in wanted if (m := _FIELD.match(w))}
    return {k: v for k, v in data.items() if k in names or k == "id"}
