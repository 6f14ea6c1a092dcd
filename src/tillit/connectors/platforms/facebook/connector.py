"""Facebook Page connector over the Graph API: posts, comments, Messenger, webhooks."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from tillit.core.messages import Message, foreign
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
    Parameter,
    PlatformState,
    PostRules,
    Profile,
    Publication,
    Rejected,
    TextLimit,
    done,
)
from ...errors import PayloadError, PlatformRefused
from ...http import parse_json
from ...insights import ENGAGEMENTS, IMPRESSIONS, REACH, dig
from ...parsing import (
    cursor_epoch,
    decode_cursor,
    encode_cursor,
    field_id,
    field_list,
    field_obj,
    field_str,
    field_time,
    from_epoch,
    obj,
    opt_bool,
    opt_obj,
    opt_str,
    safe_id,
)
from ...registry import register_connector
from .graph import GRAPH_URL, GraphClient, require_success, subscription_challenge, verify_signature
from .insights import GraphFigures, graph_insights, summary_total

POST_FIELDS = (
    "id,message,created_time,updated_time,permalink_url,from{id,name},"
    "attachments{media_type,type,url,title,media}"
)
COMMENT_FIELDS = (
    "id,message,created_time,from{id,name},parent{id},is_hidden,permalink_url,attachment"
)
MESSAGE_FIELDS = (
    "id,message,created_time,from,attachments{id,mime_type,name,size,file_url,image_data}"
)
# Page metrics (developers.facebook.com/docs/platforminsights/page): views replaced
# impressions (November 2025), page_total_media_view_unique replaces page_impressions_unique.
# Graph answers at most 90 days of insights per call. A post's counts so far: reactions and
# comments as summaries (no entries), and shares.
PAGE_FIGURES = GraphFigures(
    metrics=(
        ("page_media_view", IMPRESSIONS),
        ("page_total_media_view_unique", REACH),
        ("page_post_engagements", ENGAGEMENTS),
    ),
    window_days=90,
    params={"period": "day"},
    posts_edge="posts",
    post_fields=(
        "id,created_time,permalink_url,shares,"
        "reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0)"
    ),
    time_field="created_time",
    permalink_field="permalink_url",
    engagements=lambda post: (
        summary_total(post, "reactions"),
        summary_total(post, "comments"),
        dig(post, "shares", "count"),
    ),
)

# Webhook "feed" items that carry no new text for the inbox.
_SKIPPED_FEED_ITEMS = {"reaction", "like", "share", "event", "rating", "album"}
_POST_FEED_ITEMS = {"status", "post", "photo", "video"}
_SKIPPED_MESSAGING = {
    "read",
    "delivery",
    "reaction",
    "postback",
    "optin",
    "referral",
    "message_edit",
}


def rejected(exc: PayloadError, raw: Any, *id_keys: str) -> Rejected:
    """A ``Rejected`` for an entry that failed to parse, naming its id when it has a readable one."""
    found = None
    if isinstance(raw, Mapping):
        for key in id_keys or ("id",):
            value = raw.get(key)
            if isinstance(value, str | int) and not isinstance(value, bool):
                found = str(value)[:300]
                break
    return Rejected(reason=exc.message, raw=raw, platform_id=found)


def graph_author(data: Mapping[str, Any] | None, where: str) -> Author:
    """Author from a Graph ``from`` object; missing means the app lacks a permission."""
    if data is None:
        raise PayloadError(
            Message(
                _(
                    "%(where)s: the author is missing. Has the Page token been given the "
                    "pages_read_user_content permission?"
                ),
                where=foreign(where),
            )
        )
    return Author(
        platform_id=field_id(data, "id", where),
        display_name=opt_str(data, "name", where) or "",
        profile_url=None,
    )


def graph_attachments(data: Mapping[str, Any], where: str) -> tuple[Attachment, ...]:
    """Attachments from a post's ``attachments`` edge or a comment's ``attachment``."""
    found: list[Mapping[str, Any]] = []
    single = opt_obj(data, "attachment", where)
    if single is not None:
        found.append(single)
    edge = opt_obj(data, "attachments", where)
    if edge is not None:
        found.extend(obj(a, f"{where}.attachments[]") for a in field_list(edge, "data", where))
    result = []
    for att in found:
        media = opt_obj(att, "media", where) or {}
        image = opt_obj(media, "image", where) or {}
        url = opt_str(att, "url", where) or opt_str(image, "src", where)
        if url:
            kind = opt_str(att, "media_type", where) or opt_str(att, "type", where) or "link"
            result.append(Attachment(url=url, media_type=kind, name=opt_str(att, "title", where)))
    return tuple(result)


@register_connector
class FacebookConnector(Connector):
    """A Facebook Page: its posts, visitors' comments and Messenger conversations."""

    platform = "facebook"
    label = _("Facebook (Page)")
    account_parameter = "page_id"
    parameters = (
        Parameter("page_id", _("Page id")),
        Parameter("page_access_token", _("Page access token"), secret=True),
        Parameter(
            "app_secret", _("App secret (webhooks, appsecret_proof)"), secret=True, required=False
        ),
        Parameter("verify_token", _("Webhook verify token"), secret=True, required=False),
        Parameter("api_version", _("Graph API version"), required=False, default="v23.0"),
        # Empty means graph.facebook.com; the demo points it at its simulated Graph API.
        Parameter("graph_url", _("Graph API address"), required=False, url=True),
    )
    # A Page comment takes 8,000 characters, a post 63,206.
    text_limit = TextLimit(reply=8000, post=63206)
    # Facebook asks for photos under 4 MB; a post may carry several (10 is Tillit's bound).
    post_rules = PostRules(
        max_media=10,
        media_types=frozenset({"image/jpeg", "image/png", "image/gif"}),
        max_media_bytes=4 * 1024 * 1024,
    )
    capabilities = frozenset(
        {
            Capability.READ_POSTS,
            Capability.READ_COMMENTS,
            Capability.READ_DIRECT_MESSAGES,
            Capability.HIDE,
            Capability.UNHIDE,
            Capability.DELETE,
            Capability.DELETE_OWN,
            Capability.REPLY,
            Capability.BLOCK,
            Capability.READ_PROFILE,
            Capability.PUBLISH,
            Capability.READ_STATE,
            Capability.READ_INSIGHTS,
        }
    )
    insights_explanation = _(
        "Facebook: views are how many times the Page's content was on someone's screen; "
        "reach is how many people it reached, added up day by day (someone reached on two "
        "days counts twice); engagements are reactions, comments, shares and other "
        "interactions with the Page's posts during the period. Followers are the Page's "
        "followers when the figures were fetched; per post, its reactions, comments and "
        "shares so far. Facebook counts its days in Pacific time, updates the figures about "
        "once a day and gives them only for Pages with at least 100 likes."
    )
    unsupported = {
        Capability.REPORT: _(
            "The Graph API cannot report content to Meta. Report it in Facebook itself "
            "(the comment's menu, 'Report'); hiding is available here at once."
        ),
    }
    has_webhooks = True
    webhook_group = "meta"

    @property
    def page_id(self) -> str:
        """The Page's id, checked so it cannot reshape a URL."""
        return safe_id(self.config["page_id"], "page id")

    @property
    def graph(self) -> GraphClient:
        """A Graph client for this Page's token."""
        return GraphClient(
            self.http,
            self.limits,
            token=self.config["page_access_token"],
            version=self.config["api_version"],
            app_secret=self.config.get("app_secret"),
            host=self.config.get("graph_url") or GRAPH_URL,
        )

    # --- reading -------------------------------------------------------

    def fetch_items(self, since: str | None = None) -> FetchResult:
        """Posts updated since the cursor, their new comments, and new Messenger messages."""
        after = cursor_epoch(decode_cursor(since))
        graph = self.graph
        items: list[InboundItem] = []
        bad: list[Rejected] = []
        newest = after or 0
        params: dict[str, Any] = {"fields": POST_FIELDS, "limit": 25}
        if after:
            # updated_time moves when someone comments, so this finds posts with new comments.
            params["since"] = after
        for post in graph.paged(f"{self.page_id}/feed", params):
            try:
                item = self._post_item(post)
            except PayloadError as exc:
                # One unreadable post is recorded; its comments wait for it to be readable.
                bad.append(rejected(exc, post))
                continue
            if after is None or item.received_at.timestamp() >= after:
                items.append(item)
            newest = max(newest, int(item.received_at.timestamp()))
            comments = graph.paged(
                f"{safe_id(item.platform_id)}/comments",
                {
                    "fields": COMMENT_FIELDS,
                    "filter": "stream",
                    "order": "chronological",
                    "limit": 100,
                },
            )
            for comment in comments:
                try:
                    citem = self._comment_item(comment, post_id=item.platform_id)
                except PayloadError as exc:
                    bad.append(rejected(exc, comment))
                    continue
                # Equal timestamps are returned again on purpose: ingest is idempotent.
                if after is None or citem.received_at.timestamp() >= after:
                    items.append(citem)
                newest = max(newest, int(citem.received_at.timestamp()))
        for conv in graph.paged(
            f"{self.page_id}/conversations",
            {
                "platform": "messenger",
                "fields": f"id,updated_time,messages.limit(25){{{MESSAGE_FIELDS}}}",
            },
        ):
            for msg in conversation_messages(conv, bad):
                if after is None or msg.received_at.timestamp() >= after:
                    items.append(msg)
                newest = max(newest, int(msg.received_at.timestamp()))
        return FetchResult(tuple(items), encode_cursor({"since": newest}), rejected=tuple(bad))

    def _post_item(self, post: Mapping[str, Any]) -> InboundItem:
        where = "post"
        post = obj(post, where)
        author = graph_author(opt_obj(post, "from", where), where)
        own = author.platform_id == self.config["page_id"]
        return InboundItem(
            platform_id=field_id(post, "id", where),
            kind=ItemKind.OWN_POST if own else ItemKind.COMMENT,
            is_public=True,
            text=opt_str(post, "message", where) or "",
            author=author,
            received_at=field_time(post, "created_time", where),
            permalink=opt_str(post, "permalink_url", where),
            attachments=graph_attachments(post, where),
            raw=post,
        )

    def _comment_item(self, comment: Mapping[str, Any], *, post_id: str) -> InboundItem:
        where = "comment"
        comment = obj(comment, where)
        parent = opt_obj(comment, "parent", where)
        parent_id = field_id(parent, "id", f"{where}.parent") if parent else None
        return InboundItem(
            platform_id=field_id(comment, "id", where),
            kind=ItemKind.REPLY if parent_id else ItemKind.COMMENT,
            is_public=True,
            text=opt_str(comment, "message", where) or "",
            author=graph_author(opt_obj(comment, "from", where), where),
            received_at=field_time(comment, "created_time", where),
            parent_platform_id=parent_id or post_id,
            thread_platform_id=post_id,
            permalink=opt_str(comment, "permalink_url", where),
            attachments=graph_attachments(comment, where),
            raw=comment,
            is_hidden=opt_bool(comment, "is_hidden", where),
        )

    def fetch_profile(self) -> Profile:
        """The Page's name, about text and website(s)."""
        data = self.graph.request(
            "GET",
            self.page_id,
            params={"fields": "id,name,about,description,website,link,username"},
        )
        where = "page"
        # Pages store several websites in one space-separated string.
        website = opt_str(data, "website", where) or ""
        bio = "\n\n".join(
            t for t in (opt_str(data, "about", where), opt_str(data, "description", where)) if t
        )
        return Profile(
            platform_id=field_id(data, "id", where),
            display_name=field_str(data, "name", where),
            handle=opt_str(data, "username", where),
            bio=bio,
            links=tuple(website.split()),
            url=opt_str(data, "link", where),
            raw=data,
        )

    def _fetch_insights(self, period: InsightPeriod) -> Insights:
        """The Page's views, reach and engagements by day, its followers, its posts' counts."""
        return graph_insights(self.graph, self.page_id, self.insights_draft(period), PAGE_FIGURES)

    def _read_state(self, platform_id: str) -> PlatformState:
        """A comment's ``is_hidden``; Graph's 404 or error 100 ("does not exist") means deleted."""
        try:
            answer = self.graph.request(
                "GET", safe_id(platform_id), params={"fields": "id,is_hidden"}
            )
        except PlatformRefused as exc:
            if exc.status == 404 or str(exc.code or "") == "100":
                return PlatformState(exists=False)
            raise
        # A post has no is_hidden field: it exists and is shown.
        hidden = opt_bool(answer, "is_hidden", "comment")
        return PlatformState(exists=True, hidden=bool(hidden))

    # --- actions -------------------------------------------------------

    def _set_hidden(self, platform_id: str, hidden: bool) -> ActionResult:
        answer = self.graph.request(
            "POST", safe_id(platform_id), data={"is_hidden": "true" if hidden else "false"}
        )
        require_success(answer, "is_hidden")
        return done(platform_id)

    def _hide(self, platform_id: str) -> ActionResult:
        return self._set_hidden(platform_id, True)

    def _unhide(self, platform_id: str) -> ActionResult:
        return self._set_hidden(platform_id, False)

    def _delete(self, platform_id: str) -> ActionResult:
        require_success(self.graph.request("DELETE", safe_id(platform_id)), "delete")
        return done(platform_id)

    def _delete_own(self, platform_id: str) -> ActionResult:
        return self._delete(platform_id)

    def _reply(self, platform_id: str, text: str, idempotency_key: str) -> ActionResult:
        # Graph has no idempotency key; the outbox must not resend after an unknown outcome
        # without first looking for the reply.
        answer = self.graph.request(
            "POST", f"{safe_id(platform_id)}/comments", data={"message": text}
        )
        return done(field_id(answer, "id", "reply"))

    # A link goes in ``link`` (a link card) unless images take its place.
    link_card = True

    def _publish(self, publication: Publication, idempotency_key: str) -> ActionResult:
        # Graph has no idempotency key; the outbox must look for the post before resending.
        graph = self.graph
        data: dict[str, Any] = {"message": self.post_text(publication)}
        if publication.media:
            # Each image is uploaded unpublished, then the post attaches them all at once. The
            # Page photo upload documents no alt-text parameter (Facebook writes its own), so
            # the alt text stays in Tillit's record of the post.
            for i, media in enumerate(publication.media):
                photo = graph.request(
                    "POST",
                    f"{self.page_id}/photos",
                    data={"published": "false"},
                    files={"source": (media.name, media.data, media.media_type)},
                )
                photo_id = field_id(photo, "id", "photo")
                data[f"attached_media[{i}]"] = json.dumps({"media_fbid": photo_id})
        elif publication.link:
            data["link"] = publication.link
        answer = graph.request("POST", f"{self.page_id}/feed", data=data)
        post_id = field_id(answer, "id", "publish")
        return done(post_id, permalink=facebook_permalink(post_id))

    def _block(self, author_platform_id: str, context_platform_id: str | None) -> ActionResult:
        user = safe_id(author_platform_id, "user id")
        answer = self.graph.request("POST", f"{self.page_id}/blocked", data={"user": user})
        if answer.get(user) is not True:
            return ActionResult(
                status=ActionStatus.REFUSED,
                detail=Message(_("Facebook did not confirm the block.")),
            )
        return done(user)

    # --- webhooks ------------------------------------------------------

    def webhook_challenge(self, query: Mapping[str, str]) -> str | None:
        """Echo hub.challenge when hub.verify_token matches ours."""
        return subscription_challenge(self.config.get("verify_token"), query)

    def verify_webhook(self, headers: Mapping[str, str], body: bytes) -> bool:
        """Check X-Hub-Signature-256 against the app secret."""
        return verify_signature(self.config.get("app_secret"), headers, body)

    @classmethod
    def webhook_accounts(cls, payload: Any) -> list[str] | None:
        """The Page ids a Page delivery's entries name; None for any other object."""
        return meta_accounts(payload, "page")

    def parse_webhook(self, body: bytes) -> list[InboundItem]:
        """Items from a Page webhook, strictly: any unreadable entry fails the whole body."""
        result = self._read(body, account=None)
        if result.rejected:
            raise PayloadError(result.rejected[0].reason)
        return list(result.items)

    def read_webhook(self, body: bytes) -> FetchResult:
        """This Page's items in a delivery; unreadable changes and events in ``rejected``."""
        return self._read(body, account=self.config["page_id"])

    def _read(self, body: bytes, *, account: str | None) -> FetchResult:
        payload = obj(parse_json(body), "webhook")
        if payload.get("object") != "page":
            raise PayloadError(
                f"webhook: object is {str(payload.get('object'))[:30]!r}, not 'page'"
            )
        items: list[InboundItem] = []
        bad: list[Rejected] = []
        removed: list[str] = []
        for i, raw_entry in enumerate(field_list(payload, "entry", "webhook")):
            if account is not None and not entry_is_for(raw_entry, account):
                continue  # another Page's entry: that connection reads it
            try:
                entry = obj(raw_entry, f"entry[{i}]")
                changes = field_list(entry, "changes", f"entry[{i}]", required=False)
                events = field_list(entry, "messaging", f"entry[{i}]", required=False)
            except PayloadError as exc:
                bad.append(rejected(exc, raw_entry))
                continue
            for j, raw_change in enumerate(changes):
                removed.extend(removed_ids(raw_change))
                try:
                    item = self._feed_change(obj(raw_change, f"entry[{i}].changes[{j}]"))
                except PayloadError as exc:
                    value = raw_change.get("value") if isinstance(raw_change, Mapping) else None
                    bad.append(
                        Rejected(
                            str(exc),
                            raw_change,
                            rejected(exc, value, "comment_id", "post_id").platform_id,
                        )
                    )
                    continue
                if item is not None:
                    items.append(item)
            for j, raw_event in enumerate(events):
                try:
                    item = messaging_event(obj(raw_event, f"entry[{i}].messaging[{j}]"))
                except PayloadError as exc:
                    message = raw_event.get("message") if isinstance(raw_event, Mapping) else None
                    bad.append(
                        Rejected(exc.message, raw_event, rejected(exc, message, "mid").platform_id)
                    )
                    continue
                if item is not None:
                    items.append(item)
        return FetchResult(tuple(items), None, rejected=tuple(bad), removed=tuple(removed))

    def _feed_change(self, change: Mapping[str, Any]) -> InboundItem | None:
        where = "change"
        field = field_str(change, "field", where)
        if field != "feed":
            raise PayloadError(f"{where}: unknown field {field[:30]!r}")
        value = field_obj(change, "value", where)
        vwhere = "change.value"
        kind = field_str(value, "item", vwhere)
        verb = field_str(value, "verb", vwhere)
        if kind in _SKIPPED_FEED_ITEMS:
            return None
        if kind not in _POST_FEED_ITEMS and kind != "comment":
            raise PayloadError(f"{vwhere}: unknown item type {kind[:30]!r}")
        if verb in {"remove", "hide", "unhide", "delete"}:
            # No new content; the inbox learns the state on the next poll.
            return None
        if verb not in {"add", "edited", "edit"}:
            raise PayloadError(f"{vwhere}: unknown verb {verb[:30]!r}")
        author = graph_author(opt_obj(value, "from", vwhere), vwhere)
        received = from_epoch(value.get("created_time"), f"{vwhere}.created_time")
        post_id = field_id(value, "post_id", vwhere)
        photo = opt_str(value, "photo", vwhere) or opt_str(value, "link", vwhere)
        attachments = (Attachment(url=photo, media_type="photo"),) if photo else ()
        if kind == "comment":
            parent = field_id(value, "parent_id", vwhere) if "parent_id" in value else post_id
            return InboundItem(
                platform_id=field_id(value, "comment_id", vwhere),
                kind=ItemKind.COMMENT if parent == post_id else ItemKind.REPLY,
                is_public=True,
                text=opt_str(value, "message", vwhere) or "",
                author=author,
                received_at=received,
                parent_platform_id=parent,
                thread_platform_id=post_id,
                attachments=attachments,
                edited_at=None,
                raw=change,
            )
        own = author.platform_id == self.config["page_id"]
        return InboundItem(
            platform_id=post_id,
            kind=ItemKind.OWN_POST if own else ItemKind.COMMENT,
            is_public=True,
            text=opt_str(value, "message", vwhere) or "",
            author=author,
            received_at=received,
            attachments=attachments,
            raw=change,
        )


