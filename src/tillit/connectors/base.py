"""The Connector contract: what every platform module declares, returns and raises."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from enum import StrEnum
from typing import Any, ClassVar
from urllib.parse import urlsplit

import httpx
import regex

from tillit.core.links import web_url
from tillit.core.messages import Message, foreign
from tillit.core.messages import marked as _
from tillit.core.net.policy import FetchPolicy, Refused, Unresolvable, check_url

from .errors import ConfigError, PlatformRefused, UnsafeAddress
from .errors import refusal as refusal  # where it always was, for its callers
from .insights import InsightPeriod, Insights, InsightsDraft, no_insights
from .insights import PostInsight as PostInsight  # part of the contract, imported from here


class Capability(StrEnum):
    """What a connector can do on its platform."""

    READ_POSTS = "read_posts"
    READ_COMMENTS = "read_comments"
    READ_DIRECT_MESSAGES = "read_direct_messages"
    HIDE = "hide"
    UNHIDE = "unhide"
    DELETE = "delete"
    DELETE_OWN = "delete_own"
    REPLY = "reply"
    BLOCK = "block"
    REPORT = "report"
    READ_PROFILE = "read_profile"
    PUBLISH = "publish"
    # Reading back whether an item is still there and visible (reconciling the outbox).
    READ_STATE = "read_state"
    # Reach and engagement figures for a period (the reports, R23): fetch_insights.
    READ_INSIGHTS = "read_insights"


# A connector lacking one of these must say why and what the platform offers instead,
# because the moderator needs that explanation in front of them when a button is missing.
MODERATION_CAPABILITIES = frozenset(
    {
        Capability.HIDE,
        Capability.UNHIDE,
        Capability.DELETE,
        Capability.REPLY,
        Capability.BLOCK,
        Capability.REPORT,
    }
)


class ItemKind(StrEnum):
    """What an inbound item is, seen from the organisation's account."""

    OWN_POST = "own_post"
    COMMENT = "comment"
    REPLY = "reply"
    MENTION = "mention"
    DIRECT_MESSAGE = "direct_message"


class TextFormat(StrEnum):
    """How ``InboundItem.text`` is encoded; detectors and templates need to know."""

    PLAIN = "plain"
    HTML = "html"


class ActionStatus(StrEnum):
    """Outcome of an action on the platform."""

    DONE = "done"
    REFUSED = "refused"
    NOT_SUPPORTED = "not_supported"


@dataclass(frozen=True)
class Parameter:
    """One setting a channel must supply to its connector (token, page id, ...)."""

    name: str
    # What a person reads: gettext_lazy texts, so the form speaks the reader's language.
    label: str
    secret: bool = False
    required: bool = True
    default: str | None = None
    help: str = ""
    # A URL Tillit connects to: checked against the outbound policy when saved, and secrets
    # saved with one host are never sent to another (see Connector.merge_config).
    url: bool = False


def _keep_web_url(record: Any, name: str) -> None:
    """Replace a field that is not an http(s) address with None on a frozen dataclass."""
    value = getattr(record, name)
    if value is not None and not web_url(value):
        # A hostile ``javascript:`` permalink must never be stored as a link.
        object.__setattr__(record, name, None)


@dataclass(frozen=True)
class Author:
    """The author as the platform displayed them at the time of fetching."""

    platform_id: str
    display_name: str
    handle: str | None = None
    profile_url: str | None = None

    def __post_init__(self) -> None:
        """Keep the profile address only when it is http(s): it becomes a link (raw keeps all)."""
        _keep_web_url(self, "profile_url")


@dataclass(frozen=True)
class Attachment:
    """A file or link attached to an item; the archive fetches it, the connector does not."""

    url: str
    media_type: str
    size: int | None = None
    name: str | None = None


@dataclass(frozen=True)
class InboundItem:
    """One post, comment, reply, mention or direct message, exactly as received."""

    platform_id: str
    kind: ItemKind
    is_public: bool
    text: str
    author: Author
    # Arrival on the platform (FL 22 §), never the time we fetched it.
    received_at: datetime
    parent_platform_id: str | None = None
    thread_platform_id: str | None = None
    permalink: str | None = None
    attachments: tuple[Attachment, ...] = ()
    edited_at: datetime | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    text_format: TextFormat = TextFormat.PLAIN
    is_hidden: bool | None = None

    def __post_init__(self) -> None:
        """Refuse naive datetimes: a received date without a zone is not evidence."""
        if self.received_at.tzinfo is None or self.received_at.utcoffset() is None:
            raise ValueError("received_at must be timezone-aware")
        if self.edited_at is not None and self.edited_at.tzinfo is None:
            raise ValueError("edited_at must be timezone-aware")
        # Every connector gets the same guarantee here, whatever its parsing missed.
        _keep_web_url(self, "permalink")


