"""The demo's half-year of history as a plan: what happened when, decided in pure Python.

Deterministic: each channel and day draws from its own `random.Random` seeded with a fixed
string, and every date is counted back from the day the demo is loaded, so every load gives
the same shape (the same load on the same day gives the same rows). Nothing here touches the
database; `history_data` writes the plan.

The shape: activity grows over the half-year; a storm week floods the traffic page with
questions, complaints and a troll; a culture week lifts the culture channels; in the last
month a spam wave hits the library and the culture school, and replies come faster (a
substitute on duty every day). What is decided after "now" has not happened: those items
are still open, the realistic handful a moderator finds in the queue.
"""

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from tillit.moderation.calendar import is_working_day

from . import history_texts as T

SEED = "tillit-demo-history-2026"
DAYS = 180
STORM_DAYS = range(74, 79)  # days before the load
FESTIVAL_DAYS = range(118, 125)
RECENT_DAYS = 30  # the last month: spam wave, faster replies
URGENT_RULES = {"R13b", "R13c", "R13d", "R13e", "R14"}
WORK_START, WORK_END = time(8, 0), time(16, 30)
#: Of what arrived in the last day or two, the share nobody has got to yet.
BACKLOG = 0.35


@dataclass(frozen=True)
class Profile:
    """How busy one demo channel is and which texts it uses."""

    key: str
    channel: str
    posts_per_week: float
    comments_per_post: float
    dms_per_week: float = 0.0
    weekend_posts: float = 0.3
    festival: bool = False
    storm: bool = False
    spam_wave: bool = False
    # How much busier the last month is than the trend (a new service, the snow season).
    recent: float = 1.0
    # The library hides personal data at once (data.py); each hide is reviewed afterwards.
    auto_hides_personal_data: bool = False


PROFILES = (
    Profile(
        "library",
        "Piteå bibliotek",
        3.0,
        2.8,
        dms_per_week=1.0,
        festival=True,
        spam_wave=True,
        recent=1.25,
        auto_hides_personal_data=True,
    ),
    Profile(
        "culture_school",
        "Kulturskolan Piteå",
        2.0,
        2.4,
        dms_per_week=0.5,
        weekend_posts=0.5,
        festival=True,
        spam_wave=True,
    ),
    Profile(
        "youtube",
        "Piteå Kultur på YouTube",
        0.8,
        2.0,
        weekend_posts=0.2,
        festival=True,
        recent=1.5,
    ),  # fmt: skip
    Profile(
        "roads",
        "Piteå kommun Samhällsbyggnad",
        3.5,
        3.0,
        dms_per_week=2.0,
        weekend_posts=0.2,
        storm=True,
        recent=1.4,
    ),  # fmt: skip
    Profile("jobs", "Jobba i Piteå", 1.5, 1.2, weekend_posts=0.0),
    Profile("mastodon", "Piteå bibliotek på Mastodon", 2.0, 1.0, dms_per_week=0.2, recent=1.3),
)


@dataclass(frozen=True)
class Author:
    """Someone on the platform, as it shows them; made up."""

    pid: str
    name: str


@dataclass
class Review:
    """A person's review of an automatic hide: confirmed, or restored with a reason."""

    at: datetime
    by: str
    restored: bool


@dataclass
class Decided:
    """A moderation decision on a comment; `block` names the reason for blocking its author."""

    kind: str
    rule: str
    at: datetime
    by: str  # "administrator", "substitute", "manager" or "policy"
    note: str = ""
    author_told: bool = False
    report_reference: str = ""
    review: Review | None = None
    block: str = ""


@dataclass
class Reply:
    """The organisation's reply to a comment, sent from Tillit or written on the platform."""

    at: datetime
    text: str
    by: str
    via_tillit: bool


@dataclass
class Comment:
    """A comment on a post (or the commenter's follow-up reply to it)."""

    pid: str
    at: datetime
    author: Author
    text: str
    parent: str
    rule: str = ""  # the letter the text breaks ("" for none)
    follows: "Comment | None" = None  # the commenter's own comment this answers back to
    reply: Reply | None = None
    decision: Decided | None = None  # None: still open in the queue


