"""App config for the archive."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    """Archive app: registers its periodic jobs and the captures class of disposal decisions."""

    name = "tillit.archive"
    label = "archive"
    verbose_name = _("Channel archive")

    def ready(self) -> None:
        from . import tasks  # noqa: F401  (registers periodic jobs)
        from .retention import register

        register()
