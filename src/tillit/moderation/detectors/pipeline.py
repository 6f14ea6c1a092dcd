"""Run every detector over a text and combine the evidence into category and overall scores."""

from __future__ import annotations

import dataclasses
import re

from . import triage
from .base import CATEGORIES, HATE, INSULT, Analysis, Finding
from .commercial import find_commercial, find_copyright, find_urls
from .language import detect_language
from .lexicon import match_lexicon
from .normalize import normalise
from .personal_data import find_personal_data
from .threats import find_phrases

# Words that aim an insult at the reader: a personal attack (R13a), not just a rude word.
_ADDRESSEE = re.compile(
    r"\b(?:du|ni|din|ditt|dina|er|era|dig|you|your|you're|ur|u)\b(?:\s+(?:är|e|va|var|är\s+en|är\s+ett|"
    r"är\s+så|är\s+ju|are|are\s+a|is\s+a|jävla|dumma|lilla|förbannade))*\s*$",
    re.I,
)
TARGETED_BOOST = 0.15


def noisy_or(scores: list[float]) -> float:
    """Combine independent pieces of evidence: 1 - prod(1 - s)."""
    miss = 1.0
    for s in scores:
        miss *= 1.0 - s
    return 1.0 - miss


_noisy_or = noisy_or


def rule_score(findings) -> float:
    """The rules' own score of a text: the findings' scores combined, capped below 1."""
    return round(min(0.99, noisy_or([f.score for f in findings])), 4) if findings else 0.0


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
    if not findings:
        return dict(_NO_SCORES)
    by_cat: dict[str, list[float]] = {}
    for f in findings:
        by_cat.setdefault(f.category, []).append(f.score)
    scores = {c: _noisy_or(by_cat[c]) if c in by_cat else 0.0 for c in CATEGORIES}
    # An identity attack is also an insult to the people it targets.
    scores[INSULT] = max(scores[INSULT], 0.8 * scores[HATE])
    return {c: round(min(s, 0.99), 4) for c, s in scores.items()}


_NO_SCORES = dict.fromkeys(CATEGORIES, 0.0)


def fuse(rule_score: float, has_finding: bool, ml: float | None) -> float:
    """The score moderators sort by: the stacked ML probability (it already weighs the rules).

    Without ML it is the rule score. It is a ranking, not the proposal: flag() decides that,
    and the ML alone (no rule finding) never flags. Scaling the ML score down where no rule
    fired (the old 0.49 cap) cost 0.01 cross-validated AUC, so the score is left as it is.
    """
    del has_finding  # kept in the signature: the flag decision, not the ranking, uses it
    if ml is None:
        return rule_score
    return ml


def flag(rule_score: float, has_finding: bool, score: float, threshold: float) -> bool:
    """The proposal: the rules reach the threshold, or a rule finding whose fused score does."""
    return rule_score >= threshold or (has_finding and score >= threshold)


def detect_all(text: str) -> list[Finding]:
    """Run every rule detector and return the findings sorted by position."""
    norm = normalise(text)
    findings = match_lexicon(text, norm) + find_phrases(text, norm) + find_personal_data(text)
    urls = find_urls(text)
    findings += find_commercial(text, urls) + find_copyright(text, urls)
    findings = _boost_targeted(text, findings)
    return sorted(findings, key=lambda f: (f.start, f.end, f.category, f.detector, f.subtype))


def analyse(text: str, *, use_ml: bool = True) -> Analysis:
    """Analyse one text: findings, per-category scores, overall score and language."""
    return analyse_many([text], use_ml=use_ml)[0]


def analyse_many(texts: list[str], *, use_ml: bool = True) -> list[Analysis]:
    """Analyse texts together: the one function behind the inbox, `moderate` and `eval`.

    The rules run on each text; the model's cheap stage too, and the texts it is unsure of are
    embedded in one batch. A text's result does not depend on the others in the batch.
    """
    texts = list(texts)
    findings = [detect_all(t) for t in texts]
    rule_cats = [category_scores(f) for f in findings]
    rule_scores = [rule_score(f) for f in findings]
    ml: list | None = None
    todo = [i for i, t in enumerate(texts) if t.strip()]
    if use_ml and todo:
        ml = triage.triage_many(
            [texts[i] for i in todo],
            [findings[i] for i in todo],
            [rule_cats[i] for i in todo],
            [rule_scores[i] for i in todo],
        )
    by_index = dict(zip(todo, ml, strict=True)) if ml is not None else {}
    version = triage.current_version() if by_index else ""
    return [
        _combine(t, f, c, s, by_index.get(i), version)
        for i, (t, f, c, s) in enumerate(zip(texts, findings, rule_cats, rule_scores, strict=True))
    ]


def _combine(
    text: str,
    findings: list[Finding],
    rule_categories: dict[str, float],
    rule_score: float,
    ml: dict | None,
    version: str,
) -> Analysis:
    if ml is None:
        return Analysis(
            text=text,
            findings=tuple(findings),
            categories=rule_categories,
            score=rule_score,
            language=detect_language(text),
        )
    categories = dict(rule_categories)
    for cat, value in ml.items():
        if cat in categories:
            has = rule_categories[cat] > 0
            categories[cat] = round(fuse(rule_categories[cat], has, value), 4)
    score = round(fuse(rule_score, bool(findings), ml["toxic"]), 4)
    return Analysis(
        text=text,
        findings=tuple(findings),
        categories=categories,
        score=score,
        language=detect_language(text),
        triage=round(ml["toxic"], 4),
        rule_score=rule_score,
        rule_categories=rule_categories,
        model_version=version,
        model_stage=ml["stage"],
    )