@dataclass
class Post:
    """An own post and its comments."""

    pid: str
    at: datetime
    text: str
    comments: list[Comment] = field(default_factory=list)


@dataclass
class Registration:
    """The registrar's decision on a received message, and when the case got its number."""

    at: datetime
    outcome: str  # "registered" or "little_importance"
    subject: str = ""
    reason: str = ""
    reference_at: datetime | None = None


@dataclass
class Message:
    """One direct message, received or sent (own) in a conversation."""

    pid: str
    at: datetime
    text: str
    own: bool = False
    registration: Registration | None = None  # None on a received one: still waiting


@dataclass
class Conversation:
    """A direct-message thread with one person."""

    pid: str
    author: Author
    messages: list[Message] = field(default_factory=list)


@dataclass
class ChannelPlan:
    """Everything planned for one channel."""

    profile: Profile
    posts: list[Post] = field(default_factory=list)
    conversations: list[Conversation] = field(default_factory=list)

    def comments(self) -> list[Comment]:
        """Every comment and follow-up, in time order."""
        return sorted((c for p in self.posts for c in p.comments), key=lambda c: c.at)

    def messages(self) -> list[Message]:
        """Every direct message, received and sent."""
        return [m for c in self.conversations for m in c.messages]


@dataclass
class HistoryPlan:
    """The whole half-year: one plan per channel, up to `now`."""

    now: datetime
    start: datetime
    channels: list[ChannelPlan]


