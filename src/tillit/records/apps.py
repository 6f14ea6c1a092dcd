"""App config for records."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    """Records app."""

    name = "tillit.records"
    label = "records"
    verbose_name = _("Records")
