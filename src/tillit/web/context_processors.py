"""Values every template needs: the organisation and the person's unread notices."""

from tillit.access.roles import (
    AUDIT_TRAIL_READERS,
    RECORDS_READERS,
    REPORT_READERS,
    RETENTION_READERS,
    Role,
)
from tillit.organisation.selectors import notices_unread, organisation_get


def tillit(request):
    """The organisation, the signed-in person and their unread notice count."""
    person = getattr(request, "person", None)
    actor = getattr(request, "actor", None)
    return {
        "organisation": organisation_get(),
        "person": person,
        "unread_notices": notices_unread(person).count() if person else 0,
        # Which registers the menu offers, from the same role sets the pages check; each view
        # still checks for itself.
        "nav": {
            "records": actor is not None and actor.is_org_wide(Role.REGISTRAR),
            "records_readers": actor is not None and actor.is_org_wide(*RECORDS_READERS),
            "retention": actor is not None and actor.is_org_wide(*RETENTION_READERS),
            "organisation": actor is not None and actor.is_org_wide(Role.ORG_ADMIN),
            # Follow-up: from the actor's roles and mandates alone (no query on every page).
            "reports": actor is not None
            and actor.is_person
            and bool(
                actor.is_org_wide(*REPORT_READERS)
                or actor.departments(Role.MANAGER, Role.INFORMATOR)
                or actor.mandates
            ),
            "audit_trail": actor is not None and actor.is_org_wide(*AUDIT_TRAIL_READERS),
        },
    }
