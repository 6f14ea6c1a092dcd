"""Invitations: a person added in the app sets their own password through a one-time link.

The link's token is Django's password-reset token with its own salt and lifetime: it hashes
the account's password and last sign-in, so it stops working the moment the password is set
(single use) or the person signs in, and it expires after TILLIT_INVITATION_DAYS. Nothing of
it is stored: there is no table of live tokens to leak. The page that takes the link is
tillit.signin's, above this app; it finds the generator here.
"""

import logging

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode
from django.utils.translation import gettext as _

from tillit.access.actor import Actor
from tillit.audit.services import audit_record

from .models import Person

logger = logging.getLogger(__name__)


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Password-reset tokens under another salt, valid for TILLIT_INVITATION_DAYS."""

    key_salt = "tillit.organisation.invitations"

    def check_token(self, user, token) -> bool:
        if not (user and token):
            return False
        try:
            ts_b36, _hash = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        expected = self._make_token_with_timestamp(user, ts, self.secret)
        if not constant_time_compare(expected, token):
            return False
        age = self._num_seconds(self._now()) - ts
        return 0 <= age <= settings.TILLIT_INVITATION_DAYS * 86400


invitation_tokens = InvitationTokenGenerator()


def invitation_link(person: Person) -> str:
    """The absolute one-time link for a person's invitation."""
    uid = urlsafe_base64_encode(force_bytes(person.user.pk))
    token = invitation_tokens.make_token(person.user)
    return settings.TILLIT_BASE_URL + reverse(
        "signin:welcome", kwargs={"uidb64": uid, "token": token}
    )


def person_invite(*, actor: Actor, person: Person) -> None:
    """E-mail a person the link to set their password; audited, never the link itself.

    Raises ValidationError (in Swedish) when there is nobody to invite or the mail cannot
    be sent; the administrator sees why and can try again.
    """
    if not settings.TILLIT_LOCAL_ACCOUNTS:
        raise ValidationError(
            _("Local accounts are off: people sign in with the organisation's account.")
        )
    if not person.is_active:
        raise ValidationError(_("%(name)s has left and cannot be invited.") % {"name": person.name})
    if not person.email:
        raise ValidationError(_("%(name)s has no e-mail address.") % {"name": person.name})
    if person.is_service:
        raise ValidationError(
            _("%(name)s is a service account: it uses API keys and never signs in.")
            % {"name": person.name}
        )
    with transaction.atomic():
        audit_record(actor=actor, action="person.invite", obj=person)
        Person.objects.filter(pk=person.pk).update(invited_at=timezone.now())
    link = invitation_link(person)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your account in Tillit")
        body = _(
            "Hello %(name)s,\n\nYou have an account in Tillit, %(organisation)s's system for "
            "its social media channels. Your user name is %(username)s.\n\nChoose your "
            "password here (the link works once, for %(days)s days):\n%(link)s\n\nIf you did "
            "not expect this message, ignore it."
        ) % {
            "name": person.name,
            "organisation": _organisation_name(),
            "username": person.user.get_username(),
            "days": settings.TILLIT_INVITATION_DAYS,
            "link": link,
        }
    try:
        send_mail(subject, body, None, [person.email])
    except Exception as exc:
        logger.warning("invitation e-mail failed: %s", type(exc).__name__)
        raise ValidationError(
            _("The invitation could not be sent by e-mail. Try again later.")
        ) from exc


def _organisation_name() -> str:
    from .selectors import organisation_get

    organisation = organisation_get()
    return organisation.name if organisation else "Tillit"
