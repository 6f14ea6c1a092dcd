"""Replies written in the inbox: checked against the platform's limit and the signature rule
(R12) before they are queued, so the outbox never carries a reply the platform would refuse or
one that does not say who speaks.
"""

import logging
from dataclasses import dataclass, replace

from django.core.cache import cache
from django.utils.translation import gettext as _

from tillit.access.actor import Actor, person_of
from tillit.channels.services.signature import (
    Signature,
    SignatureMissing,
    signature_apply,
    signature_for,
)
from tillit.connectors.base import TextLimit
from tillit.connectors.registry import get_connector
from tillit.core.exceptions import Refused
from tillit.core.registry import registry

from ..choices import ActionKind
from ..models import ActionRequest, Item
from .outbox import action_request

logger = logging.getLogger(__name__)

#: Registry store of checks on what the organisation writes (tillit.publishing's R18 check):
#: ``check(channel, text) -> [reason, ...]``; any reason stops the reply.
OUTGOING_CHECKS = "outgoing_checks"
#: Mastodon instances set their own limit; the poll stores it here (see reply_limit_for).
INSTANCE_LIMIT_CACHE = "inbox:text-limit:{channel_id}"


class ReplyRefused(Refused):
    """A reply that may not be queued, with the reason in the reader's language."""


@dataclass(frozen=True)
class ReplyRules:
    """What a reply on one channel must respect: its length limit and the filled signature."""

    limit: int | None
    graphemes: bool
    signature: Signature
    # Why the signature cannot be filled for this person ('' when it can).
    signature_problem: str = ""
    # X and Mastodon count every web address as this many characters.
    link_length: int | None = None

    def length(self, text: str) -> int:
        """Length as the platform counts it."""
        return TextLimit(graphemes=self.graphemes, link_length=self.link_length).length(text)


def text_limit_of(channel) -> TextLimit:
    """The connector's limits for the channel's connection (no limit known without one)."""
    slug = getattr(getattr(channel, "connection", None), "connector", "")
    if not slug:
        return TextLimit()
    try:
        return get_connector(slug).text_limit
    except KeyError:
        return TextLimit()


def channel_text_limit(channel) -> TextLimit:
    """The channel's limits on replies and posts, as the platform counts.

    An instance's own limit (Mastodon's /api/v2/instance), when a poll has learnt it, wins
    over the connector's default for both replies and posts (the instance has one limit).
    """
    limit = text_limit_of(channel)
    learnt = cache.get(INSTANCE_LIMIT_CACHE.format(channel_id=channel.pk))
    if isinstance(learnt, int) and learnt > 0:
        return replace(limit, reply=learnt, post=learnt)
    return limit


def reply_limit_for(channel) -> tuple[int | None, bool]:
    """The reply limit on the channel and whether it counts graphemes."""
    limit = channel_text_limit(channel)
    return limit.reply, limit.graphemes


LEARNT_FOR = 24 * 3600


def learn_text_limit(connector, channel_id: int) -> None:
    """Ask an instance for its own limit once a day (Mastodon); any failure keeps the default.

    Called by the poll, which already talks to the platform, so the item page never waits
    on the network.
    """
    fetch = getattr(connector, "fetch_text_limit", None)
    key = INSTANCE_LIMIT_CACHE.format(channel_id=channel_id)
    if fetch is None or cache.get(key) is not None:
        return
    try:
        limit = fetch()
    except Exception:  # noqa: BLE001  a limit is a nicety; the poll must not fail for it
        logger.info("text limit of channel %s not learnt", channel_id, exc_info=True)
        limit = None
    # 0 remembers "asked, no answer" for a day, so a silent instance is not asked every poll.
    cache.set(key, limit or 0, LEARNT_FOR)


def reply_rules(channel, person) -> ReplyRules:
    """The rules a reply by ``person`` on ``channel`` must follow."""
    limits = channel_text_limit(channel)
    limit, graphemes, links = limits.reply, limits.graphemes, limits.link_length
    try:
        signature = signature_for(channel, person)
    except SignatureMissing as exc:
        template = (channel.signature_template or "").strip()
        return ReplyRules(limit, graphemes, Signature(template, ""), exc.message, links)
    return ReplyRules(limit, graphemes, signature, link_length=links)


def reply_prepare(*, channel, person, text: str) -> str:
    """The reply as it will be sent (signed), or ReplyRefused with why it may not go out."""
    text = (text or "").replace("\r\n", "\n")
    if not text.strip():
        raise ReplyRefused(_("The reply is empty. Write the reply first."))
    rules = reply_rules(channel, person)
    if rules.signature_problem:
        raise ReplyRefused(rules.signature_problem)
    # signature_apply ends the text with the filled signature where the rule asks for one.
    signed = signature_apply(text, rules.signature)
    for check in registry.values(OUTGOING_CHECKS):
        reasons = check(channel, signed)
        if reasons:
            raise ReplyRefused(" ".join(reasons))
    if rules.limit is not None:
        count = rules.length(signed)
        if count > rules.limit:
            unit = _("graphemes") if rules.graphemes else _("characters")
            message = (
                _(
                    "The reply is %(count)d %(unit)s with the signature; %(platform)s allows "
                    "%(limit)d. Shorten it by %(over)d."
                )
                if rules.signature.required
                else _(
                    "The reply is %(count)d %(unit)s; %(platform)s allows %(limit)d. "
                    "Shorten it by %(over)d."
                )
            )
            raise ReplyRefused(
                message
                % {
                    "count": count,
                    "unit": unit,
                    "limit": rules.limit,
                    "over": count - rules.limit,
                    "platform": channel.platform.name,
                }
            )
    return signed


#: Registry store: ``hold(actor, item, text) -> url | None``; a hold that answers takes the
#: reply for approval (tillit.publishing) instead of the outbox.
REPLY_HOLDS = "reply_holds"


@dataclass(frozen=True)
class ReplyHeld:
    """A reply that waits for approval before it is sent; ``url`` is where it waits."""

    url: str


def reply_queue(*, actor: Actor, item: Item, text: str) -> ActionRequest | ReplyHeld:
    """Check a reply to an item and queue it in the outbox, or hand it over for approval
    where the channel asks for one; ReplyRefused leaves nothing queued."""
    person = person_of(actor)
    signed = reply_prepare(channel=item.channel, person=person, text=text)
    for hold in registry.values(REPLY_HOLDS):
        url = hold(actor, item, text)
        if url:
            return ReplyHeld(url)
    return action_request(
        actor=actor,
        channel=item.channel,
        kind=ActionKind.REPLY,
        item=item,
        params={"text": signed},
    )
