"""Saved replies: short answers a channel's administrators keep, created, edited and deleted audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tillit.access.actor import Actor, as_actor, person_of
from tillit.audit.services import audit_record
from tillit.core.exceptions import NotFound
from tillit.organisation.models import Person

from ..models import Channel, SavedReply
from ..permissions import can_manage_saved_replies

# The limits are the model's, so form, service and column cannot drift apart.
TITLE_MAX = SavedReply._meta.get_field("title").max_length or 100
TEXT_MAX = SavedReply._meta.get_field("text").max_length or 5000


def _clean(title: str, text: str) -> tuple[str, str]:
    """Trimmed title and text; ValidationError per field in Swedish (the typed text is kept)."""
    title = " ".join((title or "").split())
    text = (text or "").replace("\r\n", "\n").strip()
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = [_("Give the saved reply a short title.")]
    elif len(title) > TITLE_MAX:
        errors["title"] = [_("The title may be at most %(max)d characters.") % {"max": TITLE_MAX}]
    if not text:
        errors["text"] = [_("Write the reply's text.")]
    elif len(text) > TEXT_MAX:
        errors["text"] = [
            _("The text may be at most %(max)d characters; it has %(count)d.")
            % {"max": TEXT_MAX, "count": len(text)}
        ]
    if errors:
        raise ValidationError(errors)
    return title, text


@transaction.atomic
def saved_reply_create(
    *, actor: Actor | Person, channel: Channel, title: str, text: str
) -> SavedReply:
    """Add a saved reply to a channel (its administrators only)."""
    if not can_manage_saved_replies(as_actor(actor), channel):
        raise NotFound
    title, text = _clean(title, text)
    reply = SavedReply.objects.create(
        channel=channel, title=title, text=text, created_by=person_of(actor)
    )
    audit_record(
        actor=actor,
        action="saved_reply.create",
        obj=reply,
        detail={"channel": channel.pk, "title": title},
    )
    return reply


@transaction.atomic
def saved_reply_update(
    *, actor: Actor | Person, reply: SavedReply, title: str, text: str
) -> SavedReply:
    """Change a saved reply's title or text; the audit keeps both versions' titles and length."""
    reply = SavedReply.objects.select_for_update().select_related("channel").get(pk=reply.pk)
    if not can_manage_saved_replies(as_actor(actor), reply.channel):
        raise NotFound
    title, text = _clean(title, text)
    if (title, text) == (reply.title, reply.text):
        return reply
    detail = {"title": [reply.title, title], "text_changed": text != reply.text}
    reply.title, reply.text = title, text
    reply.save(update_fields=["title", "text", "updated_at"])
    audit_record(actor=actor, action="saved_reply.update", obj=reply, detail=detail)
    return reply


@transaction.atomic
def saved_reply_delete(*, actor: Actor | Person, reply: SavedReply) -> None:
    """Remove a saved reply; replies already sent with it are unaffected (they are their own text)."""
    reply = SavedReply.objects.select_for_update().select_related("channel").get(pk=reply.pk)
    if not can_manage_saved_replies(as_actor(actor), reply.channel):
        raise NotFound
    audit_record(
        actor=actor,
        action="saved_reply.delete",
        obj=reply,
        detail={"channel": reply.channel_id, "title": reply.title, "text": reply.text[:500]},
    )
    reply.delete()
