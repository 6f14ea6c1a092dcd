"""Short-phrase patterns for threats (olaga hot), incitement (uppvigling) and group attacks."""

from __future__ import annotations

import re
from functools import lru_cache

from .automata import automaton, is_word_char
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


def _w(spec: str) -> tuple[str, ...]:
    return tuple(spec.split())


_WORD_TAIL = r"\w*"


def _any(words: tuple[str, ...], tail: str = "") -> str:
    """A regex alternation of the words, in order, each followed by tail."""
    return "(?:" + "|".join(re.escape(word) + tail for word in words) + ")"


# Adjectives naming a group; before an insult they make it an identity attack ("judisk skitstövel").
_GROUP_ADJECTIVES = _w(
    "judisk muslimsk svart arabisk somalisk afrikansk kinesisk asiatisk turkisk polsk albansk "
    "romsk zigensk homosexuell bögig mexikansk indisk kurdisk syrisk afghansk eritreansk "
    "feministisk invandrad utländsk transsexuell"
)
_GROUP_ADJ = _any(_GROUP_ADJECTIVES) + "(?:a|e|t)?"
# Insults glued to a group word ("invandrarjävlar") and to a group stem ("muslimpack"). No
# "as" (carcass) among the stem tails: "finn" + "as" is the everyday verb "finnas".
_COMPOUND_TAILS = _w("jävl pack svin horor avskum råttor slödder parasit fitt kräk")
_STEMS = _w(
    "muslim jude invandrar neger bög flykting somali arab zigenar afghan blatte rom turk polack "
    "finn kines svarting"
)
_STEM_TAILS = _w("jävl pack svin hor avskum råtta råttor slödder kräk fitt")
_INSULT_NOUN = (
    r"(?:jävl\w*|\w*jävel|svin\w*|hor(?:a|or|an|orna)|fitt\w*|kuk\w*|\w*skit\w*|idiot\w*|"
    r"råtta\w*|råttor\w*|avskum\w*|slödder\w*|pack\w*|kräk\w*|ap(?:a|or|an|orna)|as|"
    r"slyn\w*|slamp\w*|subb\w*|luder\w*|rövhål\w*|parasit\w*|ohyra\w*|kackerlack\w*)"
)


# Gate words: every match of a pattern contains one word of each of its groups. "<" marks a
# word that the pattern puts at the start of a word, ">" one it puts at the end; without the
# marks a word may sit anywhere, even inside another ("skit" in "hundskiten").
_KILL_WORDS = _w(
    "<döda <mörda <skjut <knivhugg <hugga <ihjäl <livet <våldta <häng <bränn <spräng <stryp "
    "<slakt <halshugg <eld> <misshandl <spöa <sönder <krossa <leta> <hitta> <hem> <halsen"
)
_PASSIVE_WORDS = _w(
    "<dö <skjut <häng <avrätt <bränn <gas <mörd <slakt <våldt <misshandl <halshugg <sten <spö "
    "<spräng <utrot <deport <slås <ställas <brinna <ruttn"
)
_GROUP_WORDS = _w(
    "<muslim <jud <invandrar <flykting <svart <negrer <somali <arab <afghan <romer <zigenar "
    "<bögar <homosex <transperson <kvinnor <feminist <samer <asiat <kines <polack <turkar "
    "<syrier <eritrean <kurder <afrikan <utlänning <blatt <svartskall <människor <folk <personer"
)
_DEHUMAN_WORDS = _w(
    "<djur <apor <råttor <kackerlack <parasit <ohyra <avskum <pack <slödder <pest <cancer "
    "<smuts <skadedjur <odjur <människor> <untermensch <äckliga <vidriga <sjuka <våldtäkt <terrorist "
    "<kriminell <pedofil <lata <dumma <mindre> <underlägs <lägre> <sämre>"
)
_GROUP_ADJ_WORDS = tuple(f"<{word}" for word in _GROUP_ADJECTIVES)
_STEM_COMPOUNDS = tuple(f"<{stem}{tail}" for stem in _STEMS for tail in _STEM_TAILS)

