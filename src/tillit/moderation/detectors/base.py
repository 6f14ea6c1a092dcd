"""Shared types of the moderation detectors: categories, findings, analyses."""

from __future__ import annotations

from dataclasses import dataclass

INSULT = "insult"
HATE = "hate"
VIOLENCE = "violence"
SEXUAL = "sexual"
CRIME = "crime"
COPYRIGHT = "copyright"
PROFANITY = "profanity"
COMMERCIAL = "commercial"
PERSONAL_DATA = "personal_data"

# Order is the order of the JSONL output and of R13's letters.
CATEGORIES: tuple[str, ...] = (
    INSULT,
    HATE,
    VIOLENCE,
    SEXUAL,
    CRIME,
    COPYRIGHT,
    PROFANITY,
    COMMERCIAL,
    PERSONAL_DATA,
)

# Guideline letter (R13a-g) or R14 each category breaks.
RULES: dict[str, str] = {
    INSULT: "R13a",
    HATE: "R13b",
    VIOLENCE: "R13c",
    SEXUAL: "R13c",
    CRIME: "R13d",
    COPYRIGHT: "R13e",
    PROFANITY: "R13f",
    COMMERCIAL: "R13g",
    PERSONAL_DATA: "R14",
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of evidence: a span of the original text and what it looks like."""

    category: str
    start: int
    end: int
    evidence: str
    detector: str
    score: float
    subtype: str = ""

    def as_dict(self) -> dict[str, object]:
        """Return the finding as a JSON-ready dict."""
        data: dict[str, object] = {
            "category": self.category,
            "start": self.start,
            "end": self.end,
            "detector": self.detector,
            "evidence": self.evidence,
            "score": round(self.score, 4),
        }
        if self.subtype:
            data["subtype"] = self.subtype
        return data


@dataclass(frozen=True, slots=True)
class Analysis:
    """The result of running every detector over one text."""

    text: str
    findings: tuple[Finding, ...]
    categories: dict[str, float]
    score: float
    language: str
    triage: float | None = None
    # Rules-only scores, set when the ML triage changed score/categories (None: same as those).
    rule_score: float | None = None
    rule_categories: dict[str, float] | None = None

    def flagged(self, threshold: float = 0.5) -> bool:
        """Tell whether a moderator should look at the text at this threshold.

        The rules decide: their score reaches the threshold, or there is a rule finding and the
        ML-fused score reaches it. The ML alone (no finding) never flags.
        """
        if self.rule_score is None:
            return self.score >= threshold
        return self.rule_score >= threshold or (bool(self.findings) and self.score >= threshold)

    def rules_at(self, threshold: float = 0.5) -> list[str]:
        """Return the rules (R13 letters, R14) whose category reaches the threshold.

        With ML, a category counts only where a rule found something in it.
        """
        rule_cats = self.rule_categories
        rules = {
            RULES[c]
            for c, s in self.categories.items()
            if s >= threshold and (rule_cats is None or rule_cats[c] > 0)
        }
        return sorted(rules)


def make_finding(
    text: str,
    category: str,
    start: int,
    end: int,
    detector: str,
    score: float,
    subtype: str = "",
) -> Finding:
    """Build a finding whose evidence is exactly text[start:end]."""
    return Finding(category, start, end, text[start:end], detector, score, subtype)
