"""Who may work with records: registrars register and answer requests; some roles may read."""

from tillit.access.actor import Actor
from tillit.access.roles import RECORDS_READERS, Role
from tillit.core.exceptions import NotFound


def is_registrar(actor: Actor) -> bool:
    """Whether the person is a registrar (an organisation-wide role)."""
    return actor.is_org_wide(Role.REGISTRAR)


def is_reader(actor: Actor) -> bool:
    """Whether the person reads the records registers (blocks, channel documents)."""
    return actor.is_org_wide(*RECORDS_READERS)


def require_registrar(actor: Actor) -> None:
    """NotFound unless the person is a registrar, so the pages' existence does not leak."""
    if not is_registrar(actor):
        raise NotFound


def require_reader(actor: Actor) -> None:
    """NotFound unless the person holds a role that reads the records registers."""
    if not is_reader(actor):
        raise NotFound
