"""Aho-Corasick automata (pyahocorasick) the detectors use as cheap gates in front of regexes.

See docs/adr/0007-detector-gates.md: each gate is a necessary condition for the regex behind
it, and each has an equivalence test in tests/test_fastpaths.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache


def automaton(entries: Iterable[tuple[str, object]]):
    """An automaton finding every (overlapping) occurrence of the keys; iter() yields values."""
    import ahocorasick

    built = ahocorasick.Automaton()
    for key, value in entries:
        built.add_word(key, value)
    built.make_automaton()
    return built


@lru_cache(maxsize=16)
def word_automaton(words: tuple[str, ...]):
    """An automaton of plain words whose value is the word itself."""
    return automaton((word, word) for word in words)


def is_word_char(char: str) -> bool:
    """What \\b in a str pattern counts as a word character: alphanumeric or "_"."""
    return char.isalnum() or char == "_"


def whole_words(text: str, hits: Iterable[tuple[int, str]]):
    """The (end, word) hits of a word_automaton that stand as whole words in text."""
    last = len(text) - 1
    for end, word in hits:
        start = end - len(word) + 1
        if start and is_word_char(text[start - 1]):
            continue
        if end < last and is_word_char(text[end + 1]):
            continue
        yield end, word
