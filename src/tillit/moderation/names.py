"""How the detectors' codes read for a person, as English msgids of the app's catalogue.

The codes stay in the data. This is the one table of names for every category, detector,
finding subtype and guideline letter: a page never shows a code alone (``choices`` turns these
into lazy translations for the templates: category_label, detector_label, subtype_label,
rule_label, rule_labels), and ``tillit moderate``, which runs without Django, translates them
with the same catalogue (``core.catalogue``). Django-free on purpose.
"""

from __future__ import annotations


def gettext_noop(message: str) -> str:
    """Mark a msgid for ``makemessages`` (an xgettext keyword) without translating it here."""
    return message


CATEGORY_NAMES = {
    "insult": gettext_noop("Insult"),
    "hate": gettext_noop("Hate or identity attack"),
    "violence": gettext_noop("Violence"),
    "sexual": gettext_noop("Sexual content"),
    "crime": gettext_noop("Crime, threat or incitement"),
    "copyright": gettext_noop("Copyright"),
    "profanity": gettext_noop("Profanity"),
    "commercial": gettext_noop("Commercial message"),
    "personal_data": gettext_noop("Personal data"),
}
DETECTOR_NAMES = {
    "lexicon": gettext_noop("word list"),
    "phrase": gettext_noop("phrase pattern"),
    "personal_data": gettext_noop("personal-data check"),
    "links": gettext_noop("link check"),
}
# A finding's subtype; the word list's subtype is the matched word itself (shown as the
# evidence), so it has no entry and is not shown.
SUBTYPE_NAMES = {
    # phrase patterns (threats.py)
    "olaga_hot": gettext_noop("unlawful threat"),
    "threat": gettext_noop("threat of violence"),
    "uppvigling": gettext_noop("incitement"),
    "harassment": gettext_noop("harassment"),
    "identity_attack": gettext_noop("attack on a group"),
    "sexism": gettext_noop("sexism"),
    # personal data (personal_data.py)
    "personnummer": gettext_noop("personal identity number"),
    "samordningsnummer": gettext_noop("coordination number"),
    "phone": gettext_noop("phone number"),
    "email": gettext_noop("e-mail address"),
    "address": gettext_noop("postal address"),
    "iban": gettext_noop("bank account (IBAN)"),
    "bank_account": gettext_noop("bank account number"),
    "health": gettext_noop("health information"),
    # links and commercial messages (commercial.py)
    "promo_code": gettext_noop("discount code"),
    "sales_link": gettext_noop("sales link"),
    "sales_talk": gettext_noop("sales pitch"),
    "repeated_links": gettext_noop("repeated links"),
    "piracy_link": gettext_noop("link to pirated material"),
    "magnet_link": gettext_noop("file-sharing link"),
    "rip_offer": gettext_noop("offer of copied material"),
    "long_paste": gettext_noop("long copied text"),
}
# The guideline's letters (REQUIREMENTS R13 a-g, R14), named as the guideline names them.
RULE_NAMES = {
    "R13a": gettext_noop("Defamation, personal attacks or insults"),
    "R13b": gettext_noop("Agitation against a group, sexist remarks or other harassment"),
    "R13c": gettext_noop("Unlawful depictions of violence or pornography"),
    "R13d": gettext_noop("Incitement to crime or other criminal activity"),
    "R13e": gettext_noop("Unlawful use of copyrighted material"),
    "R13f": gettext_noop("Profanity or obscene words"),
    "R13g": gettext_noop("Commercial messages or advertising"),
    "R14": gettext_noop("Offending personal data"),
}
