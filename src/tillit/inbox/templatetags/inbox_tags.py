"""Template tags that let the channel page show its platform connection."""

from django import template

from tillit.access.actor import as_actor

from ..connection_views import may_connect
from ..models import Connection

register = template.Library()


@register.inclusion_tag("inbox/_connection_summary.html", takes_context=True)
def channel_connection_summary(context, channel):
    """The connection's state for people who may manage it; nothing for others."""
    person = context.get("person")
    if person is None or not may_connect(as_actor(person), channel):
        return {"show": False}
    return {
        "show": True,
        "channel": channel,
        "connection": Connection.objects.filter(channel=channel).first(),
    }
