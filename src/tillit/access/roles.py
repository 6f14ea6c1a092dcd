"""The roles a person can hold, and the role sets that decide access, declared once."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles a person can hold; manager and informatör are held per department."""

    ORG_ADMIN = "org_admin", _("Organisation administrator")
    MANAGER = "manager", _("Manager")
    INFORMATOR = "informator", _("Communications officer (informatör)")
    WEBMASTER = "webmaster", _("Webmaster")
    REGISTRAR = "registrar", _("Registrar")
    ARCHIVIST = "archivist", _("Archivist")
    AUDITOR = "auditor", _("Auditor (read-only)")


class MandateRole(models.TextChoices):
    """The role a mandate gives on one channel (R5, R6)."""

    ADMINISTRATOR = "administrator", _("Administrator")
    SUBSTITUTE = "substitute", _("Substitute")


#: Roles held per department; the others are organisation-wide.
DEPARTMENT_ROLES = frozenset({Role.MANAGER, Role.INFORMATOR})

#: See every channel, drafts included: the organisation's administrators and its auditors.
SEE_ALL_CHANNELS = (Role.ORG_ADMIN, Role.AUDITOR)
#: See every decided channel (not drafts or proposals): roles that serve the whole house.
SEE_DECIDED_CHANNELS = (Role.WEBMASTER, Role.REGISTRAR, Role.ARCHIVIST)
#: Read the records registers (blocks, channel documents, registrations) without acting.
RECORDS_READERS = (Role.REGISTRAR, Role.ARCHIVIST, Role.ORG_ADMIN, Role.AUDITOR)
#: Record disposal decisions and confirm disposal batches.
RETENTION_MANAGERS = (Role.ARCHIVIST, Role.ORG_ADMIN)
#: Place and release holds on disposal.
RETENTION_HOLDERS = (Role.REGISTRAR, Role.ARCHIVIST, Role.ORG_ADMIN)
#: See disposal decisions, holds and the run log.
RETENTION_READERS = (Role.REGISTRAR, Role.ARCHIVIST, Role.ORG_ADMIN, Role.AUDITOR)
#: Export archival packages and set capture schedules organisation-wide.
ARCHIVE_KEEPERS = (Role.ARCHIVIST, Role.ORG_ADMIN)
#: Follow the whole organisation up (R23): reports and the compliance view for every channel.
REPORT_READERS = (Role.ORG_ADMIN, Role.AUDITOR)
#: Browse, verify and export the audit trail: the whole organisation's changes, read-only.
AUDIT_TRAIL_READERS = (Role.ORG_ADMIN, Role.AUDITOR)
