"""Compile the curated lexicon into two trie regexes and match it against normalised text."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from .automata import automaton
from .base import Finding
from .lexicon_data import ALLOW_PREFIXES, ALLOW_WORDS, ENTRIES, GENERIC_SUFFIXES
from .normalize import (
    LETTERS,
    deelongated_variants,
    despaced_variants,
    fold,
    normalise,
)

DETECTOR = "lexicon"
_WORD_CHAR = re.compile(rf"[{LETTERS}0-9@$*']")
# A vowel may be hidden behind an asterisk ("j*vla", "f*n").
_CHAR_CLASS = {
    "a": "[a*]",
    "e": "[e*]",
    "i": "[i*y]",
    "o": "[o*]",
    "u": "[u*]",
    "y": "[y*]",
    "å": "[åa*]",
    "ä": "[äae*]",
    "ö": "[öo*]",
    " ": r"[\s\-_.,!]+",
    "-": r"[\s\-]?",
}
_STRICT_CLASS = {" ": r"\s+", "-": r"[\s\-]?"}


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon entry: the word, its category, its weight and how it attaches to words."""

    word: str
    category: str
    score: float
    left_free: bool  # may sit inside a compound ("*idiot" hits "jävlaidiot")
    right: str  # "exact", "suffix" (closed inflection list) or "any" (compound head)
    strict: bool  # diacritics must be written ("bög" must not hit "bog")


def parse_entry(raw: str, category: str, score: float) -> Entry:
    """Parse the lexicon's small pattern language ("*word*", "word!", "=word")."""
    strict = raw.startswith("=")
    raw = raw.lstrip("=")
    left_free = raw.startswith("*")
    raw = raw.lstrip("*")
    right = "suffix"
    if raw.endswith("*"):
        right, raw = "any", raw[:-1]
    elif raw.endswith("!"):
        right, raw = "exact", raw[:-1]
    return Entry(raw, category, score, left_free, right, strict)


def _unit(char: str, strict: bool) -> str:
    table = _STRICT_CLASS if strict else _CHAR_CLASS
    return table.get(char, re.escape(char))


_TAIL = {
    "exact": rf"(?![{LETTERS}])",
    "suffix": rf"(?:{'|'.join(sorted(GENERIC_SUFFIXES, key=len, reverse=True))})?(?![{LETTERS}])",
    "any": rf"[{LETTERS}]*",
}


def _trie_regex(entries: list[Entry]) -> str:
    """Build one regex whose alternatives share prefixes, so matching stays linear."""
    trie: dict = {}
    for e in entries:
        node = trie
        for ch in e.word:
            node = node.setdefault((ch, e.strict), {})
        node.setdefault("", set()).add(e.right)
    return _node_regex(trie)


def _node_regex(node: dict) -> str:
    alts = []
    for key in sorted(k for k in node if k != ""):
        ch, strict = key
        alts.append(_unit(ch, strict) + _node_regex(node[key]))
    for right in sorted(node.get("", ()), key=lambda r: ("any", "suffix", "exact").index(r)):
        alts.append(_TAIL[right])
    if len(alts) == 1:
        return alts[0]
    return "(?:" + "|".join(alts) + ")"


@lru_cache(maxsize=1)
def _compiled() -> tuple[re.Pattern[str], dict[str, Entry]]:
    entries = [parse_entry(raw, cat, score) for cat, score, words in ENTRIES for raw in words]
    by_key: dict[str, Entry] = {}
    for e in entries:
        key = fold(e.word).replace("-", "")
        if key not in by_key or by_key[key].score < e.score:
            by_key[key] = e
    anchored = [e for e in entries if not e.left_free]
    free = [e for e in entries if e.left_free]
    pattern = rf"(?P<a>(?<![{LETTERS}0-9]){_trie_regex(anchored)})|(?P<f>{_trie_regex(free)})"
    return re.compile(pattern), by_key


# Each letter becomes one ASCII character (a-z as they are, the second UTF-8 byte of å, ä, ö,
# é, è, ü, æ, ø as a placeholder, their lead byte dropped) and everything else (spaces,
# punctuation, digits the normaliser left) is deleted, so an entry written with separators
# ("vad fan", "cp-skadad") is one run of letters, as its keys are.
_PLACEHOLDERS = {"å": "{", "ä": "|", "ö": "}", "é": "~", "è": "^", "ü": "`", "æ": "[", "ø": "]"}


def _squash_table() -> bytes:
    table = bytearray(range(256))
    for letter, mark in _PLACEHOLDERS.items():
        table[letter.encode()[1]] = ord(mark)
    return bytes(table)


_SQUASH_TABLE = _squash_table()
_KEPT_BYTES = set(range(ord("a"), ord("z") + 1)) | {ch.encode()[1] for ch in _PLACEHOLDERS}
_DROPPED_BYTES = bytes(b for b in range(256) if b not in _KEPT_BYTES)
# The characters an entry's letter also matches in the regex (besides "*", see _plan).
_ALTERNATIVES = {"i": "iy", "ä": "äae", "å": "åa", "ö": "öo"}
# Three equal letters in a row in the squashed text: needed for any stretched word ("jääävla").
_TRIPLE = re.compile(r"(.)\1\1")


def _squash(text: str) -> str:
    raw = text.encode("utf-8", "surrogatepass")
    return raw.translate(_SQUASH_TABLE, _DROPPED_BYTES).decode("ascii")


