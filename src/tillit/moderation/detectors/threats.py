"""Short-phrase patterns for threats (olaga hot), incitement (uppvigling) and group attacks."""

from __future__ import annotations

import re

from .base import CRIME, HATE, VIOLENCE, Finding, make_finding
from .normalize import normalise

DETECTOR = "phrase"

_GAP = r"(?:[\wåäö]+\s+){0,3}?"
_TARGET = r"(?:dig|er|honom|henne|hen|dem|dom|din\s+\w+|ditt\s+\w+|era\s+\w+|alla\s+\w+)"
_KILL = (
    r"(?:döda|mörda|skjuta|knivhugga|hugga\s+ner|slå\s+ihjäl|ha\s+ihjäl|ta\s+livet\s+av|"
    r"våldta|hänga|bränna|spränga|strypa|slakta|halshugga|sätta\s+eld\s+på|misshandla|spöa|"
    r"slå\s+sönder|krossa|leta\s+upp|hitta|komma\s+hem\s+till|skära\s+halsen\s+av)"
)
_PASSIVE = (
    r"(?:dö|dödas|skjutas|hängas|avrättas|brännas|gasas|mördas|slaktas|våldtas|misshandlas|"
    r"halshuggas|stenas|spöas|sprängas|utrotas|deporteras|skjutas\s+ihjäl|slås\s+ihjäl|"
    r"ställas\s+mot\s+(?:en\s+)?vägg(?:en)?|brinna\s+i\s+helvetet|ruttna)"
)
_GROUPS = (
    r"(?:muslimer\w*|judar\w*|juden\w*|invandrar\w*|flykting\w*|svarta|negrer\w*|somalier\w*|"
    r"araber\w*|afghaner\w*|romer\w*|zigenar\w*|bögar\w*|homosexuella|transpersoner\w*|"
    r"kvinnor\w*|feminister\w*|samer\w*|asiater\w*|kineser\w*|polacker\w*|turkar\w*|"
    r"syrier\w*|eritreaner\w*|kurder\w*|afrikaner\w*|utlänningar\w*|blattar\w*|svartskallar\w*|"
    r"(?:människor|folk|personer)\s+från\s+(?:mellanöstern|afrika|asien|arabvärlden))"
)
_DEHUMAN = (
    r"(?:djur|apor|råttor|kackerlackor|parasiter|ohyra|avskum|pack|slödder|pest|cancer|"
    r"smuts|skadedjur|odjur|inte\s+människor|untermenschen|äckliga|vidriga|sjuka|"
    r"våldtäktsmän|terrorister|kriminella|pedofiler|lata|dumma|mindre\s+värda|underlägsna|"
    r"(?:av\s+)?(?:en\s+)?(?:lägre|sämre|underlägsen)\s+ras)"
)
# Adjectives naming a group; before an insult they make it an identity attack ("judisk skitstövel").
_GROUP_ADJ = (
    r"(?:judisk|muslimsk|svart|arabisk|somalisk|afrikansk|kinesisk|asiatisk|turkisk|polsk|"
    r"albansk|romsk|zigensk|homosexuell|bögig|mexikansk|indisk|kurdisk|syrisk|afghansk|"
    r"eritreansk|feministisk|invandrad|utländsk|transsexuell)(?:a|e|t)?"
)
_INSULT_NOUN = (
    r"(?:jävl\w*|\w*jävel|svin\w*|hor(?:a|or|an|orna)|fitt\w*|kuk\w*|\w*skit\w*|idiot\w*|"
    r"råtta\w*|råttor\w*|avskum\w*|slödder\w*|pack\w*|kräk\w*|ap(?:a|or|an|orna)|as|"
    r"slyn\w*|slamp\w*|subb\w*|luder\w*|rövhål\w*|parasit\w*|ohyra\w*|kackerlack\w*)"
)

