"""Subject vocabulary the learned model weighs: words that tell what a text is about.

These are not offences and never become findings: "krig", "blod", "muslimer" or "naken" break
no rule. They tell the model that a text speaks of violence, sex or a population group, which
is what RTP-LX's annotators rate, and the 508 training sentences are too few for the n-gram
models to learn every such word (a violence word seen in no training sentence is still a
violence word). The lists are general Swedish and English vocabulary written from the
language, not from the evaluation data (docs/moderation.md, ADR 0007).

An entry is a word start ("mörd" finds "mördare", "mördade"); one that ends in "=" must be
the whole word ("lik=" is a corpse, "likadan" is not). A space inside an entry matches any
run of whitespace.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from .automata import automaton, is_word_char

TOPICS: dict[str, str] = {
    "violence": """
        död ihjäl mörd mord= morden mordet mordf avrätt halshugg skjut sköt skott gevär pistol
        revolver vapen ammunition kulsprut kniv hugg högg misshand slagsmål slåss spöa spöade
        sparka strypa ströp kväva kvävde tortyr torter bomb spräng explosion terror attack
        anfall krig slakt massaker blod våld bränna brände lik= liket liken granat rån=
        rånet rånare överfall kidnapp brutal slå= slår= slog= skada sår= såren skadeskjut
        lemlest stympa hänga hängd hängde galge gaskammar utrot folkmord kill murder shoot
        shot= gun= guns= knife blood stab beat punch rape bullet dead= death die= dies= dying
        hang strangl choke torture war= weapon assault slaughter
    """,
    "sexual": """
        sex= sexet sexuell sexig sexleksak knull ligga med porr porno naken naket nakna
        nakenbild bröst tutt pattar kuk= kukar fitta fittor penis vagina slida onan runk orgasm
        oralsex avsugning suga av sperma erotisk kåt= kåta strip prostitu hora= horor horan
        bordell pedofil samlag kondom smek underkläd trosor rumpa röv= stjärt dildo vibrator
        fetisch sexköp escort könsorgan pung= juck kyss dick= pussy boob tits fuck cum= horny
        sexy nude naked porn cock blowjob anal= orgy
    """,
    "group": """
        invandr flykting asylsök utlänning muslim islam jude= judar judarna judisk kristen
        kristna svart= svarta svartingar neger negrer blatte blattar zigenar romer= araber arab=
        arabisk afrikan somali kines asiat homosexuell bög bögar lesbisk flata flator transperson
        hbtq queer kvinnor kvinnfolk tjejer feminist funktionsnedsatt handikapp utvecklingsstörd
        efterbliv ras= raser= rasen rasist etnisk etniska polack finnar svenskar norrmän
        amerikan ryssar turkar kurd nazist folkgrupp invandrarbakgrund immigrant refugee jew
        jews jewish blacks muslims gays lesbian women negro arabs mexican chinese asians
    """,
    "generalise": """
        alla dom alla de alla dessa sådana som sånna som såna som typiskt dom där de där hela
        bunten deras sort sådant folk sånt folk sånt pack sådana människor
    """,
    "negative": """
        äcklig vidrig avskyvärd patetisk värdelös korkad dum= dumma dumt hata hatar hat= hatet
        avsky skäms lögn ljug förstör äckel usel pinsam fånig löjlig idiot jävl fan= helvet skit
        satan ful= fula elak ond= onda disgusting stupid hate= pathetic worthless ugly evil
    """,
}
TOPIC_ORDER = tuple(TOPICS)
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _automaton():
    entries: dict[str, tuple[int, bool]] = {}
    for index, topic in enumerate(TOPIC_ORDER):
        for entry in _split_entries(TOPICS[topic]):
            entries[entry.rstrip("=")] = (index, entry.endswith("="))
    return automaton((key, (key, *value)) for key, value in entries.items())


# The multi-word entries, listed where a plain split would break them.
_PHRASE_LIST = (
    "ligga med",
    "suga av",
    "alla dom",
    "alla de",
    "alla dessa",
    "sådana som",
    "sånna som",
    "såna som",
    "dom där",
    "de där",
    "hela bunten",
    "deras sort",
    "sådant folk",
    "sånt folk",
    "sånt pack",
    "sådana människor",
)


def _split_entries(words: str) -> list[str]:
    """A topic's entries: its words, with the multi-word entries kept whole."""
    out, rest = [], " ".join(words.split())
    while rest:
        for phrase in _PHRASE_LIST:
            if rest == phrase or rest.startswith(phrase + " "):
                out.append(phrase)
                rest = rest[len(phrase) :].lstrip()
                break
        else:
            word, _, rest = rest.partition(" ")
            out.append(word)
    return out


def topic_counts(text: str) -> list[int]:
    """How many entries of each topic (TOPIC_ORDER) start a word of the text."""
    low = _SPACES.sub(" ", text.lower())
    last = len(low) - 1
    starts: list[set[int]] = [set() for _ in TOPIC_ORDER]
    for end, (key, index, whole) in _automaton().iter(low):
        start = end - len(key) + 1
        if start and is_word_char(low[start - 1]):
            continue
        if whole and end < last and is_word_char(low[end + 1]):
            continue
        starts[index].add(start)
    return [len(s) for s in starts]


def topic_features(text: str) -> list[float]:
    """The counts as the model's features: log(1 + count) per topic."""
    return [math.log1p(n) for n in topic_counts(text)]