@dataclass(frozen=True)
class Rejected:
    """Something the platform sent that could not be read as an item: why, and what it was."""

    # A Message (translated where shown; the inbox stores it with tillit.core.messages).
    reason: str | Message
    raw: Any = None
    platform_id: str | None = None


@dataclass(frozen=True)
class FetchResult:
    """A page of items and the opaque cursor to pass as ``since`` next time.

    ``rejected`` holds the entries the connector could not read, so one malformed item is
    recorded with its reason instead of failing the whole batch; ``removed`` the ids the
    platform says it removed (the inbox marks them, never drops them).
    """

    items: tuple[InboundItem, ...]
    cursor: str | None
    quota_units: int = 0
    rejected: tuple[Rejected, ...] = ()
    removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Profile:
    """The account's public profile, for the compliance checks (R10-R11)."""

    platform_id: str
    display_name: str
    handle: str | None = None
    bio: str = ""
    links: tuple[str, ...] = ()
    url: str | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        """Keep the profile address only when it is http(s); the links stay for the checks."""
        _keep_web_url(self, "url")


@dataclass(frozen=True)
class ActionResult:
    """What happened when Tillit asked the platform to act."""

    status: ActionStatus
    platform_ref: str | None = None
    # For a person: a Message (store it with tillit.core.messages.stored), or "" when done.
    detail: str | Message = ""
    quota_units: int = 0
    # Where the public sees what was published (a post's or reply's page), when known.
    permalink: str | None = None

    def __post_init__(self) -> None:
        """A permalink becomes a link: keep it only when it is http(s)."""
        _keep_web_url(self, "permalink")

    @property
    def ok(self) -> bool:
        """True when the platform carried the action out."""
        return self.status is ActionStatus.DONE


@dataclass(frozen=True)
class PlatformState:
    """What the platform says about one item now: still there, hidden, or gone.

    ``hidden`` is None where the platform has no hiding (Mastodon): only existence is known.
    """

    exists: bool
    hidden: bool | None = None


@dataclass(frozen=True)
class TextLimit:
    """How long a reply and a post may be on a platform, and how the platform counts.

    ``graphemes`` counts user-perceived characters (Bluesky: an emoji with skin tone or a
    family is one), otherwise Unicode code points. None means the platform gives no limit
    Tillit knows of (or no way to write there).
    """

    reply: int | None = None
    post: int | None = None
    graphemes: bool = False
    # X counts every web address as this many characters, however long it is.
    link_length: int | None = None

    def length(self, text: str) -> int:
        """The length of ``text`` as the platform counts it (newlines as one character)."""
        text = text.replace("\r\n", "\n")
        if self.link_length is not None:
            text = _WEB_ADDRESS.sub("x" * self.link_length, text)
        if self.graphemes:
            return len(regex.findall(r"\X", text))
        return len(text)


_WEB_ADDRESS = regex.compile(r"https?://[^\s<>\"]+", regex.IGNORECASE)


def web_addresses(text: str) -> list[tuple[int, int]]:
    """Where the web addresses in ``text`` start and end, without the sentence's punctuation.

    "Se https://a.se/b." ends at "b"; "(https://a.se/c_(d))" keeps its own parentheses.
    """
    found = []
    for match in _WEB_ADDRESS.finditer(text):
        url = match.group(0)
        while _ends_sentence(url):
            url = url[:-1]
        found.append((match.start(), match.start() + len(url)))
    return found


def _ends_sentence(url: str) -> bool:
    """Whether the last character belongs to the sentence around an address, not to it."""
    if not url:
        return False
    return url[-1] in ".,;:!?'\u2019" or (url[-1] == ")" and url.count(")") > url.count("("))


def text_with_link(text: str, link: str | None) -> str:
    """``text`` with ``link`` on a line of its own at the end, unless the text already has it."""
    if not link or link in text:
        return text
    body = text.rstrip()
    return f"{body}\n\n{link}" if body else link


