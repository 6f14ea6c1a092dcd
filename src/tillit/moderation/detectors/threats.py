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

# Gate words (prefixes): every match of a pattern contains one word of each of its groups.
_KILL_WORDS = (
    "döda",
    "mörda",
    "skjut",
    "knivhugg",
    "hugga",
    "ihjäl",
    "livet",
    "våldta",
    "häng",
    "bränn",
    "spräng",
    "stryp",
    "slakt",
    "halshugg",
    "eld",
    "misshandl",
    "spöa",
    "sönder",
    "krossa",
    "leta",
    "hitta",
    "hem",
    "halsen",
)
_PASSIVE_WORDS = (
    "dö",
    "skjut",
    "häng",
    "avrätt",
    "bränn",
    "gas",
    "mörd",
    "slakt",
    "våldt",
    "misshandl",
    "halshugg",
    "sten",
    "spö",
    "spräng",
    "utrot",
    "deport",
    "slås",
    "ställas",
    "brinna",
    "ruttn",
)
_GROUP_WORDS = (
    "muslim",
    "jud",
    "invandrar",
    "flykting",
    "svart",
    "negrer",
    "somali",
    "arab",
    "afghan",
    "romer",
    "zigenar",
    "bögar",
    "homosex",
    "transperson",
    "kvinnor",
    "feminist",
    "samer",
    "asiat",
    "kines",
    "polack",
    "turkar",
    "syrier",
    "eritrean",
    "kurder",
    "afrikan",
    "utlänning",
    "blatt",
    "svartskall",
    "människor",
    "folk",
    "personer",
)
_DEHUMAN_WORDS = (
    "djur",
    "apor",
    "råttor",
    "kackerlack",
    "parasit",
    "ohyra",
    "avskum",
    "pack",
    "slödder",
    "pest",
    "cancer",
    "smuts",
    "skadedjur",
    "odjur",
    "inte",
    "untermensch",
    "äckliga",
    "vidriga",
    "sjuka",
    "våldtäkt",
    "terrorist",
    "kriminell",
    "pedofil",
    "lata",
    "dumma",
    "mindre",
    "underlägs",
    "lägre",
    "sämre",
)
_GROUP_ADJ_WORDS = (
    "judisk",
    "muslimsk",
    "svart",
    "arabisk",
    "somalisk",
    "afrikansk",
    "kinesisk",
    "asiatisk",
    "turkisk",
    "polsk",
    "albansk",
    "romsk",
    "zigensk",
    "homosexuell",
    "bögig",
    "mexikansk",
    "indisk",
    "kurdisk",
    "syrisk",
    "afghansk",
    "eritreansk",
    "feministisk",
    "invandrad",
    "utländsk",
    "transsexuell",
)
_INSULT_WORDS = (
    "jävl",
    "jävel",
    "svin",
    "hor",
    "fitt",
    "kuk",
    "skit",
    "idiot",
    "råtta",
    "råttor",
    "avskum",
    "slödder",
    "pack",
    "kräk",
    "ap",
    "as",
    "slyn",
    "slamp",
    "subb",
    "luder",
    "rövhål",
    "parasit",
    "ohyra",
    "kackerlack",
)
_COMPOUND_TAILS = (
    "jävl",
    "pack",
    "svin",
    "horor",
    "avskum",
    "råttor",
    "slödder",
    "parasit",
    "fitt",
    "kräk",
)
_STEM_COMPOUNDS = tuple(
    stem + tail
    for stem in (
        "muslim",
        "jude",
        "invandrar",
        "neger",
        "bög",
        "flykting",
        "somali",
        "arab",
        "zigenar",
        "afghan",
        "blatte",
        "rom",
        "turk",
        "polack",
        "finn",
        "kines",
        "svarting",
    )
    for tail in (
        "jävl",
        "pack",
        "svin",
        "hor",
        "avskum",
        "råtta",
        "råttor",
        "slödder",
        "kräk",
        "fitt",
    )
)

# No "as" (carcass) among the tails: "finn" + "as" is the everyday verb "finnas".

