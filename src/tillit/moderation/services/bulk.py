"""Bulk decisions: one decision per selected item, each through `decision_make` with its rule.

Invariants:
- Everything is checked before anything is written: an empty selection, an item the person
  may not (or no longer) act on, a decision that needs a rule without one, a rule missing
  from a selected channel's policy, an item that cannot take the decision (a direct
  message, the organisation's own post, a removal before the item is completely stored).
  Any of these refuses the whole selection with a Swedish message naming what is wrong.
- Then every decision is made in one transaction: a failure on any item rolls back all of
  them, so a selection is never half-decided.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tillit.access.actor import Actor, as_actor
from tillit.audit.services import audit_record
from tillit.inbox.choices import ItemKind
from tillit.inbox.models import Item
from tillit.organisation.models import Person

from ..choices import RULE_REQUIRED, DecisionKind
from ..models import Decision, PolicyRule
from .decisions import decision_make
from .policy import policy_versions_for

#: What can be decided for many items at once (replies and blocks are written one by one).
BULK_KINDS = (DecisionKind.KEEP, DecisionKind.HIDE, DecisionKind.DELETE)
#: The most items one bulk decision takes.
BULK_LIMIT = 200


@dataclass
class Selection:
    """The items a person selected, as far as they may act on them, and the channels' rules."""

    items: list[Item]
    missing: int
    #: channel id -> the rule codes of the policy version the channel applies.
    rules: dict[int, dict[str, PolicyRule]] = field(default_factory=dict)

    def rule_choices(self) -> list[PolicyRule]:
        """Every rule some selected channel has, one per code (for the form)."""
        seen: dict[str, PolicyRule] = {}
        for by_code in self.rules.values():
            for code, rule in by_code.items():
                seen.setdefault(code, rule)
        return [seen[c] for c in sorted(seen)]


def selection_load(actor: Actor | Person, ids: list[int]) -> Selection:
    """The selected items the actor may moderate (three queries whatever the selection)."""
    who = as_actor(actor)
    wanted = list(dict.fromkeys(ids))[:BULK_LIMIT]
    items = list(
        Item.objects.restrict(who, "moderate")
        .filter(pk__in=wanted)
        .select_related("channel", "author", "assessment")
        .order_by("received_at", "pk")
    )
    channel_ids = {i.channel_id for i in items}
    versions = policy_versions_for(channel_ids)
    by_version: dict[int, dict[str, PolicyRule]] = {}
    for rule in PolicyRule.objects.filter(version_id__in=set(versions.values())):
        by_version.setdefault(rule.version_id, {})[rule.code] = rule
    return Selection(
        items=items,
        missing=len(wanted) - len(items),
        rules={c: by_version.get(v, {}) for c, v in versions.items()},
    )


def _problems(selection: Selection, kind: str, rule_code: str) -> list[str]:
    problems = []
    if not selection.items and not selection.missing:
        return [_("Select at least one item.")]
    if selection.missing:
        problems.append(
            ngettext(
                "%(n)s of the selected items is not one you may decide on (the mandate may "
                "have ended, or it is gone).",
                "%(n)s of the selected items are not ones you may decide on (the mandate may "
                "have ended, or they are gone).",
                selection.missing,
            )
            % {"n": selection.missing}
        )
    if kind not in BULK_KINDS:
        problems.append(
            _("Choose keep, hide or delete; replies and blocks are decided one by one.")
        )
        return problems
    if kind in RULE_REQUIRED and not rule_code:
        problems.append(_("Hiding and deleting must cite a rule."))
    if rule_code:
        lacking = sorted(
            {
                i.channel.name
                for i in selection.items
                if rule_code not in selection.rules.get(i.channel_id, {})
            }
        )
        if lacking:
            problems.append(
                _(
                    "The rule %(rule)s is not in the policy of %(channels)s. Decide on those items separately."
                )
                % {"rule": rule_code, "channels": ", ".join(lacking)}
            )
    wrong = [i for i in selection.items if i.kind == ItemKind.DIRECT_MESSAGE or i.is_own]
    if wrong:
        problems.append(
            ngettext(
                "%(n)s selected item is a direct message or the organisation's own post; "
                "those are not moderated.",
                "%(n)s selected items are direct messages or the organisation's own posts; "
                "those are not moderated.",
                len(wrong),
            )
            % {"n": len(wrong)}
        )
    if kind in (DecisionKind.HIDE, DecisionKind.DELETE):
        pending = [i for i in selection.items if not i.capture_complete]
        if pending:
            problems.append(
                ngettext(
                    "%(n)s selected item is not yet completely stored, so it cannot be removed yet.",
                    "%(n)s selected items are not yet completely stored, so they cannot be removed yet.",
                    len(pending),
                )
                % {"n": len(pending)}
            )
    return problems


def decisions_bulk(
    *, actor: Actor | Person, selection: Selection, kind: str, rule_code: str = "", note: str = ""
) -> list[Decision]:
    """Decide the same way on every selected item, each recorded as its own decision."""
    problems = _problems(selection, kind, rule_code)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        decisions = [
            decision_make(actor=actor, item=item, kind=kind, rule_code=rule_code, note=note)
            for item in selection.items
        ]
        audit_record(
            actor=actor,
            action="moderation.bulk",
            object_type="moderation.decision",
            detail={
                "kind": kind,
                "rule": rule_code,
                "items": [i.pk for i in selection.items],
                "decisions": [d.pk for d in decisions],
            },
        )
    return decisions
