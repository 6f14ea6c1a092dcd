"""Handing registrations to the records system: e-mail, signed webhook, API, ERMS files.

Invariants:
- The outside call (SMTP, HTTP) happens outside any transaction; its outcome is then recorded
  in one transaction with its audit entry. A failure leaves the registration FAILED with the
  reason shown to the registrar, and a retry is always possible.
- A registration whose number came back (CONFIRMED) is never set back by a later attempt.
- An ERMS file is written, fsynced and renamed into place before any of its registrations is
  marked sent; the marks and the audit entry are then one transaction. A crash in between
  leaves them ready, and the next run writes the same file again.
"""

import contextlib
import dataclasses
import hashlib
import hmac
import json
import logging
import smtplib
from email.message import EmailMessage as MimeMessage
from email.utils import format_datetime
from pathlib import Path
from typing import cast
from urllib.parse import urlsplit

import httpx
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tillit.access.actor import Actor, allowed, as_actor, person_of
from tillit.audit.services import audit_record
from tillit.core.exceptions import NotFound
from tillit.core.files import write_atomic
from tillit.core.net.client import guarded_client
from tillit.core.net.outbound import outbound_policy
from tillit.core.net.policy import Refused
from tillit.organisation.models import Person

from ..choices import HandoverMethod, HandoverState, Outcome
from ..conf import registry_email, webhook_secret, webhook_url
from ..export import (
    WITHHELD,
    erms_document,
    erms_validate,
    handover_payload,
    registration_text,
)
from ..models import Case, HandoverAttempt, Registration
from ..permissions import is_registrar, require_registrar
from .registration import case_set_reference

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Tillit-Signature-256"


class HandoverFailed(Exception):
    """The records system did not take the registration; the reason is recorded and shown."""


@transaction.atomic
def handover_record(
    *, actor: Actor | Person, registration: Registration, method: str, ok: bool, detail: str = ""
) -> Registration:
    """Record one hand-over attempt and move the registration's state accordingly."""
    reg = Registration.objects.select_for_update().get(pk=registration.pk)
    HandoverAttempt.objects.create(
        registration=reg, method=method, ok=ok, detail=detail[:500], actor=person_of(actor)
    )
    if reg.handover_state != HandoverState.CONFIRMED:
        reg.handover_state = HandoverState.SENT if ok else HandoverState.FAILED
        reg.handover_detail = detail[:500]
        if ok:
            reg.handed_over_at = timezone.now()
        reg.save(
            update_fields=["handover_state", "handover_detail", "handed_over_at", "updated_at"]
        )
    audit_record(
        actor=actor,
        action="records.handover" if ok else "records.handover_failed",
        obj=reg,
        detail={"method": method, "detail": detail[:300]},
    )
    return reg


def _check(actor: Actor | Person, registration: Registration) -> None:
    require_registrar(as_actor(actor))
    if registration.outcome != Outcome.REGISTERED or registration.case_id is None:
        raise ValidationError(_("Only registered documents are handed over."))


def eml_bytes(reg: Registration) -> bytes:
    """The document as an .eml message: its text and stored attachments, as received."""
    msg = MimeMessage()
    sender = (
        WITHHELD
        if reg.secret
        else ((reg.item.author.display_name or reg.item.author.platform_id) if reg.item else "")
    )
    msg["Subject"] = WITHHELD if reg.secret else reg.subject
    msg["From"] = f'"{sender}" <noreply@invalid>' if sender else "noreply@invalid"
    msg["Date"] = format_datetime(reg.received_at)
    msg["X-Tillit-Registration"] = str(reg.pk)
    if reg.secret:
        msg["X-Tillit-Secrecy"] = reg.secrecy_ground or "OSL"
    msg.set_content(registration_text(reg) or "")
    if reg.item is not None:
        for att in reg.item.attachments.all():
            if not att.file:
                continue
            maintype, _sep, subtype = (att.media_type or "application/octet-stream").partition("/")
            with att.file.open("rb") as fh:
                msg.add_attachment(
                    fh.read(),
                    maintype=maintype or "application",
                    subtype=subtype or "octet-stream",
                    filename=att.name or f"bilaga-{att.pk}",
                )
    return bytes(msg)


def handover_email(*, actor: Actor | Person, registration: Registration) -> Registration:
    """Mail the document to the registry's mailbox as an .eml attachment."""
    _check(actor, registration)
    mailbox = registry_email()
    if not mailbox:
        raise HandoverFailed(_("No registry mailbox is configured (TILLIT_REGISTRY_EMAIL)."))
    reg = registration
    case = cast(Case, reg.case)  # _check refused a registration without a case
    subject = _("Direct message to register: %(subject)s") % {
        "subject": WITHHELD if reg.secret else reg.subject
    }
    body = "\n".join(
        [
            _("Received: %(when)s") % {"when": timezone.localtime(reg.received_at).isoformat()},
            _("Case: %(case)s")
            % {"case": case.reference or case.title if not reg.secret else case.pk},
            _("Secrecy: %(ground)s") % {"ground": reg.secrecy_ground} if reg.secret else "",
        ]
    ).strip()
    message = EmailMessage(subject=subject, body=body, to=[mailbox])
    message.attach(f"meddelande-{reg.pk}.eml", eml_bytes(reg), "message/rfc822")
    try:
        message.send(fail_silently=False)
    except (smtplib.SMTPException, OSError) as exc:
        detail = f"{type(exc).__name__}: {exc}"[:500]
        handover_record(
            actor=actor, registration=reg, method=HandoverMethod.EMAIL, ok=False, detail=detail
        )
        raise HandoverFailed(
            _("The registry's mailbox refused the message: %(detail)s") % {"detail": detail}
        ) from exc
    return handover_record(
        actor=actor, registration=reg, method=HandoverMethod.EMAIL, ok=True, detail=mailbox
    )


