"""App config for moderation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    """Moderation app."""

    name = "tillit.moderation"
    label = "moderation"
    verbose_name = _("Moderation")
