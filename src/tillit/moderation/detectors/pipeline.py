"""Run every detector over a text and combine the evidence into category and overall scores."""

from __future__ import annotations

import dataclasses
import re

from . import triage
from .base import CATEGORIES, HATE, INSULT, Analysis, Finding
from .commercial import find_commercial, find_copyright, find_urls
from .language import detect_language
from .lexicon import match_lexicon
from .personal_data import find_personal_data
from .threats import find_phrases

# Words that aim an insult at the reader: a personal attack (R13a), not just a rude word.
_ADDRESSEE = re.compile(
    r"\b(?:du|ni|din|ditt|dina|er|era|dig|you|your|you're|ur|u)\b(?:\s+(?:är|e|va|var|är\s+en|är\s+ett|"
    r"är\s+så|är\s+ju|are|are\s+a|is\s+a|jävla|dumma|lilla|förbannade))*\s*$",
    re.I,
)
TARGETED_BOOST = 0.15
# Without any rule evidence the classifier may raise priority but stays below the flag line.
ML_ALONE_CAP = 0.49
ML_WEIGHT = 1.0


def _noisy_or(scores: list[float]) -> float:
    miss = 1.0
    for s in scores:
        miss *= 1.0 - s
    return 1.0 - miss


def _boost_targeted(text: str, findings: list[Finding]) -> list[Finding]:
    """Raise insults and identity attacks that are aimed at the reader ("du är en idiot")."""
    out = []
    for f in findings:
        if f.category in (INSULT, HATE) and _ADDRESSEE.search(text[max(0, f.start - 30) : f.start]):
            f = dataclasses.replace(f, score=min(0.95, f.score + TARGETED_BOOST))
        out.append(f)
    return out


def category_scores(findings: list[Finding]) -> dict[str, float]:
    """Combine findings into one 0..1 score per category."""
    by_cat: dict[str, list[float]] = {c: [] for c in CATEGORIES}
    for f in findings:
        by_cat[f.category].append(f.score)
    scores = {c: _noisy_or(s) for c, s in by_cat.items()}
    # An identity attack is also an insult to the people it targets.
    scores[INSULT] = max(scores[INSULT], 0.8 * scores[HATE])
    return {c: round(min(s, 0.99), 4) for c, s in scores.items()}


def combine(rule_score: float, ml: float | None) -> float:
    """Merge the rule score with the optional ML triage score."""
    if ml is None:
        return rule_score
    if rule_score == 0.0:
        return ML_ALONE_CAP * ml
    return rule_score + (1.0 - rule_score) * ML_WEIGHT * ml


def detect_all(text: str) -> list[Finding]:
    """Run every rule detector and return the findings sorted by position."""
    findings = match_lexicon(text) + find_phrases(text) + find_personal_data(text)
    urls = find_urls(text)
    findings += find_commercial(text, urls) + find_copyright(text, urls)
    findings = _boost_targeted(text, findings)
    return sorted(findings, key=lambda f: (f.start, f.end, f.category, f.detector, f.subtype))


def analyse(text: str, *, use_ml: bool = True) -> Analysis:
    """Analyse one text: findings, per-category scores, overall score and language."""
    findings = detect_all(text)
    categories = category_scores(findings)
    rule_score = min(0.99, _noisy_or([f.score for f in findings]))
    ml = triage.triage_scores(text) if use_ml and text.strip() else None
    if ml is not None:
        for cat, value in ml.items():
            if cat in categories:
                categories[cat] = round(combine(categories[cat], value), 4)
    score = round(combine(rule_score, None if ml is None else ml.get("toxic")), 4)
    return Analysis(
        text=text,
        findings=tuple(findings),
        categories=categories,
        score=score,
        language=detect_language(text),
        triage=None if ml is None else round(ml.get("toxic", 0.0), 4),
    )