# (regex, category, score, subtype). Matched against normalised text (lower case, de-leeted).
_PATTERNS: list[tuple[re.Pattern[str], str, float, str, tuple[tuple[str, ...], ...]]] = [
    (
        re.compile(
            rf"\b(?:jag|ja|jg|vi|vi\s+två)\s+(?:ska|skall|kommer\s+(?:att\s+)?|tänker|vill|lovar\s+att|"
            rf"ska\s+nog|borde)\s*{_GAP}{_KILL}\s+{_TARGET}"
        ),
        CRIME,
        0.9,
        "olaga_hot",
        (_KILL_WORDS, ("ja", "jg", "vi")),
    ),
    (
        re.compile(
            rf"\b(?:du|ni|han|hon|hen|de|dom|dem|alla\s+\w+|{_GROUPS})\s+(?:borde|ska|skall|"
            rf"förtjänar\s+att|måste|skulle|bör)\s+{_GAP}{_PASSIVE}\b"
        ),
        CRIME,
        0.85,
        "uppvigling",
        (_PASSIVE_WORDS, ("borde", "ska", "förtjänar", "måste", "skulle", "bör")),
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
        (("hoppas", "önskar"),),
    ),
    (
        re.compile(
            rf"\b(?:döda|skjut|häng|bränn|slakta|mörda|gasa|spräng|bomba|utrota|lyncha)\s+"
            rf"(?:alla|dem|dom|honom|henne|hen|er|politikerna|{_GROUPS}|\w+(?:arna|erna|orna))\b"
        ),
        CRIME,
        0.85,
        "uppvigling",
        (
            (
                "döda",
                "skjut",
                "häng",
                "bränn",
                "slakta",
                "mörda",
                "gasa",
                "spräng",
                "bomba",
                "utrota",
                "lyncha",
            ),
        ),
    ),
    (
        re.compile(
            r"\b(?:ta\s+livet\s+av\s+dig|gå\s+och\s+häng\s+dig|häng\s+dig|hoppa\s+från\s+en\s+bro|"
            r"gå\s+och\s+dö|dö\s+i\s+helvete|kill\s+yourself|go\s+die|drop\s+dead)\b"
        ),
        VIOLENCE,
        0.8,
        "harassment",
        (("livet", "häng", "hoppa", "dö", "kill", "die", "dead"),),
    ),
    (
        re.compile(
            r"\b(?:jag|vi)\s+vet\s+(?:var|vart)\s+(?:du|ni|han|hon|hen)\s+bor\b|"
            r"\bi\s+know\s+where\s+you\s+live\b"
        ),
        CRIME,
        0.85,
        "olaga_hot",
        (("vet", "know"),),
    ),
    (
        re.compile(
            r"\b(?:du|ni)\s+(?:ska|kommer\s+att)\s+få\s+(?:se|ångra|betala)|"
            r"\bakta\s+(?:dig|er)\b|\bvi\s+ses\s+(?:ute|snart)\b"
        ),
        CRIME,
        0.35,
        "olaga_hot",
        (("få", "akta", "ses"),),
    ),
    (
        re.compile(
            r"\bi\s*(?:'ll|will|am\s+going\s+to|gonna)\s+(?:kill|shoot|stab|murder|rape|hurt|find)\s+"
            r"(?:you|u|him|her|them)\b|\byou\s+(?:should|deserve\s+to|will)\s+(?:die|be\s+killed)\b"
        ),
        CRIME,
        0.9,
        "olaga_hot",
        (("kill", "shoot", "stab", "murder", "rape", "hurt", "find", "die"),),
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
        (("bränn", "spräng", "bomba", "eld"),),
    ),
    (
        re.compile(rf"\b(?:alla\s+)?{_GROUPS}\s+(?:är|e)\s+(?:bara\s+|som\s+)?{_GAP}{_DEHUMAN}\b"),
        HATE,
        0.8,
        "identity_attack",
        (_GROUP_WORDS, _DEHUMAN_WORDS),
    ),
    (
        re.compile(rf"\b{_GROUP_ADJ}\s+(?:[\wåäö]+\s+)?{_INSULT_NOUN}\b"),
        HATE,
        0.85,
        "identity_attack",
        (_GROUP_ADJ_WORDS, _INSULT_WORDS),
    ),
    (
        re.compile(
            rf"\b(?:{_GROUPS}|dem|dom)\s+(?:hör|hører)\s+hemma\s+i\s+(?:ugnen|ugnarna|gaskammaren|"
            r"gaskamrarna|lägret|lägren|koncentrationsläger\w*|buren|burar|djungeln|djurparken|zoo)"
        ),
        HATE,
        0.9,
        "identity_attack",
        (("hemma",),),
    ),
    (
        re.compile(
            rf"\b(?:skicka\s+hem|kasta\s+ut|ut\s+med|deportera|utvisa)\s+(?:alla\s+)?"
            rf"(?:{_GROUPS}|dem|dom|skiten|packet|patrasket)"
        ),
        HATE,
        0.7,
        "identity_attack",
        (
            ("skicka", "kasta", "ut", "deport", "utvisa"),
            _GROUP_WORDS + ("dem", "dom", "skiten", "packet", "patrasket"),
        ),
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
        (("kvinnor", "köket"),),
    ),
    (
        re.compile(
            r"\bförintelsen\s+(?:är|var)\s+(?:en\s+)?(?:lögn|bluff|påhitt)|\brasen?krig\b|"
            r"\b(?:rena|rensa)\s+(?:sverige|landet)\s+från\b"
        ),
        HATE,
        0.85,
        "identity_attack",
        (("förintelsen", "raskrig", "rasenkrig", "rena", "rensa"),),
    ),
    (
        re.compile(
            rf"\b(?:{_GROUPS})(?:jävl\w*|pack\w*|svin\w*|horor\w*|avskum\w*|råttor\w*|slödder\w*|"
            r"parasit\w*|fitt\w*|kräk\w*)"
        ),
        HATE,
        0.85,
        "identity_attack",
        (_GROUP_WORDS, _COMPOUND_TAILS),
    ),
    (
        re.compile(
            r"\b(?:muslim|jude|invandrar|neger|bög|flykting|somali|arab|zigenar|afghan|blatte|"
            r"rom|turk|polack|finn|kines|svarting)(?:jävl\w*|pack\w*|svin\w*|hor\w*|avskum\w*|"
            r"råtta\w*|råttor\w*|slödder\w*|kräk\w*|fitt\w*)\b"
        ),
        HATE,
        0.9,
        "identity_attack",
        (_STEM_COMPOUNDS,),
    ),
]


