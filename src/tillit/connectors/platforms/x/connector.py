"""X (Twitter) connector over API v2: mentions, hidden replies, direct messages."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from tillit.core.links import web_url
from tillit.core.messages import Message
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
    TextLimit,
    done,
)
from ...errors import ConnectorError, PayloadError, PlatformRefused, TokenInvalid
from ...http import Interpreter, call, error_message, platform_answer
from ...insights import ENGAGEMENTS, FOLLOWERS, IMPRESSIONS, REACH, InsightsDraft, dig
from ...parsing import (
    decode_cursor,
    encode_cursor,
    field_id,
    field_list,
    field_obj,
    field_str,
    field_time,
    obj,
    opt_id,
    opt_obj,
    opt_str,
    parse_time,
    safe_id,
)
from ...registry import register_connector

TWEET_FIELDS = (
    "created_at,conversation_id,in_reply_to_user_id,referenced_tweets,author_id,"
    "attachments,edit_history_tweet_ids"
)
USER_FIELDS = "username,name"
MEDIA_FIELDS = "url,type,preview_image_url"
DM_FIELDS = "id,text,event_type,created_at,sender_id,dm_conversation_id,attachments"
#: The most t.co links read from one bio (X allows 160 characters, so a handful at most).
_MAX_BIO_LINKS = 20
_TOKEN_PROBLEMS = ("unsupported-authentication", "client-forbidden", "not-authorized-for-resource")


def interpret_x_error(status: int, payload: Any, headers: httpx.Headers) -> ConnectorError | None:
    """X signals a token without the right access as a 403 with a problem type."""
    if status == 403 and isinstance(payload, dict):
        problem = str(payload.get("type", ""))
        if any(p in problem for p in _TOKEN_PROBLEMS):
            return TokenInvalid(platform_answer(status, error_message(payload)))
    return None


def interpret_x_tier(status: int, payload: Any, headers: httpx.Headers) -> ConnectorError | None:
    """For the figures: an app whose access tier lacks an endpoint is refused, not disconnected.

    X answers 403 "client-not-enrolled" when the app's plan does not include the endpoint;
    reconnecting cannot help, so the report says so instead of asking for a new token.
    """
    if (
        status == 403
        and isinstance(payload, dict)
        and payload.get("reason") == "client-not-enrolled"
    ):
        return PlatformRefused(
            Message(
                _("X's access tier for this app does not include this (%(answer)s)."),
                answer=platform_answer(status, error_message(payload)),
            ),
            status,
            "client-not-enrolled",
        )
    return interpret_x_error(status, payload, headers)


def _x_time(moment: datetime) -> str:
    """X's time parameters: 2026-03-01T00:00:00Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _newer(a: str | None, b: str) -> bool:
    # X ids are snowflakes: numerically increasing with time.
    return a is None or (int(b) if b.isdigit() else 0) > (int(a) if a.isdigit() else 0)


