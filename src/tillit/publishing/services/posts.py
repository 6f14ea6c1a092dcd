"""Writing a post: save (and autosave), submit, reschedule, cancel.

Every write is atomic and audited; a refused save changes nothing, and the form keeps what
the person typed. An edit of content after submission sends the post back to draft: the
check and the approval hold for the version they saw, never for a later one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tillit.access.actor import Actor
from tillit.audit.services import audit_record
from tillit.core.exceptions import Refused
from tillit.core.messages import Message, stored
from tillit.organisation.notify import notify

from ..choices import EDITABLE_STATES, FINAL_POST_STATES, PostState
from ..models import MAX_LINK, MAX_TEXT, Post, PostCheck, PostImage, PostTarget
from ..selectors import approval_channels, approvers_of, may_override, writable_channels
from .evaluate import Evaluation, evaluate
from .images import MAX_IMAGES, ImageRefused, alt_text_clean, image_prepare

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


class PublishingRefused(Refused):
    """A step that may not be taken, with the reason; ``reasons``: what the check found."""

    def __init__(self, message: str, reasons: list | None = None) -> None:
        super().__init__(message)
        self.reasons = reasons or []


@dataclass
class Draft:
    """What the composer sends: the content, and image changes."""

    text: str = ""
    link: str = ""
    channel_ids: list[int] = field(default_factory=list)
    scheduled_at: datetime | None = None
    # (uploaded file, alt text) for each new image.
    new_images: list[tuple[object, str]] = field(default_factory=list)
    # image id -> alt text, for images already there; ids to remove.
    alt_texts: dict[int, str] = field(default_factory=dict)
    remove_images: set[int] = field(default_factory=set)


def post_url(post: Post) -> str:
    """The post's page (for notices)."""
    return f"/publicera/{post.pk}/"


def _clean_text(text: str, errors: dict) -> str:
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text):
        # Invisible characters hide text from the reader and from the check alike.
        errors.setdefault("text", []).append(
            _(
                "The text contains invisible control or direction characters. Remove them "
                "(they often come with text copied from elsewhere)."
            )
        )
    if len(text) > MAX_TEXT:
        errors.setdefault("text", []).append(
            _("The text may be at most %(max)s characters.") % {"max": MAX_TEXT}
        )
    return text.strip()


def _clean_link(link: str, errors: dict) -> str:
    link = (link or "").strip()
    if not link:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(link)
        if len(link) > MAX_LINK:
            raise ValidationError("long")
    except ValidationError:
        errors.setdefault("link", []).append(
            _("Enter a complete web address starting with https:// (at most %(max)s characters).")
            % {"max": MAX_LINK}
        )
    return link


def _clean_time(when: datetime | None, errors: dict, *, check_past: bool) -> datetime | None:
    if when is None:
        return None
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    if check_past and when <= timezone.now():
        errors.setdefault("scheduled_at", []).append(
            _(
                "The time has passed. Choose a time in the future, or leave it empty to publish as soon as possible."
            )
        )
    return when


