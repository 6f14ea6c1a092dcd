"""Who reaches retention's rows: archivists decide, registrars hold, auditors read."""

from tillit.access.queryset import RoleRule, access_rule
from tillit.access.roles import RETENTION_HOLDERS, RETENTION_MANAGERS, RETENTION_READERS

from .models import DisposalBatch, DisposalLogEntry, DisposalRule, DisposalRun, Hold


@access_rule(DisposalRule)
class DisposalRuleRule(RoleRule):
    """Disposal decisions: read by the records roles, recorded by archivists."""

    roles = {"read": RETENTION_READERS, "manage": RETENTION_MANAGERS}


@access_rule(Hold)
class HoldRule(RoleRule):
    """Holds: read by the records roles, placed and released by holders."""

    roles = {"read": RETENTION_READERS, "hold": RETENTION_HOLDERS}


@access_rule(DisposalBatch)
class DisposalBatchRule(RoleRule):
    """Batches waiting for confirmation: read by the records roles, confirmed by archivists."""

    roles = {"read": RETENTION_READERS, "manage": RETENTION_MANAGERS}


@access_rule(DisposalRun)
class DisposalRunRule(RoleRule):
    """The run log is read by the records roles."""

    roles = {"read": RETENTION_READERS}


@access_rule(DisposalLogEntry)
class DisposalLogEntryRule(RoleRule):
    """The per-channel disposal log is read by the records roles."""

    roles = {"read": RETENTION_READERS}