@lru_cache(maxsize=1)
def _prefilter():
    """Two Aho-Corasick automata of every spelling the regex accepts for an entry's word.

    Python's re tries the lexicon's alternation at every position (~40 µs for a 200-character
    comment). The first automaton runs over the squashed text and tells, in one C pass,
    whether any entry can match at all (three comments in four: none); its values say whether
    the entry spans words ("vad fan"). The second runs over the normalised text with the
    one-word entries and tells where: the regex then reads only those words.
    """
    squashed: dict[str, bool] = {}
    plain: dict[str, int] = {}
    for category, score, words in ENTRIES:
        for raw in words:
            entry = parse_entry(raw, category, score)
            spans_words = " " in entry.word or "-" in entry.word
            word = entry.word.replace(" ", "").replace("-", "")
            options = [c if entry.strict else _ALTERNATIVES.get(c, c) for c in word]
            for spelling in map("".join, itertools.product(*options)):
                key = _squash(spelling)
                squashed[key] = spans_words or squashed.get(key, False)
                if not spans_words:
                    plain[spelling] = len(spelling)
    return automaton(squashed.items()), automaton(plain.items())


def _plan(norm: str, squashed: str) -> tuple[bool, list[tuple[int, int]] | None]:
    """Whether any entry may match, and the (start, end) words the regex must read.

    None for the words means the whole text (a "*" that may stand for any vowel as in "j*vla",
    or an entry spanning words).
    """
    if "*" in norm:
        return True, None
    squashed_automaton, plain_automaton = _prefilter()
    maybe = False
    for _end, spans_words in squashed_automaton.iter(squashed):
        if spans_words:
            return True, None
        maybe = True
    if not maybe:
        return False, []
    windows: list[tuple[int, int]] = []
    for end, length in plain_automaton.iter(norm):
        lo, hi = _word_bounds(norm, end - length + 1, end + 1)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
        else:
            windows.append((lo, hi))
    return True, windows


def _accepts(entry: Entry, rest: str) -> bool:
    if entry.right == "any":
        return True
    if entry.right == "exact":
        return rest == ""
    return rest == "" or rest in GENERIC_SUFFIXES


def _identify(matched: str, anchored: bool, by_key: dict[str, Entry]) -> Entry | None:
    """Find which entry produced a match: the longest one whose attachment rules accept it."""
    key = fold(re.sub(r"[\s_.,!]+", " ", matched).replace("-", "").replace("*", "?"))
    for cut in range(len(key), 0, -1):
        entry = _lookup(key[:cut], by_key)
        if entry and (anchored or entry.left_free) and _accepts(entry, key[cut:]):
            return entry
    return None


def _lookup(key: str, by_key: dict[str, Entry]) -> Entry | None:
    if "?" not in key:
        return by_key.get(key) or by_key.get(key.replace(" ", ""))
    pattern = re.compile(re.escape(key).replace(r"\?", "[aeiouy]"))
    for k, e in by_key.items():
        if pattern.fullmatch(k):
            return e
    return None


def _word_bounds(norm: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and _WORD_CHAR.match(norm[start - 1]):
        start -= 1
    while end < len(norm) and _WORD_CHAR.match(norm[end]):
        end += 1
    return start, end


def _allowed(word: str) -> bool:
    w = fold(word.strip("'*"))
    return w in ALLOW_WORDS or w.startswith(ALLOW_PREFIXES)


def _scan(
    norm: str,
    pattern: re.Pattern[str],
    by_key: dict[str, Entry],
    lo: int = 0,
    hi: int | None = None,
):
    for m in pattern.finditer(norm, lo, len(norm) if hi is None else hi):
        entry = _identify(m.group(), m.group("a") is not None, by_key)
        if entry is not None:
            yield m.start(), m.end(), entry


def match_lexicon(text: str, norm: str | None = None) -> list[Finding]:
    """Return a finding for every lexicon hit, with spans widened to whole words.

    norm is normalise(text) when the caller has it already.
    """
    norm = normalise(text) if norm is None else norm
    squashed = _squash(norm)
    maybe, windows = _plan(norm, squashed)
    stretched = _TRIPLE.search(squashed) is not None
    if not maybe and not stretched:
        return []  # three comments in four
    pattern, by_key = _compiled()
    hits: dict[tuple[int, int], Entry] = {}

    def add(start: int, end: int, entry: Entry) -> None:
        s, e = _word_bounds(norm, start, end)
        if " " not in entry.word and _allowed(norm[s:e]):
            return
        if (s, e) not in hits or hits[(s, e)].score < entry.score:
            hits[(s, e)] = entry

    # A match never leaves its word (entries that span words make windows None), and a window
    # ends before a character that cannot continue a word, so the lookaheads read the same.
    for lo, hi in [(0, len(norm))] if windows is None else windows:
        for start, end, entry in _scan(norm, pattern, by_key, lo, hi):
            add(start, end, entry)
    # Joining a spaced-out word ("j ä v l a") only removes separators, which the squashed
    # text has not got either: without a squashed hit that variant cannot match. Cutting
    # stretched letters ("jääävla") makes new words; three equal letters are needed for it.
    variants = despaced_variants(norm) if maybe else []
    if stretched:
        variants += deelongated_variants(norm)
    for variant, index in variants:
        for start, end, entry in _scan(variant, pattern, by_key):
            add(index[start], index[end - 1] + 1, entry)
    findings = [
        Finding(entry.category, s, e, text[s:e], DETECTOR, entry.score, fold(entry.word))
        for (s, e), entry in sorted(hits.items())
    ]
    return _drop_nested(findings)


def _drop_nested(findings: list[Finding]) -> list[Finding]:
    """Keep the strongest finding where spans of the same category overlap."""
    kept: list[Finding] = []
    for f in sorted(findings, key=lambda f: (-f.score, f.start, -(f.end - f.start))):
        if not any(k.category == f.category and k.start < f.end and f.start < k.end for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: (f.start, f.end, f.category))
