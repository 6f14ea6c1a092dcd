"""App config for follow-up: reports, the compliance view and the audit trail (R23); reads only."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Follow-up reads what the other apps wrote and never writes to them (selectors only);
    a person's choice about the monthly e-mail is the organisation app's service."""

    name = "tillit.reports"
    label = "reports"
    verbose_name = _("Follow-up")

    def ready(self) -> None:
        from . import (
            access_audit,  # noqa: F401  (registers the audit trail's access rule)
            tasks,  # noqa: F401  (registers the monthly report e-mail)
        )