@dataclass(frozen=True)
class Media:
    """An image to publish: the bytes, their type and the alt text a screen reader reads.

    ``url`` is a public address of the same file, for platforms that fetch the image
    themselves instead of taking an upload (Instagram's content publishing).
    """

    data: bytes = field(repr=False)
    media_type: str
    alt_text: str
    name: str = "image"
    url: str | None = None
    # The file's size in bytes; given where the bytes are not read yet (checking a draft).
    size: int = -1

    def __post_init__(self) -> None:
        """The size of the bytes, unless it was given."""
        if self.size < 0:
            object.__setattr__(self, "size", len(self.data))


@dataclass(frozen=True)
class Publication:
    """A post the organisation publishes: text (already signed), an optional link, images."""

    text: str
    link: str | None = None
    media: tuple[Media, ...] = ()

    def __post_init__(self) -> None:
        """A link is only ever an http(s) address."""
        _keep_web_url(self, "link")


@dataclass(frozen=True)
class PostRules:
    """What a post must be on a platform, beyond its length (``TextLimit.post``).

    The composer shows these as the person types and the publishing check refuses a post
    that breaks them, so the outbox never carries a post the platform would refuse.
    """

    # Instagram: a post is an image (or video) with a caption; text alone cannot go out.
    needs_media: bool = False
    max_media: int = 4
    media_types: frozenset[str] = frozenset({"image/jpeg", "image/png"})
    max_media_bytes: int = 5 * 1024 * 1024
    # Whether a link can go with the post (as a link card, a facet or in the text).
    links: bool = True


@dataclass(frozen=True)
class Limits:
    """Bounds on talking to a platform; every answer is hostile until parsed."""

    timeout_s: float = 20.0
    max_body_bytes: int = 5 * 1024 * 1024
    max_pages: int = 10


