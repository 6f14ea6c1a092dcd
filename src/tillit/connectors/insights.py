"""Reach and engagement for a period (R23): what ``Connector.fetch_insights`` returns.

A figure is None when the platform gives no such figure, refused it, or answered with
something that is not a count; ``Insights.missing`` says which and why, as Messages (store
them with ``tillit.core.messages.stored``), so a report never shows 0 for "not known".

Every number from a platform is read by ``count``: a non-negative integer (or a string of
digits: YouTube sends them) up to ``MAX_COUNT``. Anything else (a float, a bool, a negative
or absurd value, a list) is left out and counted as unreadable, never a crash.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from tillit.core.links import web_url
from tillit.core.messages import Message
from tillit.core.messages import marked as _

from .errors import PayloadError, PlatformRefused, refusal

# A report covers at most a year (leap years included); the caller splits longer spans.
MAX_INSIGHT_DAYS = 366
# At most this many posts in ``Insights.per_post``: a report lists the top few anyway.
MAX_INSIGHT_POSTS = 500
# Larger than any real count on an organisation's account: a hostile or broken answer.
MAX_COUNT = 10**12

# The figures' names, for the sentences in ``missing``.
FOLLOWERS = _("the follower count")
IMPRESSIONS = _("views")
REACH = _("reach")
ENGAGEMENTS = _("engagements")
PER_POST = _("the figures per post")
PERIOD_FIGURES = _("the figures for the period")

_COULD_NOT = _("Tillit could not get %(figure)s from %(platform)s: %(reason)s")
_UNREADABLE = _(
    "%(platform)s sent %(count)s figures that are not counts (text, negative or too large); "
    "they are left out."
)
_TRUNCATED = _(
    "Only the %(count)s most recent posts in the period were counted; older ones are left out."
)
_NO_FIGURES = _("Tillit reads no reach or engagement figures from %(platform)s.")
_ABSENT = _("%(platform)s did not send %(figure)s.")


def dig(data: Any, *keys: str) -> Any:
    """``data[k1][k2]...`` when every step is an object that has the key, else None."""
    for key in keys:
        if not isinstance(data, Mapping):
            return None
        data = data.get(key)
    return data


def count(value: Any) -> int | None:
    """``value`` as a count, or None when it is not one (never raises)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value <= MAX_COUNT else None
    if isinstance(value, str) and 0 < len(value) <= 13 and value.isascii() and value.isdigit():
        number = int(value)
        return number if number <= MAX_COUNT else None
    return None


@dataclass(frozen=True)
class InsightPeriod:
    """The days ``start`` to ``end``, both included, as days in ``zone``."""

    start: date
    end: date
    zone: tzinfo = UTC

    def __post_init__(self) -> None:
        """Refuse what is not a period: datetimes, end before start, more than a year."""
        for value in (self.start, self.end):
            if isinstance(value, datetime) or not isinstance(value, date):
                raise ValueError("a period is given as dates (datetime.date), not times")
        if self.end < self.start:
            raise ValueError("the period ends before it starts")
        if self.days > MAX_INSIGHT_DAYS:
            raise ValueError(f"a period is at most {MAX_INSIGHT_DAYS} days")

    @property
    def days(self) -> int:
        """How many days the period has."""
        return (self.end - self.start).days + 1

    @property
    def since(self) -> datetime:
        """The first moment of the period."""
        return datetime.combine(self.start, time(), self.zone)

    @property
    def until(self) -> datetime:
        """The first moment after the period (exclusive)."""
        return datetime.combine(self.end + timedelta(days=1), time(), self.zone)

    def contains(self, moment: datetime) -> bool:
        """Whether an aware ``moment`` falls in the period."""
        return self.since <= moment < self.until

    def windows(
        self, days: int, *, before: datetime | None = None
    ) -> list[tuple[datetime, datetime]]:
        """[since, until) cut into consecutive stretches of at most ``days`` days.

        Platforms bound how long one request may span (Graph 90 days, Instagram 30) and
        refuse to be asked about the future: with ``before``, nothing from then on.
        """
        # In UTC, so a stretch across a change of summer time is not an hour too long.
        end = self.until if before is None else min(self.until, before)
        end = end.astimezone(UTC)
        found = []
        start = self.since.astimezone(UTC)
        while start < end:
            stop = min(start + timedelta(days=days), end)
            found.append((start, stop))
            start = stop
        return found


@dataclass(frozen=True)
class PostInsight:
    """One of the account's own posts published in the period, with its figures so far.

    ``impressions`` is how often it was shown or viewed, as the platform counts it (Meta's
    and YouTube's views, X's impressions); ``engagements`` the platform's interaction counts
    added up (see the connector's ``insights_explanation`` for which).
    """

    platform_id: str
    published_at: datetime
    impressions: int | None = None
    engagements: int | None = None
    permalink: str | None = None

    def __post_init__(self) -> None:
        """An aware time, counts or None, and a permalink only when it is http(s)."""
        if self.published_at.tzinfo is None or self.published_at.utcoffset() is None:
            raise ValueError("published_at must be timezone-aware")
        for name in ("impressions", "engagements"):
            value = getattr(self, name)
            if value is not None and count(value) is None:
                raise ValueError(f"{name} must be a count or None")
        if self.permalink is not None and not web_url(self.permalink):
            object.__setattr__(self, "permalink", None)