@transaction.atomic
def post_save(
    *,
    actor: Actor,
    draft: Draft,
    post: Post | None = None,
    expected_version: int | None = None,
    autosave: bool = False,
) -> Post:
    """Create or update a post; ValidationError lists every problem and nothing is saved.

    ``expected_version`` is the version the form was opened on: a save over someone else's
    newer change is refused rather than silently overwriting it. ``autosave`` keeps what was
    typed (text, link, channels) and leaves images and the time to a real save.
    """
    errors: dict[str, list[str]] = {}
    if post is not None:
        post = Post.objects.select_for_update().get(pk=post.pk)
        if post.author_id != actor.pk:
            raise PublishingRefused(_("Only the author can change a post."))
        if post.state not in EDITABLE_STATES:
            raise PublishingRefused(
                _("The post is %(state)s and can no longer be changed.")
                % {"state": post.get_state_display().lower()}
            )
        if expected_version is not None and expected_version != post.version:
            raise PublishingRefused(
                _(
                    "The post was changed in another window since you opened it. Your text is "
                    "kept below: copy it, reload the page and make your change again."
                )
            )
    text = _clean_text(draft.text, errors)
    link = _clean_link(draft.link, errors)
    allowed = {c.pk: c for c in writable_channels(actor)}
    chosen = [allowed[i] for i in dict.fromkeys(draft.channel_ids) if i in allowed]
    if len(chosen) != len(set(draft.channel_ids)):
        errors.setdefault("channels", []).append(
            _("You can only publish on active channels where you hold a mandate today.")
        )
    when = post.scheduled_at if (autosave and post) else None
    if not autosave:
        changed_time = post is None or draft.scheduled_at != post.scheduled_at
        when = _clean_time(draft.scheduled_at, errors, check_past=changed_time)
    prepared = []
    if not autosave:
        for upload, alt in draft.new_images:
            try:
                prepared.append((image_prepare(upload), alt_text_clean(alt)))
            except ImageRefused as exc:
                errors.setdefault("images", []).append(exc.message)
    alts: dict[int, str] = {}
    if not autosave and post is not None:
        for image_id, alt in draft.alt_texts.items():
            try:
                alts[image_id] = alt_text_clean(alt)
            except ImageRefused as exc:
                errors.setdefault("images", []).append(exc.message)
    if post is not None and not autosave:
        kept = post.images.exclude(pk__in=draft.remove_images).count()
    else:
        kept = post.images.count() if post else 0
    if post is not None and post.reply_to_id and prepared:
        errors.setdefault("images", []).append(_("A reply cannot carry images."))
    if kept + len(prepared) > MAX_IMAGES:
        errors.setdefault("images", []).append(
            _("A post can have at most %(max)s images.") % {"max": MAX_IMAGES}
        )
    if errors:
        raise ValidationError(errors)

    created = post is None
    if post is None:
        post = Post.objects.create(author=actor.person, text=text, link=link, scheduled_at=when)
    content_changed = created or text != post.text or link != post.link
    post.text, post.link, post.scheduled_at = text, link, when
    old_channels = set(post.targets.values_list("channel_id", flat=True))
    new_channels = {c.pk for c in chosen}
    if old_channels != new_channels:
        content_changed = True
        post.targets.exclude(channel_id__in=new_channels).delete()
        for channel in chosen:
            if channel.pk not in old_channels:
                PostTarget.objects.create(post=post, channel=channel)
    if not autosave:
        if draft.remove_images:
            removed = post.images.filter(pk__in=draft.remove_images)
            content_changed |= removed.exists()
            for image in removed:
                image.file.delete(save=False)
            removed.delete()
        for image in post.images.filter(pk__in=alts):
            if image.alt_text != alts[image.pk]:
                image.alt_text = alts[image.pk]
                image.save(update_fields=["alt_text"])
                content_changed = True
        position = post.images.count()
        for i, (prep, alt) in enumerate(prepared):
            image = PostImage(
                post=post,
                media_type=prep.media_type,
                size=prep.content.size,
                width=prep.width,
                height=prep.height,
                alt_text=alt,
                name=prep.name,
                position=position + i,
            )
            image.file.save(prep.content.name or "bild", prep.content, save=False)
            image.save()
            content_changed = True
    fields = ["text", "link", "scheduled_at", "updated_at"]
    if content_changed and not created:
        post.version += 1
        fields.append("version")
        if post.state in (PostState.PENDING, PostState.APPROVED, PostState.HELD):
            post.state = PostState.DRAFT
            post.state_detail = stored(
                Message(
                    gettext_lazy(
                        "Changed after it was submitted: submit it again for the check and "
                        "the approval."
                    )
                )
            )
            fields += ["state", "state_detail"]
    post.save(update_fields=fields)
    if created or content_changed or not autosave:
        audit_record(
            actor=actor,
            action="publishing.post_created" if created else "publishing.post_saved",
            obj=post,
            detail={
                "version": post.version,
                "channels": sorted(new_channels),
                "autosave": autosave,
            },
        )
    return post


def post_evaluate(post: Post) -> Evaluation:
    """The check on the post as it reads now, with this version's overrides applied."""
    overridden = frozenset(
        key for override in post.overrides.filter(version=post.version) for key in override.findings
    )
    return evaluate(
        text=post.text,
        link=post.link,
        images=list(post.images.all()),
        channels=[t.channel for t in post.targets.select_related("channel", "channel__platform")],
        author=post.author,
        overridden=overridden,
        reply=post.reply_to_id is not None,
    )


def check_record(post: Post, evaluation: Evaluation, stage: str) -> PostCheck:
    """Keep one run of the check with the post (what it found, whether it allowed)."""
    return PostCheck.objects.create(
        post=post,
        version=post.version,
        stage=stage,
        allowed=evaluation.allowed,
        findings=[f.as_dict() for f in evaluation.findings],
        reasons=[stored(r) for r in evaluation.reasons()],
    )


def post_submit(*, actor: Actor, post: Post) -> Post:
    """Check the post and send it for approval, or schedule it where no approval is needed.

    A blocked post stays a draft with the check's reasons; PublishingRefused carries them.
    The check's run is kept either way (committed before the refusal is raised).
    """
    with transaction.atomic():
        evaluation, post = _submit_checked(actor, post)
    if not evaluation.text_allowed:
        raise PublishingRefused(
            _("The post cannot go out as it is. See what the check found below."),
            evaluation.reasons(),
        )
    return post


