"""App config for moderation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from tillit.inbox.models import Item


class ModerationConfig(AppConfig):
    """Moderation app."""

    name = "tillit.moderation"
    label = "moderation"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        from tillit.core.registry import registry
        from tillit.inbox.services.ingest import on_item_ingested

        from . import (
            access,  # noqa: F401  (registers the access rules of this app's models)
            tasks,  # noqa: F401  (registers periodic jobs)
        )
        from .panels import PANEL
        from .services.assess import assess_item

        def assess_ingested(item: Item, new: bool) -> None:
            """Assess an ingested item; the hook has no use for the assessment returned."""
            assess_item(item, new)

        on_item_ingested(assess_ingested)
        registry.add("item_panels", "moderation", PANEL)