# (regex, category, score, subtype). Matched against normalised text (lower case, de-leeted).
_PATTERNS: list[tuple[re.Pattern[str], str, float, str, tuple[tuple[str, ...], ...]]] = [
    (
        re.compile(
            rf"\b(?:jag|ja|jg|vi|vi\s+två)\s+(?:ska|skall|kommer\s+(?:att\s+)?|tänker|vill|lovar\s+att|"
            rf"ska\s+nog|borde)\b\s*{_GAP}{_KILL}\s+{_TARGET}"
        ),
        CRIME,
        0.9,
        "olaga_hot",
        (_KILL_WORDS,),
    ),
    (
        re.compile(
            rf"\b(?:du|ni|han|hon|hen|de|dom|dem|alla\s+\w+|{_GROUPS})\s+(?:borde|ska|skall|"
            rf"förtjänar\s+att|måste|skulle|bör)\s+{_GAP}{_PASSIVE}\b"
        ),
        CRIME,
        0.85,
        "uppvigling",
        (_PASSIVE_WORDS, _w("<borde> <ska <förtjänar> <måste> <skulle> <bör>")),
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
        (_w("<hoppas> <önskar>"),),
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
            _w(
                "<döda> <skjut> <häng> <bränn> <slakta> <mörda> <gasa> <spräng> <bomba> <utrota> <lyncha>"
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
        (_w("<livet> <häng> <hoppa> <dö> <kill> <die> <dead>"),),
    ),
    (
        re.compile(
            r"\b(?:jag|vi)\s+vet\s+(?:var|vart)\s+(?:du|ni|han|hon|hen)\s+bor\b|"
            r"\bi\s+know\s+where\s+you\s+live\b"
        ),
        CRIME,
        0.85,
        "olaga_hot",
        (_w("<vet> <know>"),),
    ),
    (
        re.compile(
            r"\b(?:du|ni)\s+(?:ska|kommer\s+att)\s+få\s+(?:se|ångra|betala)|"
            r"\bakta\s+(?:dig|er)\b|\bvi\s+ses\s+(?:ute|snart)\b"
        ),
        CRIME,
        0.35,
        "olaga_hot",
        (_w("<få> <akta> <ses>"),),
    ),
    (
        re.compile(
            r"\bi\s*(?:'ll|will|am\s+going\s+to|gonna)\s+(?:kill|shoot|stab|murder|rape|hurt|find)\s+"
            r"(?:you|u|him|her|them)\b|\byou\s+(?:should|deserve\s+to|will)\s+(?:die|be\s+killed)\b"
        ),
        CRIME,
        0.9,
        "olaga_hot",
        (_w("<kill <shoot> <stab> <murder> <rape> <hurt> <find> <die>"),),
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
        (_w("<bränn <spräng <bomba> <eld>"),),
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
        (_GROUP_ADJ_WORDS,),
    ),
    (
        re.compile(
            rf"\b(?:{_GROUPS}|dem|dom)\s+(?:hör|hører)\s+hemma\s+i\s+(?:ugnen|ugnarna|gaskammaren|"
            r"gaskamrarna|lägret|lägren|koncentrationsläger\w*|buren|burar|djungeln|djurparken|zoo)"
        ),
        HATE,
        0.9,
        "identity_attack",
        (_w("<hemma>"),),
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
            _w("<skicka> <kasta> <ut> <deport <utvisa>"),
            _GROUP_WORDS + _w("<dem <dom <skiten <packet <patrasket"),
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
        (_w("<kvinnor <köket"),),
    ),
    (
        re.compile(
            r"\bförintelsen\s+(?:är|var)\s+(?:en\s+)?(?:lögn|bluff|påhitt)|\brasen?krig\b|"
            r"\b(?:rena|rensa)\s+(?:sverige|landet)\s+från\b"
        ),
        HATE,
        0.85,
        "identity_attack",
        (_w("<förintelsen> <raskrig> <rasenkrig> <rena> <rensa>"),),
    ),
    (
        re.compile(rf"\b(?:{_GROUPS}){_any(_COMPOUND_TAILS, _WORD_TAIL)}"),
        HATE,
        0.85,
        "identity_attack",
        (_GROUP_WORDS, _COMPOUND_TAILS),
    ),
    (
        re.compile(rf"\b{_any(_STEMS)}{_any(_STEM_TAILS, _WORD_TAIL)}\b"),
        HATE,
        0.9,
        "identity_attack",
        (_STEM_COMPOUNDS,),
    ),
]


@lru_cache(maxsize=1)
def _gate():
    """An Aho-Corasick automaton of the gate words, and each pattern's set of group keys.

    Each pattern lists groups of words that every match contains, one of each group; the text
    is searched once, in C, for all of them (overlaps included), and a pattern runs only when
    each of its groups was seen where the pattern could use it. Most comments run none or one
    of the seventeen patterns, which cost 6-18 µs each on a 200-character comment. The
    automaton stores, per word, its length and (group key, needs a word start, needs a word
    end) for every group it belongs to.
    """
    owners: dict[str, list[tuple[tuple[int, int], bool, bool]]] = {}
    for i, (*_, groups) in enumerate(_PATTERNS):
        for g, group in enumerate(groups):
            for spec in group:
                word = spec.strip("<>")
                owners.setdefault(word, []).append(((i, g), spec[0] == "<", spec[-1] == ">"))
    gate = automaton((word, (len(word), tuple(owned))) for word, owned in owners.items())
    keys = [
        (i, frozenset((i, g) for g in range(len(groups))))
        for i, (*_, groups) in enumerate(_PATTERNS)
    ]
    return gate, keys


def _patterns_to_run(norm: str) -> list[int]:
    """The patterns whose every word group occurs in the text where the pattern needs it."""
    gate, keys = _gate()
    seen: set[tuple[int, int]] = set()
    last = len(norm) - 1
    for end, (length, owned) in gate.iter(norm):
        start = end - length + 1
        at_start = start == 0 or not is_word_char(norm[start - 1])
        at_end = end == last or not is_word_char(norm[end + 1])
        for key, need_start, need_end in owned:
            if (at_start or not need_start) and (at_end or not need_end):
                seen.add(key)
    if not seen:
        return []
    return [i for i, needed in keys if needed <= seen]


def find_phrases(text: str, norm: str | None = None) -> list[Finding]:
    """Find threat, incitement and group-attack phrases (norm: normalise(text), if known)."""
    norm = normalise(text) if norm is None else norm
    found: list[Finding] = []
    for i in _patterns_to_run(norm):
        pattern, category, score, subtype, _groups = _PATTERNS[i]
        for m in pattern.finditer(norm):
            found.append(make_finding(text, category, m.start(), m.end(), DETECTOR, score, subtype))
            if category == CRIME and subtype == "olaga_hot" and score >= 0.8:
                found.append(
                    make_finding(
                        text, VIOLENCE, m.start(), m.end(), DETECTOR, score * 0.8, "threat"
                    )
                )
    return found