# (regex, category, score, subtype). Matched against normalised text (lower case, de-leeted).
_PATTERNS: list[tuple[re.Pattern[str], str, float, str]] = [
    (
        re.compile(
            rf"\b(?:jag|ja|jg|vi|vi\s+två)\s+(?:ska|skall|kommer\s+(?:att\s+)?|tänker|vill|lovar\s+att|"
            rf"ska\s+nog|borde)\s*{_GAP}{_KILL}\s+{_TARGET}"
        ),
        CRIME,
        0.9,
        "olaga_hot",
    ),
    (
        re.compile(
            rf"\b(?:du|ni|han|hon|hen|de|dom|dem|alla\s+\w+|{_GROUPS})\s+(?:borde|ska|skall|"
            rf"förtjänar\s+att|måste|skulle|bör)\s+{_GAP}{_PASSIVE}\b"
        ),
        CRIME,
        0.85,
        "uppvigling",
    ),
    (
        re.compile(
            rf"\b(?:hoppas|önskar)\s+(?:att\s+)?(?:du|ni|han|hon|hen|de|dom|din\s+\w+)\s+{_GAP}"
            r"(?:dör|dog|dödas|blir\s+(?:våldtagen|mördad|skjuten|överkörd|knivhuggen|misshandlad)|"
            r"får\s+cancer|brinner|ruttnar)"
        ),
        VIOLENCE,
        0.75,
        "harassment",
    ),
    (
        re.compile(
            rf"\b(?:döda|skjut|häng|bränn|slakta|mörda|gasa|spräng|bomba|utrota|lyncha)\s+"
            rf"(?:alla|dem|dom|honom|henne|hen|er|politikerna|{_GROUPS}|\w+(?:arna|erna|orna))\b"
        ),
        CRIME,
        0.85,
        "uppvigling",
    ),
    (
        re.compile(
            r"\b(?:ta\s+livet\s+av\s+dig|gå\s+och\s+häng\s+dig|häng\s+dig|hoppa\s+från\s+en\s+bro|"
            r"gå\s+och\s+dö|dö\s+i\s+helvete|kill\s+yourself|go\s+die|drop\s+dead)\b"
        ),
        VIOLENCE,
        0.8,
        "harassment",
    ),
    (
        re.compile(
            r"\b(?:jag|vi)\s+vet\s+(?:var|vart)\s+(?:du|ni|han|hon|hen)\s+bor\b|"
            r"\bi\s+know\s+where\s+you\s+live\b"
        ),
        CRIME,
        0.85,
        "olaga_hot",
    ),
    (
        re.compile(
            r"\b(?:du|ni)\s+(?:ska|kommer\s+att)\s+få\s+(?:se|ångra|betala)|"
            r"\bakta\s+(?:dig|er)\b|\bvi\s+ses\s+(?:ute|snart)\b"
        ),
        CRIME,
        0.35,
        "olaga_hot",
    ),
    (
        re.compile(
            r"\bi\s*(?:'ll|will|am\s+going\s+to|gonna)\s+(?:kill|shoot|stab|murder|rape|hurt|find)\s+"
            r"(?:you|u|him|her|them)\b|\byou\s+(?:should|deserve\s+to|will)\s+(?:die|be\s+killed)\b"
        ),
        CRIME,
        0.9,
        "olaga_hot",
    ),
    (
        re.compile(
            r"\b(?:bränn|bränna|spräng|spränga|bomba|tänd\s+eld\s+på|sätt\s+eld\s+på)\s+"
            r"(?:ner\s+)?(?:moskén|moskéer\w*|synagog\w*|kyrkan|kyrkor|flyktingboende\w*|"
            r"asylboende\w*|kommunhuset|riksdagen|stadshuset)"
        ),
        CRIME,
        0.9,
        "uppvigling",
    ),
    (
        re.compile(rf"\b(?:alla\s+)?{_GROUPS}\s+(?:är|e)\s+(?:bara\s+|som\s+)?{_GAP}{_DEHUMAN}\b"),
        HATE,
        0.8,
        "identity_attack",
    ),
    (
        re.compile(rf"\b{_GROUP_ADJ}\s+(?:[\wåäö]+\s+)?{_INSULT_NOUN}\b"),
        HATE,
        0.85,
        "identity_attack",
    ),
    (
        re.compile(
            rf"\b(?:{_GROUPS}|dem|dom)\s+(?:hör|hører)\s+hemma\s+i\s+(?:ugnen|ugnarna|gaskammaren|"
            r"gaskamrarna|lägret|lägren|koncentrationsläger\w*|buren|burar|djungeln|djurparken|zoo)"
        ),
        HATE,
        0.9,
        "identity_attack",
    ),
    (
        re.compile(
            rf"\b(?:skicka\s+hem|kasta\s+ut|ut\s+med|deportera|utvisa)\s+(?:alla\s+)?"
            rf"(?:{_GROUPS}|dem|dom|skiten|packet|patrasket)"
        ),
        HATE,
        0.7,
        "identity_attack",
    ),
    (
        re.compile(
            r"\bkvinnor\s+(?:hör\s+hemma|ska\s+vara|borde\s+vara|ska\s+stanna)\s+(?:i\s+köket|hemma|"
            r"tysta)|\bhåll\s+dig\s+till\s+köket\b|\bkvinnor\s+(?:kan\s+inte|ska\s+inte|borde\s+inte)"
            r"\s+(?:köra|tänka|leda|bestämma|rösta)"
        ),
        HATE,
        0.7,
        "sexism",
    ),
    (
        re.compile(
            r"\bförintelsen\s+(?:är|var)\s+(?:en\s+)?(?:lögn|bluff|påhitt)|\brasen?krig\b|"
            r"\b(?:rena|rensa)\s+(?:sverige|landet)\s+från\b"
        ),
        HATE,
        0.85,
        "identity_attack",
    ),
    (
        re.compile(
            rf"\b(?:{_GROUPS})(?:jävl\w*|pack\w*|svin\w*|horor\w*|avskum\w*|råttor\w*|slödder\w*|"
            r"parasit\w*|fitt\w*|kräk\w*)"
        ),
        HATE,
        0.85,
        "identity_attack",
    ),
    (
        re.compile(
            r"\b(?:muslim|jude|invandrar|neger|bög|flykting|somali|arab|zigenar|afghan|blatte|"
            r"rom|turk|polack|finn|kines|svarting)(?:jävl\w*|pack\w*|svin\w*|hor\w*|avskum\w*|"
            r"råtta\w*|råttor\w*|slödder\w*|kräk\w*|fitt\w*|as)\b"
        ),
        HATE,
        0.9,
        "identity_attack",
    ),
]


