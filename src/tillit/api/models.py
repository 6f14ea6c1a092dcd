"""API keys: a person's own, or an organisation's for a service account. Only hashes kept."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tillit.access.queryset import RestrictedQuerySet
from tillit.core.models import TimeStamped
from tillit.organisation.models import Person

from .scopes import Scope


class TokenKind(models.TextChoices):
    """Whose key it is: a person's own, or a service account's (another system's)."""

    PERSONAL = "personal", _("Personal")
    SERVICE = "service", _("Service")


class ApiToken(TimeStamped):
    """One API key. The secret is shown once and stored only as its SHA-256.

    The key acts as ``person`` with that person's roles and mandates, narrowed by
    ``scopes``; a personal key ends when its person leaves, a service key when an
    administrator revokes it or it expires.
    """

    kind = models.CharField(_("kind"), max_length=10, choices=TokenKind.choices)
    name = models.CharField(_("name"), max_length=100)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="api_tokens")
    created_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    # The public part of the key, to find it without scanning (and to name it in logs).
    prefix = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    scopes = models.JSONField(_("scopes"), default=list)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    @property
    def scope_labels(self) -> list[str]:
        """The scopes in words, for the pages (the codes are for programs)."""
        return [str(Scope(s).label) for s in self.scopes if s in Scope.values]
