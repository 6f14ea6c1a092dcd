"""Bluesky connector over XRPC: notifications, chat, thread-gate hiding, blocks and reports."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from tillit.core.messages import Message
from tillit.core.messages import marked as _

from ...base import (
    ActionResult,
    ActionStatus,
    Attachment,
    Author,
    Capability,
    Connector,
    FetchResult,
    InboundItem,
    InsightPeriod,
    Insights,
    ItemKind,
    Media,
    Parameter,
    PostRules,
    Profile,
    Publication,
    TextLimit,
    done,
    web_addresses,
)
from ...errors import PayloadError, PlatformRefused
from ...insights import FOLLOWERS, IMPRESSIONS, REACH, InsightsDraft, NewestFirst, dig
from ...parsing import (
    decode_cursor,
    encode_cursor,
    field_list,
    field_obj,
    field_str,
    field_time,
    obj,
    opt_int,
    opt_obj,
    opt_str,
    opt_web_url,
    parse_time,
)
from ...registry import register_connector
from .xrpc import CHAT_PROXY, MODERATION_PROXY, AtUri, XrpcClient

POST = "app.bsky.feed.post"
THREADGATE = "app.bsky.feed.threadgate"
_REASONS = ("mention", "reply", "quote")
_URL = re.compile(r"https?://[^\s<>\"']+")


def link_facets(text: str) -> list[dict[str, Any]]:
    """A link facet for every web address in ``text``, at its UTF-8 byte offsets."""
    facets = []
    for start, end in web_addresses(text):
        byte_start = len(text[:start].encode())
        facets.append(
            {
                "index": {
                    "byteStart": byte_start,
                    "byteEnd": byte_start + len(text[start:end].encode()),
                },
                "features": [{"$type": "app.bsky.richtext.facet#link", "uri": text[start:end]}],
            }
        )
    return facets


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@register_connector
class BlueskyConnector(Connector):
    """A Bluesky account, signed in with an app password."""

    platform = "bluesky"
    label = _("Bluesky")
    state_unsupported = _(
        "Tillit does not yet read a Bluesky post's state back; check the post in Bluesky."
    )
    account_parameter = "identifier"
    parameters = (
        Parameter("identifier", _("Handle or DID, e.g. kommun.bsky.social")),
        Parameter("app_password", _("App password (with direct-message access)"), secret=True),
        Parameter("service", _("PDS URL"), required=False, default="https://bsky.social", url=True),
    )
    # Bluesky counts 300 graphemes (an emoji with a skin tone is one).
    text_limit = TextLimit(reply=300, post=300, graphemes=True)
    # Four images; a blob may be at most 1,000,000 bytes.
    post_rules = PostRules(
        max_media=4,
        media_types=frozenset({"image/jpeg", "image/png"}),
        max_media_bytes=1_000_000,
    )
    capabilities = frozenset(
        {
            Capability.READ_COMMENTS,
            Capability.READ_DIRECT_MESSAGES,
            Capability.HIDE,
            Capability.UNHIDE,
            Capability.DELETE_OWN,
            Capability.REPLY,
            Capability.BLOCK,
            Capability.REPORT,
            Capability.READ_PROFILE,
            Capability.PUBLISH,
            Capability.READ_INSIGHTS,
        }
    )
    insights_explanation = _(
        "Bluesky counts no views or reach. Engagements are the likes, reposts, replies and "
        "quotes so far on the account's own posts published in the period (not its replies "
        "or reposts). Followers are the account's followers when the figures were fetched."
    )
    unsupported = {
        Capability.DELETE: _(
            "Bluesky posts live in their authors' repositories; nobody else can delete "
            "them. Hide the reply (thread gate, threads the organisation started), block "
            "the author, or report the post to Bluesky moderation."
        ),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Prepare the XRPC client; it logs in on the first call."""
        super().__init__(*args, **kwargs)
        self._xrpc: XrpcClient | None = None

    @property
    def xrpc(self) -> XrpcClient:
        """The XRPC client for this account."""
        if self._xrpc is None:
            self._xrpc = XrpcClient(
                self.http,
                self.limits,
                service=self.config["service"],
                identifier=self.config["identifier"],
                password=self.config["app_password"],
            )
        return self._xrpc

    @property
    def did(self) -> str:
        """The account's DID (logs in when needed)."""
        if self.xrpc.did is None:
            self.xrpc.login()
        assert self.xrpc.did is not None
        return self.xrpc.did

    # --- reading -------------------------------------------------------

    def fetch_items(self, since: str | None = None) -> FetchResult:
        """Mentions, replies and quotes since the cursor, then new chat messages."""
        state = decode_cursor(since)
        seen = state.get("notif")
        chat_seen = state.get("chat")
        for value in (seen, chat_seen):
            if value is not None and not isinstance(value, str):
                raise PayloadError("cursor: timestamps must be strings")
        seen_dt = parse_time(seen, "cursor.notif") if seen else None
        chat_dt = parse_time(chat_seen, "cursor.chat") if chat_seen else None
        items: list[InboundItem] = []
        newest = seen_dt
        page_cursor: str | None = None
        ids: set[str] = set()
        for _page in range(self.limits.max_pages):
            params: dict[str, Any] = {"reasons": list(_REASONS), "limit": 50}
            if page_cursor:
                params["cursor"] = page_cursor
            page = obj(self.xrpc.query("app.bsky.notification.listNotifications", params), "list")
            fresh = stale = 0
            for raw in field_list(page, "notifications", "listNotifications"):
                item = self._notification_item(obj(raw, "notification"))
                if (seen_dt is not None and item.received_at <= seen_dt) or item.platform_id in ids:
                    stale += 1
                    continue
                fresh += 1
                ids.add(item.platform_id)
                items.append(item)
                newest = item.received_at if newest is None else max(newest, item.received_at)
            page_cursor = opt_str(page, "cursor", "listNotifications")
            # Newest first: a page reaching what we had (or repeating itself) ends the walk.
            if stale or not fresh or not page_cursor:
                break
        chat_items, chat_newest = self._chat_items(chat_dt)
        items.extend(chat_items)
        state = {}
        if newest:
            state["notif"] = newest.isoformat()
        if chat_newest:
            state["chat"] = chat_newest.isoformat()
        return FetchResult(tuple(items), encode_cursor(state))

    def _notification_item(self, note: Mapping[str, Any]) -> InboundItem:
        where = "notification"
        reason = field_str(note, "reason", where)
        if reason not in _REASONS:
            raise PayloadError(f"{where}: unexpected reason {reason[:30]!r}")
        uri = AtUri.parse(field_str(note, "uri", where))
        record = field_obj(note, "record", where)
        if record.get("$type") != POST:
            raise PayloadError(f"{where}.record: not a post: {str(record.get('$type'))[:40]!r}")
        reply = opt_obj(record, "reply", f"{where}.record")
        parent = root = None
        if reply is not None:
            parent = field_str(field_obj(reply, "parent", "reply"), "uri", "reply.parent")
            root = field_str(field_obj(reply, "root", "reply"), "uri", "reply.root")
        if reason == "reply":
            on_own_post = parent is not None and AtUri.parse(parent).did == self.did
            kind = ItemKind.COMMENT if on_own_post else ItemKind.REPLY
        else:
            kind = ItemKind.MENTION
        author = self._author(field_obj(note, "author", where))
        return InboundItem(
            platform_id=str(uri),
            kind=kind,
            is_public=True,
            text=field_str(record, "text", f"{where}.record"),
            author=author,
            # indexedAt is when Bluesky received it; createdAt is whatever the client claimed.
            received_at=field_time(note, "indexedAt", where),
            parent_platform_id=parent,
            thread_platform_id=root or str(uri),
            permalink=f"https://bsky.app/profile/{uri.did}/post/{uri.rkey}",
            attachments=self._embeds(record, uri.did),
            raw=note,
        )

    @staticmethod
    def _author(data: Mapping[str, Any]) -> Author:
        did = field_str(data, "did", "author")
        handle = field_str(data, "handle", "author")
        return Author(
            platform_id=did,
            display_name=opt_str(data, "displayName", "author") or handle,
            handle=f"@{handle}",
            profile_url=f"https://bsky.app/profile/{did}",
        )

    @staticmethod
    def _embeds(record: Mapping[str, Any], did: str) -> tuple[Attachment, ...]:
        embed = opt_obj(record, "embed", "record")
        if embed is None:
            return ()
        found: list[Attachment] = []
        kind = embed.get("$type")
        if kind == "app.bsky.embed.images":
            for raw in field_list(embed, "images", "embed"):
                image = field_obj(obj(raw, "embed.images[]"), "image", "embed.images[]")
                ref = field_obj(image, "ref", "image")
                cid = field_str(ref, "$link", "image.ref")
                found.append(
                    Attachment(
                        url=f"https://cdn.bsky.app/img/feed_fullsize/plain/{did}/{cid}",
                        media_type=field_str(image, "mimeType", "image"),
                        size=image.get("size") if isinstance(image.get("size"), int) else None,
                        name=opt_str(obj(raw, "embed.images[]"), "alt", "embed.images[]"),
                    )
                )
        elif kind == "app.bsky.embed.external":
            external = field_obj(embed, "external", "embed")
            found.append(Attachment(url=field_str(external, "uri", "external"), media_type="link"))
        return tuple(found)

    def _chat_items(self, seen: datetime | None) -> tuple[list[InboundItem], datetime | None]:
        newest = seen
        items: list[InboundItem] = []
        convos = obj(
            self.xrpc.query("chat.bsky.convo.listConvos", {"limit": 50}, proxy=CHAT_PROXY),
            "listConvos",
        )
        for raw in field_list(convos, "convos", "listConvos"):
            convo = obj(raw, "convo")
            convo_id = field_str(convo, "id", "convo")
            members = {
                field_str(m, "did", "member"): self._author(obj(m, "member"))
                for m in field_list(convo, "members", "convo")
                if isinstance(m, Mapping)
            }
            last = opt_obj(convo, "lastMessage", "convo")
            last_at = opt_str(last or {}, "sentAt", "convo.lastMessage")
            if seen is not None and (not last_at or parse_time(last_at, "sentAt") <= seen):
                continue
            messages = obj(
                self.xrpc.query(
                    "chat.bsky.convo.getMessages",
                    {"convoId": convo_id, "limit": 50},
                    proxy=CHAT_PROXY,
                ),
                "getMessages",
            )
            for mraw in field_list(messages, "messages", "getMessages"):
                item = self._message_item(obj(mraw, "message"), convo_id, members)
                if item is None or (seen is not None and item.received_at <= seen):
                    continue
                items.append(item)
                newest = item.received_at if newest is None else max(newest, item.received_at)
        return items, newest

    def _message_item(
        self, msg: Mapping[str, Any], convo_id: str, members: Mapping[str, Author]
    ) -> InboundItem | None:
        where = "message"
        kind = msg.get("$type")
        if kind == "chat.bsky.convo.defs#deletedMessageView":
            return None
        if kind != "chat.bsky.convo.defs#messageView":
            raise PayloadError(f"{where}: unknown message type {str(kind)[:60]!r}")
        sender = field_str(field_obj(msg, "sender", where), "did", f"{where}.sender")
        author = members.get(sender) or Author(platform_id=sender, display_name=sender)
        return InboundItem(
            # The conversation is part of the id so a reply knows where to go.
            platform_id=f"chat:{convo_id}:{field_str(msg, 'id', where)}",
            kind=ItemKind.DIRECT_MESSAGE,
            is_public=False,
            text=field_str(msg, "text", where),
            author=author,
            received_at=field_time(msg, "sentAt", where),
            thread_platform_id=convo_id,
            raw=msg,
        )

    def fetch_profile(self) -> Profile:
        """Display name, description, and the links written in it."""
        data = obj(self.xrpc.query("app.bsky.actor.getProfile", {"actor": self.did}), "profile")
        handle = field_str(data, "handle", "profile")
        bio = opt_str(data, "description", "profile") or ""
        # The profile record has its own website field (app.bsky.actor.profile#website);
        # views that carry it give it next to the description.
        website = opt_web_url(data, "website", "profile")
        return Profile(
            platform_id=field_str(data, "did", "profile"),
            display_name=opt_str(data, "displayName", "profile") or handle,
            handle=f"@{handle}",
            bio=bio,
            links=(*_URL.findall(bio), *([website] if website else [])),
            url=f"https://bsky.app/profile/{handle}",
            raw=data,
        )

    def _fetch_insights(self, period: InsightPeriod) -> Insights:
        """Followers, and the own posts of the period with their counts so far."""
        draft = self.insights_draft(period)
        draft.lack(
            (IMPRESSIONS, REACH),
            _("Bluesky has no views or reach: the network does not count who read a post."),
        )
        draft.attempt(FOLLOWERS, self._followers, draft)
        draft.read_posts(self._post_figures, draft)
        return draft.done()

    def _followers(self, draft: InsightsDraft) -> None:
        profile = obj(self.xrpc.query("app.bsky.actor.getProfile", {"actor": self.did}), "profile")
        draft.set_followers(profile.get("followersCount"))
        draft.source.append("app.bsky.actor.getProfile followersCount")

    def _post_figures(self, draft: InsightsDraft) -> None:
        """The account's own posts in its author feed, newest first, until the period is passed.

        The time is the network's ``indexedAt``: ``createdAt`` is whatever the posting app
        wrote, any date at all.
        """
        did = self.did
        scan = NewestFirst(draft.period)
        params: dict[str, Any] = {"actor": did, "limit": 100, "filter": "posts_no_replies"}
        draft.source.append(
            "app.bsky.feed.getAuthorFeed filter=posts_no_replies "
            "(likeCount, repostCount, replyCount, quoteCount)"
        )
        for _page in range(self.limits.max_pages):
            page = obj(self.xrpc.query("app.bsky.feed.getAuthorFeed", params), "getAuthorFeed")
            for raw in field_list(page, "feed", "getAuthorFeed"):
                post = dig(raw, "post")
                uri = dig(post, "uri")
                # A repost (or pin) carries a reason; someone else's post is not the account's.
                if dig(raw, "reason") is not None or dig(post, "author", "did") != did:
                    continue
                try:
                    published = parse_time(dig(post, "indexedAt"), "post.indexedAt")
                    rkey = AtUri.parse(uri).rkey
                except PayloadError:
                    continue
                if scan.place(published) and not draft.add_post(
                    uri,
                    published,
                    engagements=tuple(
                        dig(post, key)
                        for key in ("likeCount", "repostCount", "replyCount", "quoteCount")
                    ),
                    permalink=f"https://bsky.app/profile/{did}/post/{rkey}",
                ):
                    return
                if scan.passed:
                    return
            cursor = dig(page, "cursor")
            if not isinstance(cursor, str) or not cursor or len(cursor) > 500:
                return
            params["cursor"] = cursor
        draft.truncated = True

    # --- actions -------------------------------------------------------

    def _post_view(self, uri: str) -> Mapping[str, Any]:
        AtUri.parse(uri)
        answer = obj(self.xrpc.query("app.bsky.feed.getPosts", {"uris": [uri]}), "getPosts")
        posts = field_list(answer, "posts", "getPosts")
        if not posts:
            raise PlatformRefused(Message(_("The post no longer exists.")), 404)
        return obj(posts[0], "post")

    def _set_hidden(self, platform_id: str, hidden: bool) -> ActionResult:
        post = self._post_view(platform_id)
        record = field_obj(post, "record", "post")
        reply = opt_obj(record, "reply", "post.record")
        if reply is None:
            raise PlatformRefused(Message(_("Only replies can be hidden on Bluesky.")))
        root = AtUri.parse(field_str(field_obj(reply, "root", "reply"), "uri", "reply.root"))
        if root.did != self.did:
            raise PlatformRefused(
                Message(_("Bluesky only lets the thread's author hide its replies."))
            )
        gate, swap = self._threadgate(root)
        hidden_now = [u for u in gate.get("hiddenReplies", []) if isinstance(u, str)]
        if hidden and platform_id not in hidden_now:
            hidden_now.append(platform_id)
        if not hidden:
            hidden_now = [u for u in hidden_now if u != platform_id]
        new_gate = {**gate, "$type": THREADGATE, "post": str(root), "hiddenReplies": hidden_now}
        new_gate.setdefault("createdAt", _now())
        body: dict[str, Any] = {
            "repo": self.did,
            "collection": THREADGATE,
            "rkey": root.rkey,
            "record": new_gate,
        }
        if swap:
            # Compare-and-swap so two moderators cannot overwrite each other's hides.
            body["swapRecord"] = swap
        self.xrpc.procedure("com.atproto.repo.putRecord", body)
        return done(platform_id)

    def _threadgate(self, root: AtUri) -> tuple[dict[str, Any], str | None]:
        try:
            answer = self.xrpc.query(
                "com.atproto.repo.getRecord",
                {"repo": self.did, "collection": THREADGATE, "rkey": root.rkey},
            )
        except PlatformRefused as exc:
            if exc.code == "RecordNotFound":
                return {}, None
            raise
        answer = obj(answer, "getRecord")
        return dict(field_obj(answer, "value", "getRecord")), opt_str(answer, "cid", "getRecord")

    def _hide(self, platform_id: str) -> ActionResult:
        return self._set_hidden(platform_id, True)

    def _unhide(self, platform_id: str) -> ActionResult:
        return self._set_hidden(platform_id, False)

    def _delete_own(self, platform_id: str) -> ActionResult:
        uri = AtUri.parse(platform_id)
        if uri.did != self.did or uri.collection != POST:
            raise PlatformRefused(Message(_("Only the account's own posts can be deleted.")))
        self.xrpc.procedure(
            "com.atproto.repo.deleteRecord",
            {"repo": self.did, "collection": POST, "rkey": uri.rkey},
        )
        return done(platform_id)

    def _create_post(self, record: dict[str, Any]) -> ActionResult:
        answer = obj(
            self.xrpc.procedure(
                "com.atproto.repo.createRecord",
                {"repo": self.did, "collection": POST, "record": record},
            ),
            "createRecord",
        )
        uri = field_str(answer, "uri", "createRecord")
        try:
            parsed = AtUri.parse(uri)
        except PayloadError:
            # The post exists; only its address on bsky.app cannot be told.
            return done(uri)
        return done(uri, permalink=f"https://bsky.app/profile/{parsed.did}/post/{parsed.rkey}")

    def _reply(self, platform_id: str, text: str, idempotency_key: str) -> ActionResult:
        # XRPC has no idempotency key; the outbox must check for the reply before resending.
        if platform_id.startswith("chat:"):
            return self._send_chat(platform_id.split(":")[1], text)
        parent = self._post_view(platform_id)
        parent_ref = {
            "uri": field_str(parent, "uri", "post"),
            "cid": field_str(parent, "cid", "post"),
        }
        reply = opt_obj(field_obj(parent, "record", "post"), "reply", "post.record")
        root_ref = dict(field_obj(reply, "root", "reply")) if reply else parent_ref
        record = {
            "$type": POST,
            "text": text,
            "createdAt": _now(),
            "reply": {"root": root_ref, "parent": parent_ref},
        }
        return self._create_post(record)

    def _send_chat(self, convo_id: str, text: str) -> ActionResult:
        answer = obj(
            self.xrpc.procedure(
                "chat.bsky.convo.sendMessage",
                {"convoId": convo_id, "message": {"text": text}},
                proxy=CHAT_PROXY,
            ),
            "sendMessage",
        )
        return done(f"chat:{convo_id}:{field_str(answer, 'id', 'sendMessage')}")

    def _publish(self, publication: Publication, idempotency_key: str) -> ActionResult:
        # XRPC has no idempotency key; the outbox must look for the post before resending.
        text = self.post_text(publication)
        record: dict[str, Any] = {"$type": POST, "text": text, "createdAt": _now()}
        facets = link_facets(text)
        if facets:
            # Bluesky shows a web address as plain text unless a facet marks it as a link.
            record["facets"] = facets
        if publication.media:
            record["embed"] = {
                "$type": "app.bsky.embed.images",
                "images": [
                    {"alt": media.alt_text, "image": self._upload(media)}
                    for media in publication.media
                ],
            }
        return self._create_post(record)

    def _upload(self, media: Media) -> dict[str, Any]:
        """Upload an image's bytes; the blob reference a post embeds."""
        answer = obj(
            self.xrpc.upload("com.atproto.repo.uploadBlob", media.data, media.media_type),
            "uploadBlob",
        )
        blob = field_obj(answer, "blob", "uploadBlob")
        cid = field_str(field_obj(blob, "ref", "uploadBlob.blob"), "$link", "uploadBlob.blob.ref")
        size = opt_int(blob, "size", "uploadBlob.blob")
        # Rebuilt from the fields a blob reference has, so nothing else rides into the post.
        return {
            "$type": "blob",
            "ref": {"$link": cid},
            "mimeType": field_str(blob, "mimeType", "uploadBlob.blob"),
            "size": len(media.data) if size is None else size,
        }

    def _block(self, author_platform_id: str, context_platform_id: str | None) -> ActionResult:
        if not author_platform_id.startswith("did:"):
            raise PlatformRefused(
                Message(_("Bluesky needs the author's account id (DID) to block them."))
            )
        answer = obj(
            self.xrpc.procedure(
                "com.atproto.repo.createRecord",
                {
                    "repo": self.did,
                    "collection": "app.bsky.graph.block",
                    "record": {
                        "$type": "app.bsky.graph.block",
                        "subject": author_platform_id,
                        "createdAt": _now(),
                    },
                },
            ),
            "createRecord",
        )
        return done(field_str(answer, "uri", "createRecord"))

    def _report(
        self, platform_id: str, reason: str, author_platform_id: str | None
    ) -> ActionResult:
        post = self._post_view(platform_id)
        answer = obj(
            self.xrpc.procedure(
                "com.atproto.moderation.createReport",
                {
                    "reasonType": "com.atproto.moderation.defs#reasonOther",
                    "reason": reason[:2000],
                    "subject": {
                        "$type": "com.atproto.repo.strongRef",
                        "uri": field_str(post, "uri", "post"),
                        "cid": field_str(post, "cid", "post"),
                    },
                },
                proxy=MODERATION_PROXY,
            ),
            "createReport",
        )
        report_id = answer.get("id")
        if isinstance(report_id, bool) or not isinstance(report_id, int | str):
            raise PayloadError("createReport: missing 'id'")
        return ActionResult(ActionStatus.DONE, str(report_id))
