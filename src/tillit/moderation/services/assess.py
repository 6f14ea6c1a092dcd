"""Assessing an item: detectors find, the channel's policy proposes rule, tier and deadline.

Deterministic: the proposal depends only on the text and the channel's policy version,
never on who wrote it (R16, FL 5 §).
"""

import contextlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction

from tillit.access.actor import POLICY
from tillit.inbox.choices import ItemKind, ItemStatus
from tillit.inbox.models import Item
from tillit.inbox.services.ingest import item_set_status

from ..calendar import add_working_days
from ..choices import URGENT_TIERS, DecisionKind, Priority, Tier
from ..detectors import Analysis, analyse
from ..models import Assessment, PolicyRule
from .policy import policy_for

TIER_ORDER = [Tier.STATUTORY, Tier.PERSONAL_DATA, Tier.OWN_RULES]


@dataclass(frozen=True)
class Proposal:
    """What the policy proposes for a text."""

    flagged: bool
    rules: list[str]
    tier: str
    priority: int
    score: float
    categories: dict[str, float]
    findings: list[dict]
    language: str
    model_version: str = ""
    model_score: float | None = None
    raised_by_model: bool = False


def propose(
    text: str, rules: list[PolicyRule], *, threshold: float, commercial_allowed: bool
) -> Proposal:
    """Apply a policy's rules to a text (the same analysis `tillit moderate` prints)."""
    return proposal_from(
        analyse(text), rules, threshold=threshold, commercial_allowed=commercial_allowed
    )


def proposal_from(
    analysis: Analysis, rules: list[PolicyRule], *, threshold: float, commercial_allowed: bool
) -> Proposal:
    """The policy's proposal for an analysis.

    The model ranks every item (score) and may lift a rule finding over the threshold, but a
    proposal always names the categories a rule found evidence in (Analysis.proposed_categories),
    and depends only on the text, the policy version and the model version (R16).
    """
    hit = analysis.proposed_categories(threshold)
    if commercial_allowed:
        hit.discard("commercial")
    matched = [r for r in rules if hit & set(r.categories)]
    tiers = [t for t in TIER_ORDER if any(r.tier == t for r in matched)]
    tier = tiers[0] if tiers else ""
    flagged = bool(matched)
    if flagged:
        priority = Priority.URGENT if tier in URGENT_TIERS else Priority.NORMAL
    else:
        priority = Priority.LOW
    return Proposal(
        flagged=flagged,
        rules=sorted(r.code for r in matched),
        tier=tier,
        priority=priority,
        score=round(analysis.score, 4),
        categories=dict(analysis.categories),
        findings=[
            {
                "category": f.category,
                "subtype": f.subtype,
                "start": f.start,
                "end": f.end,
                "evidence": f.evidence,
                "detector": f.detector,
                "score": round(f.score, 3),
            }
            for f in analysis.findings
        ],
        language=analysis.language,
        model_version=analysis.model_version,
        model_score=analysis.triage,
        raised_by_model=flagged and analysis.raised_by_model(threshold),
    )


def deadline_for(received_at: datetime, tier: str, version) -> datetime | None:
    """R15: urgent tiers in hours, the rest in working days, counted from arrival."""
    if not tier:
        return None
    if tier in URGENT_TIERS:
        return received_at + timedelta(hours=version.urgent_hours)
    return add_working_days(received_at, version.normal_working_days)


def assessment_values(proposal: Proposal, received_at: datetime, version) -> dict:
    """The fields of an Assessment that hold a proposal for an item received at a time."""
    return {
        "policy_version": version,
        "findings": proposal.findings,
        "categories": proposal.categories,
        "score": proposal.score,
        "flagged": proposal.flagged,
        "rules": proposal.rules,
        "tier": proposal.tier,
        "priority": proposal.priority,
        "language": proposal.language,
        "model_version": proposal.model_version,
        "model_score": proposal.model_score,
        "raised_by_model": proposal.raised_by_model,
        "deadline": deadline_for(received_at, proposal.tier, version),
    }


@transaction.atomic
def assess_item_version(item_id: int, version: int) -> Assessment | None:
    """Ingest subscriber: assess one stored item version once; repeated or stale calls do nothing.

    The item row is locked, so two workers given the same task assess (and auto-hide) once.
    """
    item = Item.objects.select_for_update().select_related("channel").filter(pk=item_id).first()
    if item is None or item.version != version:
        return None  # disposed of, or edited again: the newer version has its own task
    done = Assessment.objects.filter(item=item, assessed_text_version=version).first()
    if done is not None:
        return done
    return assess_item(item, new=version == 1)


@transaction.atomic
def assess_item(item: Item, new: bool = True) -> Assessment | None:
    """Assess (or re-assess after an edit) one item; auto-hide where the channel opted in."""
    if item.is_own or item.kind == ItemKind.DIRECT_MESSAGE:
        return None  # direct messages go to the registrar; own posts are not moderated
    policy = policy_for(item.channel)
    if policy is None:
        return None
    version = policy.version
    rules = list(version.rules.all())  # read once: for the proposal and for auto-hiding
    proposal = propose(
        item.text,
        rules,
        threshold=version.flag_threshold,
        commercial_allowed=policy.commercial_allowed,
    )
    assessment, _ = Assessment.objects.update_or_create(
        item=item,
        defaults={
            **assessment_values(proposal, item.received_at, version),
            "assessed_text_version": item.version,
        },
    )
    status = ItemStatus.NEEDS_ATTENTION if proposal.flagged else ItemStatus.NEW
    if item.status != ItemStatus.HANDLED or proposal.flagged:
        item_set_status(item=item, status=status)
    auto = set(policy.auto_hide_categories or [])
    if proposal.flagged and auto and item.capture_complete and not item.is_hidden:
        cats = {f["category"] for f in proposal.findings}
        chosen = [r for r in rules if r.code in proposal.rules and set(r.categories) & cats & auto]
        if chosen:
            from .decisions import DecisionConflict, decision_make

            # A person's pending or recent decision stands; the policy never overrides it.
            with contextlib.suppress(DecisionConflict):
                decision_make(
                    actor=POLICY,
                    item=item,
                    kind=DecisionKind.HIDE,
                    rule_code=chosen[0].code,
                    # No note: the page says "automatically under the policy" in the reader's
                    # language; a note is a person's own words.
                    note="",
                )
    return assessment