def _submit_checked(actor: Actor, post: Post):
    post = Post.objects.select_for_update().get(pk=post.pk)
    if post.author_id != actor.pk:
        raise PublishingRefused(_("Only the author can submit a post."))
    if post.state not in (PostState.DRAFT, PostState.HELD):
        raise PublishingRefused(_("The post has already been submitted."))
    if not post.targets.exists():
        raise PublishingRefused(_("Choose at least one channel to publish on."))
    if not post.text.strip() and not post.images.exists():
        raise PublishingRefused(_("The post is empty. Write the text first."))
    if post.scheduled_at is not None and post.scheduled_at <= timezone.now():
        raise PublishingRefused(
            _("The time has passed. Choose a new time, or clear it to publish as soon as possible.")
        )
    evaluation = post_evaluate(post)
    check_record(post, evaluation, PostCheck.Stage.SUBMIT)
    audit_record(
        actor=actor,
        action="publishing.post_checked",
        obj=post,
        detail={"version": post.version, "allowed": evaluation.allowed, "stage": "submit"},
    )
    # A channel that cannot take posts right now (its token expired, say) does not stop the
    # submission: the post page says so, and the release checks again at publishing time.
    if not evaluation.text_allowed:
        return evaluation, post
    post.submitted_at = timezone.now()
    post.state_detail = ""
    if approval_channels(post) and not post.is_approved:
        post.state = PostState.PENDING
        post.save(update_fields=["state", "state_detail", "submitted_at", "updated_at"])
        audit_record(
            actor=actor,
            action="publishing.post_submitted",
            obj=post,
            detail={"version": post.version},
        )
        notify(
            people=approvers_of(post),
            subject=Message(
                gettext_lazy("A post by %(author)s waits for your approval"),
                author=post.author.name,
            ),
            body=Message(gettext_lazy("“%(start)s”"), start=str(post)),
            url=post_url(post),
        )
        return evaluation, post
    post.state = PostState.APPROVED
    post.approved_version = post.version
    post.save(
        update_fields=["state", "state_detail", "submitted_at", "approved_version", "updated_at"]
    )
    audit_record(
        actor=actor,
        action="publishing.post_scheduled",
        obj=post,
        detail={"version": post.version, "approval": "not required"},
    )
    from .release import release_soon

    release_soon(post)
    return evaluation, post


@transaction.atomic
def post_reschedule(*, actor: Actor, post: Post, when: datetime | None) -> Post:
    """Move a post to another time (the calendar keeps the time of day); not its content."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    if post.author_id != actor.pk and not may_override(actor, post):
        raise PublishingRefused(_("Only the author can move the post."))
    if post.state not in EDITABLE_STATES:
        raise PublishingRefused(_("The post can no longer be moved."))
    errors: dict = {}
    when = _clean_time(when, errors, check_past=True)
    if errors:
        raise PublishingRefused(errors["scheduled_at"][0])
    before = post.scheduled_at
    post.scheduled_at = when
    post.save(update_fields=["scheduled_at", "updated_at"])
    audit_record(
        actor=actor,
        action="publishing.post_rescheduled",
        obj=post,
        detail={
            "from": before.isoformat() if before else None,
            "to": when.isoformat() if when else None,
        },
    )
    if post.state == PostState.APPROVED:
        from .release import release_soon

        release_soon(post)
    return post


def post_move_to_day(*, actor: Actor, post: Post, day: date) -> Post:
    """Move a post to another day at the same time of day (the calendar's move)."""
    if post.scheduled_at is None:
        raise PublishingRefused(_("The post has no time yet: set one first."))
    local = timezone.localtime(post.scheduled_at)
    when = timezone.make_aware(datetime.combine(day, local.time().replace(tzinfo=None)))
    return post_reschedule(actor=actor, post=post, when=when)


@transaction.atomic
def post_cancel(*, actor: Actor, post: Post) -> Post:
    """Withdraw a post before it goes out (the record of it stays)."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    if post.author_id != actor.pk and not may_override(actor, post):
        raise PublishingRefused(_("Only the author can cancel the post."))
    if post.state in FINAL_POST_STATES or post.state in (PostState.PUBLISHING, PostState.FAILED):
        raise PublishingRefused(_("The post has gone to the platforms and cannot be cancelled."))
    post.state = PostState.CANCELLED
    post.save(update_fields=["state", "updated_at"])
    audit_record(
        actor=actor, action="publishing.post_cancelled", obj=post, detail={"version": post.version}
    )
    return post


@transaction.atomic
def post_target_delete(*, actor: Actor, target) -> object:
    """Delete what was published on one channel (through the outbox), as a recorded decision.

    The post and the channel's own item stay in Tillit's record; the item is marked deleted
    once the platform confirms.
    """
    from tillit.inbox.choices import ActionKind
    from tillit.inbox.services.outbox import action_request

    if target.item is None:
        raise PublishingRefused(_("Nothing is published on that channel to delete."))
    action = action_request(
        actor=actor,
        channel=target.channel,
        kind=ActionKind.DELETE,
        item=target.item,
        idempotency_key=f"unpublish-{target.pk}",
    )
    audit_record(
        actor=actor,
        action="publishing.target_delete",
        obj=target.post,
        detail={"channel": target.channel_id, "action": action.pk},
    )
    return action
