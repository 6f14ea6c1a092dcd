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


# How the detectors' codes read on a page; the codes stay in the data. This is the one table
# of names for every category, detector, finding subtype and guideline letter: a template
# never shows a code alone (moderation_tags: category_label, detector_label, subtype_label,
# rule_label, rule_labels), only a name, with the code after it where it is a rule letter.
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
# A finding's subtype; the word list's subtype is the matched word itself (shown as the
# evidence), so it has no entry and is not shown.
SUBTYPE_LABELS = {
    # phrase patterns (threats.py)
    "olaga_hot": _("unlawful threat"),
    "threat": _("threat of violence"),
    "uppvigling": _("incitement"),
    "harassment": _("harassment"),
    "identity_attack": _("attack on a group"),
    "sexism": _("sexism"),
    # personal data (personal_data.py)
    "personnummer": _("personal identity number"),
    "samordningsnummer": _("coordination number"),
    "phone": _("phone number"),
    "email": _("e-mail address"),
    "address": _("postal address"),
    "iban": _("bank account (IBAN)"),
    "bank_account": _("bank account number"),
    "health": _("health information"),
    # links and commercial messages (commercial.py)
    "promo_code": _("discount code"),
    "sales_link": _("sales link"),
    "sales_talk": _("sales pitch"),
    "repeated_links": _("repeated links"),
    "piracy_link": _("link to pirated material"),
    "magnet_link": _("file-sharing link"),
    "rip_offer": _("offer of copied material"),
    "long_paste": _("long copied text"),
}
# The guideline's letters (REQUIREMENTS R13 a-g, R14), named as the guideline names them.
RULE_LABELS = {
    "R13a": _("Defamation, personal attacks or insults"),
    "R13b": _("Agitation against a group, sexist remarks or other harassment"),
    "R13c": _("Unlawful depictions of violence or pornography"),
    "R13d": _("Incitement to crime or other criminal activity"),
    "R13e": _("Unlawful use of copyrighted material"),
    "R13f": _("Profanity or obscene words"),
    "R13g": _("Commercial messages or advertising"),
    "R14": _("Offending personal data"),
}


def rule_name(code: str) -> str:
    """A guideline letter named in the active language, the letter after it: "… (R13a)"."""
    name = RULE_LABELS.get(str(code or ""))
    return f"{name} ({code})" if name is not None else str(code or "")
