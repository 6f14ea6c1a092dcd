"""App config for the audit trail."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """Audit app."""

    name = "tillit.audit"
    label = "audit"
    verbose_name = _("Audit trail")
