"""Whether a post may go out as it is: the check (R18), the signature (R12) and each
platform's rules, in one place for the composer, the approver, the release and the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tillit.channels.choices import ChannelStatus
from tillit.channels.services.signature import (
    SignatureMissing,
    signature_apply,
    signature_for,
    signature_shape_present,
)
from tillit.connectors.base import Capability, Media, Publication, TextLimit
from tillit.connectors.registry import get_connector
from tillit.core.messages import Message, foreign
from tillit.inbox.choices import ConnectionState
from tillit.inbox.models import Connection
from tillit.inbox.services.replies import channel_text_limit

from ..checks import CheckFinding, RuleSet, scan
from ..selectors import rules_current

CATEGORY_LABELS = {
    "personnummer": _("Personal identity number"),
    "samordningsnummer": _("Co-ordination number"),
    "phone": _("Phone number"),
    "email": _("E-mail address"),
    "address": _("Home address"),
    "bank": _("Bank details"),
    "health": _("Health or other sensitive detail about a person"),
    "marker": _("Confidentiality marker"),
    "pattern": _("Configured pattern"),
    "protected_name": _("Name of a person with protected identity"),
    "policy": _("Against the comment policy"),
    "markup": _("Markup (shown as written)"),
}


@dataclass(frozen=True)
class ChannelVerdict:
    """The post on one channel: its signed text, its length, and why it cannot go there."""

    channel: Any
    text: str
    length: int
    limit: int | None
    signature: str
    problems: tuple[Message, ...] = ()
    # Why nothing can be published on the channel now, whatever the text (status, connection).
    route_problems: tuple[Message, ...] = ()


@dataclass(frozen=True)
class Evaluation:
    """Everything the check found and whether the post may go out."""

    findings: tuple[CheckFinding, ...]
    # Keys of blocking findings that an override of this version lets through.
    overridden: frozenset[str]
    channels: tuple[ChannelVerdict, ...]

    @property
    def blocked_by(self) -> list[CheckFinding]:
        """Blocking findings not overridden."""
        return [f for f in self.findings if f.blocking and f.key not in self.overridden]

    @property
    def text_allowed(self) -> bool:
        """The content may go out: nothing blocks it and it fits each channel's rules."""
        return not self.blocked_by and not any(v.problems for v in self.channels)

    @property
    def allowed(self) -> bool:
        """The content may go out and every channel can take it now."""
        return self.text_allowed and not any(v.route_problems for v in self.channels)

    def reasons(self) -> list[Message]:
        """Why the post may not go out, as a person reads it (empty when it may)."""
        out: list[Message] = []
        for f in self.blocked_by:
            label = CATEGORY_LABELS.get(f.category, f.category)
            out.append(
                Message(
                    _("%(what)s found: “%(evidence)s”. Remove it, or ask for an exception."),
                    what=Message(label),
                    evidence=foreign(f.evidence[:80]),
                )
                if f.evidence
                else Message(
                    _("A configured pattern (%(note)s) could not be checked; the post is held."),
                    note=foreign(f.detail[:80]),
                )
            )
        for verdict in self.channels:
            out.extend(verdict.route_problems + verdict.problems)
        return out


def connector_class_of(channel):
    """The channel's connection and connector class (None, None without a connection)."""
    try:
        connection = channel.connection
    except Connection.DoesNotExist:
        return None, None
    try:
        return connection, get_connector(connection.connector)
    except KeyError:
        return connection, None


