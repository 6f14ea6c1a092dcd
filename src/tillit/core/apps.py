"""App config for the shared core."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Core app: mixins and the periodic scheduler."""

    name = "tillit.core"
    label = "core"