@dataclass(frozen=True)
class Insights:
    """Reach and engagement for a period, as far as the platform gives them.

    ``followers``: the follower count at the end of the period where the platform gives a
    daily count (Facebook), otherwise when fetched (``fetched_at``). ``impressions``: views
    over the period; ``reach``: people or accounts reached, added up as the platform gives
    them (daily or per stretch, so one person can count more than once); ``engagements``:
    interactions, as the platform defines them; ``posts``: the account's own posts published
    in the period that were counted. ``missing`` explains every figure that is None and
    anything left out; ``source`` names the endpoints and metrics used (technical, for the
    record, not for a person); ``explanation`` the connector's footnote on what the figures
    mean. ``supported`` is False when the connector reads no figures at all.
    """

    start: date
    end: date
    followers: int | None = None
    impressions: int | None = None
    reach: int | None = None
    engagements: int | None = None
    posts: int | None = None
    per_post: tuple[PostInsight, ...] = ()
    missing: tuple[Message, ...] = ()
    source: tuple[str, ...] = ()
    explanation: Message | None = None
    supported: bool = True
    quota_units: int = 0
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def __post_init__(self) -> None:
        """Counts or None, a bounded list of posts, an aware fetching time."""
        for name in ("followers", "impressions", "reach", "engagements", "posts"):
            value = getattr(self, name)
            if value is not None and count(value) is None:
                raise ValueError(f"{name} must be a count or None")
        if len(self.per_post) > MAX_INSIGHT_POSTS:
            raise ValueError(f"per_post holds at most {MAX_INSIGHT_POSTS} posts")
        if self.fetched_at.tzinfo is None:
            raise ValueError("fetched_at must be timezone-aware")

    @property
    def has_figures(self) -> bool:
        """Whether any figure at all is known."""
        figures = (self.followers, self.impressions, self.reach, self.engagements, self.posts)
        return any(value is not None for value in figures) or bool(self.per_post)


def no_insights(period: InsightPeriod, platform: str, explanation: str) -> Insights:
    """The answer of a connector that reads no figures: none, and why."""
    reason = (
        Message(explanation) if explanation else Message(_NO_FIGURES, platform=Message(platform))
    )
    return Insights(
        start=period.start,
        end=period.end,
        missing=(reason,),
        explanation=reason,
        supported=False,
    )


class NewestFirst:
    """Places the posts of a newest-first listing in a period, and says when it has passed it.

    A few posts older than the period in a row end the listing; one out of order (a pinned
    post) does not.
    """

    OLDER_IN_A_ROW = 5

    def __init__(self, period: InsightPeriod) -> None:
        """Nothing seen yet."""
        self.period = period
        self.passed = False
        self._older = 0

    def place(self, published: datetime) -> bool:
        """Whether a post published at ``published`` belongs to the period."""
        if published < self.period.since:
            self._older += 1
            self.passed = self._older >= self.OLDER_IN_A_ROW
            return False
        self._older = 0
        return published < self.period.until


class Tally:
    """A sum of counts that stays None until a readable one arrives."""

    def __init__(self) -> None:
        """Nothing read yet."""
        self.total: int | None = None
        self.unreadable = 0

    def add(self, value: Any) -> int | None:
        """Add ``value`` when it is a count (absent values are skipped, others counted)."""
        number = count(value)
        if number is None:
            if value is not None:
                self.unreadable += 1
            return None
        self.total = min(MAX_COUNT, (self.total or 0) + number)
        return number


