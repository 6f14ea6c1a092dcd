"""PREMIS 3.0 preservation metadata: file objects with fixity, events and agents."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .spec import PremisEvent
from .xmlkit import PREMIS, XSI, iso, q, sub

PREMIS_SCHEMA = "http://www.loc.gov/premis/v3 https://www.loc.gov/standards/premis/premis.xsd"


@dataclass(frozen=True)
class PremisObject:
    """One file in the package as PREMIS describes it."""

    identifier: str  # the file's path inside the package
    size: int
    sha256: str
    media_type: str
    format_name: str | None
    format_version: str | None
    pronom_id: str | None
    original_name: str


def premis_document(
    objects: list[PremisObject], events: list[PremisEvent], software: str
) -> etree._Element:
    """The PREMIS root element for objects and events, with one agent per distinct actor."""
    root = etree.Element(q(PREMIS, "premis"), nsmap={"premis": PREMIS, "xsi": XSI})
    root.set("version", "3.0")
    root.set(q(XSI, "schemaLocation"), PREMIS_SCHEMA)
    for obj in objects:
        _object(root, obj, software)
    agents: dict[tuple[str, str], str] = {}
    for event in events:
        key = (event.agent_name or software, event.agent_type if event.agent_name else "software")
        agents.setdefault(key, f"agent-{len(agents) + 1}")
    all_ids = [obj.identifier for obj in objects]
    for number, event in enumerate(events, start=1):
        key = (event.agent_name or software, event.agent_type if event.agent_name else "software")
        targets = _event_targets(event, objects) or all_ids
        _event(root, number, event, agents[key], targets)
    for (name, kind), identifier in agents.items():
        agent = sub(root, PREMIS, "agent")
        ident = sub(agent, PREMIS, "agentIdentifier")
        sub(ident, PREMIS, "agentIdentifierType", "local")
        sub(ident, PREMIS, "agentIdentifierValue", identifier)
        sub(agent, PREMIS, "agentName", name)
        sub(agent, PREMIS, "agentType", kind)
    return root


def _object(root: etree._Element, obj: PremisObject, software: str) -> None:
    element = sub(root, PREMIS, "object")
    element.set(q(XSI, "type"), "premis:file")
    ident = sub(element, PREMIS, "objectIdentifier")
    sub(ident, PREMIS, "objectIdentifierType", "local")
    sub(ident, PREMIS, "objectIdentifierValue", obj.identifier)
    chars = sub(element, PREMIS, "objectCharacteristics")
    sub(chars, PREMIS, "compositionLevel", "0")
    fixity = sub(chars, PREMIS, "fixity")
    sub(fixity, PREMIS, "messageDigestAlgorithm", "SHA-256")
    sub(fixity, PREMIS, "messageDigest", obj.sha256)
    sub(fixity, PREMIS, "messageDigestOriginator", software)
    sub(chars, PREMIS, "size", obj.size)
    fmt = sub(chars, PREMIS, "format")
    designation = sub(fmt, PREMIS, "formatDesignation")
    sub(designation, PREMIS, "formatName", obj.format_name or obj.media_type)
    if obj.format_version:
        sub(designation, PREMIS, "formatVersion", obj.format_version)
    if obj.pronom_id:
        registry = sub(fmt, PREMIS, "formatRegistry")
        sub(registry, PREMIS, "formatRegistryName", "PRONOM")
        sub(registry, PREMIS, "formatRegistryKey", obj.pronom_id)
    sub(element, PREMIS, "originalName", obj.original_name)


def _event(
    root: etree._Element, number: int, event: PremisEvent, agent_id: str, targets: list[str]
) -> None:
    element = sub(root, PREMIS, "event")
    ident = sub(element, PREMIS, "eventIdentifier")
    sub(ident, PREMIS, "eventIdentifierType", "local")
    sub(ident, PREMIS, "eventIdentifierValue", f"event-{number}")
    sub(element, PREMIS, "eventType", event.event_type)
    sub(element, PREMIS, "eventDateTime", iso(event.date_time))
    detail = sub(element, PREMIS, "eventDetailInformation")
    sub(detail, PREMIS, "eventDetail", event.detail)
    outcome = sub(element, PREMIS, "eventOutcomeInformation")
    sub(outcome, PREMIS, "eventOutcome", event.outcome)
    agent = sub(element, PREMIS, "linkingAgentIdentifier")
    sub(agent, PREMIS, "linkingAgentIdentifierType", "local")
    sub(agent, PREMIS, "linkingAgentIdentifierValue", agent_id)
    for target in targets:
        link = sub(element, PREMIS, "linkingObjectIdentifier")
        sub(link, PREMIS, "linkingObjectIdentifierType", "local")
        sub(link, PREMIS, "linkingObjectIdentifierValue", target)


def _event_targets(event: PremisEvent, objects: list[PremisObject]) -> list[str]:
    wanted = set(event.files)
    return [o.identifier for o in objects if Path(o.original_name).as_posix() in wanted]
