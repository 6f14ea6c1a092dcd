"""App config for channels."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChannelsConfig(AppConfig):
    """Channels app; importing `tasks` registers its periodic jobs."""

    name = "tillit.channels"
    label = "channels"
    verbose_name = _("Channels")

    def ready(self) -> None:
        from . import tasks  # noqa: F401  (registers periodic jobs)
