"""Replies written in the inbox on a channel whose replies need approval (four eyes).

The inbox hands the reply over through its ``reply_holds`` registry store; it becomes a
post with ``reply_to`` set, so it passes the same check, waits for the same approver, and
goes out through the outbox as a reply once approved.
"""

from __future__ import annotations

from django.db import transaction

from tillit.access.actor import Actor
from tillit.channels.choices import PostApproval

from ..models import Post
from .posts import Draft, post_save, post_submit, post_url


@transaction.atomic
def reply_hold(actor: Actor, item, text: str) -> str | None:
    """Take a reply for approval where the channel asks for it; where it waits, or None."""
    channel = item.channel
    if not channel.reply_approval or channel.post_approval == PostApproval.NONE:
        return None
    post = post_save(actor=actor, draft=Draft(text=text, channel_ids=[channel.pk]))
    Post.objects.filter(pk=post.pk).update(reply_to=item)
    post.reply_to = item
    post_submit(actor=actor, post=post)
    return post_url(post)
