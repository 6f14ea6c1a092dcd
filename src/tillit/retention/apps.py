"""App config for retention."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    """Retention app: registers the built-in content classes and the periodic disposal task."""

    name = "tillit.retention"
    label = "retention"
    verbose_name = _("Retention")

    def ready(self) -> None:
        from . import tasks  # noqa: F401  (registers the periodic job)
        from .classes import register_builtin

        register_builtin()