def facebook_permalink(post_id: str) -> str | None:
    """Where the public sees a Page post; None for an id that could reshape the address."""
    try:
        return f"https://www.facebook.com/{safe_id(post_id, 'post id')}"
    except ValueError:
        return None


def meta_accounts(payload: Any, object_type: str) -> list[str] | None:
    """Account ids named by a Meta delivery's entries, read from the envelope only."""
    if not isinstance(payload, Mapping) or payload.get("object") != object_type:
        return None
    entries = payload.get("entry")
    if not isinstance(entries, list):
        return []
    found = []
    for entry in entries:
        value = entry.get("id") if isinstance(entry, Mapping) else None
        if isinstance(value, str | int) and not isinstance(value, bool) and str(value):
            found.append(str(value))
    return found


def entry_is_for(entry: Any, account: str) -> bool:
    """True when a delivery entry names this account (Meta gives ids as strings or numbers)."""
    if not isinstance(entry, Mapping):
        return False
    value = entry.get("id")
    return isinstance(value, str | int) and not isinstance(value, bool) and str(value) == account


def removed_ids(change: Any) -> list[str]:
    """Ids of comments and posts a feed change says were removed on the platform."""
    value = change.get("value") if isinstance(change, Mapping) else None
    if not isinstance(value, Mapping) or value.get("verb") != "remove":
        return []
    pid = value.get("comment_id") or value.get("post_id")
    return [pid] if isinstance(pid, str) and 0 < len(pid) <= 300 else []


