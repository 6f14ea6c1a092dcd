"""App config for the integration API: tokens, scopes and the /api/v1/ endpoints."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The integration API: other systems read the register, queue and records with a key."""

    name = "tillit.api"
    label = "api"
    verbose_name = _("Integration API")

    def ready(self) -> None:
        from tillit.core.registry import registry

        from . import access  # noqa: F401  (registers the key access rule)
        from .tokens import tokens_end_for

        # A person who leaves takes their personal keys along, in the same transaction.
        registry.add(
            "person_deactivated",
            "api.tokens",
            lambda *, person, actor: tokens_end_for(person=person, actor=actor),
        )