class Connector:
    """Base for platform connectors; subclasses fill the class attributes and ``_`` methods.

    Public action methods check the capability first, so an unsupported action never
    reaches the network, and turn a ``PlatformRefused`` into a refused ``ActionResult``.
    ``TokenInvalid``, ``RateLimited`` and ``TransientError`` propagate: the outbox
    retries or asks a person to reconnect.
    """

    platform: ClassVar[str] = ""
    # The platform's name as a person reads it (gettext_lazy where it has words to translate).
    label: ClassVar[str] = ""
    parameters: ClassVar[tuple[Parameter, ...]] = ()
    capabilities: ClassVar[frozenset[Capability]] = frozenset()
    # Why a moderation capability is missing and what to do instead: gettext_lazy texts.
    unsupported: ClassVar[Mapping[Capability, str]] = {}
    has_webhooks: ClassVar[bool] = False
    # The URL segment of the webhook endpoint (/webhooks/<group>/); connectors that share one
    # platform endpoint (Meta's Page and Instagram) share a group. Empty means the slug.
    webhook_group: ClassVar[str] = ""
    # The parameter naming the account on the platform (webhooks are routed by it).
    account_parameter: ClassVar[str | None] = None
    # Why the platform cannot report an item's state, when READ_STATE is not a capability.
    state_unsupported: ClassVar[str] = ""
    # How long replies and posts may be there (shown as the person types, checked on submit).
    text_limit: ClassVar[TextLimit] = TextLimit()
    # What a post must be there (images, link); with PUBLISH only.
    post_rules: ClassVar[PostRules] = PostRules()
    # The link travels beside the text as a card (Facebook, LinkedIn), not in it, unless
    # images take the card's place.
    link_card: ClassVar[bool] = False
    # What fetch_insights' figures mean here (the report's footnote), or, without
    # READ_INSIGHTS, why there are none: a gettext msgid in English.
    insights_explanation: ClassVar[str] = _(
        "Tillit reads no reach or engagement figures from this platform."
    )
    # Templates receive connector classes; Django would otherwise call them with no config.
    do_not_call_in_templates: ClassVar[bool] = True

    def __init__(
        self,
        config: Mapping[str, str],
        *,
        http: httpx.Client | None = None,
        limits: Limits | None = None,
        policy: FetchPolicy | None = None,
    ) -> None:
        """Validate the channel's parameters; ``http`` lets tests and callers share a client.

        ``policy`` decides where requests may go; None means the outbound policy from the
        settings (public addresses plus TILLIT_OUTBOUND_ALLOW_HOSTS).
        """
        self.limits = limits or Limits()
        self.config = self.clean_config(config)
        self.policy = policy
        self._http = http

    # --- configuration -------------------------------------------------

    @classmethod
    def clean_config(cls, config: Mapping[str, str]) -> dict[str, str]:
        """The parameters checked for presence, type and URL shape; ConfigError names the fault.

        No name is resolved here (building a connector must not touch the network); saving a
        connection also runs ``check_addresses``.
        """
        known = {p.name for p in cls.parameters}
        unknown = sorted(set(config) - known)
        if unknown:
            raise ConfigError(
                Message(
                    _("%(platform)s does not take these settings: %(names)s."),
                    platform=Message(cls.label),
                    names=foreign(", ".join(unknown)),
                )
            )
        cleaned: dict[str, str] = {}
        for param in cls.parameters:
            value = config.get(param.name, param.default)
            if value is None or (isinstance(value, str) and not value.strip()):
                if param.required:
                    raise ConfigError(
                        Message(
                            _("%(platform)s: %(label)s must be filled in."),
                            platform=Message(cls.label),
                            label=Message(param.label),
                        )
                    )
                continue
            if not isinstance(value, str):
                raise ConfigError(
                    Message(
                        _("%(platform)s: %(label)s must be text."),
                        platform=Message(cls.label),
                        label=Message(param.label),
                    )
                )
            cleaned[param.name] = value.strip()
            if param.url:
                _check_url_shape(cls.label, param.label, cleaned[param.name])
        return cleaned

    @classmethod
    def url_parameters(cls) -> tuple[Parameter, ...]:
        """The parameters that are addresses Tillit connects to."""
        return tuple(p for p in cls.parameters if p.url)

    @classmethod
    def check_addresses(cls, config: Mapping[str, str], policy: FetchPolicy | None = None) -> None:
        """Raise UnsafeAddress when a URL parameter resolves to an internal or local address."""
        if policy is None:
            from tillit.core.net.outbound import outbound_policy

            policy = outbound_policy()
        for param in cls.url_parameters():
            value = config.get(param.name) or param.default
            if not value:
                continue
            try:
                check_url(value, policy)
            except Refused as exc:
                unresolvable = isinstance(exc, Unresolvable)
                raise UnsafeAddress(param.name, exc.reason, unresolvable=unresolvable) from None

    @classmethod
    def merge_config(
        cls, stored: Mapping[str, str], typed: Mapping[str, str]
    ) -> tuple[dict[str, str], list[str]]:
        """Typed values over stored ones, and the names of stored secrets that were dropped.

        A secret left empty keeps its stored value only while every URL parameter still
        points at the same origin: a token is only ever sent to the host it was saved for.
        """
        merged = {k: v for k, v in typed.items() if v}
        moved = any(
            _origin(stored.get(p.name) or p.default or "")
            != _origin(merged.get(p.name) or p.default or "")
            for p in cls.url_parameters()
        )
        cleared = []
        for param in cls.parameters:
            if not param.secret or param.name in merged or not stored.get(param.name):
                continue
            if moved:
                cleared.append(param.name)
            else:
                merged[param.name] = stored[param.name]
        return merged, cleared

    @classmethod
    def secret_parameters(cls) -> frozenset[str]:
        """Names of parameters that must be stored encrypted and never shown or logged."""
        return frozenset(p.name for p in cls.parameters if p.secret)

    def __repr__(self) -> str:
        """Show the non-secret settings only, so a stray log line cannot leak a token."""
        public = {k: v for k, v in self.config.items() if k not in self.secret_parameters()}
        return f"<{type(self).__name__} {public}>"

    @property
    def http(self) -> httpx.Client:
        """The HTTP client, created lazily with this connector's limits and policy."""
        if self._http is None:
            from .http import make_client

            self._http = make_client(self.limits, policy=self.policy)
        return self._http

    def close(self) -> None:
        """Release network resources."""
        if self._http is not None:
            self._http.close()

    def supports(self, capability: Capability) -> bool:
        """True when the platform lets Tillit do ``capability``."""
        return capability in self.capabilities

    # --- reading -------------------------------------------------------

    def fetch_items(self, since: str | None = None) -> FetchResult:
        """Fetch items that arrived after the opaque cursor ``since`` (None: the first run)."""
        raise NotImplementedError

    def fetch_profile(self) -> Profile:
        """Fetch the account's public profile."""
        raise NotImplementedError

    def read_state(self, platform_id: str) -> PlatformState | None:
        """Whether ``platform_id`` still exists and is hidden; None when the platform cannot say.

        Connection and token errors propagate like an action's (the caller retries later).
        """
        if Capability.READ_STATE not in self.capabilities:
            return None
        return self._read_state(platform_id)

    def _read_state(self, platform_id: str) -> PlatformState:
        raise NotImplementedError

    def fetch_insights(self, start: date, end: date, *, zone: tzinfo = UTC) -> Insights:
        """Reach and engagement for the days ``start`` to ``end`` (both included, in ``zone``).

        ValueError when that is not a period (end before start, longer than a year, times
        instead of dates). Without READ_INSIGHTS nothing reaches the network: the answer has
        no figures and ``missing`` says why. A figure the platform refuses or answers with
        nonsense is None and explained in ``missing``; when it refuses everything, its
        ``PlatformRefused`` is raised. ``TokenInvalid``, ``RateLimited`` (``retry_after``)
        and ``TransientError`` propagate: ask again later or reconnect.
        """
        period = InsightPeriod(start, end, zone)
        if Capability.READ_INSIGHTS not in self.capabilities:
            return no_insights(period, self.label, self.insights_explanation)
        return self._fetch_insights(period)

    def _fetch_insights(self, period: InsightPeriod) -> Insights:
        raise NotImplementedError

    def insights_draft(self, period: InsightPeriod) -> InsightsDraft:
        """An empty draft of this connector's figures for ``period``."""
        return InsightsDraft(period, self.label, self.insights_explanation)

    # --- actions -------------------------------------------------------

    def hide(self, platform_id: str) -> ActionResult:
        """Hide someone else's item from the public while keeping it on the platform."""
        return self._act(Capability.HIDE, self._hide, platform_id)

    def unhide(self, platform_id: str) -> ActionResult:
        """Undo a hide."""
        return self._act(Capability.UNHIDE, self._unhide, platform_id)

    def delete(self, platform_id: str) -> ActionResult:
        """Delete someone else's item on the organisation's page (disposal: capture first)."""
        return self._act(Capability.DELETE, self._delete, platform_id)

    def delete_own(self, platform_id: str) -> ActionResult:
        """Delete a post or reply the organisation's account wrote."""
        return self._act(Capability.DELETE_OWN, self._delete_own, platform_id)

    def reply(self, platform_id: str, text: str, idempotency_key: str) -> ActionResult:
        """Reply publicly to ``platform_id``; ``platform_ref`` is the new reply's id."""
        return self._act(Capability.REPLY, self._reply, platform_id, text, idempotency_key)

    def publish(self, publication: Publication, idempotency_key: str) -> ActionResult:
        """Publish a new post on the account; ``platform_ref`` is its id, with its permalink.

        A post that breaks ``post_rules`` is refused before anything is uploaded, so a
        half-sent post (two images up, the third refused) never happens.
        """
        if Capability.PUBLISH in self.capabilities:
            problems = self.publication_problems(publication)
            if problems:
                return ActionResult(ActionStatus.REFUSED, detail=problems[0])
        return self._act(Capability.PUBLISH, self._publish, publication, idempotency_key)

    @classmethod
    def post_text(cls, publication: Publication) -> str:
        """The text as it goes to the platform: with the link appended where it travels in it.

        Measure this (``text_limit.length``), not the typed text: on X and Mastodon the link
        counts, on Facebook and LinkedIn it goes beside the text unless images take its place.
        """
        if cls.link_card and not publication.media:
            return publication.text
        return text_with_link(publication.text, publication.link)

    @classmethod
    def publication_problems(cls, publication: Publication) -> tuple[Message, ...]:
        """What in ``publication`` breaks ``post_rules``, as a person reads it (empty: none).

        The length is not checked here: an instance may allow more than ``text_limit.post``
        (Mastodon), and the platform's own refusal says so precisely.
        """
        rules = cls.post_rules
        platform = Message(cls.label)
        problems: list[Message] = []
        if rules.needs_media and not publication.media:
            problems.append(
                Message(_("A post on %(platform)s needs at least one image."), platform=platform)
            )
        if len(publication.media) > rules.max_media:
            problems.append(
                Message(
                    _("Too many images for %(platform)s: a post takes %(count)s at most."),
                    platform=platform,
                    count=rules.max_media,
                )
            )
        if publication.link and not rules.links:
            problems.append(
                Message(_("%(platform)s cannot take a link with a post."), platform=platform)
            )
        for media in publication.media:
            if media.media_type not in rules.media_types:
                problems.append(
                    Message(
                        _("%(platform)s does not take images of the type %(type)s."),
                        platform=platform,
                        type=foreign(media.media_type[:80]),
                    )
                )
            if media.size > rules.max_media_bytes:
                problems.append(
                    Message(
                        _(
                            "The image %(name)s is larger than %(platform)s allows "
                            "(%(size)s bytes, the limit is %(limit)s)."
                        ),
                        name=foreign(media.name[:80]),
                        platform=platform,
                        size=media.size,
                        limit=rules.max_media_bytes,
                    )
                )
        return tuple(problems)

    def block(
        self, author_platform_id: str, *, context_platform_id: str | None = None
    ) -> ActionResult:
        """Block an author; ``context_platform_id`` is the item that led to it (some need it)."""
        return self._act(Capability.BLOCK, self._block, author_platform_id, context_platform_id)

    def report(
        self, platform_id: str, *, reason: str, author_platform_id: str | None = None
    ) -> ActionResult:
        """Report an item (and its author) to the platform's moderators."""
        return self._act(Capability.REPORT, self._report, platform_id, reason, author_platform_id)

    def _act(
        self, capability: Capability, func: Callable[..., ActionResult], *args: Any
    ) -> ActionResult:
        if capability not in self.capabilities:
            explanation = self.unsupported.get(capability)
            return ActionResult(
                ActionStatus.NOT_SUPPORTED,
                detail=Message(explanation)
                if explanation
                else Message(
                    _("%(platform)s does not allow this action."), platform=Message(self.label)
                ),
            )
        try:
            return func(*args)
        except PlatformRefused as exc:
            return ActionResult(ActionStatus.REFUSED, detail=refusal(exc))

    # Subclasses override the ones they support; the base never gets here otherwise.
    def _hide(self, platform_id: str) -> ActionResult:
        raise NotImplementedError

    def _unhide(self, platform_id: str) -> ActionResult:
        raise NotImplementedError

    def _delete(self, platform_id: str) -> ActionResult:
        raise NotImplementedError

    def _delete_own(self, platform_id: str) -> ActionResult:
        raise NotImplementedError

    def _reply(self, platform_id: str, text: str, idempotency_key: str) -> ActionResult:
        raise NotImplementedError

    def _publish(self, publication: Publication, idempotency_key: str) -> ActionResult:
        raise NotImplementedError

    def _block(self, author_platform_id: str, context_platform_id: str | None) -> ActionResult:
        raise NotImplementedError

    def _report(
        self, platform_id: str, reason: str, author_platform_id: str | None
    ) -> ActionResult:
        raise NotImplementedError

    # --- webhooks ------------------------------------------------------

    def webhook_challenge(self, query: Mapping[str, str]) -> str | None:
        """Answer a subscription handshake; None when the query is not a valid one."""
        return None

    def verify_webhook(self, headers: Mapping[str, str], body: bytes) -> bool:
        """True only when ``body`` provably comes from the platform."""
        return False

    def parse_webhook(self, body: bytes) -> list[InboundItem]:
        """Turn a verified webhook body into items; call ``verify_webhook`` first."""
        raise NotImplementedError(f"{self.platform} has no webhooks")

    @classmethod
    def webhook_accounts(cls, payload: Any) -> list[str] | None:
        """The account keys a decoded delivery addresses; None when it is not for this class.

        Called before the signature is checked, to find whose secret checks it: it must only
        read the envelope, never trust it.
        """
        return None

    def read_webhook(self, body: bytes) -> FetchResult:
        """This account's items in a verified delivery; bad entries in ``rejected``.

        Raises ``PayloadError`` only when the delivery as a whole cannot be read. The default
        is strict: connectors that can tell one bad entry from a bad delivery override it.
        """
        return FetchResult(tuple(self.parse_webhook(body)), cursor=None)


