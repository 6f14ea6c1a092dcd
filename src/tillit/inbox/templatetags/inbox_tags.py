"""Template tags that let the channel page show its platform connection."""

from django import template

from tillit.channels.permissions import Actor

from ..connection_views import may_connect
from ..models import Connection, IngestProblem

register = template.Library()


@register.inclusion_tag("inbox/_connection_summary.html", takes_context=True)
def channel_connection_summary(context, channel):
    """The connection's state for people who may manage it; nothing for others."""
    person = context.get("person")
    if person is None or not may_connect(Actor(person), channel):
        return {"show": False}
    return {
        "show": True,
        "channel": channel,
        "connection": Connection.objects.filter(channel=channel).first(),
    }


@register.inclusion_tag("inbox/_ingest_health.html", takes_context=True)
def channel_ingest_health(context, channel):
    """Why the last poll failed and what ingest refused or shortened, for those who connect."""
    person = context.get("person")
    if person is None or not may_connect(Actor(person), channel):
        return {"show": False}
    connection = Connection.objects.filter(channel=channel).first()
    problems = list(IngestProblem.objects.filter(channel=channel).select_related("item")[:20])
    return {
        "show": bool(problems) or bool(connection and connection.poll_error),
        "connection": connection,
        "problems": problems,
        "total": IngestProblem.objects.filter(channel=channel).count() if problems else 0,
    }
