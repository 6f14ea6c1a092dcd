"""What each platform lets the moderator do, and why not when it doesn't."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy

from tillit.connectors.base import Capability
from tillit.connectors.registry import get_connector

from .choices import ActionKind

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise as StrPromise

# Every outbox action is the connector capability of the same name: one vocabulary.
ACTION_CAPABILITY = {kind: Capability(kind.value) for kind in ActionKind}


@dataclass(frozen=True)
class ActionOption:
    """One action as the moderator sees it: possible or not, and the platform's explanation."""

    kind: str
    label: "str | StrPromise"
    supported: bool
    # The connector's English msgid, translated here for the reader.
    explanation: "str | StrPromise"


def action_options(connector_slug: str | None) -> list[ActionOption]:
    """Every moderation action with whether this platform supports it."""
    cls = None
    if connector_slug:
        try:
            cls = get_connector(connector_slug)
        except KeyError:
            cls = None
    options = []
    for kind, capability in ACTION_CAPABILITY.items():
        supported = cls is not None and capability in cls.capabilities
        msgid = "" if supported or cls is None else cls.unsupported.get(capability, "")
        explanation = gettext_lazy(msgid) if msgid else ""
        options.append(ActionOption(kind, ActionKind(kind).label, supported, explanation))
    return options
