"""Who may work with records: registrars register and answer requests; some roles may read."""

from tillit.access.actor import Actor
from tillit.access.roles import Role
from tillit.core.exceptions import NotFound

#: Roles that may read the records registers (blocks, channel documents) without acting.
READERS = (Role.REGISTRAR, Role.ARCHIVIST, Role.ORG_ADMIN, Role.AUDITOR)


def is_registrar(actor: Actor) -> bool:
    """Whether the person is a registrar (an organisation-wide role)."""
    return actor.person is not None and actor.is_org_wide(Role.REGISTRAR)


def require_registrar(actor: Actor) -> None:
    """NotFound unless the person is a registrar, so the pages' existence does not leak."""
    if not is_registrar(actor):
        raise NotFound


def require_reader(actor: Actor) -> None:
    """NotFound unless the person holds a role that reads the records registers."""
    if actor.person is None or not actor.is_org_wide(*READERS):
        raise NotFound