def webhook_signature(secret: str, body: bytes) -> str:
    """The HMAC-SHA256 signature header value of a webhook body."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _webhook_client(url: str) -> httpx.Client:
    """A guarded client for the records webhook; redirects are not followed.

    The webhook's host comes from the operator's own settings, and records systems usually
    live on the internal network, so that one host may resolve to a private address; a
    metadata or link-local address is still refused, and so is any other host.
    """
    host = urlsplit(url).hostname or ""
    policy = outbound_policy()
    if host:
        policy = dataclasses.replace(policy, internal_hosts=policy.internal_hosts | {host})
    return guarded_client(policy, timeout=20)


def handover_webhook(*, actor: Actor | Person, registration: Registration) -> Registration:
    """POST the registration's JSON, signed with the shared secret, to the records system."""
    _check(actor, registration)
    url, secret = webhook_url(), webhook_secret()
    if not url or not secret:
        raise HandoverFailed(_("No records webhook is configured (address and secret)."))
    body = json.dumps(handover_payload(registration), ensure_ascii=False).encode()
    try:
        with _webhook_client(url) as client:
            response = client.post(
                url,
                content=body,
                headers={
                    "Content-Type": "application/json",
                    SIGNATURE_HEADER: webhook_signature(secret, body),
                },
            )
        if response.status_code >= 300:
            raise HandoverFailed(f"HTTP {response.status_code}")
    except (httpx.HTTPError, HandoverFailed, Refused) as exc:
        detail = f"{type(exc).__name__}: {exc}"[:500]
        handover_record(
            actor=actor,
            registration=registration,
            method=HandoverMethod.WEBHOOK,
            ok=False,
            detail=detail,
        )
        raise HandoverFailed(
            _("The records system did not accept the webhook: %(detail)s") % {"detail": detail}
        ) from exc
    reference = ""
    with contextlib.suppress(ValueError, AttributeError):  # an answer without a number is fine
        reference = str(response.json().get("reference", ""))[:100]
    reg = handover_record(
        actor=actor, registration=registration, method=HandoverMethod.WEBHOOK, ok=True, detail=url
    )
    if reference:
        # _check refused a registration without a case, and a case is never taken away.
        case_set_reference(
            actor=actor, case=cast(Case, reg.case), reference=reference, via="webhook"
        )
        reg.refresh_from_db()
    return reg


def erms_file_path(out: Path, case: Case) -> Path:
    """Where the export writes a case's ERMS file (the same name on every run)."""
    return Path(out) / f"erms-arende-{case.pk}.xml"


def _may_export(actor) -> None:
    """The ERMS export is the registrar's, or the operator's at the command line."""
    if not allowed(as_actor(actor), "records.export", is_registrar):
        raise NotFound


def handover_erms_file(
    *, actor: Actor | Person, case: Case, registrations: list[Registration], out: Path
) -> tuple[Path, bool]:
    """Write the case's validated ERMS file durably, then mark its registrations sent.

    Returns the path and whether a schema was there to validate against. Raises whatever
    stopped the file (ErmsInvalid, OSError); nothing is marked then.
    """
    _may_export(actor)
    document = erms_document([(case, registrations)])
    validated = erms_validate(document)
    path = write_atomic(erms_file_path(out, case), document)
    with transaction.atomic():
        for reg in registrations:
            handover_record(
                actor=actor,
                registration=reg,
                method=HandoverMethod.ERMS,
                ok=True,
                detail=str(path)[:500],
            )
        audit_record(
            actor=actor,
            action="records.erms_export",
            obj=case,
            detail={"file": str(path), "validated": validated, "documents": len(registrations)},
        )
    return path, validated


def handover_erms_failed(
    *, actor: Actor | Person, registrations: list[Registration], error: str
) -> None:
    """Record on each registration of a case why its ERMS file was not written (shown, retried)."""
    _may_export(actor)
    detail = (_("The ERMS file was not written: %(error)s") % {"error": error})[:500]
    with transaction.atomic():
        for reg in registrations:
            handover_record(
                actor=actor,
                registration=reg,
                method=HandoverMethod.ERMS,
                ok=False,
                detail=detail,
            )


@transaction.atomic
def handover_reference_by_api(
    *, actor: Actor | Person, registration: Registration, reference: str
) -> None:
    """The records system read the document over the API and gave its case a number: both
    are recorded in one transaction, so a refused number leaves no "handed over" behind."""
    if registration.case is None:
        raise ValidationError({"reference": _("Only a registered document has a case.")})
    handover_record(
        actor=actor, registration=registration, method=HandoverMethod.API, ok=True, detail="PATCH"
    )
    case_set_reference(actor=actor, case=registration.case, reference=reference, via="api")
