"""App config for the archive."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    """Archive app."""

    name = "tillit.archive"
    label = "archive"
    verbose_name = _("Archive")
