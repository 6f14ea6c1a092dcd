"""App config for publishing."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    """Posts written in Tillit: the composer, the check (R18), approval, the calendar."""

    name = "tillit.publishing"
    label = "publishing"
    verbose_name = _("Publishing")

    def ready(self) -> None:
        from tillit.core.registry import registry

        from . import access, tasks  # noqa: F401  (access rules; the periodic release job)
        from .services.evaluate import reply_check
        from .services.release import target_finished
        from .services.replies import reply_hold

        registry.add("action_finished", "publishing.target", target_finished)
        registry.add("outgoing_checks", "publishing.check", reply_check)
        registry.add("reply_holds", "publishing.approval", reply_hold)