@register_connector
class XConnector(Connector):
    """An X account, with an OAuth 2.0 user-context token."""

    platform = "x"
    label = _("X (Twitter)")
    state_unsupported = _(
        "Tillit does not yet read a post's state back from X; check the post on X."
    )
    account_parameter = "user_id"
    parameters = (
        Parameter("user_id", _("User id (numeric)")),
        Parameter("access_token", _("OAuth 2.0 user access token"), secret=True),
        Parameter(
            "api_base", _("API base URL"), required=False, default="https://api.x.com", url=True
        ),
    )
    # X: 280 characters, every web address counted as 23 however long it is.
    text_limit = TextLimit(reply=280, post=280, link_length=23)
    # Up to four images (JPEG, PNG, WebP) of at most 5 MB; GIFs go another way on X.
    post_rules = PostRules(
        max_media=4,
        media_types=frozenset({"image/jpeg", "image/png", "image/webp"}),
        max_media_bytes=5 * 1024 * 1024,
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
            Capability.READ_PROFILE,
            Capability.PUBLISH,
            Capability.READ_INSIGHTS,
        }
    )
    insights_explanation = _(
        "X: views are the impressions X counts so far on the account's own posts published "
        "in the period (not its replies or reposts); engagements are their likes, reposts, "
        "replies and quotes so far. X gives no reach. Followers are the account's followers "
        "when the figures were fetched. X's access tiers limit what an app may read: a free "
        "tier may refuse, and only the 3,200 most recent posts can be read."
    )
    unsupported = {
        Capability.DELETE: _(
            "X cannot delete other people's posts. Hide the reply (it moves behind "
            "'hidden replies'), block the author, or report the post in the X app."
        ),
        Capability.REPORT: _("The X API cannot report posts; report them in the X app."),
    }

    @property
    def user_id(self) -> str:
        """The account's numeric id."""
        return safe_id(self.config["user_id"], "user id")

    def _call(
        self, method: str, path: str, *, interpret: Interpreter = interpret_x_error, **kwargs: Any
    ) -> Mapping[str, Any]:
        answer = call(
            self.http,
            method,
            f"{self.config['api_base'].rstrip('/')}/2/{path}",
            limits=self.limits,
            interpret=interpret,
            headers={"Authorization": f"Bearer {self.config['access_token']}"},
            **kwargs,
        )
        return obj(answer.json(), path)

    # --- reading -------------------------------------------------------

    def fetch_items(self, since: str | None = None) -> FetchResult:
        """Mentions (replies included) after the cursor, then direct messages."""
        state = decode_cursor(since)
        for key in ("mention", "dm"):
            if state.get(key) is not None and not str(state[key]).isdigit():
                raise PayloadError(f"cursor: {key} must be a numeric id")
        items: list[InboundItem] = []
        newest = state.get("mention")
        params: dict[str, Any] = {
            "max_results": 100,
            "tweet.fields": TWEET_FIELDS,
            "expansions": "author_id,attachments.media_keys",
            "user.fields": USER_FIELDS,
            "media.fields": MEDIA_FIELDS,
        }
        if state.get("mention"):
            params["since_id"] = state["mention"]
        for _page in range(self.limits.max_pages):
            page = self._call("GET", f"users/{self.user_id}/mentions", params=params)
            users, media = self._includes(page)
            for raw in field_list(page, "data", "mentions", required=False):
                item = self._tweet_item(obj(raw, "tweet"), users, media)
                items.append(item)
                if _newer(newest, item.platform_id):
                    newest = item.platform_id
            token = opt_str(opt_obj(page, "meta", "mentions") or {}, "next_token", "meta")
            if not token:
                break
            params["pagination_token"] = token
        dm_items, dm_newest = self._dm_items(state.get("dm"))
        items.extend(dm_items)
        cursor = {k: v for k, v in (("mention", newest), ("dm", dm_newest)) if v}
        return FetchResult(tuple(items), encode_cursor(cursor))

    def _includes(
        self, page: Mapping[str, Any]
    ) -> tuple[dict[str, Mapping[str, Any]], dict[str, Mapping[str, Any]]]:
        includes = opt_obj(page, "includes", "page") or {}
        users = {
            field_id(u, "id", "user"): u
            for u in (
                obj(x, "includes.users[]")
                for x in field_list(includes, "users", "i", required=False)
            )
        }
        media = {
            field_str(m, "media_key", "media"): m
            for m in (
                obj(x, "includes.media[]")
                for x in field_list(includes, "media", "i", required=False)
            )
        }
        return users, media

    def _author(self, author_id: str, users: Mapping[str, Mapping[str, Any]]) -> Author:
        user = users.get(author_id)
        if user is None:
            raise PayloadError(f"author {author_id[:30]} missing from includes.users")
        username = field_str(user, "username", "user")
        return Author(
            platform_id=author_id,
            display_name=opt_str(user, "name", "user") or username,
            handle=f"@{username}",
            profile_url=f"https://x.com/{username}",
        )

    def _tweet_item(
        self,
        tweet: Mapping[str, Any],
        users: Mapping[str, Mapping[str, Any]],
        media: Mapping[str, Mapping[str, Any]],
    ) -> InboundItem:
        where = "tweet"
        tweet_id = field_id(tweet, "id", where)
        author = self._author(field_id(tweet, "author_id", where), users)
        replied_to = None
        for ref in field_list(tweet, "referenced_tweets", where, required=False):
            ref = obj(ref, f"{where}.referenced_tweets[]")
            if field_str(ref, "type", "referenced_tweet") == "replied_to":
                replied_to = field_id(ref, "id", "referenced_tweet")
        if replied_to and opt_id(tweet, "in_reply_to_user_id", where) == self.config["user_id"]:
            kind = ItemKind.COMMENT
        elif replied_to:
            kind = ItemKind.REPLY
        else:
            kind = ItemKind.MENTION
        return InboundItem(
            platform_id=tweet_id,
            kind=kind,
            is_public=True,
            text=field_str(tweet, "text", where),
            author=author,
            received_at=field_time(tweet, "created_at", where),
            parent_platform_id=replied_to,
            thread_platform_id=opt_id(tweet, "conversation_id", where),
            permalink=f"https://x.com/{(author.handle or '@i').lstrip('@')}/status/{tweet_id}",
            attachments=self._attachments(tweet, media),
            raw=tweet,
        )

    @staticmethod
    def _attachments(
        data: Mapping[str, Any], media: Mapping[str, Mapping[str, Any]]
    ) -> tuple[Attachment, ...]:
        found = []
        atts = opt_obj(data, "attachments", "attachments") or {}
        for key in field_list(atts, "media_keys", "attachments", required=False):
            item = media.get(key) if isinstance(key, str) else None
            if item is None:
                raise PayloadError("attachments: media key missing from includes.media")
            url = opt_str(item, "url", "media") or opt_str(item, "preview_image_url", "media")
            if url:
                found.append(Attachment(url=url, media_type=field_str(item, "type", "media")))
        return tuple(found)

    def _dm_items(self, seen: str | None) -> tuple[list[InboundItem], str | None]:
        items: list[InboundItem] = []
        newest = seen
        params: dict[str, Any] = {
            "max_results": 100,
            "event_types": "MessageCreate",
            "dm_event.fields": DM_FIELDS,
            "expansions": "sender_id,attachments.media_keys",
            "user.fields": USER_FIELDS,
            "media.fields": MEDIA_FIELDS,
        }
        for _page in range(self.limits.max_pages):
            page = self._call("GET", "dm_events", params=params)
            users, media = self._includes(page)
            reached_old = False
            for raw in field_list(page, "data", "dm_events", required=False):
                event = obj(raw, "dm_event")
                event_id = field_id(event, "id", "dm_event")
                if not _newer(seen, event_id):
                    reached_old = True
                    continue
                if field_str(event, "event_type", "dm_event") != "MessageCreate":
                    raise PayloadError("dm_event: asked for MessageCreate, got another type")
                conv = field_str(event, "dm_conversation_id", "dm_event")
                items.append(
                    InboundItem(
                        # The conversation is part of the id so a reply knows where to go.
                        platform_id=f"dm:{conv}:{event_id}",
                        kind=ItemKind.DIRECT_MESSAGE,
                        is_public=False,
                        text=opt_str(event, "text", "dm_event") or "",
                        author=self._author(field_id(event, "sender_id", "dm_event"), users),
                        received_at=field_time(event, "created_at", "dm_event"),
                        thread_platform_id=conv,
                        attachments=self._attachments(event, media),
                        raw=event,
                    )
                )
                if _newer(newest, event_id):
                    newest = event_id
            token = opt_str(opt_obj(page, "meta", "dm_events") or {}, "next_token", "meta")
            if reached_old or not token:
                break
            params["pagination_token"] = token
        return items, newest

    def fetch_profile(self) -> Profile:
        """Name, bio and the profile's link."""
        page = self._call(
            "GET",
            f"users/{self.user_id}",
            params={"user.fields": "description,url,entities,username,name"},
        )
        user = field_obj(page, "data", "user")
        username = field_str(user, "username", "user")
        links = []
        entities = opt_obj(user, "entities", "user") or {}
        url_entity = opt_obj(entities, "url", "entities") or {}
        for u in field_list(url_entity, "urls", "entities.url", required=False):
            expanded = opt_str(obj(u, "url"), "expanded_url", "url")
            if expanded:
                links.append(expanded)
        # X shortens every address in the bio to t.co; the entities say where each leads.
        # The bio is read with the real address in place of the t.co one, as X shows it.
        bio = opt_str(user, "description", "user") or ""
        described = opt_obj(entities, "description", "entities") or {}
        # A bio holds 160 characters: a few links at most, each replaced once, so a hostile
        # answer cannot grow the text.
        urls = field_list(described, "urls", "entities.description", required=False)
        for u in urls[:_MAX_BIO_LINKS]:
            entity = obj(u, "entities.description.urls[]")
            short = web_url(opt_str(entity, "url", "entities.description.urls[]"))
            expanded = web_url(opt_str(entity, "expanded_url", "entities.description.urls[]"))
            if expanded:
                links.append(expanded)
                if short:
                    bio = bio.replace(short, expanded, 1)
        return Profile(
            platform_id=field_id(user, "id", "user"),
            display_name=opt_str(user, "name", "user") or username,
            handle=f"@{username}",
            bio=bio,
            links=tuple(links),
            url=f"https://x.com/{username}",
            raw=user,
        )

    def _fetch_insights(self, period: InsightPeriod) -> Insights:
        """Followers, and the own posts of the period with their public metrics so far."""
        draft = self.insights_draft(period)
        draft.lack(REACH, _("X gives no reach, only views per post."))
        draft.attempt(FOLLOWERS, self._followers, draft)
        draft.read_posts(self._tweet_figures, draft, sums=(IMPRESSIONS, ENGAGEMENTS))
        return draft.done()

    def _followers(self, draft: InsightsDraft) -> None:
        page = self._call(
            "GET",
            f"users/{self.user_id}",
            params={"user.fields": "public_metrics"},
            interpret=interpret_x_tier,
        )
        draft.set_followers(dig(page, "data", "public_metrics", "followers_count"))
        draft.source.append("GET /2/users/:id user.fields=public_metrics")

    def _tweet_figures(self, draft: InsightsDraft) -> None:
        """The account's own posts between the period's start and end (X filters by time)."""
        period = draft.period
        # X refuses an end_time less than ten seconds before the request.
        until = min(period.until, datetime.now(UTC) - timedelta(seconds=30))
        if until <= period.since:
            return
        params: dict[str, Any] = {
            "start_time": _x_time(period.since),
            "end_time": _x_time(until),
            "max_results": 100,
            "exclude": "retweets,replies",
            "tweet.fields": "created_at,public_metrics",
        }
        draft.source.append("GET /2/users/:id/tweets tweet.fields=public_metrics")
        for _page in range(self.limits.max_pages):
            page = self._call(
                "GET", f"users/{self.user_id}/tweets", params=params, interpret=interpret_x_tier
            )
            for raw in field_list(page, "data", "tweets", required=False):
                tweet_id = dig(raw, "id")
                metrics = dig(raw, "public_metrics")
                try:
                    published = parse_time(dig(raw, "created_at"), "tweet.created_at")
                except PayloadError:
                    continue
                if not isinstance(tweet_id, str) or not tweet_id.isdigit() or len(tweet_id) > 30:
                    continue
                if period.contains(published) and not draft.add_post(
                    tweet_id,
                    published,
                    impressions=dig(metrics, "impression_count"),
                    engagements=tuple(
                        dig(metrics, key)
                        for key in ("like_count", "retweet_count", "reply_count", "quote_count")
                    ),
                    permalink=f"https://x.com/i/web/status/{tweet_id}",
                ):
                    return
            token = dig(page, "meta", "next_token")
            if not isinstance(token, str) or not token or len(token) > 200:
                return
            params["pagination_token"] = token
        draft.truncated = True

    # --- actions -------------------------------------------------------

    def _set_hidden(self, platform_id: str, hidden: bool) -> ActionResult:
        answer = self._call("PUT", f"tweets/{safe_id(platform_id)}/hidden", json={"hidden": hidden})
        data = field_obj(answer, "data", "hidden")
        if data.get("hidden") is not hidden:
            raise PlatformRefused(Message(_("X did not confirm the change.")))
        return done(platform_id)

    def _hide(self, platform_id: str) -> ActionResult:
        return self._set_hidden(platform_id, True)

    def _unhide(self, platform_id: str) -> ActionResult:
        return self._set_hidden(platform_id, False)

    def _delete_own(self, platform_id: str) -> ActionResult:
        answer = self._call("DELETE", f"tweets/{safe_id(platform_id)}")
        if field_obj(answer, "data", "delete").get("deleted") is not True:
            raise PlatformRefused(Message(_("X did not confirm the deletion.")))
        return done(platform_id)

    def _reply(self, platform_id: str, text: str, idempotency_key: str) -> ActionResult:
        # X has no idempotency key; the outbox must check for the reply before resending.
        if platform_id.startswith("dm:"):
            conv = safe_id(platform_id.split(":")[1], "conversation id")
            answer = self._call("POST", f"dm_conversations/{conv}/messages", json={"text": text})
            data = field_obj(answer, "data", "dm")
            return done(f"dm:{conv}:{field_id(data, 'dm_event_id', 'dm')}")
        body = {"text": text, "reply": {"in_reply_to_tweet_id": safe_id(platform_id)}}
        answer = self._call("POST", "tweets", json=body)
        return done(field_id(field_obj(answer, "data", "tweet"), "id", "tweet"))

    def _publish(self, publication: Publication, idempotency_key: str) -> ActionResult:
        # X has no idempotency key; the outbox must look for the post before resending.
        body: dict[str, Any] = {"text": self.post_text(publication)}
        media_ids = [self._upload(media) for media in publication.media]
        if media_ids:
            body["media"] = {"media_ids": media_ids}
        answer = self._call("POST", "tweets", json=body)
        tweet_id = field_id(field_obj(answer, "data", "tweet"), "id", "tweet")
        permalink = f"https://x.com/i/web/status/{tweet_id}" if tweet_id.isdigit() else None
        return done(tweet_id, permalink=permalink)

    def _upload(self, media: Media) -> str:
        """Upload one image (v2 one-shot upload), then give it its alt text; the media id."""
        answer = self._call(
            "POST",
            "media/upload",
            data={"media_category": "tweet_image", "media_type": media.media_type},
            files={"media": (media.name, media.data, media.media_type)},
        )
        media_id = field_id(field_obj(answer, "data", "media"), "id", "media")
        if not media_id.isdigit():
            raise PayloadError(Message(_("X gave the image an id that is not a number.")))
        if media.alt_text:
            self._call(
                "POST",
                "media/metadata",
                json={"id": media_id, "metadata": {"alt_text": {"text": media.alt_text}}},
            )
        return media_id

    def _block(self, author_platform_id: str, context_platform_id: str | None) -> ActionResult:
        # Documented as Enterprise-only since 2023; other plans get a 403, recorded as refused.
        answer = self._call(
            "POST",
            f"users/{self.user_id}/blocking",
            json={"target_user_id": safe_id(author_platform_id, "user id")},
        )
        if field_obj(answer, "data", "blocking").get("blocking") is not True:
            raise PlatformRefused(Message(_("X did not confirm the block.")))
        return done(author_platform_id)
