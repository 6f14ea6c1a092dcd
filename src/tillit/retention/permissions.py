"""Who may work with retention: archivists decide, registrars hold, auditors read."""

from tillit.access.actor import Actor
from tillit.access.roles import RETENTION_HOLDERS, RETENTION_MANAGERS, RETENTION_READERS
from tillit.core.exceptions import NotFound


def can_manage(actor: Actor) -> bool:
    """Archivists and organisation administrators record disposal decisions and confirm batches."""
    return actor.is_org_wide(*RETENTION_MANAGERS)


def can_hold(actor: Actor) -> bool:
    """Registrars, archivists and administrators place and release holds."""
    return actor.is_org_wide(*RETENTION_HOLDERS)


def require(allowed: bool) -> None:
    """NotFound when not allowed, so nothing leaks."""
    if not allowed:
        raise NotFound


def can_read(actor: Actor) -> bool:
    """Who sees disposal decisions, holds and the run log."""
    return actor.is_org_wide(*RETENTION_READERS)
