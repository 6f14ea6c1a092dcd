"""Instagram professional account connector over the Graph API (Instagram with Facebook Login)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tillit.core.links import web_url
from tillit.core.messages import Message, foreign
from tillit.core.messages import marked as _

from ...base import (
    ActionResult,
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
    Rejected,
    TextLimit,
    done,
)
from ...errors import ConnectorError, PayloadError, PlatformRefused, TransientError
from ...http import parse_json
from ...insights import ENGAGEMENTS, IMPRESSIONS, REACH
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
    opt_id,
    opt_obj,
    opt_str,
    opt_web_url,
    safe_id,
)
from ...registry import register_connector
from ..facebook.connector import (
    conversation_messages,
    entry_is_for,
    messaging_event,
    meta_accounts,
    rejected,
)
from ..facebook.graph import (
    GRAPH_URL,
    GraphClient,
    require_success,
    subscription_challenge,
    verify_signature,
)
from ..facebook.insights import GraphFigures, graph_insights

MEDIA_FIELDS = "id,caption,timestamp,permalink,media_type,media_url,username"
_COMMENT = "id,text,timestamp,username,from{id,username},hidden,parent_id"
COMMENT_FIELDS = f"{_COMMENT},replies{{{_COMMENT}}}"
MESSAGE_FIELDS = (
    "id,message,created_time,from,attachments{id,mime_type,name,size,file_url,image_data}"
)
# Webhook fields that carry no text to ingest (mentions only give ids: the poll fetches them).
_SKIPPED_FIELDS = {"mentions", "story_insights", "message_reactions", "messaging_seen"}
# Graph's "media not ready" (error 9007): the container's image is still being fetched.
_NOT_READY = "9007"
# Account metrics (developers.facebook.com/docs/instagram-platform/api-reference/
# instagram-user/insights): views replaced impressions in April 2025; the account insights
# answer for at most 30 days between since and until. like_count is left out of a post when
# the account hides its likes.
ACCOUNT_FIGURES = GraphFigures(
    metrics=(("views", IMPRESSIONS), ("reach", REACH), ("total_interactions", ENGAGEMENTS)),
    window_days=30,
    params={"period": "day", "metric_type": "total_value"},
    posts_edge="media",
    post_fields="id,timestamp,permalink,like_count,comments_count",
    time_field="timestamp",
    permalink_field="permalink",
    engagements=lambda media: (media.get("like_count"), media.get("comments_count")),
)


def ig_author(data: Mapping[str, Any], where: str) -> Author:
    """Author from an Instagram comment (``from`` object, or the bare ``username``)."""
    sender = opt_obj(data, "from", where)
    username = opt_str(data, "username", where)
    if sender is not None:
        username = opt_str(sender, "username", f"{where}.from") or username
        user_id = field_id(sender, "id", f"{where}.from")
    elif username:
        # Without `from` Graph gives no stable id; the handle is the best we have.
        user_id = f"username:{username}"
    else:
        raise PayloadError(f"{where}: neither 'from' nor 'username'")
    return Author(
        platform_id=user_id,
        display_name=username or "",
        handle=username,
        profile_url=f"https://www.instagram.com/{username}/" if username else None,
    )


@register_connector
class InstagramConnector(Connector):
    """An Instagram professional account: its media, comments and (via its Page) messages."""

    platform = "instagram"
    label = _("Instagram (professional account)")
    state_unsupported = _(
        "Tillit does not yet read an Instagram "
        "comment's state back; check the comment in Instagram."
    )
    account_parameter = "ig_user_id"
    parameters = (
        Parameter("ig_user_id", _("Instagram user id")),
        Parameter("access_token", _("Access token"), secret=True),
        Parameter("page_id", _("Linked Facebook Page id (direct messages)"), required=False),
        Parameter("app_secret", _("App secret (webhooks)"), secret=True, required=False),
        Parameter("verify_token", _("Webhook verify token"), secret=True, required=False),
        Parameter("api_version", _("Graph API version"), required=False, default="v23.0"),
        # Empty means graph.facebook.com; the demo points it at its simulated Graph API.
        Parameter("graph_url", _("Graph API address"), required=False, url=True),
    )
    # Captions and comments: 2,200 characters.
    text_limit = TextLimit(reply=2200, post=2200)
    # A post is an image with a caption; up to ten make a carousel. Content publishing takes
    # JPEG only, at most 8 MB, fetched by Instagram from a public address (Media.url).
    post_rules = PostRules(
        needs_media=True,
        max_media=10,
        media_types=frozenset({"image/jpeg"}),
        max_media_bytes=8 * 1024 * 1024,
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
            Capability.READ_PROFILE,
            Capability.PUBLISH,
            Capability.READ_INSIGHTS,
        }
    )
    insights_explanation = _(
        "Instagram: views are how many times the account's posts, stories and reels were "
        "seen; reach is how many accounts saw them, as Instagram counts it for each stretch "
        "of up to 30 days, added up; engagements are the likes, comments, saves, shares and "
        "replies Instagram counts as interactions. Followers are the account's followers when "
        "the figures were fetched; per post, its likes and comments so far. Instagram keeps "
        "account figures for two years and may take up to two days to count them."
    )
    unsupported = {
        Capability.BLOCK: _(
            "The Instagram API cannot block or restrict accounts. Block or 'Restrict' the "
            "account in the Instagram app; hiding and deleting comments work here."
        ),
        Capability.REPORT: _(
            "The Instagram API cannot report content. Report it in the Instagram app."
        ),
    }
    has_webhooks = True
    webhook_group = "meta"

    @property
    def ig_user_id(self) -> str:
        """The account's Instagram id, checked so it cannot reshape a URL."""
        return safe_id(self.config["ig_user_id"], "Instagram user id")

    @property
    def graph(self) -> GraphClient:
        """A Graph client for this account's token."""
        return GraphClient(
            self.http,
            self.limits,
            token=self.config["access_token"],
            version=self.config["api_version"],
            app_secret=self.config.get("app_secret"),
            host=self.config.get("graph_url") or GRAPH_URL,
        )

    def fetch_items(self, since: str | None = None) -> FetchResult:
        """Recent media, their comments and replies, and new direct messages."""
        after = cursor_epoch(decode_cursor(since))
        graph = self.graph
        items: list[InboundItem] = []
        newest = after or 0

        def keep(item: InboundItem) -> None:
            nonlocal newest
            stamp = int(item.received_at.timestamp())
            # Equal timestamps come back again on purpose: ingest is idempotent.
            if after is None or stamp >= after:
                items.append(item)
            newest = max(newest, stamp)

        for media in graph.paged(f"{self.ig_user_id}/media", {"fields": MEDIA_FIELDS}):
            post = self._media_item(media)
            keep(post)
            for raw in graph.paged(
                f"{safe_id(post.platform_id)}/comments", {"fields": COMMENT_FIELDS}
            ):
                comment = self._comment_item(raw, media_id=post.platform_id)
                keep(comment)
                replies = opt_obj(raw, "replies", "comment") or {}
                for reply in field_list(replies, "data", "comment.replies", required=False):
                    keep(
                        self._comment_item(
                            obj(reply, "reply"),
                            media_id=post.platform_id,
                            parent_id=comment.platform_id,
                        )
                    )
        page_id = self.config.get("page_id")
        if page_id:
            fields = f"id,updated_time,messages.limit(25){{{MESSAGE_FIELDS}}}"
            for conv in graph.paged(
                f"{safe_id(page_id)}/conversations", {"platform": "instagram", "fields": fields}
            ):
                for msg in conversation_messages(conv):
                    keep(msg)
        return FetchResult(tuple(items), encode_cursor({"since": newest}))

    def _media_item(self, media: Mapping[str, Any]) -> InboundItem:
        where = "media"
        url = opt_str(media, "media_url", where)
        kind = opt_str(media, "media_type", where) or "IMAGE"
        username = opt_str(media, "username", where) or ""
        return InboundItem(
            platform_id=field_id(media, "id", where),
            kind=ItemKind.OWN_POST,
            is_public=True,
            text=opt_str(media, "caption", where) or "",
            author=Author(
                platform_id=self.config["ig_user_id"], display_name=username, handle=username
            ),
            received_at=field_time(media, "timestamp", where),
            permalink=opt_str(media, "permalink", where),
            attachments=(Attachment(url=url, media_type=kind.lower()),) if url else (),
            raw=media,
        )

    def _comment_item(
        self, comment: Mapping[str, Any], *, media_id: str, parent_id: str | None = None
    ) -> InboundItem:
        where = "comment"
        parent = opt_id(comment, "parent_id", where) or parent_id
        return InboundItem(
            platform_id=field_id(comment, "id", where),
            kind=ItemKind.REPLY if parent else ItemKind.COMMENT,
            is_public=True,
            text=field_str(comment, "text", where),
            author=ig_author(comment, where),
            received_at=field_time(comment, "timestamp", where),
            parent_platform_id=parent or media_id,
            thread_platform_id=media_id,
            raw=comment,
            is_hidden=opt_bool(comment, "hidden", where),
        )

    def fetch_profile(self) -> Profile:
        """The account's name, biography and website."""
        data = self.graph.request(
            "GET", self.ig_user_id, params={"fields": "id,username,name,biography,website"}
        )
        where = "ig_user"
        username = field_str(data, "username", where)
        website = opt_str(data, "website", where)
        return Profile(
            platform_id=field_id(data, "id", where),
            display_name=opt_str(data, "name", where) or username,
            handle=username,
            bio=opt_str(data, "biography", where) or "",
            links=(website,) if website else (),
            url=f"https://www.instagram.com/{username}/",
            raw=data,
        )

    def _fetch_insights(self, period: InsightPeriod) -> Insights:
        """The account's views, reach and interactions, its followers, its posts' counts."""
        draft = self.insights_draft(period)
        return graph_insights(self.graph, self.ig_user_id, draft, ACCOUNT_FIGURES)

    def _set_hidden(self, platform_id: str, hidden: bool) -> ActionResult:
        answer = self.graph.request(
            "POST", safe_id(platform_id), data={"hide": "true" if hidden else "false"}
        )
        require_success(answer, "hide")
        return done(platform_id)

    def _hide(self, platform_id: str) -> ActionResult:
        return self._set_hidden(platform_id, True)

    def _unhide(self, platform_id: str) -> ActionResult:
        return self._set_hidden(platform_id, False)

    def _delete(self, platform_id: str) -> ActionResult:
        require_success(self.graph.request("DELETE", safe_id(platform_id)), "delete")
        return done(platform_id)

    def _delete_own(self, platform_id: str) -> ActionResult:
        # Only the account's own comments: the API cannot delete published media.
        return self._delete(platform_id)

    def _reply(self, platform_id: str, text: str, idempotency_key: str) -> ActionResult:
        # Instagram threads are one level deep: replying to a reply lands under its parent.
        answer = self.graph.request(
            "POST", f"{safe_id(platform_id)}/replies", data={"message": text}
        )
        return done(field_id(answer, "id", "reply"))

    @classmethod
    def publication_problems(cls, publication: Publication) -> tuple[Message, ...]:
        """The post rules, and a public address for every image (Instagram fetches them)."""
        problems = list(super().publication_problems(publication))
        if any(not web_url(media.url or "") for media in publication.media):
            problems.append(
                Message(
                    _(
                        "Instagram fetches each image from a public web address, and an "
                        "image in this post has none."
                    )
                )
            )
        return tuple(problems)

    def _publish(self, publication: Publication, idempotency_key: str) -> ActionResult:
        # Graph has no idempotency key; the outbox must look for the post before resending.
        graph = self.graph
        caption = self.post_text(publication)
        if len(publication.media) == 1:
            container = self._container(publication.media[0], caption=caption)
        else:
            children = [self._container(media, caption=None) for media in publication.media]
            container = graph_id(
                graph.request(
                    "POST",
                    f"{self.ig_user_id}/media",
                    data={
                        "media_type": "CAROUSEL",
                        "children": ",".join(children),
                        "caption": caption,
                    },
                ),
                "carousel",
            )
        try:
            published = graph.request(
                "POST", f"{self.ig_user_id}/media_publish", data={"creation_id": container}
            )
        except PlatformRefused as exc:
            if exc.code == _NOT_READY:
                # Instagram has not finished fetching the image: the same call works later.
                raise TransientError(exc.message) from None
            raise
        media_id = field_id(published, "id", "media_publish")
        return done(media_id, permalink=self._permalink(media_id))

    def _container(self, media: Media, *, caption: str | None) -> str:
        """An image container: the post itself, or (without a caption) a carousel item."""
        data = {"image_url": media.url or ""}
        if caption is None:
            data["is_carousel_item"] = "true"
        else:
            data["caption"] = caption
        if media.alt_text:
            data["alt_text"] = media.alt_text
        return graph_id(self.graph.request("POST", f"{self.ig_user_id}/media", data=data), "media")

    def _permalink(self, media_id: str) -> str | None:
        """The published post's address; None when Instagram will not say (it is published)."""
        try:
            answer = self.graph.request("GET", safe_id(media_id), params={"fields": "permalink"})
            return opt_web_url(answer, "permalink", "media")
        except (ConnectorError, ValueError):
            return None

    def webhook_challenge(self, query: Mapping[str, str]) -> str | None:
        """Echo hub.challenge when hub.verify_token matches ours."""
        return subscription_challenge(self.config.get("verify_token"), query)

    def verify_webhook(self, headers: Mapping[str, str], body: bytes) -> bool:
        """Check X-Hub-Signature-256 against the app secret."""
        return verify_signature(self.config.get("app_secret"), headers, body)

    @classmethod
    def webhook_accounts(cls, payload: Any) -> list[str] | None:
        """The Instagram account ids an Instagram delivery's entries name."""
        return meta_accounts(payload, "instagram")

    def parse_webhook(self, body: bytes) -> list[InboundItem]:
        """Items from an Instagram webhook, strictly: any unreadable entry fails the body."""
        result = self._read(body, account=None)
        if result.rejected:
            raise PayloadError(result.rejected[0].reason)
        return list(result.items)

    def read_webhook(self, body: bytes) -> FetchResult:
        """This account's comments and messages in a delivery; unreadable ones in ``rejected``."""
        return self._read(body, account=self.config["ig_user_id"])

    def _read(self, body: bytes, *, account: str | None) -> FetchResult:
        payload = obj(parse_json(body), "webhook")
        if payload.get("object") != "instagram":
            raise PayloadError("webhook: object is not 'instagram'")
        items: list[InboundItem] = []
        bad: list[Rejected] = []
        for i, raw_entry in enumerate(field_list(payload, "entry", "webhook")):
            if account is not None and not entry_is_for(raw_entry, account):
                continue
            where = f"entry[{i}]"
            try:
                entry = obj(raw_entry, where)
                changes = field_list(entry, "changes", where, required=False)
                events = field_list(entry, "messaging", where, required=False)
            except PayloadError as exc:
                bad.append(rejected(exc, raw_entry))
                continue
            for j, raw_change in enumerate(changes):
                try:
                    change = obj(raw_change, f"{where}.changes[{j}]")
                    item = self._comment_change(change, entry_time=entry.get("time"))
                except PayloadError as exc:
                    value = raw_change.get("value") if isinstance(raw_change, Mapping) else None
                    bad.append(Rejected(exc.message, raw_change, rejected(exc, value).platform_id))
                    continue
                if item is not None:
                    items.append(item)
            for raw_event in events:
                try:
                    item = messaging_event(obj(raw_event, f"{where}.messaging[]"))
                except PayloadError as exc:
                    bad.append(rejected(exc, raw_event))
                    continue
                if item is not None:
                    items.append(item)
        return FetchResult(tuple(items), None, rejected=tuple(bad))

    def _comment_change(self, change: Mapping[str, Any], *, entry_time: Any) -> InboundItem | None:
        where = "change"
        field = field_str(change, "field", where)
        if field in _SKIPPED_FIELDS:
            return None
        if field not in {"comments", "live_comments"}:
            raise PayloadError(f"{where}: unknown field {field[:30]!r}")
        value = field_obj(change, "value", where)
        vwhere = f"{where}.value"
        media = field_obj(value, "media", vwhere)
        media_id = field_id(media, "id", f"{vwhere}.media")
        parent = opt_id(value, "parent_id", vwhere)
        # The comments webhook has no timestamp of its own; the entry time is when it happened.
        received = from_epoch(entry_time, "entry.time", millis=_looks_like_millis(entry_time))
        return InboundItem(
            platform_id=field_id(value, "id", vwhere),
            kind=ItemKind.REPLY if parent else ItemKind.COMMENT,
            is_public=True,
            text=field_str(value, "text", vwhere),
            author=ig_author(value, vwhere),
            received_at=received,
            parent_platform_id=parent or media_id,
            thread_platform_id=media_id,
            raw=change,
        )


def graph_id(answer: Mapping[str, Any], where: str) -> str:
    """The id Graph gave a new object, refused when it could reshape a URL or a list."""
    value = field_id(answer, "id", where)
    try:
        return safe_id(value, where)
    except ValueError:
        raise PayloadError(
            Message(_("%(where)s: the id is not one Tillit can use."), where=foreign(where))
        ) from None


def _looks_like_millis(value: Any) -> bool:
    # Instagram documents seconds but has sent milliseconds in messaging entries.
    return isinstance(value, int) and value > 10**11