# Every pattern needs one of these words; most comments have none, so skip the patterns then.
# Literals, some ending in \b; compiled as a trie (below) so each position is tried once.
_GATE_WORDS = [
    r"död",
    r"dö\b",
    r"dör",
    r"dog\b",
    r"mörd",
    r"skjut",
    r"kniv",
    r"hugg",
    r"ihjäl",
    r"livet",
    r"våldt",
    r"häng",
    r"bränn",
    r"spräng",
    r"stryp",
    r"slakt",
    r"halshugg",
    r"eld\b",
    r"misshandl",
    r"spö",
    r"krossa",
    r"leta upp",
    r"hitta",
    r"hem till",
    r"halsen",
    r"gasa",
    r"sten",
    r"utrot",
    r"deport",
    r"vägg",
    r"ruttn",
    r"hoppas",
    r"önskar",
    r"cancer",
    r"bomba",
    r"lyncha",
    r"bro\b",
    r"vet va",
    r"ångra",
    r"få se",
    r"få betala",
    r"akta",
    r"vi ses",
    r"kill",
    r"shoot",
    r"stab",
    r"murder",
    r"rape",
    r"hurt",
    r"die\b",
    r"dead",
    r"where you live",
    r"skicka hem",
    r"kasta ut",
    r"ut med",
    r"utvisa",
    r"köket",
    r"kvinnor",
    r"förintelsen",
    r"raskrig",
    r"rasenkrig",
    r"rena",
    r"rensa",
    r"muslim",
    r"jud",
    r"invandr",
    r"flykting",
    r"svart",
    r"neger",
    r"negrer",
    r"somali",
    r"arab",
    r"afghan",
    r"rom",
    r"zigenar",
    r"bög",
    r"homosex",
    r"trans",
    r"feminist",
    r"same",
    r"samer",
    r"asiat",
    r"kines",
    r"polack",
    r"turk",
    r"syrier",
    r"eritrean",
    r"kurd",
    r"afrikan",
    r"utlänning",
    r"blatt",
    r"albansk",
    r"polsk",
    r"romsk",
    r"zigensk",
    r"mexikansk",
    r"indisk",
    r"syrisk",
    r"invandrad",
    r"utländsk",
    r"ras\b",
    r"hemma i",
    r"mellanöstern",
]


def _literal_trie(words: list[str]) -> str:
    """One regex matching where any of the literals (optionally ending in \\b) matches."""
    root: dict = {}
    for word in words:
        boundary = word.endswith(r"\b")
        node = root
        for ch in word[:-2] if boundary else word:
            node = node.setdefault(ch, {})
        node.setdefault("", set()).add(boundary)

    def build(node: dict) -> str:
        if False in node.get("", ()):
            return ""  # a literal ends here: what could follow does not matter to a search
        alts = [re.escape(ch) + build(node[ch]) for ch in sorted(k for k in node if k)]
        if "" in node:
            alts.append(r"\b")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return build(root)


_GATE = re.compile(_literal_trie(_GATE_WORDS))


def find_phrases(text: str, norm: str | None = None) -> list[Finding]:
    """Find threat, incitement and group-attack phrases (norm: normalise(text), if known)."""
    norm = normalise(text) if norm is None else norm
    found: list[Finding] = []
    if not _GATE.search(norm):
        return found
    for pattern, category, score, subtype in _PATTERNS:
        for m in pattern.finditer(norm):
            found.append(make_finding(text, category, m.start(), m.end(), DETECTOR, score, subtype))
            if category == CRIME and subtype == "olaga_hot" and score >= 0.8:
                found.append(
                    make_finding(
                        text, VIOLENCE, m.start(), m.end(), DETECTOR, score * 0.8, "threat"
                    )
                )
    return found
