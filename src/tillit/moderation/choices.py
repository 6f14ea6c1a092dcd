"""Choice sets of moderation."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .names import CATEGORY_NAMES, DETECTOR_NAMES, RULE_NAMES, SUBTYPE_NAMES


class Tier(models.TextChoices):
    """The legal ground for removing a comment (LEGAL.md, "two tiers" and personal data)."""

    STATUTORY = "statutory", _("Must be removed by law (BBS-lagen 5 §)")
    PERSONAL_DATA = "personal_data", _("Personal data or secrecy (GDPR, OSL)")
    OWN_RULES = "own_rules", _("The organisation's published rules")


#: Tiers whose proposals are urgent (a deadline in hours, not working days).
URGENT_TIERS = {Tier.STATUTORY, Tier.PERSONAL_DATA}


class DecisionKind(models.TextChoices):
    """What a person (or an opted-in automatic rule) decided about an item."""

    KEEP = "keep", _("Keep")
    HIDE = "hide", _("Hide")
    UNHIDE = "unhide", _("Unhide")
    DELETE = "delete", _("Delete")
    RESTORE = "restore", _("Restore")
    REPLY = "reply", _("Reply")
    BLOCK = "block", _("Block the author")


#: Decisions that must cite a rule of the published policy.
RULE_REQUIRED = {DecisionKind.HIDE, DecisionKind.DELETE, DecisionKind.BLOCK}


class Priority(models.IntegerChoices):
    """How urgent an item is in the queue."""

    URGENT = 1, _("Urgent")
    NORMAL = 2, _("Normal")
    LOW = 3, _("Low")


# The names of the detectors' codes (moderation.names), translated where they are shown.
CATEGORY_LABELS = {code: _(name) for code, name in CATEGORY_NAMES.items()}
DETECTOR_LABELS = {code: _(name) for code, name in DETECTOR_NAMES.items()}
SUBTYPE_LABELS = {code: _(name) for code, name in SUBTYPE_NAMES.items()}
RULE_LABELS = {code: _(name) for code, name in RULE_NAMES.items()}


def rule_name(code: str) -> str:
    """A guideline letter named in the active language, the letter after it: "… (R13a)"."""
    name = RULE_LABELS.get(str(code or ""))
    return f"{name} ({code})" if name is not None else str(code or "")
