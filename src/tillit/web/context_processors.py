"""Values every template needs: the organisation and the person's unread notices."""

from tillit.organisation.selectors import notices_unread, organisation_get


def tillit(request):
    """The organisation, the signed-in person and their unread notice count."""
    person = getattr(request, "person", None)
    actor = getattr(request, "actor", None)
    return {
        "organisation": organisation_get(),
        "person": person,
        "unread_notices": notices_unread(person).count() if person else 0,
        # Role names only, for choosing menu entries; access is still checked by each view.
        "nav_roles": {role for role, _dept in actor.roles} if actor is not None else set(),
    }
