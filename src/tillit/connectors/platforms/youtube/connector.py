"""YouTube channel connector over the Data API v3, counting quota units per call."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from tillit.core.messages import Message
from tillit.core.messages import marked as _

from ...base import (
    ActionResult,
    ActionStatus,
    Author,
    Capability,
    Connector,
    FetchResult,
    InboundItem,
    InsightPeriod,
    Insights,
    ItemKind,
    Parameter,
    Profile,
    TextFormat,
    TextLimit,
    done,
)
from ...errors import ConnectorError, PayloadError, RateLimited, TokenInvalid
from ...http import call, error_message, platform_answer
from ...insights import (
    ENGAGEMENTS,
    FOLLOWERS,
    IMPRESSIONS,
    MAX_INSIGHT_POSTS,
    REACH,
    InsightsDraft,
    NewestFirst,
    dig,
)
from ...parsing import (
    decode_cursor,
    encode_cursor,
    field_id,
    field_list,
    field_obj,
    field_str,
    field_time,
    obj,
    opt_int,
    opt_obj,
    opt_str,
    opt_time,
    parse_time,
    safe_id,
)
from ...registry import register_connector

API = "https://www.googleapis.com/youtube/v3"

# Quota units per call (developers.google.com/youtube/v3/determine_quota_cost).
QUOTA_COST = {
    "commentThreads.list": 1,
    "comments.list": 1,
    "channels.list": 1,
    "playlistItems.list": 1,
    "videos.list": 1,
    "comments.insert": 50,
    "comments.delete": 50,
    "comments.setModerationStatus": 50,
}
_PACIFIC = ZoneInfo("America/Los_Angeles")


def seconds_to_quota_reset(now: datetime | None = None) -> float:
    """YouTube quotas reset at midnight Pacific time."""
    now = now or datetime.now(_PACIFIC)
    local = now.astimezone(_PACIFIC)
    midnight = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return (midnight - local).total_seconds()


def interpret_youtube_error(
    status: int, payload: Any, headers: httpx.Headers
) -> ConnectorError | None:
    """A 403 is either an exhausted quota, a missing scope, or a real refusal."""
    if not isinstance(payload, dict) or not isinstance(payload.get("error"), dict):
        return None
    reasons = {e.get("reason") for e in payload["error"].get("errors") or [] if isinstance(e, dict)}
    message = platform_answer(status, error_message(payload))
    if reasons & {"quotaExceeded", "dailyLimitExceeded", "rateLimitExceeded"}:
        return RateLimited(message, seconds_to_quota_reset())
    if reasons & {"insufficientPermissions", "authError"}:
        return TokenInvalid(message)
    return None


@register_connector
class YouTubeConnector(Connector):
    """A YouTube channel: comments on its videos, moderated through setModerationStatus."""

    platform = "youtube"
    label = _("YouTube")
    state_unsupported = _(
        "Tillit does not yet read a YouTube comment's "
        "moderation state back; check it in YouTube Studio."
    )
    account_parameter = "channel_id"
    parameters = (
        Parameter("channel_id", _("Channel id (UC...)")),
        Parameter("access_token", _("OAuth access token (youtube.force-ssl)"), secret=True),
    )
    # YouTube comments and replies: 10,000 characters.
    text_limit = TextLimit(reply=10000)
    capabilities = frozenset(
        {
            Capability.READ_COMMENTS,
            Capability.HIDE,
            Capability.UNHIDE,
            Capability.DELETE,
            Capability.DELETE_OWN,
            Capability.REPLY,
            Capability.BLOCK,
            Capability.READ_PROFILE,
            Capability.READ_INSIGHTS,
        }
    )
    insights_explanation = _(
        "YouTube: the Data API gives no views or reach for a period (that needs the YouTube "
        "Analytics API, which Tillit does not use yet). Engagements are the likes and comments "
        "so far on the videos published in the period; per video, its views, likes and "
        "comments so far. Followers are the channel's subscribers when the figures were "
        "fetched, which YouTube rounds to three significant figures."
    )
    unsupported = {
        Capability.REPORT: _(
            "The Data API no longer lets apps report comments (markAsSpam is retired). "
            "Report in YouTube Studio; 'delete' here rejects the comment instead."
        ),
        Capability.PUBLISH: _(
            "YouTube has no API for community posts, and videos are uploaded in YouTube "
            "Studio. Publish there; Tillit reads the comments that follow."
        ),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Start the quota counter at zero for this connector instance."""
        super().__init__(*args, **kwargs)
        self.quota_used = 0

    @property
    def channel_id(self) -> str:
        """The channel id, checked."""
        return safe_id(self.config["channel_id"], "channel id")

    def _call(
        self,
        method: str,
        endpoint: str,
        *,
        params: Mapping[str, Any],
        json: Any = None,
    ) -> Any:
        operation = endpoint.replace("/", ".")
        if "." not in operation:
            verb = {"GET": "list", "POST": "insert", "DELETE": "delete"}[method]
            operation = f"{operation}.{verb}"
        # Google charges a call even when it fails, so count before sending.
        self.quota_used += QUOTA_COST[operation]
        answer = call(
            self.http,
            method,
            f"{API}/{endpoint}",
            limits=self.limits,
            interpret=interpret_youtube_error,
            params=params,
            json=json,
            headers={"Authorization": f"Bearer {self.config['access_token']}"},
        )
        return answer.json() if answer.body else None

    def fetch_items(self, since: str | None = None) -> FetchResult:
        """New comment threads (published and held for review) and their replies."""
        state = decode_cursor(since)
        after = state.get("since")
        if after is not None and not isinstance(after, str):
            raise PayloadError("cursor: 'since' must be an ISO timestamp")
        after_dt = datetime.fromisoformat(after) if after else None
        start = self.quota_used
        items: list[InboundItem] = []
        newest = after_dt
        for status in ("published", "heldForReview"):
            for thread in self._threads(status, after_dt):
                for item in self._thread_items(thread, held=status == "heldForReview"):
                    if after_dt is None or item.received_at >= after_dt:
                        items.append(item)
                    if newest is None or item.received_at > newest:
                        newest = item.received_at
        cursor = encode_cursor({"since": newest.isoformat()}) if newest else since
        return FetchResult(tuple(items), cursor, quota_units=self.quota_used - start)

    def _threads(self, status: str, after: datetime | None) -> list[Mapping[str, Any]]:
        threads: list[Mapping[str, Any]] = []
        params: dict[str, Any] = {
            "part": "snippet,replies",
            "allThreadsRelatedToChannelId": self.channel_id,
            "moderationStatus": status,
            "order": "time",
            "textFormat": "plainText",
            "maxResults": 100,
        }
        for _page in range(self.limits.max_pages):
            page = obj(self._call("GET", "commentThreads", params=params), "commentThreads")
            batch = [obj(t, "commentThread") for t in field_list(page, "items", "commentThreads")]
            threads.extend(batch)
            token = opt_str(page, "nextPageToken", "commentThreads")
            # order=time is newest first: once a page ends before the cursor, stop paying quota.
            oldest = self._oldest(batch)
            if not token or (after and oldest and oldest < after):
                break
            params["pageToken"] = token
        return threads

    def _oldest(self, threads: list[Mapping[str, Any]]) -> datetime | None:
        stamps = []
        for t in threads:
            top = field_obj(field_obj(t, "snippet", "thread"), "topLevelComment", "thread")
            stamps.append(
                field_time(field_obj(top, "snippet", "comment"), "publishedAt", "comment")
            )
        return min(stamps) if stamps else None

    def _thread_items(self, thread: Mapping[str, Any], *, held: bool) -> list[InboundItem]:
        where = "commentThread"
        if thread.get("kind") != "youtube#commentThread":
            raise PayloadError(f"{where}: unexpected kind {str(thread.get('kind'))[:40]!r}")
        snippet = field_obj(thread, "snippet", where)
        top = obj(snippet.get("topLevelComment"), f"{where}.snippet.topLevelComment")
        top_item = self._comment_item(top, held=held)
        items = [top_item]
        replies = field_list(
            opt_obj(thread, "replies", where) or {}, "comments", where, required=False
        )
        total = opt_int(snippet, "totalReplyCount", f"{where}.snippet") or 0
        if total > len(replies):
            # The thread resource carries at most a few replies; fetch the rest.
            replies = self._all_replies(top_item.platform_id)
        items.extend(self._comment_item(obj(r, "reply"), held=held) for r in replies)
        return items

    def _all_replies(self, parent_id: str) -> list[Any]:
        replies: list[Any] = []
        params: dict[str, Any] = {
            "part": "snippet",
            "parentId": safe_id(parent_id),
            "textFormat": "plainText",
            "maxResults": 100,
        }
        for _page in range(self.limits.max_pages):
            page = obj(self._call("GET", "comments", params=params), "comments")
            replies.extend(field_list(page, "items", "comments"))
            token = opt_str(page, "nextPageToken", "comments")
            if not token:
                break
            params["pageToken"] = token
        return replies

    def _comment_item(self, comment: Mapping[str, Any], *, held: bool) -> InboundItem:
        where = "comment"
        if comment.get("kind") != "youtube#comment":
            raise PayloadError(f"{where}: unexpected kind {str(comment.get('kind'))[:40]!r}")
        comment_id = field_id(comment, "id", where)
        sn = field_obj(comment, "snippet", where)
        swhere = f"{where}.snippet"
        parent = opt_str(sn, "parentId", swhere)
        video = opt_str(sn, "videoId", swhere)
        author_channel = opt_obj(sn, "authorChannelId", swhere)
        author_id = (
            field_id(author_channel, "value", f"{swhere}.authorChannelId")
            if (author_channel)
            else None
        )
        if author_id is None:
            raise PayloadError(f"{swhere}: missing 'authorChannelId'")
        display = field_str(sn, "authorDisplayName", swhere)
        published = field_time(sn, "publishedAt", swhere)
        updated = opt_time(sn, "updatedAt", swhere)
        # textOriginal is the author's raw text when the API reveals it; else the plain display.
        text = opt_str(sn, "textOriginal", swhere)
        if text is None:
            text = field_str(sn, "textDisplay", swhere)
        status = opt_str(sn, "moderationStatus", swhere)
        return InboundItem(
            platform_id=comment_id,
            kind=ItemKind.REPLY if parent else ItemKind.COMMENT,
            is_public=not held and status in (None, "published"),
            text=text,
            author=Author(
                platform_id=author_id,
                display_name=display,
                handle=display if display.startswith("@") else None,
                profile_url=opt_str(sn, "authorChannelUrl", swhere),
            ),
            received_at=published,
            parent_platform_id=parent or video,
            thread_platform_id=video,
            permalink=(
                f"https://www.youtube.com/watch?v={video}&lc={comment_id}" if video else None
            ),
            edited_at=updated if updated and updated != published else None,
            raw=comment,
            text_format=TextFormat.PLAIN,
            is_hidden=held or status in ("heldForReview", "likelySpam", "rejected"),
        )

    def fetch_profile(self) -> Profile:
        """Channel title, description and handle (the API does not expose channel links)."""
        page = obj(
            self._call("GET", "channels", params={"part": "snippet", "id": self.channel_id}),
            "channels",
        )
        found = field_list(page, "items", "channels")
        if len(found) != 1:
            raise PayloadError(f"channels: expected one channel, got {len(found)}")
        channel = obj(found[0], "channel")
        sn = field_obj(channel, "snippet", "channel")
        handle = opt_str(sn, "customUrl", "channel.snippet")
        return Profile(
            platform_id=field_id(channel, "id", "channel"),
            display_name=field_str(sn, "title", "channel.snippet"),
            handle=handle,
            bio=opt_str(sn, "description", "channel.snippet") or "",
            links=(),
            url=f"https://www.youtube.com/{handle}" if handle else None,
            raw=channel,
        )

    def _fetch_insights(self, period: InsightPeriod) -> Insights:
        """Subscribers, and the videos published in the period with their counts so far."""
        draft = self.insights_draft(period)
        start = self.quota_used
        draft.lack(
            (IMPRESSIONS, REACH),
            _(
                "YouTube's Data API gives no views or reach for a period; that needs the "
                "YouTube Analytics API, which Tillit does not use yet."
            ),
        )
        channel: dict[str, Any] = {}
        draft.attempt(FOLLOWERS, self._channel_figures, draft, channel)
        uploads = dig(channel, "contentDetails", "relatedPlaylists", "uploads")
        try:
            playlist = safe_id(uploads if isinstance(uploads, str) else "", "playlist id")
        except ValueError:
            playlist = None
            if channel:
                draft.lack(ENGAGEMENTS, _("YouTube did not say where the channel's videos are."))
        if playlist is not None:
            draft.read_posts(self._video_figures, playlist, draft)
        draft.quota_units = self.quota_used - start
        return draft.done()

    def _channel_figures(self, draft: InsightsDraft, channel: dict[str, Any]) -> None:
        """The subscribers; ``channel`` receives the channel (its uploads playlist)."""
        page = obj(
            self._call(
                "GET",
                "channels",
                params={"part": "statistics,contentDetails", "id": self.channel_id},
            ),
            "channels",
        )
        found = field_list(page, "items", "channels")
        if len(found) != 1:
            raise PayloadError(f"channels: expected one channel, got {len(found)}")
        channel.update(obj(found[0], "channel"))
        statistics = dig(channel, "statistics")
        if dig(statistics, "hiddenSubscriberCount") is True:
            draft.lack(FOLLOWERS, _("The channel hides its number of subscribers."))
        else:
            draft.set_followers(dig(statistics, "subscriberCount"))
        draft.source.append("channels.list part=statistics,contentDetails")

    def _video_figures(self, playlist: str, draft: InsightsDraft) -> None:
        """The uploads published in the period (newest first), then their statistics."""
        scan = NewestFirst(draft.period)
        videos: list[tuple[str, datetime]] = []
        params: dict[str, Any] = {
            "part": "contentDetails",
            "playlistId": playlist,
            "maxResults": 50,
        }
        for _page in range(self.limits.max_pages):
            page = obj(self._call("GET", "playlistItems", params=params), "playlistItems")
            for raw in field_list(page, "items", "playlistItems"):
                video_id = dig(raw, "contentDetails", "videoId")
                try:
                    # A private or deleted video has no publishing time: it is not counted.
                    published = parse_time(
                        dig(raw, "contentDetails", "videoPublishedAt"), "videoPublishedAt"
                    )
                    video_id = safe_id(video_id, "video id")
                except (PayloadError, ValueError):
                    continue
                if scan.place(published):
                    videos.append((video_id, published))
            token = opt_str(page, "nextPageToken", "playlistItems")
            if scan.passed or not token or len(videos) >= MAX_INSIGHT_POSTS:
                break
            params["pageToken"] = token
        else:
            draft.truncated = True
        statistics: dict[str, Any] = {}
        for first in range(0, min(len(videos), MAX_INSIGHT_POSTS), 50):
            ids = ",".join(video_id for video_id, _when in videos[first : first + 50])
            page = obj(
                self._call("GET", "videos", params={"part": "statistics", "id": ids}), "videos"
            )
            for raw in field_list(page, "items", "videos"):
                if isinstance(dig(raw, "id"), str):
                    statistics[raw["id"]] = dig(raw, "statistics")
        for video_id, published in videos:
            numbers = statistics.get(video_id)
            added = draft.add_post(
                video_id,
                published,
                impressions=dig(numbers, "viewCount"),
                engagements=(dig(numbers, "likeCount"), dig(numbers, "commentCount")),
                permalink=f"https://www.youtube.com/watch?v={video_id}",
            )
            if not added:
                break
        draft.source.append("playlistItems.list part=contentDetails; videos.list part=statistics")

    def _moderate(self, comment_id: str, status: str, *, ban: bool = False) -> ActionResult:
        start = self.quota_used
        params = {"id": safe_id(comment_id), "moderationStatus": status}
        if ban:
            params["banAuthor"] = "true"
        self._call("POST", "comments/setModerationStatus", params=params)
        return done(comment_id, quota_units=self.quota_used - start)

    def _hide(self, platform_id: str) -> ActionResult:
        # Held for review: gone from public view, restorable from YouTube Studio or by unhide.
        return self._moderate(platform_id, "heldForReview")

    def _unhide(self, platform_id: str) -> ActionResult:
        return self._moderate(platform_id, "published")

    def _delete(self, platform_id: str) -> ActionResult:
        # Owners cannot delete others' comments; rejecting removes it from the channel.
        return self._moderate(platform_id, "rejected")

    def _delete_own(self, platform_id: str) -> ActionResult:
        start = self.quota_used
        self._call("DELETE", "comments", params={"id": safe_id(platform_id)})
        return done(platform_id, quota_units=self.quota_used - start)

    def _reply(self, platform_id: str, text: str, idempotency_key: str) -> ActionResult:
        start = self.quota_used
        body = {"snippet": {"parentId": safe_id(platform_id), "textOriginal": text}}
        answer = obj(
            self._call("POST", "comments", params={"part": "snippet"}, json=body), "comment"
        )
        return done(field_id(answer, "id", "comment"), quota_units=self.quota_used - start)

    def _block(self, author_platform_id: str, context_platform_id: str | None) -> ActionResult:
        if not context_platform_id:
            # YouTube bans an author only while rejecting one of their comments.
            return ActionResult(
                ActionStatus.REFUSED,
                detail=Message(_("YouTube needs one of the author's comments to block them.")),
            )
        return self._moderate(context_platform_id, "rejected", ban=True)
