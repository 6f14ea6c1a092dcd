"""Writes from the public pages: a report of an accessibility problem (DOS-lagen)."""

from django.db import transaction
from django.utils.translation import gettext as _

from tillit.access.actor import Actor, allowed
from tillit.access.roles import Role
from tillit.audit.services import audit_record
from tillit.core.exceptions import NotFound
from tillit.organisation.notify import notify
from tillit.organisation.selectors import people_with_role


@transaction.atomic
def accessibility_report(*, actor: Actor, page: str, description: str, contact: str) -> None:
    """Record a member of the public's report and tell the organisation's administrators."""
    if not allowed(actor, "accessibility.report", lambda a: a.is_person):
        raise NotFound
    audit_record(
        actor=actor,
        action="accessibility.report",
        object_type="accessibility",
        object_id="-",
        detail={"page": page, "description": description, "contact": contact},
    )
    notify(
        people=people_with_role(Role.ORG_ADMIN),
        subject=_("Accessibility problem reported"),
        body=f"{page}\n\n{description}\n\n{contact}",
    )
