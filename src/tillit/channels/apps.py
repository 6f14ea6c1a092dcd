"""App config for channels."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChannelsConfig(AppConfig):
    """Channels app; importing `tasks` registers its periodic jobs."""

    name = "tillit.channels"
    label = "channels"
    verbose_name = _("Channels")

    def ready(self) -> None:
        from tillit.core.registry import registry

        from . import permissions, tasks  # noqa: F401  (register the access rule and periodic jobs)
        from .selectors import valid_mandates_of

        registry.add(
            "actor_loaders", "mandates", lambda person: {"mandates": valid_mandates_of(person)}
        )
