"""Approving a post (four eyes) and overriding a block with a written reason (R18)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tillit.access.actor import Actor
from tillit.audit.services import audit_record
from tillit.core.messages import Message, foreign, stored
from tillit.organisation.notify import notify

from ..choices import PostState, Verdict
from ..models import Post, PostOverride, PostReview
from ..selectors import may_approve, may_override, overriders_of
from .posts import PublishingRefused, post_evaluate, post_url

MIN_REASON = 10
#: verdict -> (the post's state, what it says, the author's notice) when not approved.
_NOT_APPROVED = {
    Verdict.RETURNED: (
        PostState.DRAFT,
        gettext_lazy("Sent back by %(person)s: %(comment)s"),
        gettext_lazy("Your post was sent back by %(person)s"),
    ),
    Verdict.REJECTED: (
        PostState.REJECTED,
        gettext_lazy("Rejected by %(person)s: %(comment)s"),
        gettext_lazy("Your post was rejected by %(person)s"),
    ),
}
MAX_COMMENT = 2000


@transaction.atomic
def post_review(
    *, actor: Actor, post: Post, verdict: str, comment: str = "", expected_version: int
) -> Post:
    """Approve, send back or reject one version of a post; the author never reviews their own."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    if verdict not in Verdict.values:
        raise PublishingRefused(_("Choose approve, send back or reject."))
    if post.author_id == actor.pk:
        raise PublishingRefused(_("You cannot approve your own post: another person must."))
    if not may_approve(actor, post):
        raise PublishingRefused(_("You are not the one who approves posts on these channels."))
    if post.state != PostState.PENDING:
        raise PublishingRefused(_("The post is not waiting for approval."))
    if expected_version != post.version:
        raise PublishingRefused(
            _("The post was changed since you opened it. Read it again before you decide.")
        )
    comment = (comment or "").strip()
    if verdict != Verdict.APPROVED and not comment:
        raise PublishingRefused(_("Say what the author should change, or why it is rejected."))
    if len(comment) > MAX_COMMENT:
        raise PublishingRefused(
            _("The comment may be at most %(max)s characters.") % {"max": MAX_COMMENT}
        )
    PostReview.objects.create(
        post=post, reviewer=actor.person, version=post.version, verdict=verdict, comment=comment
    )
    fields = ["state", "state_detail", "updated_at"]
    if verdict == Verdict.APPROVED:
        post.state = PostState.APPROVED
        post.approved_version = post.version
        post.state_detail = ""
        fields.append("approved_version")
        subject = gettext_lazy("Your post was approved by %(person)s")
    else:
        # Sent back to draft, or rejected for good: the author reads who and why on the post.
        state, detail, subject = _NOT_APPROVED[Verdict(verdict)]
        post.state = state
        post.state_detail = stored(
            Message(detail, person=actor.person.name, comment=foreign(comment))
        )
    post.save(update_fields=fields)
    audit_record(
        actor=actor,
        action=f"publishing.post_{verdict}",
        obj=post,
        detail={"version": post.version, "comment": comment[:300]},
    )
    notify(
        people=[post.author],
        subject=Message(subject, person=actor.person.name),
        body=comment,
        url=post_url(post),
    )
    if verdict == Verdict.APPROVED:
        from .release import release_soon

        release_soon(post)
    return post


@transaction.atomic
def post_override(*, actor: Actor, post: Post, reason: str, expected_version: int) -> PostOverride:
    """Let this version's blocking findings through, with a reason that is kept and shown."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    if post.author_id == actor.pk:
        raise PublishingRefused(
            _("You cannot make an exception for your own post: ask the informatör or the manager.")
        )
    if not may_override(actor, post):
        raise PublishingRefused(
            _("Only the informatör or the manager of the channels can make an exception.")
        )
    if expected_version != post.version:
        raise PublishingRefused(_("The post was changed since you opened it. Read it again."))
    reason = " ".join((reason or "").split())
    if len(reason) < MIN_REASON:
        raise PublishingRefused(
            _("Write why the post may go out anyway (at least %(min)s characters).")
            % {"min": MIN_REASON}
        )
    if len(reason) > MAX_COMMENT:
        raise PublishingRefused(
            _("The reason may be at most %(max)s characters.") % {"max": MAX_COMMENT}
        )
    evaluation = post_evaluate(post)
    keys = sorted({f.key for f in evaluation.blocked_by})
    if not keys:
        raise PublishingRefused(_("The check finds nothing to make an exception for."))
    override = PostOverride.objects.create(
        post=post, person=actor.person, version=post.version, reason=reason, findings=keys
    )
    audit_record(
        actor=actor,
        action="publishing.post_override",
        obj=post,
        detail={"version": post.version, "reason": reason[:300], "findings": keys[:20]},
    )
    notify(
        people=[post.author],
        subject=Message(
            gettext_lazy("%(person)s made an exception for your post"), person=actor.person.name
        ),
        body=reason,
        url=post_url(post),
    )
    return override


@transaction.atomic
def post_ask_exception(*, actor: Actor, post: Post, note: str = "") -> int:
    """The author asks those who may override to look at a blocked post; returns how many."""
    if post.author_id != actor.pk:
        raise PublishingRefused(_("Only the author can ask for an exception."))
    people = overriders_of(post)
    if not people:
        raise PublishingRefused(_("Nobody can make an exception for these channels."))
    notify(
        people=people,
        subject=Message(
            gettext_lazy("%(author)s asks for an exception for a blocked post"),
            author=post.author.name,
        ),
        body=" ".join((note or "").split())[:MAX_COMMENT],
        url=post_url(post),
    )
    audit_record(
        actor=actor, action="publishing.exception_asked", obj=post, detail={"version": post.version}
    )
    return len(people)
