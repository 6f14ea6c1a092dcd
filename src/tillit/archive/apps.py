"""App config for the archive."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    """Archive app: its periodic jobs, the captures class of disposal and the closing capture."""

    name = "tillit.archive"
    label = "archive"
    verbose_name = _("Channel archive")

    def ready(self) -> None:
        from tillit.core.registry import registry

        from . import (
            access,  # noqa: F401  (registers the access rules of this app's models)
            tasks,  # noqa: F401  (registers periodic jobs)
        )
        from .retention import register
        from .services.captures import lifecycle_check, lifecycle_effect

        register()
        registry.add("transition_checks", "archive.closing_capture", lifecycle_check)
        registry.add("transition_effects", "archive.capture_before_close", lifecycle_effect)
