"""App config for the public directory."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    """Directory app."""

    name = "tillit.directory"
    label = "directory"
    verbose_name = _("Link collection")
