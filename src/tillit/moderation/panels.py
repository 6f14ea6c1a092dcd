"""Moderation's section of the inbox item page: the decision form and earlier decisions."""

from tillit.inbox.choices import ActionKind, ItemKind
from tillit.inbox.panels import ItemPanel

from .choices import DecisionKind
from .services.decisions import NOTE_MAX, REASON_MAX, REPLY_MAX
from .services.policy import policy_for


def _context(item) -> dict:
    """The decision form's data: kinds, the policy's rules, decisions, the proposed rule."""
    policy = policy_for(item.channel)
    return {
        "decision_kinds": DecisionKind.choices,
        "policy_rules": list(policy.version.rules.all()) if policy else [],
        "decisions": item.decisions.select_related("rule", "decided_by", "action")[:50],
        # The policy's proposal is the starting point; the person may choose another rule.
        "proposed_rule": next(
            iter(getattr(getattr(item, "assessment", None), "rules", None) or []), ""
        ),
        "note_max": NOTE_MAX,
        "reply_max": REPLY_MAX,
        "reason_max": REASON_MAX,
    }


#: Removing content and blocking are decisions that cite a rule (R16), not bare clicks.
PANEL = ItemPanel(
    template="moderation/item_panel.html",
    context=_context,
    shows=lambda item: item.kind != ItemKind.DIRECT_MESSAGE and not item.is_own,
    decides=frozenset({ActionKind.HIDE, ActionKind.UNHIDE, ActionKind.DELETE, ActionKind.BLOCK}),
)
