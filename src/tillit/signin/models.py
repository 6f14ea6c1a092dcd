"""Who a provider's subject is in Tillit, and which sessions a user holds."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tillit.organisation.models import Person


class Identity(models.Model):
    """A person's account at one OpenID Connect provider: (issuer, subject) names it for good.

    Made at a person's first sign-in, when a verified e-mail matched exactly one active person;
    from then on the subject alone decides, so a changed address at the provider cannot move
    the account to someone else.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="identities")
    issuer = models.CharField(_("issuer"), max_length=500)
    subject = models.CharField(_("subject"), max_length=255)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_sign_in_at = models.DateTimeField(_("last sign-in"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-in identity")
        verbose_name_plural = _("sign-in identities")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="signin_identity_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.issuer}"


class SessionRecord(models.Model):
    """One signed-in session of a user: Django's session table has no index by user."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_records"
    )
    session_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.created_at:%Y-%m-%d %H:%M}"
