"""App config for records."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    """Records app: keeps the search index in step with ingest, and links replies to cases."""

    name = "tillit.records"
    label = "records"
    verbose_name = _("Records")

    def ready(self) -> None:
        from tillit.core.registry import registry

        from . import access  # noqa: F401  (registers the access rules of this app's models)
        from .panels import PANEL
        from .services.hooks import item_ingested

        registry.add("ingest_subscribers", "records.index", item_ingested)
        registry.add("item_panels", "records.registration", PANEL)
