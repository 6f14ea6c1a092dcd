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
    # Which model scored the text ("" for the rules alone) and whether the cascade embedded it.
    model_version: str = ""
    model_stage: str = ""

    def _overall(self, threshold: float) -> bool:
        # The rules' overall score reaches the threshold, or a rule finding whose model-fused
        # score does. The model alone (no finding) never flags.
        rule = self.score if self.rule_score is None else self.rule_score
        return bool(self.findings) and (rule >= threshold or self.score >= threshold)

    def _category_hits(self, threshold: float, rules_only: bool = False) -> set[str]:
        # A category whose score reaches the threshold and in which a rule found something.
        rule_cats = self.rule_categories
        cats = rule_cats if rules_only and rule_cats is not None else self.categories
        return {
            c for c, s in cats.items() if s >= threshold and (rule_cats is None or rule_cats[c] > 0)
        }

    def proposed_categories(self, threshold: float = 0.5) -> set[str]:
        """The categories the text is proposed under; empty exactly when it is not flagged.

        A category counts where its score reaches the threshold and a rule found something in
        it. A text flagged on its overall score alone (several weaker findings, or the model
        lifting one) is proposed under its strongest finding's category, so every proposal
        names a rule and the evidence for it.
        """
        cats = self._category_hits(threshold)
        if not cats and self._overall(threshold):
            strongest = strongest_finding(self.findings)  # _overall: there is one
            cats = {strongest.category} if strongest is not None else cats
        return cats

    def flagged(self, threshold: float = 0.5) -> bool:
        """Tell whether a moderator should look at the text at this threshold (see above)."""
        return bool(self.proposed_categories(threshold))

    def raised_by_model(self, threshold: float = 0.5) -> bool:
        """Flagged where the rules alone would not have been: the model lifted a rule finding."""
        if self.rule_score is None or not self.flagged(threshold):
            return False
        return self.rule_score < threshold and not self._category_hits(threshold, rules_only=True)

    def rules_at(self, threshold: float = 0.5) -> list[str]:
        """Return the rules (R13 letters, R14) a flagged text is proposed under."""
        return sorted({RULES[c] for c in self.proposed_categories(threshold)})


def strongest_finding(findings) -> Finding | None:
    """The finding with the highest score, the earliest of equals; None without findings."""
    return max(findings, key=lambda f: (f.score, -f.start), default=None)


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