def conversation_messages(
    conv: Mapping[str, Any], bad: list[Rejected] | None = None
) -> list[InboundItem]:
    """Direct messages from a Graph conversation (Messenger or Instagram).

    With ``bad``, an unreadable message is added there and the others are still returned;
    without it, the first one raises.
    """
    where = "conversation"
    conv_id = field_id(conv, "id", where)
    messages = opt_obj(conv, "messages", where)
    if messages is None:
        return []
    result = []
    for raw in field_list(messages, "data", f"{where}.messages"):
        try:
            result.append(_conversation_message(raw, conv_id))
        except PayloadError as exc:
            if bad is None:
                raise
            bad.append(rejected(exc, raw))
    return result


def _conversation_message(raw: Any, conv_id: str) -> InboundItem:
    msg = obj(raw, "conversation.messages[]")
    mwhere = "message"
    sender = field_obj(msg, "from", mwhere)
    atts = []
    att_edge = opt_obj(msg, "attachments", mwhere)
    for a in field_list(att_edge or {}, "data", mwhere, required=False):
        att = obj(a, f"{mwhere}.attachments[]")
        image = opt_obj(att, "image_data", mwhere) or {}
        url = opt_str(att, "file_url", mwhere) or opt_str(image, "url", mwhere)
        if url:
            atts.append(
                Attachment(
                    url=url,
                    media_type=opt_str(att, "mime_type", mwhere) or "application/octet-stream",
                    size=att.get("size") if isinstance(att.get("size"), int) else None,
                    name=opt_str(att, "name", mwhere),
                )
            )
    return InboundItem(
        platform_id=field_id(msg, "id", mwhere),
        kind=ItemKind.DIRECT_MESSAGE,
        is_public=False,
        text=opt_str(msg, "message", mwhere) or "",
        author=Author(
            platform_id=field_id(sender, "id", f"{mwhere}.from"),
            display_name=opt_str(sender, "name", f"{mwhere}.from") or "",
            handle=None,
        ),
        received_at=field_time(msg, "created_time", mwhere),
        thread_platform_id=conv_id,
        attachments=tuple(atts),
        raw=msg,
    )


