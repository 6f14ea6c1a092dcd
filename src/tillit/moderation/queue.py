"""Moderation's parts of the inbox queue: each row's proposal in words, and bulk decisions.

Registered from `ModerationConfig.ready` into the registry stores `queue_proposals` and
`queue_bulk` (the inbox sits below moderation and cannot import it).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tillit.inbox.queue_extras import BulkAction

from .choices import rule_name
from .models import PolicyRule

BULK = BulkAction(url_name="moderation:bulk", label=gettext_lazy("Decide on the selected items"))


def proposals(items: list) -> dict[int, str]:
    """What the policy proposes for each flagged row: the rules with their titles (one query)."""
    flagged = [
        i.assessment
        for i in items
        if getattr(i, "assessment", None) is not None and i.assessment.flagged
    ]
    if not flagged:
        return {}
    versions = {a.policy_version_id for a in flagged}
    codes = {code for a in flagged for code in (a.rules or [])}
    titles = {
        (version, code): title
        for version, code, title in PolicyRule.objects.filter(
            version_id__in=versions, code__in=codes
        ).values_list("version_id", "code", "title")
    }
    found = {}
    for a in flagged:
        # The rule's name first, its letter after it (codes never stand alone on a page).
        named = [
            f"{titles[(a.policy_version_id, code)]} ({code})"
            if (a.policy_version_id, code) in titles
            else rule_name(code)
            for code in (a.rules or [])[:3]
        ]
        found[a.item_id] = (
            _("Proposed: hide under %(rules)s") % {"rules": ", ".join(named)}
            if named
            else _("Flagged for a look")
        )
    return found