class _Clock:
    """Working time in the demo's time zone: when people answer.

    Office hours on working days, or (`on_duty`) every day until eight in the evening: the
    last month's routine, a substitute watching the channels at weekends and evenings too.
    """

    def __init__(self, tz: tzinfo, *, on_duty: bool = False) -> None:
        self.tz = tz
        self.end = time(20, 0) if on_duty else WORK_END
        self.working = (lambda day: True) if on_duty else is_working_day

    def at(self, day: date, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(day, time(hour, minute), tzinfo=self.tz)

    def next_work(self, moment: datetime, rng: random.Random) -> datetime:
        """The moment someone is at work to see it: now if at work, else the next morning."""
        local = moment.astimezone(self.tz)
        day = local.date()
        if self.working(day) and WORK_START <= local.time() < self.end:
            return local
        if not (self.working(day) and local.time() < WORK_START):
            day += timedelta(days=1)
            while not self.working(day):
                day += timedelta(days=1)
        return self.at(day, 8) + timedelta(minutes=rng.uniform(0, 40))

    def add_work(self, moment: datetime, minutes: float) -> datetime:
        """Moment plus working minutes, carried over into the next working days."""
        local = moment.astimezone(self.tz)
        while True:
            end = self.at(local.date(), self.end.hour, self.end.minute)
            left = (end - local).total_seconds() / 60
            if minutes <= left:
                return local + timedelta(minutes=minutes)
            minutes -= max(left, 0)
            day = local.date() + timedelta(days=1)
            while not self.working(day):
                day += timedelta(days=1)
            local = self.at(day, 8)

    def work_answer(
        self, moment: datetime, rng: random.Random, median: float, late: float
    ) -> datetime:
        """When a person at work answers: a log-normal wait, sometimes days late."""
        answer = self.add_work(
            self.next_work(moment, rng), rng.lognormvariate(math.log(median), 0.9)
        )
        if rng.random() < late:
            answer = self.add_work(answer, rng.randint(1, 3) * 510)  # whole working days
        return answer

    def urgent_answer(self, moment: datetime, rng: random.Random, median: float) -> datetime:
        """Urgent items: someone on duty 07–22 every day answers within about an hour."""
        local = moment.astimezone(self.tz)
        if not 7 <= local.hour < 22:
            day = local.date() + timedelta(days=1 if local.hour >= 22 else 0)
            local = self.at(day, 7) + timedelta(minutes=rng.uniform(0, 30))
        return local + timedelta(minutes=rng.lognormvariate(math.log(median), 0.8))


def _poisson(rng: random.Random, mean: float) -> int:
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def _growth(days_ago: int) -> float:
    """From about two thirds of today's activity half a year ago up to 1.2 now."""
    return 0.65 + 0.55 * (DAYS - days_ago) / DAYS


def _authors() -> list[Author]:
    rng = random.Random(f"{SEED}:authors")  # noqa: S311  (demo content)
    pairs = [(f, s) for f in T.FIRST_NAMES for s in T.LAST_NAMES]
    rng.shuffle(pairs)
    return [Author(f"hist-a{i}", f"{f} {s}") for i, (f, s) in enumerate(pairs[:400])]


AUTHORS = _authors()
TROLL = Author("hist-troll", "Sture Kvarnström")
#: The accounts that are blocked after repeated spam; other spam comes from throwaway ones.
SPAMMERS = {
    "library": Author("hist-spam-1", "Solglas Rea 24"),
    "culture_school": Author("hist-spam-2", "Gratis Följare Nu"),
}
THROWAWAYS = [
    Author(f"hist-spam-x{i}", name)
    for i, name in enumerate(
        ["Rea Direkt", "Snabba Pengar Nu", "Följare Gratis 2", "Bästa Erbjudandet"]
    )
]


class _Planner:
    """Plans one channel, day by day."""

    def __init__(self, profile: Profile, now: datetime, tz: tzinfo) -> None:
        self.p = profile
        self.now = now
        self.clock = _Clock(tz)
        self.duty = _Clock(tz, on_duty=True)
        self.plan = ChannelPlan(profile)
        index = [q.key for q in PROFILES].index(profile.key)
        self.pool = AUTHORS[index * 60 : index * 60 + 60]
        self.today = now.astimezone(tz).date()
        # Posts follow a plan, not chance: the expected number carried from day to day.
        self.due_posts = 0.0
        self.weights = [1 / (i + 1) ** 0.7 for i in range(len(self.pool))]

    def run(self) -> ChannelPlan:
        for days_ago in range(DAYS, -1, -1):
            rng = random.Random(f"{SEED}:{self.p.key}:{days_ago}")  # noqa: S311
            self._day(days_ago, rng)
        self._scripted()
        for number, post in enumerate(sorted(self.plan.posts, key=lambda p: p.at)):
            self._number(post, number)
        self.plan.posts.sort(key=lambda p: p.at)
        self._number_conversations()
        return self.plan

    # -- one day ------------------------------------------------------------------------

    def _day(self, days_ago: int, rng: random.Random) -> None:
        day = self.today - timedelta(days=days_ago)
        working = is_working_day(day)
        weekday_weight = 7 / (5 + 2 * self.p.weekend_posts)
        mean = self.p.posts_per_week / 7 * _growth(days_ago)
        mean *= weekday_weight if working else weekday_weight * self.p.weekend_posts
        storm = self.p.storm and days_ago in STORM_DAYS
        festival = self.p.festival and days_ago in FESTIVAL_DAYS
        if festival:
            mean = mean * 2 + 0.5
        self.due_posts += mean * rng.uniform(0.7, 1.3)
        posts = int(self.due_posts)
        self.due_posts -= posts
        posts += rng.randint(2, 3) if storm else 0
        for n in range(posts):
            hour = (
                rng.choice([8, 9, 9, 10, 10, 11, 13, 14, 15])
                if working
                else rng.choice([10, 11, 12])
            )
            at = self.clock.at(day, hour, rng.randint(0, 59))
            if storm and n >= posts - 3:
                at = self.clock.at(day, rng.randint(6, 21), rng.randint(0, 59))
            if at > self.now:
                continue
            if storm:
                text = T.STORM_POSTS[(STORM_DAYS.stop - days_ago + n) % len(T.STORM_POSTS)]
            elif festival:
                text = T.FESTIVAL_POSTS[(FESTIVAL_DAYS.stop - days_ago) % len(T.FESTIVAL_POSTS)]
            else:
                text = rng.choice(T.POSTS[self.p.key])
            post = Post("", at, text)
            self.plan.posts.append(post)
            factor = 4.0 if storm else 1.8 if festival else 1.0
            factor *= self.p.recent if days_ago < RECENT_DAYS else 1.0
            for _ in range(_poisson(rng, self.p.comments_per_post * _growth(days_ago) * factor)):
                self._comment(post, rng, days_ago, storm)
        dm_mean = self.p.dms_per_week / 7 * _growth(days_ago) * (8 if storm else 1)
        dm_mean *= self.p.recent if days_ago < RECENT_DAYS else 1.0
        for _ in range(_poisson(rng, dm_mean)):
            self._conversation(day, rng, days_ago, storm)

    def _comment(self, post: Post, rng: random.Random, days_ago: int, storm: bool) -> None:
        delay = timedelta(hours=rng.expovariate(1 / 5))
        at = post.at + delay
        if at.astimezone(self.clock.tz).hour < 6:
            at += timedelta(hours=6, minutes=rng.randint(0, 90))
        if at > self.now:
            return
        recent = days_ago < RECENT_DAYS
        spam = 0.10 if (self.p.spam_wave and recent) else 0.02
        weights = {
            "question": 0.35,
            "praise": 0.15 if storm else 0.37,
            "complaint": 0.25 if storm else 0.11,
            "rude": 0.17 if storm else 0.06,
            "kept": 0.02,
            "spam": spam,
            "personal": 0.015,
        }
        kind = rng.choices(list(weights), list(weights.values()))[0]
        author = rng.choices(self.pool, self.weights)[0]
        key = self.p.key
        answer = ""
        rule = ""
        if kind in ("question", "complaint"):
            pairs = (
                (T.STORM_QUESTIONS if kind == "question" else T.STORM_COMPLAINTS) if storm else []
            )
            pairs = pairs or (T.QUESTIONS if kind == "question" else T.COMPLAINTS)[key]
            pairs = pairs or T.QUESTIONS[key]
            text, answer = rng.choice(pairs)
        elif kind == "praise":
            text = rng.choice(T.STORM_PRAISE if storm else T.PRAISE[key])
            answer = "Tack så mycket! 😊"
        elif kind == "kept":
            text = rng.choice(T.KEPT_ALTHOUGH_FLAGGED)
            rule = "R13f"
        elif kind == "spam":
            rule = "R13g"
            text = rng.choice(T.RUDE[rule])
            author = rng.choice(THROWAWAYS)
        elif kind == "personal":
            rule = "R14"
            text = rng.choice(T.RUDE[rule])
        else:
            rule = rng.choices(
                ["R13a", "R13f", "R13b", "R13d", "R13e"],
                [0.4, 0.4, 0.08, 0.06, 0.06 if key != "youtube" else 0.3],
            )[0]
            text = rng.choice(T.RUDE[rule])
        comment = Comment("", at, author, text, post.pid, rule=rule)
        post.comments.append(comment)
        self._handle(comment, rng, days_ago, kind, answer)
        if comment.reply and kind == "question" and rng.random() < 0.2:
            follow_at = comment.reply.at + timedelta(hours=rng.expovariate(1 / 2))
            if follow_at <= self.now:
                follow = Comment(
                    "", follow_at, author, rng.choice(T.FOLLOW_UPS), "", follows=comment
                )
                post.comments.append(follow)
                self._handle(follow, rng, days_ago, "thanks", "")

    # -- who answers and decides, and when -------------------------------------------------

    def _who(self, rng: random.Random, days_ago: int, moment: datetime) -> str:
        local = moment.astimezone(self.clock.tz)
        off_hours = not is_working_day(local.date()) or not WORK_START <= local.time() < WORK_END
        if rng.random() < 0.03:
            return "manager"
        substitute = 0.4 if days_ago < RECENT_DAYS else 0.2
        return "substitute" if off_hours or rng.random() < substitute else "administrator"

    def _handle(
        self, c: Comment, rng: random.Random, days_ago: int, kind: str, answer: str
    ) -> None:
        recent = days_ago < RECENT_DAYS
        if days_ago <= 1 and c.rule not in URGENT_RULES and rng.random() < BACKLOG:
            return  # not got to yet: one of the handful still open in the queue
        median, late = (55, 0.05) if recent else (150, 0.12)
        clock = self.duty if recent else self.clock
        reply_chance = {"question": 0.9, "complaint": 0.75, "praise": 0.15}.get(kind, 0)
        if rng.random() < reply_chance:
            at = clock.work_answer(c.at, rng, median, late)
            if at > self.now:
                return  # still waiting for its answer: open in the queue
            by = self._who(rng, days_ago, at)
            c.reply = Reply(at, answer, by, via_tillit=rng.random() < 0.8)
        if c.rule in URGENT_RULES:
            at = self.clock.urgent_answer(c.at, rng, 30 if recent else 45)
        elif c.reply is not None:
            at = c.reply.at + timedelta(minutes=rng.uniform(1, 4))
        else:
            at = clock.work_answer(c.at, rng, median * 1.4, late)
        if self.p.auto_hides_personal_data and c.rule == "R14":
            auto = c.at + timedelta(seconds=rng.randint(20, 120))
            review_at = self.clock.work_answer(auto, rng, median, late)
            review = None
            if review_at <= self.now:
                review = Review(
                    review_at, self._who(rng, days_ago, review_at), c.text == T.FALSE_ALARM
                )
            c.decision = Decided("hide", "R14", auto, "policy", review=review)
            return
        if at > self.now:
            return
        c.decision = self._decide(c, rng, at, self._who(rng, days_ago, at))

    def _decide(self, c: Comment, rng: random.Random, at: datetime, by: str) -> Decided:
        rule = c.rule
        keep = {"R13a": 0.15, "R13f": 0.4}.get(rule, 0.0)
        if not rule or c.text in T.KEPT_ALTHOUGH_FLAGGED or rng.random() < keep:
            return Decided("keep", "", at, by)
        kind = "delete" if rule in URGENT_RULES - {"R14"} else "hide"
        if rule == "R13g" and rng.random() < 0.5:
            kind = "delete"
        return Decided(
            kind,
            rule,
            at,
            by,
            note=T.NOTES[rule] if rng.random() < 0.6 else "",
            author_told=rng.random() < 0.3,
        )

    # -- direct messages --------------------------------------------------------------------

    def _conversation(self, day: date, rng: random.Random, days_ago: int, storm: bool) -> None:
        at = self.clock.at(day, rng.randint(7, 21), rng.randint(0, 59))
        if at > self.now:
            return
        text, subject, sort = rng.choice(
            T.STORM_MESSAGES if storm and rng.random() < 0.7 else T.MESSAGES[self.p.key]
        )
        convo = Conversation("", rng.choice(self.pool))
        self.plan.conversations.append(convo)
        first = Message("", at, text)
        convo.messages.append(first)
        more = []
        if sort == "case" and rng.random() < 0.25:
            follow_at = at + timedelta(minutes=rng.randint(5, 90))
            if follow_at <= self.now:
                more.append(Message("", follow_at, rng.choice(T.FOLLOW_UP_MESSAGES)))
        convo.messages.extend(more)
        reg_at = self.clock.work_answer(max(m.at for m in convo.messages), rng, 300, 0.1)
        if reg_at <= self.now and not (days_ago <= 3 and rng.random() < BACKLOG):
            reference = self.clock.add_work(reg_at, rng.randint(1, 4) * 510)
            reference_at = reference if reference <= self.now and rng.random() < 0.9 else None
            for n, message in enumerate(convo.messages):
                if sort == "case":
                    message.registration = Registration(
                        reg_at + timedelta(minutes=2 * n),
                        "registered",
                        subject=subject if n == 0 else f"{subject}, komplettering",
                        reference_at=reference_at,
                    )
                else:
                    message.registration = Registration(
                        reg_at + timedelta(minutes=2 * n),
                        "little_importance",
                        reason="Ett tack eller en kort fråga utan ärende.",
                    )
        if rng.random() < (0.75 if sort == "case" else 0.5):
            reply_at = self.clock.work_answer(at, rng, 120, 0.08)
            if reply_at <= self.now:
                convo.messages.append(Message("", reply_at, T.DM_REPLIES[sort], own=True))

    # -- the troll, the spammers and the false alarm ---------------------------------------

    def _scripted(self) -> None:
        rng = random.Random(f"{SEED}:{self.p.key}:scripted")  # noqa: S311
        if self.p.storm:
            for days_ago, rule, kind in (
                (78, "R13a", "hide"),
                (77, "R13f", "hide"),
                (76, "R13d", "delete"),
            ):
                self._script(
                    rng, TROLL, days_ago, rule, kind, block="troll" if rule == "R13d" else ""
                )
        if self.p.key in SPAMMERS:
            days = (25, 18, 12, 9) if self.p.key == "library" else (20, 14, 6)
            for n, days_ago in enumerate(days):
                last = n == len(days) - 1
                self._script(
                    rng, SPAMMERS[self.p.key], days_ago, "R13g", "delete" if last else "hide",
                    block="spam" if last else "",
                )  # fmt: skip
        if self.p.auto_hides_personal_data:
            for days_ago in (101, 41):
                self._script(rng, self.pool[3], days_ago, "R14", "auto", text=T.FALSE_ALARM)

    def _script(
        self,
        rng: random.Random,
        author: Author,
        days_ago: int,
        rule: str,
        kind: str,
        *,
        block: str = "",
        text: str = "",
    ) -> None:
        day = self.today - timedelta(days=days_ago)
        at = self.clock.at(day, rng.randint(9, 20), rng.randint(0, 59))
        earlier = [p for p in self.plan.posts if p.at < at]
        if not earlier or at > self.now:
            return
        post = max(earlier, key=lambda p: p.at)
        comment = Comment("", at, author, text or rng.choice(T.RUDE[rule]), post.pid, rule=rule)
        post.comments.append(comment)
        if kind == "auto":
            self._handle(comment, rng, days_ago, "personal", "")
            return
        if rule in URGENT_RULES:
            decided = self.clock.urgent_answer(at, rng, 40)
        else:
            decided = self.clock.work_answer(at, rng, 90, 0)
        if decided > self.now:
            return
        comment.decision = Decided(
            kind,
            rule,
            decided,
            "administrator",
            note=T.NOTES[rule],
            author_told=not block,
            report_reference=f"5000-K{104500 + days_ago}-{decided:%y}" if rule == "R13d" else "",
            block=block,
        )

    def _number(self, post: Post, number: int) -> None:
        """Platform ids in time order: hist-<channel>-p<n>, its comments -c<m>, replies -r."""
        post.pid = f"hist-{self.p.key}-p{number}"
        post.comments.sort(key=lambda c: c.at)
        for m, comment in enumerate(post.comments):
            comment.pid = f"{post.pid}-c{m}"
        for comment in post.comments:
            comment.parent = comment.follows.pid if comment.follows else post.pid

    def _number_conversations(self) -> None:
        self.plan.conversations.sort(key=lambda c: c.messages[0].at)
        for n, convo in enumerate(self.plan.conversations):
            convo.pid = f"hist-{self.p.key}-dm{n}"
            convo.messages.sort(key=lambda m: m.at)
            for k, message in enumerate(convo.messages):
                message.pid = f"{convo.pid}-m{k}"


def plan_history(now: datetime, tz: tzinfo) -> HistoryPlan:
    """The half-year up to `now`, every channel; the same `now` always gives the same plan."""
    channels = [_Planner(profile, now, tz).run() for profile in PROFILES]
    return HistoryPlan(now=now, start=now - timedelta(days=DAYS), channels=channels)
