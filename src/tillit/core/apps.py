"""App config for the shared core."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Core app: mixins and the periodic scheduler."""

    name = "tillit.core"
    label = "core"

    def ready(self) -> None:
        from . import sessions  # noqa: F401  (starts the session clocks at sign-in)
