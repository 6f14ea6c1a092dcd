"""App config for retention."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    """Retention app."""

    name = "tillit.retention"
    label = "retention"
    verbose_name = _("Retention")
