"""Hand-over documents: CITS ERMS v3 XML (FGS Ärendehantering 2.0) and the JSON payload.

Secret registrations keep their place in the case, but sender and subject are withheld and the
message text is left out; a `restriction` element names the secrecy ground.
"""

from datetime import UTC, datetime

from django.utils import timezone
from lxml import etree

from tillit.channels.models import Channel
from tillit.core.sanitise import xml_text
from tillit.organisation.selectors import organisation_get

from .choices import Direction, Outcome
from .conf import erms_xsd
from .models import Case, Registration

NS = "https://DILCIS.eu/XML/ERMS"
WITHHELD = "Uppgift skyddad (sekretess)"


class ErmsInvalid(Exception):
    """The generated ERMS document does not validate; nothing was written or marked."""


def _e(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    """A child element; its text and attributes pass XML 1.0's character set (core.sanitise)."""
    el = etree.SubElement(parent, f"{{{NS}}}{tag}", {k: xml_text(v) for k, v in attrs.items() if v})
    if text is not None:
        el.text = xml_text(text)
    return el


def _when(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _sender(reg: Registration) -> str:
    if reg.item is not None:
        a = reg.item.author
        return a.display_name or a.handle or a.platform_id
    return ""


def registration_text(reg: Registration) -> str:
    """The document's text: the message, or the reply the outbox sent."""
    if reg.item is not None:
        return reg.item.text
    if reg.action is not None:
        return str(reg.action.params.get("text", ""))
    return ""


def _record(parent, reg: Registration, organisation_name: str) -> None:
    record = _e(
        parent,
        "record",
        systemIdentifier=f"tillit-registration-{reg.pk}",
        recordPhysicalOrDigital="digital",
    )
    _e(record, "objectId", f"tillit-registration-{reg.pk}")
    if reg.item is not None:
        _e(record, "extraId", reg.item.platform_id, extraIdType="platform_id")
    _e(record, "title", WITHHELD if reg.secret else (reg.subject or "-"))
    _e(record, "status", value="received" if reg.direction == Direction.INCOMING else "expedited")
    if reg.secret:
        restriction = _e(record, "restriction", restrictionType="confidential")
        _e(restriction, "regulation", reg.secrecy_ground or "OSL")
    _e(
        record,
        "direction",
        directionDefinition="incoming" if reg.direction == Direction.INCOMING else "outgoing",
    )
    agents = _e(record, "agents")
    if reg.direction == Direction.INCOMING:
        sender = _e(agents, "agent", agentType="sender")
        _e(sender, "name", WITHHELD if reg.secret else (_sender(reg) or "-"))
        if reg.secret:
            _e(sender, "protectedIdentity", "true")
        receiver = _e(agents, "agent", agentType="receiver")
        _e(receiver, "name", organisation_name)
    else:
        sender = _e(agents, "agent", agentType="sender")
        _e(sender, "name", organisation_name)
    channel = (
        reg.item.channel if reg.item is not None else (reg.action.channel if reg.action else None)
    )
    if not reg.secret:
        text = registration_text(reg)
        if text:
            _e(record, "description", text)
    dates = _e(record, "dates")
    _e(
        dates,
        "date",
        _when(reg.received_at),
        dateType="received" if reg.direction == Direction.INCOMING else "sent",
    )
    if channel is not None:
        _e(record, "dispatchMode", f"{channel.platform.name}: {channel.name}")
    attachments = list(reg.item.attachments.all()) if reg.item is not None else []
    if attachments:
        extra = _e(record, "additionalInformation")
        for att in attachments:
            _e(
                extra,
                "appendix",
                name=WITHHELD
                if reg.secret
                else (att.name or att.url.rsplit("/", 1)[-1] or "bilaga"),
                path=f"attachments/{att.sha256 or att.pk}",
                fileFormat=att.media_type,
            )


def erms_document(cases: list[tuple[Case, list[Registration]]]) -> bytes:
    """One ERMS document: each case an aggregation of type caseFile with its records."""
    organisation = organisation_get()
    org_name = organisation.name if organisation else "Tillit"
    root = etree.Element(f"{{{NS}}}erms", nsmap={None: NS})
    control = _e(root, "control")
    _e(control, "identification", "Tillit", identificationType="system")
    maint = _e(control, "maintenanceInformation")
    _e(maint, "maintenanceStatus", value="new")
    agency = _e(maint, "maintenanceAgency")
    _e(agency, "agencyName", org_name)
    history = _e(maint, "maintenanceHistory")
    event = _e(history, "maintenanceEvent")
    _e(event, "eventType", value="created")
    _e(event, "eventDateTime", _when(timezone.now()))
    creator = _e(event, "agent", agentType="creator")
    _e(creator, "name", "Tillit")
    aggregations = _e(root, "aggregations")
    for case, registrations in cases:
        agg = _e(
            aggregations,
            "aggregation",
            systemIdentifier=f"tillit-case-{case.pk}",
            aggregationType="caseFile",
        )
        _e(agg, "objectId", case.reference or f"tillit-case-{case.pk}")
        if case.reference:
            _e(agg, "extraId", case.reference, extraIdType="diarienummer")
        secret_case = any(r.secret for r in registrations)
        _e(agg, "title", WITHHELD if secret_case else case.title)
        _e(agg, "status", value="in_progress")
        agg_dates = _e(agg, "dates")
        _e(agg_dates, "date", _when(case.created_at), dateType="opened")
        for reg in registrations:
            _record(agg, reg, org_name)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def erms_validate(document: bytes) -> bool:
    """Validate against the XSD (and the schematron when lxml can run it); False if no schema."""
    xsd_path = erms_xsd()
    if xsd_path is None:
        return False
    schema = etree.XMLSchema(etree.parse(str(xsd_path)))
    tree = etree.fromstring(document)
    if not schema.validate(tree):
        raise ErmsInvalid("; ".join(f"line {e.line}: {e.message}" for e in schema.error_log)[:2000])
    sch_path = xsd_path.with_name("erms_v3.sch")
    if sch_path.is_file():
        try:
            from lxml import isoschematron

            schematron = isoschematron.Schematron(etree.parse(str(sch_path)))
        except Exception:  # noqa: BLE001  (the rules declare XSLT 2; lxml may not run them)
            return True
        if not schematron.validate(tree):
            raise ErmsInvalid(str(schematron.error_log)[:2000])
    return True


def _registrations(qs) -> list[Registration]:
    return list(
        qs.filter(outcome=Outcome.REGISTERED, case__isnull=False)
        .select_related(
            "item", "item__author", "item__channel__platform", "action__channel__platform", "case"
        )
        .prefetch_related("item__attachments")
        .order_by("case_id", "received_at", "pk")
    )


def group_by_case(registrations: list[Registration]) -> list[tuple[Case, list[Registration]]]:
    """Registrations grouped under their case, in order."""
    groups: dict[int, tuple[Case, list[Registration]]] = {}
    for reg in registrations:
        case = reg.case
        if case is None:  # every caller's query keeps only registrations in a case
            continue
        groups.setdefault(case.pk, (case, []))[1].append(reg)
    return list(groups.values())


def erms_for_case(case: Case) -> bytes:
    """The case and all its registered documents as one validated ERMS document."""
    document = erms_document(group_by_case(_registrations(Registration.objects.filter(case=case))))
    erms_validate(document)
    return document


def erms_for_channel(channel: Channel) -> bytes | None:
    """Every registered direct message of a channel (and the replies in their cases), or None.

    For the archive package: one validated ERMS document, or None when the channel has none.
    """
    case_ids = Registration.objects.filter(
        item__channel=channel, outcome=Outcome.REGISTERED, case__isnull=False
    ).values("case_id")
    registrations = _registrations(Registration.objects.filter(case_id__in=case_ids))
    if not registrations:
        return None
    document = erms_document(group_by_case(registrations))
    erms_validate(document)
    return document


def handover_payload(reg: Registration) -> dict:
    """The JSON a records system receives for one registration (API and webhook)."""
    channel = (
        reg.item.channel if reg.item is not None else (reg.action.channel if reg.action else None)
    )
    attachments = list(reg.item.attachments.all()) if reg.item is not None else []
    return {
        "id": reg.pk,
        "case": {"id": reg.case_id, "reference": reg.case.reference if reg.case else ""},
        "direction": reg.direction,
        "received_at": reg.received_at.isoformat(),
        "channel": {"name": channel.name, "platform": channel.platform.slug} if channel else None,
        "sender": WITHHELD if reg.secret else _sender(reg),
        "subject": WITHHELD if reg.secret else reg.subject,
        "text": "" if reg.secret else registration_text(reg),
        "secret": reg.secret,
        "secrecy_ground": reg.secrecy_ground,
        "attachments": [
            {"name": a.name, "media_type": a.media_type, "size": a.size, "sha256": a.sha256}
            for a in attachments
        ],
        "handover_state": reg.handover_state,
    }