def _check_url_shape(platform: str, name: str, value: str) -> None:
    parts = urlsplit(value)
    try:
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        host = None
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise ConfigError(
            Message(
                _("%(platform)s: %(label)s must be a web address (http or https)."),
                platform=Message(platform),
                label=Message(name),
            )
        )
    if parts.username or parts.password:
        # Credentials in a URL end up in logs and the audit trail; they belong in a secret.
        raise ConfigError(
            Message(
                _("%(platform)s: %(label)s must not contain a user name or password."),
                platform=Message(platform),
                label=Message(name),
            )
        )


def _origin(url: str) -> tuple[str, str, int | None]:
    """Scheme, host and port: what a token is bound to."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    try:
        port = parts.port or {"http": 80, "https": 443}.get(scheme)
    except ValueError:
        port = None
    return scheme, (parts.hostname or "").rstrip(".").lower(), port


def done(
    platform_ref: str | None = None,
    detail: str | Message = "",
    quota_units: int = 0,
    permalink: str | None = None,
) -> ActionResult:
    """Shorthand for a successful ``ActionResult``."""
    return ActionResult(ActionStatus.DONE, platform_ref, detail, quota_units, permalink)


def check_connector_class(cls: type[Connector]) -> None:
    """Raise TypeError when a connector class breaks the contract; run at registration."""
    if not cls.platform or not cls.platform.isidentifier() or cls.platform != cls.platform.lower():
        raise TypeError(f"{cls.__name__}.platform must be a lower-case slug")
    if not cls.label:
        raise TypeError(f"{cls.__name__}.label is required")
    names = [p.name for p in cls.parameters]
    if len(names) != len(set(names)):
        raise TypeError(f"{cls.__name__}: duplicate parameter names")
    if not isinstance(cls.capabilities, frozenset) or not all(
        isinstance(c, Capability) for c in cls.capabilities
    ):
        raise TypeError(f"{cls.__name__}.capabilities must be a frozenset of Capability")
    missing = sorted(MODERATION_CAPABILITIES - cls.capabilities - set(cls.unsupported))
    if missing:
        raise TypeError(f"{cls.__name__}: explain why these are unsupported: {missing}")
    if Capability.READ_STATE not in cls.capabilities and not cls.state_unsupported:
        raise TypeError(f"{cls.__name__}: explain why it cannot read an item's state back")
    contradicting = sorted(set(cls.unsupported) & cls.capabilities)
    if contradicting:
        raise TypeError(
            f"{cls.__name__}: both supported and explained as unsupported: {contradicting}"
        )
    if Capability.PUBLISH in cls.capabilities:
        _check_publishing(cls)
    elif not cls.unsupported.get(Capability.PUBLISH):
        # The composer shows why a channel cannot take a post instead of a missing button.
        raise TypeError(f"{cls.__name__}: explain why it cannot publish (unsupported[PUBLISH])")
    _check_insights(cls)


def _check_insights(cls: type[Connector]) -> None:
    """Declaring READ_INSIGHTS and implementing ``_fetch_insights`` go together, explained."""
    implements = cls._fetch_insights is not Connector._fetch_insights
    declares = Capability.READ_INSIGHTS in cls.capabilities
    if declares and not implements:
        raise TypeError(f"{cls.__name__}: READ_INSIGHTS needs _fetch_insights")
    if implements and not declares:
        raise TypeError(f"{cls.__name__}: _fetch_insights without READ_INSIGHTS is never called")
    if cls.fetch_insights is not Connector.fetch_insights:
        # The public method checks the period and the capability; platforms fill the rest.
        raise TypeError(f"{cls.__name__}: override _fetch_insights, not fetch_insights")
    if not isinstance(cls.insights_explanation, str) or len(cls.insights_explanation) < 20:
        raise TypeError(f"{cls.__name__}: explain what its insights mean (insights_explanation)")


def _check_publishing(cls: type[Connector]) -> None:
    """A publishing connector declares how long a post may be and what it may carry."""
    post = cls.text_limit.post
    if not isinstance(post, int) or isinstance(post, bool) or post < 1:
        raise TypeError(f"{cls.__name__}: a connector that publishes needs text_limit.post")
    rules = cls.post_rules
    if not isinstance(rules, PostRules):
        raise TypeError(f"{cls.__name__}.post_rules must be a PostRules")
    if not 0 <= rules.max_media <= 100 or (rules.needs_media and rules.max_media < 1):
        raise TypeError(f"{cls.__name__}.post_rules: max_media does not fit needs_media")
    if rules.max_media and (
        not rules.media_types
        or not all(isinstance(t, str) and t.startswith("image/") for t in rules.media_types)
        or rules.max_media_bytes < 1
    ):
        raise TypeError(f"{cls.__name__}.post_rules: images need image/ types and a byte limit")
