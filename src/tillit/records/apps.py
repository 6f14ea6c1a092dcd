"""App config for records."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    """Records app: keeps the search index in step with ingest, and links replies to cases."""

    name = "tillit.records"
    label = "records"
    verbose_name = _("Records")

    def ready(self) -> None:
        from tillit.inbox.services.ingest import on_item_ingested

        from . import access  # noqa: F401  (registers the access rules of this app's models)
        from .services.hooks import item_ingested

        if not getattr(item_ingested, "registered", False):  # ready() may run twice in tests
            on_item_ingested(item_ingested)
            item_ingested.registered = True
