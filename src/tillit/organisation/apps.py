"""App config for the organisation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    """Organisation app."""

    name = "tillit.organisation"
    label = "organisation"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from tillit.core.registry import registry

        from . import access  # noqa: F401  (registers the access rules of this app's models)
        from .selectors import person_roles

        # The access kernel asks each app for its part of an Actor: here, the person's roles.
        registry.add(
            "actor_loaders", "roles", lambda person: {"roles": frozenset(person_roles(person))}
        )