class InsightsDraft:
    """What a connector has found so far; ``done()`` turns it into ``Insights``.

    A refusal or an unreadable answer for one figure is noted and the others are still
    fetched. When nothing at all could be read and the platform refused, ``done()`` raises
    that refusal: the call as a whole was refused.
    """

    def __init__(self, period: InsightPeriod, platform: str, explanation: str) -> None:
        """Start empty for ``period``; ``platform`` is the connector's label."""
        self.period = period
        self.platform = Message(platform)
        self.explanation = explanation
        self.followers: int | None = None
        self.impressions = Tally()
        self.reach = Tally()
        self.engagements = Tally()
        self.per_post: list[PostInsight] = []
        self.posts_counted = False
        self.missing: list[Message] = []
        self.source: list[str] = []
        self.truncated = False
        self.quota_units = 0
        self._refusals: list[PlatformRefused] = []
        self._unreadable = 0
        self._explained: set[str] = set()
        self._seen_posts: set[str] = set()

    def set_followers(self, value: Any) -> None:
        """The follower count, when the value is one."""
        number = count(value)
        if number is None and value is not None:
            self._unreadable += 1
        self.followers = number

    def lack(self, figures: str | tuple[str, ...], text: str, **params: Any) -> None:
        """Say why the platform does not give ``figures`` (a msgid and its parameters)."""
        self._explained.update((figures,) if isinstance(figures, str) else figures)
        self.missing.append(Message(text, **params))

    def failed(
        self,
        figure: str,
        exc: PlatformRefused | PayloadError,
        *,
        covers: tuple[str, ...] = (),
    ) -> None:
        """Note that ``figure`` was refused or could not be read; the rest goes on.

        ``covers`` names the figures that came from the same answer (engagements added up
        from the figures per post), so they are not reported as missing a second time. When
        the posts could not all be read, none are kept: half a list would mislead.
        """
        if figure == PER_POST:
            self.per_post.clear()
            self._seen_posts.clear()
            self.posts_counted = False
        reason = exc.message
        if isinstance(exc, PlatformRefused):
            self._refusals.append(exc)
            reason = refusal(exc)
        self._explained.update((figure, *covers))
        self.missing.append(
            Message(_COULD_NOT, figure=Message(figure), platform=self.platform, reason=reason)
        )

    def attempt(
        self,
        figure: str,
        read: Callable[..., Any],
        *args: Any,
        covers: tuple[str, ...] = (),
    ) -> bool:
        """Run ``read(*args)``; a refusal or an unreadable answer is noted for ``figure``.

        TokenInvalid, RateLimited and TransientError propagate: the whole call is retried.
        """
        try:
            read(*args)
        except (PlatformRefused, PayloadError) as exc:
            self.failed(figure, exc, covers=covers)
            return False
        return True

    def read_posts(
        self, read: Callable[..., Any], *args: Any, sums: tuple[str, ...] = (ENGAGEMENTS,)
    ) -> None:
        """Run ``read(*args)``, which adds the period's own posts; ``sums`` are their totals.

        For platforms that give no figure for the period itself (Mastodon, Bluesky, X,
        YouTube): their engagements (and X's views) are the posts' added up.
        """
        if not self.attempt(PER_POST, read, *args, covers=sums):
            return
        self.posts_counted = True
        if ENGAGEMENTS in sums:
            self.engagements_from_posts()
        if IMPRESSIONS in sums:
            self.impressions_from_posts()

    def add_post(
        self,
        platform_id: str,
        published_at: datetime,
        *,
        impressions: Any = None,
        engagements: tuple[Any, ...] = (),
        permalink: Any = None,
    ) -> bool:
        """Count one own post (its parts of engagement added up); False once the list is full.

        The values are the platform's, unread: anything that is not a count is left out, a
        permalink that is not an http(s) address is dropped.
        """
        if platform_id in self._seen_posts:
            # A platform repeating a post (a page sent twice) must not count it twice.
            return True
        if len(self.per_post) >= MAX_INSIGHT_POSTS:
            self.truncated = True
            return False
        self._seen_posts.add(platform_id)
        self.posts_counted = True
        parts = Tally()
        for part in engagements:
            parts.add(part)
        views = Tally()
        views.add(impressions)
        self._unreadable += parts.unreadable + views.unreadable
        self.per_post.append(
            PostInsight(
                platform_id=platform_id[:300],
                published_at=published_at,
                impressions=views.total,
                engagements=parts.total,
                permalink=(web_url(permalink) or None) if isinstance(permalink, str) else None,
            )
        )
        return True

    def engagements_from_posts(self) -> None:
        """Engagements as the sum over the posts counted (platforms with no period figure)."""
        for post in self.per_post:
            self.engagements.add(post.engagements)

    def impressions_from_posts(self) -> None:
        """Views as the sum over the posts counted, when any post has them."""
        for post in self.per_post:
            self.impressions.add(post.impressions)

    def done(self) -> Insights:
        """The Insights; raises the platform's refusal when it refused and nothing was read."""
        result = Insights(
            start=self.period.start,
            end=self.period.end,
            followers=self.followers,
            impressions=self.impressions.total,
            reach=self.reach.total,
            engagements=self.engagements.total,
            posts=len(self.per_post) if self.posts_counted or self.per_post else None,
            per_post=tuple(self.per_post),
            missing=tuple(self._notes()),
            source=tuple(self.source),
            explanation=Message(self.explanation) if self.explanation else None,
            quota_units=self.quota_units,
        )
        if self._refusals and not result.has_figures:
            raise self._refusals[0]
        return result

    def _notes(self) -> list[Message]:
        notes = list(self.missing)
        figures = (
            (FOLLOWERS, self.followers),
            (IMPRESSIONS, self.impressions.total),
            (REACH, self.reach.total),
            (ENGAGEMENTS, self.engagements.total),
        )
        for figure, value in figures:
            if value is None and figure not in self._explained:
                notes.append(Message(_ABSENT, platform=self.platform, figure=Message(figure)))
        unreadable = (
            self._unreadable
            + self.impressions.unreadable
            + self.reach.unreadable
            + self.engagements.unreadable
        )
        if unreadable:
            notes.append(Message(_UNREADABLE, platform=self.platform, count=unreadable))
        if self.truncated:
            notes.append(Message(_TRUNCATED, count=len(self.per_post)))
        return notes
