"""Who reads the audit trail: the organisation administrator and the auditor, organisation-wide.

The trail names every change in the organisation, so it is read whole or not at all; anyone
else finds no such page (ADR 10: "not found" for both missing and forbidden).
"""

from tillit.access.actor import Actor
from tillit.access.queryset import RoleRule, access_rule
from tillit.access.roles import AUDIT_TRAIL_READERS
from tillit.audit.models import AuditEntry


@access_rule(AuditEntry)
class AuditEntryRule(RoleRule):
    """``view``: browse, follow, verify and export the trail; nobody may change it."""

    roles = {"view": AUDIT_TRAIL_READERS}


def may_read_audit_trail(actor: Actor) -> bool:
    """Whether the actor may open the audit trail's pages (the rule's own predicate)."""
    return AuditEntryRule().allows(actor, "view", None)
