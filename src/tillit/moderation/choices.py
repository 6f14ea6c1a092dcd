"""Choice sets of moderation."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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


# How the detectors' category and detector codes read on a page (the codes stay in the data).
CATEGORY_LABELS = {
    "insult": _("Insult"),
    "hate": _("Hate or identity attack"),
    "violence": _("Violence"),
    "sexual": _("Sexual content"),
    "crime": _("Crime, threat or incitement"),
    "copyright": _("Copyright"),
    "profanity": _("Profanity"),
    "commercial": _("Commercial message"),
    "personal_data": _("Personal data"),
}
DETECTOR_LABELS = {
    "lexicon": _("word list"),
    "phrase": _("phrase pattern"),
    "personal_data": _("personal-data check"),
    "links": _("link check"),
}
