"""Who reaches moderation's rows: decisions follow their item, the block list is a register."""

from django.db.models import QuerySet

from tillit.access.actor import Actor
from tillit.access.queryset import AccessRule, RoleRule, access_rule, allows, rule_for
from tillit.access.roles import RECORDS_READERS
from tillit.inbox.models import Item

from .models import Block, Decision


@access_rule(Decision)
class DecisionRule(AccessRule):
    """A decision is seen and reviewed by whoever may moderate its item."""

    actions = ("moderate",)

    def filter(self, qs: QuerySet, actor: Actor, action: str) -> QuerySet:
        items = rule_for(Item).filter(Item.objects.all(), actor, "moderate")
        return qs.filter(item__in=items.values("pk"))

    def allows(self, actor: Actor, action: str, obj: Decision) -> bool:
        return allows(actor, "moderate", obj.item)


@access_rule(Block)
class BlockRule(RoleRule):
    """Every block, lifted ones included, is an official document in the block register."""

    roles = {"read": RECORDS_READERS}
