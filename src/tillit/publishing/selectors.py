"""Reads of publishing, always through the access rules."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac

from tillit.access.actor import Actor
from tillit.access.queryset import get_restricted
from tillit.access.roles import MandateRole, Role
from tillit.channels.choices import ChannelStatus, PostApproval
from tillit.channels.models import Channel
from tillit.channels.selectors import channel_administrators
from tillit.core.exceptions import NotFound
from tillit.organisation.models import Person
from tillit.organisation.selectors import people_with_role

from .checks import RuleSet, phone_key
from .choices import CALENDAR_STATES, PostState, RuleKind
from .models import CheckRule, Post, PostImage, PostTarget

#: Mandates that let a person write for a channel.
WRITING_MANDATES = frozenset({MandateRole.ADMINISTRATOR, MandateRole.SUBSTITUTE})


def name_key() -> bytes:
    """The key of protected names' hashes: derived from the installation's secret.

    Rotating SECRET_KEY makes the stored hashes unmatchable; docs/publishing.md says to
    enter the names again after a rotation.
    """
    return salted_hmac(
        "tillit.publishing.protected_name", "v1", secret=settings.SECRET_KEY
    ).digest()


def rules_current() -> RuleSet:
    """The organisation's active check rules, as the pure check takes them."""
    rows = CheckRule.objects.filter(active=True).values_list("kind", "value", "digest", "note")
    words, patterns, digests, domains, phones = [], [], set(), [], set()
    for kind, value, digest, note in rows:
        if kind == RuleKind.WORD:
            words.append((value, note))
        elif kind == RuleKind.PATTERN:
            patterns.append((value, note))
        elif kind == RuleKind.PROTECTED_NAME:
            digests.add(digest)
        elif kind == RuleKind.OWN_DOMAIN:
            domains.append(value.lower())
        elif kind == RuleKind.OWN_PHONE:
            phones.add(phone_key(value))
    return RuleSet(
        words=tuple(words),
        patterns=tuple(patterns),
        protected_digests=frozenset(digests),
        own_domains=tuple(domains),
        own_phones=frozenset(phones),
        name_key=name_key(),
    )


def rules_for(actor: Actor) -> QuerySet[CheckRule]:
    """The check rules the person may see (the administrator, the registrar, the auditor)."""
    return CheckRule.objects.restrict(actor).select_related("created_by")


def writable_channels(actor: Actor) -> QuerySet[Channel]:
    """Active channels the person holds an administrator or substitute mandate on today."""
    ids = [cid for cid, roles in actor.mandates.items() if roles & WRITING_MANDATES]
    mine = Channel.objects.restrict(actor).filter(pk__in=ids, status=ChannelStatus.ACTIVE)
    return mine.select_related("platform", "department", "connection")


def _posts(qs: QuerySet[Post] | None = None, *, images: bool = False) -> QuerySet[Post]:
    targets = PostTarget.objects.select_related(
        "channel", "channel__platform", "channel__department", "action", "item"
    )
    qs = Post.objects.all() if qs is None else qs
    qs = qs.select_related("author").prefetch_related(Prefetch("targets", queryset=targets))
    return qs.prefetch_related("images") if images else qs


def posts_for(actor: Actor) -> QuerySet[Post]:
    """Every post the person may see, with its channels and images."""
    return _posts(Post.objects.restrict(actor))


def post_get_for(actor: Actor, post_id: int) -> Post:
    """One post the person may see; NotFound whether it is missing or not theirs."""
    return get_restricted(_posts(images=True), actor, pk=post_id)


def post_image_get_for(actor: Actor, image_id: int):
    """An image of a post the person may see; NotFound otherwise."""
    image = PostImage.objects.filter(pk=image_id).first()
    if image is None:
        raise NotFound
    post_get_for(actor, image.post_id)
    return image


