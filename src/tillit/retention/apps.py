"""App config for retention."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    """Retention app: registers the built-in content classes and the periodic disposal task."""

    name = "tillit.retention"
    label = "retention"
    verbose_name = _("Retention")

    def ready(self) -> None:
        from django.utils.translation import gettext as _

        from tillit.core.registry import registry

        from . import (
            access,  # noqa: F401  (registers the access rules of this app's models)
            tasks,  # noqa: F401  (registers the periodic job)
        )
        from .classes import register_builtin
        from .services.holds import hold_place, holds_release_for_request

        register_builtin()
        # An open access request holds its documents (JO 3434-2016) until it is closed.
        registry.add(
            "access_request_opened",
            "retention.hold",
            lambda *, request, actor: hold_place(
                actor=actor, access_request=request, reason=_("Open access request")
            ),
        )
        registry.add(
            "access_request_closed",
            "retention.release",
            lambda *, request, actor: holds_release_for_request(
                actor=actor, access_request=request
            ),
        )
