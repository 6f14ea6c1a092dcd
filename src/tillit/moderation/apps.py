"""App config for moderation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    """Moderation app: assesses every ingested item version after its commit."""

    name = "tillit.moderation"
    label = "moderation"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        from tillit.core.registry import registry

        from . import (
            access,  # noqa: F401  (registers the access rules of this app's models)
            tasks,  # noqa: F401  (registers periodic jobs)
        )
        from .panels import PANEL
        from .sender_panel import PANEL as SENDER_PANEL
        from .services.assess import assess_item_version

        registry.add("ingest_subscribers", "moderation.assess", assess_item_version)
        # The sender's history first: it informs the decision taken in the form below it.
        registry.add("item_panels", "moderation.sender", SENDER_PANEL)
        registry.add("item_panels", "moderation", PANEL)
        from .queue import BULK, proposals

        registry.add("queue_proposals", "moderation", proposals)
        registry.add("queue_bulk", "moderation", BULK)
