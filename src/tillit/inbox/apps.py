"""App config for the inbox."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InboxConfig(AppConfig):
    """Inbox app: loads the bundled connectors and registers its periodic jobs."""

    name = "tillit.inbox"
    label = "inbox"
    verbose_name = _("Inbox")

    def ready(self) -> None:
        from tillit.connectors.registry import load_builtin

        from . import (
            access,  # noqa: F401  (registers the access rules of this app's models)
            tasks,  # noqa: F401  (registers periodic jobs)
        )

        load_builtin()
