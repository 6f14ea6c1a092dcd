"""The comment policy: the guideline's rules as data, versioned, applied per channel."""

from django.db import transaction
from django.utils import timezone

from tillit.access.actor import Actor, person_of
from tillit.audit.services import audit_record
from tillit.channels.models import Channel
from tillit.organisation.models import Person

from ..choices import Tier
from ..models import ChannelPolicy, PolicyRule, PolicyVersion

#: The guideline's list (R13 a–g) and R14, each with its legal tier and detector categories.
GUIDELINE_RULES = [
    (
        "R13a",
        "Förtal, personliga angrepp eller förolämpningar",
        Tier.OWN_RULES,
        ["insult"],
        "Publicerade regler; RF 1:9, FL 5 §",
    ),
    (
        "R13b",
        "Hets mot folkgrupp, sexistiska yttranden eller andra trakasserier",
        Tier.STATUTORY,
        ["hate"],
        "BBS-lagen 5 §, BrB 16:8",
    ),
    (
        "R13c",
        "Olovliga våldsskildringar eller pornografi",
        Tier.STATUTORY,
        ["violence", "sexual"],
        "BBS-lagen 5 §, BrB 16:10 c",
    ),
    (
        "R13d",
        "Uppmaningar till brott eller annan brottslig verksamhet",
        Tier.STATUTORY,
        ["crime"],
        "BBS-lagen 5 §, BrB 4:5, 16:5",
    ),
    (
        "R13e",
        "Olovligt bruk av upphovsrättsligt skyddat material",
        Tier.STATUTORY,
        ["copyright"],
        "BBS-lagen 5 §, upphovsrättslagen",
    ),
    ("R13f", "Svordomar eller obscena ord", Tier.OWN_RULES, ["profanity"], "Publicerade regler"),
    (
        "R13g",
        "Kommersiella budskap eller reklam, om inget annat sägs",
        Tier.OWN_RULES,
        ["commercial"],
        "Publicerade regler",
    ),
    (
        "R14",
        "Kränkande personuppgifter",
        Tier.PERSONAL_DATA,
        ["personal_data"],
        "GDPR art. 5, 6; OSL",
    ),
]


@transaction.atomic
def policy_create_from_guideline(
    *, actor: Actor | Person, title: str = "Kommentarsregler", introduction: str = ""
) -> PolicyVersion:
    """Publish a new policy version holding the guideline's rules."""
    number = (
        PolicyVersion.objects.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    version = PolicyVersion.objects.create(
        number=number,
        title=title,
        introduction=introduction,
        published_at=timezone.now(),
        created_by=person_of(actor),
    )
    PolicyRule.objects.bulk_create(
        PolicyRule(
            version=version, code=code, title=text, tier=tier, categories=cats, legal_reference=ref
        )
        for code, text, tier, cats, ref in GUIDELINE_RULES
    )
    audit_record(actor=actor, action="policy.publish", obj=version, detail={"number": number})
    return version


@transaction.atomic
def channel_apply_policy(
    *,
    actor: Actor | Person,
    channel: Channel,
    version: PolicyVersion,
    commercial_allowed: bool = False,
    auto_hide_categories: list[str] | None = None,
) -> ChannelPolicy:
    """Make a channel apply a policy version (and its automatic-hiding choices)."""
    policy, _ = ChannelPolicy.objects.update_or_create(
        channel=channel,
        defaults={
            "version": version,
            "commercial_allowed": commercial_allowed,
            "auto_hide_categories": sorted(set(auto_hide_categories or [])),
        },
    )
    audit_record(
        actor=actor,
        action="policy.apply",
        obj=channel,
        detail={
            "version": version.number,
            "commercial_allowed": commercial_allowed,
            "auto_hide": policy.auto_hide_categories,
        },
    )
    return policy


def _latest_published():
    """The newest published policy version: what a channel without its own policy applies."""
    return PolicyVersion.objects.filter(published_at__isnull=False).order_by("-number")


def policy_for(channel: Channel) -> ChannelPolicy | None:
    """The channel's policy, falling back to the newest published version."""
    policy = ChannelPolicy.objects.select_related("version").filter(channel=channel).first()
    if policy is not None:
        return policy
    latest = _latest_published().first()
    return ChannelPolicy(channel=channel, version=latest) if latest else None


def policy_versions_for(channel_ids: set[int]) -> dict[int, int]:
    """Each channel's policy version id, as ``policy_for`` chooses it, in at most two queries."""
    versions = dict(
        ChannelPolicy.objects.filter(channel_id__in=channel_ids).values_list(
            "channel_id", "version_id"
        )
    )
    rest = channel_ids - set(versions)
    latest = _latest_published().values_list("pk", flat=True).first() if rest else None
    if latest:
        versions.update(dict.fromkeys(rest, latest))
    return versions
