"""App config for channels."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChannelsConfig(AppConfig):
    """Channels app: its access rule, the mandates part of an Actor, staffing re-checks."""

    name = "tillit.channels"
    label = "channels"
    verbose_name = _("Channels")

    def ready(self) -> None:
        from tillit.core.registry import registry

        from . import permissions, tasks  # noqa: F401  (register the access rule and periodic jobs)
        from .selectors import valid_mandates_of
        from .services.staffing import channels_recheck_staffing_for_person

        registry.add(
            "actor_loaders", "mandates", lambda person: {"mandates": valid_mandates_of(person)}
        )
        # A person who leaves may leave a channel without administrator or substitute (R5).
        registry.add(
            "person_deactivated",
            "channels.staffing",
            lambda *, person, actor: channels_recheck_staffing_for_person(person=person),
        )
