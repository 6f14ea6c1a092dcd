"""Anchoring the audit chain outside the database: the checkpoint file and the archivists' e-mail."""

import logging

from django.db import transaction
from django.utils.translation import gettext as _

from tillit.audit.checkpoints import Checkpoint, checkpoint_path, checkpoint_write
from tillit.organisation.models import Role
from tillit.organisation.notify import notify
from tillit.organisation.selectors import people_with_role

logger = logging.getLogger(__name__)


def audit_checkpoint_publish(*, reason: str = "schedule") -> Checkpoint | None:
    """Sign the chain head into the archive store and send the signed line to the archivists.

    Not itself audited: an audit entry per checkpoint would move the head it just signed.
    """
    checkpoint = checkpoint_write(reason=reason)
    if checkpoint is None:
        return None
    logger.info("audit checkpoint of #%s written to %s", checkpoint.seq, checkpoint_path())
    body = _(
        "Tillit signed the head of its audit trail. Keep this message: it lets "
        "`tillit audit verify --checkpoints FILE` prove that entries up to #%(seq)s "
        "have not been changed or deleted since.\n\n%(line)s"
    ) % {"seq": checkpoint.seq, "line": checkpoint.as_line()}
    with transaction.atomic():
        notify(
            people=people_with_role(Role.ARCHIVIST),
            subject=_("Audit trail checkpoint #%(seq)s") % {"seq": checkpoint.seq},
            body=body,
        )
    return checkpoint
