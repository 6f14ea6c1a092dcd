"""Who reaches the archive's rows: captures follow their channel, exports are the archivist's."""

from django.db.models import QuerySet

from tillit.access.actor import Actor
from tillit.access.queryset import AccessRule, access_rule, allows, rule_for
from tillit.access.roles import ARCHIVE_KEEPERS
from tillit.channels.models import Channel

from .models import Capture, Export
from .permissions import can_export


def _channels(actor: Actor) -> QuerySet:
    return rule_for(Channel).filter(Channel.objects.all(), actor, "view").values("pk")


@access_rule(Capture)
class CaptureRule(AccessRule):
    """A capture is seen by whoever may see its channel."""

    actions = ("view",)

    def filter(self, qs: QuerySet, actor: Actor, action: str) -> QuerySet:
        return qs.filter(channel__in=_channels(actor))

    def allows(self, actor: Actor, action: str, obj: Capture) -> bool:
        return allows(actor, "view", obj.channel)


@access_rule(Export)
class ExportRule(AccessRule):
    """Packages hold every item, direct messages included: archivists and org admins only."""

    actions = ("view",)

    def filter(self, qs: QuerySet, actor: Actor, action: str) -> QuerySet:
        if not actor.is_org_wide(*ARCHIVE_KEEPERS):
            return qs.none()
        return qs.filter(channel__in=_channels(actor))

    def allows(self, actor: Actor, action: str, obj: Export) -> bool:
        return can_export(actor, obj.channel)
