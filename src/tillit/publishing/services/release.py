"""Sending approved posts through the action outbox at their time, and learning the outcome.

The check runs again at the moment of publishing (a marker added or a protected name
entered since approval still stops the post). Each channel's post is one outbox action
with an idempotency key of the post's version, so a post is never sent twice for one
approval; the outbox retries, honours Retry-After, survives a killed worker and marks an
expired token. Its outcome comes back through the ``action_finished`` registry store: a
published post becomes the channel's own item at once, a failure is shown on the post, in
the calendar and as a notice to the author and the channel's administrators.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from tillit.access.actor import SCHEDULER
from tillit.audit.services import audit_record
from tillit.channels.selectors import channel_administrators
from tillit.connectors.base import Author, InboundItem, ItemKind
from tillit.core.messages import Message, stored
from tillit.inbox.choices import (
    PENDING_ACTION_STATES,
    SUCCESS_ACTION_STATES,
    ActionKind,
    ActionState,
)
from tillit.inbox.models import Item
from tillit.inbox.services.ingest import ingest_items
from tillit.inbox.services.outbox import action_request
from tillit.organisation.notify import notify

from ..choices import PostState, TargetState
from ..models import Post, PostCheck, PostTarget
from .evaluate import media_of
from .posts import check_record, post_evaluate, post_url

logger = logging.getLogger(__name__)


def release_soon(post: Post) -> None:
    """Send an approved post without a time (or whose time came) after this commit."""
    if post.scheduled_at is None or post.scheduled_at <= timezone.now():
        from ..tasks import release_post

        transaction.on_commit(lambda: release_post.enqueue(post.pk))


def posts_release_due() -> int:
    """Hold posts whose approval missed their time; send approved posts that are due."""
    now = timezone.now()
    late = Post.objects.filter(state=PostState.PENDING, scheduled_at__lte=now).values_list(
        "pk", flat=True
    )
    for post_id in list(late):
        _hold_unapproved(post_id)
    due = Post.objects.filter(state=PostState.APPROVED).exclude(scheduled_at__gt=now)
    sent = 0
    for post_id in list(due.values_list("pk", flat=True)):
        sent += post_release_by_id(post_id) == PostState.PUBLISHING
    return sent


@transaction.atomic
def _hold_unapproved(post_id: int) -> None:
    post = Post.objects.select_for_update().filter(pk=post_id, state=PostState.PENDING).first()
    if post is None:
        return
    # Hootsuite calls this "expired": the approval did not come before the time.
    _hold(
        post,
        Message(
            gettext_lazy(
                "Not published: the approval had not come when the post was due. Choose a new "
                "time and submit it again."
            )
        ),
    )


def _hold(post: Post, why: Message) -> None:
    post.state = PostState.HELD
    post.state_detail = stored(why)
    post.save(update_fields=["state", "state_detail", "updated_at"])
    audit_record(
        actor=SCHEDULER, action="publishing.post_held", obj=post, detail={"version": post.version}
    )
    notify(
        people=[post.author],
        subject=Message(gettext_lazy("Your post was held and not published")),
        body=why,
        url=post_url(post),
    )


def _media(post: Post) -> list[dict]:
    """The images as the outbox carries them: where the file is, and what the platform needs."""
    images = list(post.images.all())
    return [
        {
            "path": image.file.name,
            "media_type": media.media_type,
            "alt_text": media.alt_text,
            "name": media.name,
            "url": media.url,
        }
        for image, media in zip(images, media_of(images), strict=True)
    ]


def post_release_by_id(post_id: int) -> str:
    """Release one post if it is approved and due; return its state afterwards."""
    with transaction.atomic():
        post = Post.objects.select_for_update().filter(pk=post_id).first()
        if post is None:
            return "missing"
        if post.state != PostState.APPROVED or (
            post.scheduled_at is not None and post.scheduled_at > timezone.now()
        ):
            return post.state
        if not post.is_approved:
            _hold(post, Message(gettext_lazy("Changed after approval: submit it again.")))
            return post.state
        evaluation = post_evaluate(post)
        check_record(post, evaluation, PostCheck.Stage.PUBLISH)
        if not evaluation.allowed:
            reasons = evaluation.reasons()
            _hold(
                post,
                Message(
                    gettext_lazy("Stopped at publishing by the check: %(reason)s"),
                    reason=reasons[0] if reasons else "",
                ),
            )
            return post.state
        verdicts = {v.channel.pk: v for v in evaluation.channels}
        media = _media(post)
        for target in post.targets.select_related("channel"):
            text = verdicts[target.channel_id].text
            if post.reply_to_id:
                # An approved reply goes out as the inbox's replies do.
                target.action = action_request(
                    actor=post.author,
                    channel=target.channel,
                    kind=ActionKind.REPLY,
                    item=post.reply_to,
                    params={"text": text, "post": post.pk},
                    idempotency_key=f"reply-{target.pk}-v{post.version}",
                )
            else:
                params = {"text": text, "link": post.link, "media": media, "post": post.pk}
                target.action = action_request(
                    actor=post.author,
                    channel=target.channel,
                    kind=ActionKind.PUBLISH,
                    params=params,
                    idempotency_key=f"publish-{target.pk}-v{post.version}",
                )
            target.sent_text = text
            target.state = TargetState.QUEUED
            target.save(update_fields=["action", "sent_text", "state"])
        post.state = PostState.PUBLISHING
        post.state_detail = ""
        post.save(update_fields=["state", "state_detail", "updated_at"])
        audit_record(
            actor=SCHEDULER,
            action="publishing.post_released",
            obj=post,
            detail={"version": post.version},
        )
        return post.state


def _own_item(target: PostTarget, ref: str, permalink: str) -> Item | None:
    """Store what was published as the channel's own item (captured, kept, under retention)."""
    channel = target.channel
    account = getattr(getattr(channel, "connection", None), "account_platform_id", "") or ""
    inbound = InboundItem(
        platform_id=ref,
        kind=ItemKind.OWN_POST,
        is_public=True,
        text=target.sent_text,
        author=Author(platform_id=account or f"channel:{channel.pk}", display_name=channel.name),
        received_at=timezone.now(),
        permalink=permalink or None,
        raw={"source": "tillit.publishing", "post": target.post_id, "link": target.post.link},
    )
    ingest_items(channel=channel, items=[inbound], own_account_id=account)
    return Item.objects.filter(channel=channel, platform_id=ref).first()