def _channel_verdict(post_text, link, images, channel, author, reply=False) -> ChannelVerdict:
    route: list[Message] = []
    problems: list[Message] = []
    name = foreign(channel.name)
    if channel.status != ChannelStatus.ACTIVE:
        route.append(
            Message(_("%(channel)s is not active; nothing can be published there."), channel=name)
        )
    connection, cls = connector_class_of(channel)
    limit = TextLimit()
    if connection is None or cls is None:
        route.append(
            Message(
                _("%(channel)s has no platform connection; publish there by hand."), channel=name
            )
        )
    else:
        limit = channel_text_limit(channel)
        needed = Capability.REPLY if reply else Capability.PUBLISH
        if needed not in cls.capabilities:
            explanation = cls.unsupported.get(needed) or _(
                "The platform does not allow publishing through its API."
            )
            route.append(Message(_("%(channel)s: %(why)s"), channel=name, why=Message(explanation)))
        elif connection.state == ConnectionState.INVALID:
            route.append(
                Message(
                    _(
                        "%(channel)s: the platform connection no longer works (the token expired "
                        "or was revoked). An administrator must connect it again."
                    ),
                    channel=name,
                )
            )
    if author is None:
        # No person to fill the rule: the text must already end with a signature of its shape.
        template = (channel.signature_template or "").strip()
        if not signature_shape_present(post_text, template):
            problems.append(
                Message(
                    _("%(channel)s asks every post to be signed %(rule)s; this text is not."),
                    channel=name,
                    rule=foreign(template),
                )
            )
        signed, sig_text = post_text, ""
    else:
        signed, sig_text = _signed(post_text, channel, author, problems, name)
    if reply:
        limit = replace(limit, post=limit.reply)
        cls = None  # a reply carries no images or link card: only its length counts
    verdict = _fits(signed, sig_text, link, images, channel, cls, limit, problems)
    return replace(verdict, route_problems=tuple(route))


def _signed(post_text, channel, author, problems, name) -> tuple[str, str]:
    try:
        signature = signature_for(channel, author)
    except SignatureMissing as exc:
        problems.append(Message(_("%(channel)s: %(why)s"), channel=name, why=foreign(exc.message)))
        return post_text, ""
    return signature_apply(post_text, signature), signature.text


def media_of(images) -> tuple[Media, ...]:
    """A post's images as the connectors take them, without reading the files."""
    base = settings.TILLIT_BASE_URL
    return tuple(
        Media(
            data=b"",
            media_type=image.media_type,
            alt_text=image.alt_text,
            name=image.name or "image",
            url=f"{base}/publicera/bild/{image.public_token}/",
            size=image.size,
        )
        for image in images
    )


def _fits(signed, sig_text, link, images, channel, cls, limit, problems) -> ChannelVerdict:
    """The connector's own rules for the post (length as it counts, images, link)."""
    publication = Publication(signed, link or None, media_of(images))
    counted = cls.post_text(publication) if cls is not None else signed
    length = limit.length(counted)
    name = foreign(channel.name)
    if limit.post is not None and length > limit.post:
        unit = _("graphemes") if limit.graphemes else _("characters")
        problems.append(
            Message(
                _(
                    "%(channel)s allows %(limit)s %(unit)s; the post is %(count)s with the "
                    "signature and link. Shorten it by %(over)s."
                ),
                channel=name,
                limit=limit.post,
                unit=Message(unit),
                count=length,
                over=length - limit.post,
            )
        )
    if cls is not None and Capability.PUBLISH in cls.capabilities:
        problems.extend(cls.publication_problems(publication))
    return ChannelVerdict(channel, signed, length, limit.post, sig_text, tuple(problems))


def evaluate(
    *,
    text: str,
    link: str,
    images: list,
    channels: list,
    author,
    overridden: frozenset[str] = frozenset(),
    rules: RuleSet | None = None,
    reply: bool = False,
) -> Evaluation:
    """Check a post's text, link and alt texts, and its fit on each channel."""
    rules = rules or rules_current()
    findings = list(scan(text, rules))
    # The link and each alt text go out too; their findings are marked with where they are.
    extra = [("link", link)] + [(f"alt:{i + 1}", img.alt_text) for i, img in enumerate(images)]
    for label, value in extra:
        if not value:
            continue
        for f in scan(value, rules):
            if f.category == "markup":
                continue
            findings.append(replace(f, where=label))
    verdicts = tuple(
        _channel_verdict(text, link, images, channel, author, reply) for channel in channels
    )
    return Evaluation(tuple(findings), overridden, verdicts)


def reply_check(channel, text: str) -> list[str]:
    """The check before publishing on a reply written in the inbox (R18 covers replies too).

    A reply has no exception path: personal and confidential data never belongs in one, so
    the writer takes it out (or publishes a post, which can be excepted with a reason).
    """
    from tillit.core.messages import shown

    found = [f for f in scan(text, rules_current()) if f.blocking]
    reasons = []
    for f in found:
        label = CATEGORY_LABELS.get(f.category, f.category)
        reasons.append(
            shown(
                Message(
                    _("The reply cannot go out: %(what)s found: “%(evidence)s”. Take it out."),
                    what=Message(label),
                    evidence=foreign(f.evidence[:80]),
                ),
                html=False,
            )
        )
    return reasons