def messaging_event(event: Mapping[str, Any]) -> InboundItem | None:
    """A direct message from a Messenger/Instagram webhook event; None for receipts."""
    where = "messaging"
    message = opt_obj(event, "message", where)
    if message is None:
        if any(key in event for key in _SKIPPED_MESSAGING):
            return None
        raise PayloadError(f"{where}: unknown messaging event")
    sender = field_obj(event, "sender", where)
    mwhere = "messaging.message"
    atts = []
    for k, raw_att in enumerate(field_list(message, "attachments", mwhere, required=False)):
        att = obj(raw_att, f"{mwhere}.attachments[{k}]")
        payload = opt_obj(att, "payload", f"{mwhere}.attachments[{k}]") or {}
        url = opt_str(payload, "url", f"{mwhere}.attachments[{k}].payload")
        if url:
            atts.append(Attachment(url=url, media_type=field_str(att, "type", mwhere)))
    received: datetime = from_epoch(event.get("timestamp"), f"{where}.timestamp", millis=True)
    return InboundItem(
        platform_id=field_id(message, "mid", mwhere),
        kind=ItemKind.DIRECT_MESSAGE,
        is_public=False,
        text=opt_str(message, "text", mwhere) or "",
        author=Author(platform_id=field_id(sender, "id", f"{where}.sender"), display_name=""),
        received_at=received,
        attachments=tuple(atts),
        raw=event,
    )