def post_image_public(token) -> tuple[Post, PostImage] | None:
    """An image by its unguessable address, only while its post is going out or is out."""
    image = (
        PostImage.objects.select_related("post")
        .filter(
            public_token=token,
            post__state__in=[PostState.PUBLISHING, PostState.PUBLISHED, PostState.FAILED],
        )
        .first()
    )
    return (image.post, image) if image else None


def approval_channels(post: Post) -> list[Channel]:
    """The post's channels that ask for an approval before publishing."""
    return [t.channel for t in post.targets.all() if t.channel.post_approval != PostApproval.NONE]


def may_approve_channel(actor: Actor, channel: Channel) -> bool:
    """Whether the person is who the channel's rule names to approve its posts."""
    if channel.post_approval == PostApproval.ADMINISTRATOR:
        return actor.is_administrator_of(channel)
    if channel.post_approval == PostApproval.INFORMATOR:
        return actor.is_informator_of(channel)
    return False


def may_approve(actor: Actor, post: Post) -> bool:
    """Four eyes: someone other than the author whom every channel's rule names."""
    channels = approval_channels(post)
    return (
        actor.is_person
        and post.author_id != actor.pk
        and bool(channels)
        and all(may_approve_channel(actor, c) for c in channels)
    )


def may_override(actor: Actor, post: Post) -> bool:
    """Who may let a blocked post out with a reason: not the author; the informatör or the
    manager of every channel's department, or the organisation administrator."""
    if not actor.is_person or post.author_id == actor.pk:
        return False
    if actor.is_org_wide(Role.ORG_ADMIN):
        return True
    targets = list(post.targets.all())
    return bool(targets) and all(
        actor.is_informator_of(t.channel) or actor.is_manager_of(t.channel) for t in targets
    )


def approvers_of(post: Post) -> list[Person]:
    """The people who may approve the post (to tell them it waits)."""
    found: dict[int, Person] = {}
    for channel in approval_channels(post):
        if channel.post_approval == PostApproval.ADMINISTRATOR:
            people = channel_administrators(channel)
        else:
            people = people_with_role(Role.INFORMATOR, channel.department)
        for person in people:
            if person.pk != post.author_id:
                found[person.pk] = person
    return list(found.values())


def overriders_of(post: Post) -> list[Person]:
    """The people who may override a block on the post (to ask them)."""
    found: dict[int, Person] = {}
    departments = {t.channel.department for t in post.targets.all()}
    for department in departments:
        for role in (Role.INFORMATOR, Role.MANAGER):
            for person in people_with_role(role, department):
                found.setdefault(person.pk, person)
    for person in people_with_role(Role.ORG_ADMIN):
        found.setdefault(person.pk, person)
    found.pop(post.author_id, None)
    return list(found.values())


def posts_awaiting(actor: Actor) -> list[Post]:
    """Posts waiting for this person's approval."""
    pending = posts_for(actor).filter(state=PostState.PENDING).order_by("scheduled_at", "pk")
    return [p for p in pending if may_approve(actor, p)]


def calendar_posts(
    actor: Actor,
    start: date,
    end: date,
    *,
    channel: int | None = None,
    department: int | None = None,
) -> list[Post]:
    """Posts with a time (scheduled or published) between two days, for the calendar."""
    zone = timezone.get_current_timezone()
    lo = datetime.combine(start, datetime.min.time(), zone)
    hi = datetime.combine(end + timedelta(days=1), datetime.min.time(), zone)
    qs = posts_for(actor).filter(state__in=CALENDAR_STATES)
    qs = qs.filter(
        Q(published_at__gte=lo, published_at__lt=hi)
        | Q(published_at__isnull=True, scheduled_at__gte=lo, scheduled_at__lt=hi)
    )
    if channel:
        qs = qs.filter(targets__channel_id=channel)
    if department:
        qs = qs.filter(targets__channel__department_id=department)
    return sorted(qs.distinct(), key=lambda p: (when_of(p), p.pk))


def when_of(post: Post) -> datetime:
    """The time a post has in the calendar: when it went out, or when it is to."""
    return post.published_at or post.scheduled_at or post.updated_at