def _longest_trie(words: list[str]) -> str:
    """A regex matching the longest of the words that starts at a position (longer first)."""
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


def _gate_index() -> tuple[re.Pattern[str], dict[str, frozenset[tuple[int, int]]]]:
    """One pass over the text tells which patterns can match at all.

    Each pattern lists groups of words that every match contains (one of each group, anywhere,
    even inside a longer word); the text is searched once for all of them, overlaps included,
    and a pattern runs only when each of its groups was seen. Most comments run none or one of the seventeen patterns,
    which cost 6-18 µs each on a 200-character comment.
    """
    words: dict[str, set[tuple[int, int]]] = {}
    for i, (*_, groups) in enumerate(_PATTERNS):
        for g, group in enumerate(groups):
            for word in group:
                words.setdefault(word, set()).add((i, g))
    # The trie reports the longest word that matches at a position; every word that it starts
    # with matches there too.
    index = {
        long: frozenset(
            x for word, owners in words.items() if long.startswith(word) for x in owners
        )
        for long in words
    }
    return re.compile(f"(?=({_longest_trie(list(words))}))"), index


_GATE, _GATE_INDEX = _gate_index()


def find_phrases(text: str, norm: str | None = None) -> list[Finding]:
    """Find threat, incitement and group-attack phrases (norm: normalise(text), if known)."""
    norm = normalise(text) if norm is None else norm
    found: list[Finding] = []
    seen: set[tuple[int, int]] = set()
    for word in _GATE.findall(norm):
        seen |= _GATE_INDEX[word]
    if not seen:
        return found
    for i, (pattern, category, score, subtype, groups) in enumerate(_PATTERNS):
        if any((i, g) not in seen for g in range(len(groups))):
            continue
        for m in pattern.finditer(norm):
            found.append(make_finding(text, category, m.start(), m.end(), DETECTOR, score, subtype))
            if category == CRIME and subtype == "olaga_hot" and score >= 0.8:
                found.append(
                    make_finding(
                        text, VIOLENCE, m.start(), m.end(), DETECTOR, score * 0.8, "threat"
                    )
                )
    return found