def _settle_post(post: Post) -> None:
    states = set(post.targets.values_list("state", flat=True))
    if states == {TargetState.PUBLISHED}:
        post.state = PostState.PUBLISHED
        post.published_at = post.published_at or timezone.now()
        post.state_detail = ""
    elif TargetState.FAILED in states:
        post.state = PostState.FAILED
    else:
        post.state = PostState.PUBLISHING
    post.save(update_fields=["state", "published_at", "state_detail", "updated_at"])


def target_finished(action, permalink: str) -> None:
    """The outbox's word on one channel's post (called inside its finishing transaction)."""
    if action.kind not in (ActionKind.PUBLISH, ActionKind.REPLY):
        return
    # of=self: PostgreSQL will not lock the nullable side of the connection's outer join.
    target = (
        PostTarget.objects.select_for_update(of=("self",))
        .select_related("post", "channel", "channel__connection")
        .filter(action_id=action.pk)
        .first()
    )
    if target is None:
        return
    post = target.post
    if action.state in SUCCESS_ACTION_STATES:
        target.state = TargetState.PUBLISHED
        target.platform_ref = action.result_ref
        target.permalink = permalink or target.permalink
        # A reply comes back with the channel's next poll, as the inbox's replies do.
        if action.result_ref and target.item_id is None and post.reply_to_id is None:
            target.item = _own_item(target, action.result_ref, target.permalink)
        target.save(update_fields=["state", "platform_ref", "permalink", "item"])
        audit_record(
            actor=SCHEDULER,
            action="publishing.target_published",
            obj=post,
            detail={"channel": target.channel_id, "ref": action.result_ref},
        )
    elif action.state in PENDING_ACTION_STATES:
        # A person asked to try again: it is on its way once more.
        target.state = TargetState.QUEUED
        target.save(update_fields=["state"])
    elif action.state != ActionState.CANCELLED:
        target.state = TargetState.FAILED
        target.save(update_fields=["state"])
        people = {p.pk: p for p in channel_administrators(target.channel)}
        people[post.author_id] = post.author
        notify(
            people=people.values(),
            subject=Message(
                gettext_lazy("%(channel)s: a post could not be published"),
                channel=target.channel.name,
            ),
            body=action.detail,
            url=post_url(post),
        )
    _settle_post(post)
