"""Template tags that let the channel page show its platform connection."""

from django import template
from django.utils.translation import gettext

from tillit.connectors.registry import all_connectors

from ..access import may_connect
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
