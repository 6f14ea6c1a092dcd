"""Staffing of running channels (R5): at least one administrator and one substitute, different people.

A running channel that drops below that is flagged at once and its manager told; the
periodic task catches mandates that simply ran out.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tillit.access.actor import Actor
from tillit.access.roles import MandateRole
from tillit.audit.services import audit_record
from tillit.core.messages import Message
from tillit.organisation.models import Person
from tillit.organisation.notify import notify
from tillit.organisation.selectors import managers_of

from ..choices import STAFFED_STATES
from ..models import Channel, Mandate


def staffing_problems(channel: Channel, day: date | None = None) -> list[str]:
    """What is missing for the channel to be staffed on a day; empty when it is."""
    day = day or timezone.localdate()
    held = list(
        Mandate.objects.valid_on(day).filter(channel=channel).values_list("person_id", "role")
    )
    admins = {p for p, r in held if r == MandateRole.ADMINISTRATOR}
    substitutes = {p for p, r in held if r == MandateRole.SUBSTITUTE}
    problems = []
    if not admins:
        problems.append(_("No administrator with a valid mandate."))
    if not substitutes:
        problems.append(_("No substitute with a valid mandate."))
    if admins and substitutes and not any(a != s for a in admins for s in substitutes):
        problems.append(_("The administrator and the substitute must be different people."))
    return problems


@transaction.atomic
def channel_check_staffing(*, channel: Channel, actor: Actor | Person | None = None) -> bool:
    """Flag or clear a running channel's staffing problem; return whether it is staffed."""
    channel = Channel.objects.select_for_update().select_related("department").get(pk=channel.pk)
    problems = staffing_problems(channel) if channel.status in STAFFED_STATES else []
    text = " ".join(problems)
    if text == channel.staffing_problem:
        return not problems
    was_flagged = bool(channel.staffing_problem)
    channel.staffing_problem = text
    channel.staffing_flagged_at = timezone.now() if problems else None
    channel.save(update_fields=["staffing_problem", "staffing_flagged_at", "updated_at"])
    audit_record(
        actor=actor,
        action="channel.staffing_flagged" if problems else "channel.staffing_restored",
        obj=channel,
        detail={"problems": problems},
    )
    if problems and not was_flagged:
        notify(
            people=managers_of(channel.department),
            subject=Message(gettext_lazy("Channel %(name)s lacks staff"), name=channel.name),
            body=text,
            url=f"/register/{channel.public_id}/",
        )
    return not problems


def channels_check_all_staffing() -> int:
    """Re-check every running channel; return how many are flagged afterwards."""
    flagged = 0
    for channel in Channel.objects.filter(status__in=STAFFED_STATES).only("pk"):
        if not channel_check_staffing(channel=channel):
            flagged += 1
    return flagged


def channels_recheck_staffing_for_person(*, person: Person) -> None:
    """Re-check the channels where a person holds mandates (after they leave)."""
    channel_ids = Mandate.objects.filter(person=person).values_list("channel_id", flat=True)
    for channel in Channel.objects.filter(pk__in=list(channel_ids), status__in=STAFFED_STATES):
        channel_check_staffing(channel=channel)
