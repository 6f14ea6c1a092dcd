"""Template tags that let other apps show a channel's archive standing in one line."""

from django import template

from tillit.channels.permissions import can_view

from ..selectors import channel_capture_status

register = template.Library()


@register.inclusion_tag("archive/_channel_summary.html", takes_context=True)
def archive_channel_summary(context, channel):
    """The channel's last capture, next due time and overdue flag, for people who may see it."""
    if not can_view(context["request"].actor, channel):
        return {"summary": None, "channel": channel}
    return {"summary": channel_capture_status(channel), "channel": channel}
