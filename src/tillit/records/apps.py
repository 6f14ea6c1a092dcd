"""App config for records."""

from typing import ClassVar

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    """Records app: keeps the search index in step with ingest, and links replies to cases."""

    name = "tillit.records"
    label = "records"
    verbose_name = _("Records")
    _hooked: ClassVar[bool] = False

    def ready(self) -> None:
        from tillit.inbox.services.ingest import on_item_ingested

        from . import access  # noqa: F401  (registers the access rules of this app's models)
        from .services.hooks import item_ingested

        if not RecordsConfig._hooked:  # ready() may run twice in tests
            on_item_ingested(item_ingested)
            RecordsConfig._hooked = True
