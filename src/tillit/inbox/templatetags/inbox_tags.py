"""Template tags that let the channel page show its platform connection and profile audit."""

from django import template
from django.utils.translation import gettext

from tillit.channels.choices import STAFFED_STATES
from tillit.channels.profile_audit import CHECK_LABELS
from tillit.channels.selectors import profile_audits_of
from tillit.connectors.registry import all_connectors

from ..access import may_audit_profile, may_connect
from ..selectors import connection_for, ingest_problems_for

register = template.Library()


@register.filter
def connector_name(slug: str) -> str:
    """A connector's name in the reader's language ("facebook" reads "Facebook (sida)")."""
    cls = all_connectors().get(slug)
    return gettext(cls.label) if cls is not None else gettext("Unknown connector")


@register.inclusion_tag("inbox/_connection_summary.html", takes_context=True)
def channel_connection_summary(context, channel):
    """The connection's state for people who may manage it; nothing for others."""
    actor = context["request"].actor
    if not may_connect(actor, channel):
        return {"show": False}
    return {"show": True, "channel": channel, "connection": connection_for(actor, channel)}


@register.inclusion_tag("inbox/_ingest_health.html", takes_context=True)
def channel_ingest_health(context, channel):
    """Why the last poll failed and what ingest refused or shortened, for those who connect."""
    actor = context["request"].actor
    if not may_connect(actor, channel):
        return {"show": False}
    connection = connection_for(actor, channel)
    problems = list(ingest_problems_for(actor, channel)[:20])
    return {
        "show": bool(problems) or bool(connection and connection.poll_error),
        "connection": connection,
        "problems": problems,
        "total": ingest_problems_for(actor, channel).count() if problems else 0,
    }


@register.inclusion_tag("inbox/_profile_audit.html", takes_context=True)
def channel_profile_audit(context, channel):
    """The latest reading of the public profile (R10, R11), the earlier ones, and "check now"."""
    actor = context["request"].actor
    audits = list(profile_audits_of(channel)[:6])
    latest = audits[0] if audits else None
    checks = [
        {"label": CHECK_LABELS.get(c.get("code"), c.get("code")), "passed": bool(c.get("passed"))}
        for c in (latest.checks if latest else [])
    ]
    return {
        "channel": channel,
        "latest": latest,
        "checks": checks,
        "earlier": audits[1:],
        "may_check": may_audit_profile(actor, channel),
        "running": channel.status in STAFFED_STATES,
    }
