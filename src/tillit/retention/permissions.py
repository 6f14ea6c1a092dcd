"""Who may work with retention: archivists decide, registrars hold, auditors read."""

from tillit.access.actor import Actor
from tillit.access.roles import Role
from tillit.core.exceptions import NotFound


def can_manage(actor: Actor) -> bool:
    """Archivists and organisation administrators record disposal decisions and confirm batches."""
    return actor.person is not None and actor.is_org_wide(Role.ARCHIVIST, Role.ORG_ADMIN)


def can_hold(actor: Actor) -> bool:
    """Registrars, archivists and administrators place and release holds."""
    return actor.person is not None and actor.is_org_wide(
        Role.REGISTRAR, Role.ARCHIVIST, Role.ORG_ADMIN
    )


def require(allowed: bool) -> None:
    """NotFound when not allowed, so nothing leaks."""
    if not allowed:
        raise NotFound


def can_read(actor: Actor) -> bool:
    """Who sees disposal decisions, holds and the run log."""
    return actor.person is not None and actor.is_org_wide(
        Role.REGISTRAR, Role.ARCHIVIST, Role.ORG_ADMIN, Role.AUDITOR
    )
