"""METS documents for E-ARK CSIP/SIP 2.1: the package METS and one per representation."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from tillit.core.sanitise import xml_text

from .spec import SipSpec
from .xmlkit import CSIP, METS, SIP, XLINK, XSI, iso, q, sub

SIP_PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
SCHEMA_LOCATION = " ".join(
    [
        METS,
        "http://www.loc.gov/standards/mets/mets.xsd",
        XLINK,
        "http://www.loc.gov/standards/mets/xlink.xsd",
        CSIP,
        "https://earkcsip.dilcis.eu/schema/DILCISExtensionMETS.xsd",
        SIP,
        "https://earksip.dilcis.eu/schema/DILCISExtensionSIPMETS.xsd",
    ]
)
CONTENT_INFORMATION_TYPE = "Tillit social media archive"


@dataclass(frozen=True)
class Entry:
    """A file as METS lists it: location relative to the METS document, plus fixity."""

    id: str
    href: str
    media_type: str
    size: int
    sha256: str
    created: datetime
    format_name: str | None = None
    format_version: str | None = None
    pronom_id: str | None = None


@dataclass
class MetsParts:
    """The sections of one METS document, gathered before it is written."""

    objid: str
    label: str
    descriptive: list[tuple[Entry, str]] = field(default_factory=list)  # (file, MDTYPE)
    preservation: list[Entry] = field(default_factory=list)
    documentation: list[Entry] = field(default_factory=list)
    schemas: list[Entry] = field(default_factory=list)
    representations: dict[str, list[Entry]] = field(default_factory=dict)  # name -> files
    data: list[Entry] = field(default_factory=list)  # representation level only


def mets_document(spec: SipSpec, parts: MetsParts, created: datetime) -> etree._Element:
    """Build a METS element: the package METS, or a representation's when parts.data is set."""
    nsmap = {"mets": METS, "xlink": XLINK, "xsi": XSI, "csip": CSIP, "sip": SIP}
    root = etree.Element(q(METS, "mets"), nsmap=nsmap)
    for key, value in (
        ("OBJID", parts.objid),
        ("LABEL", parts.label),
        ("TYPE", spec.content_category),
        (q(CSIP, "CONTENTINFORMATIONTYPE"), "OTHER"),
        (q(CSIP, "OTHERCONTENTINFORMATIONTYPE"), CONTENT_INFORMATION_TYPE),
        ("PROFILE", SIP_PROFILE),
        (q(XSI, "schemaLocation"), SCHEMA_LOCATION),
    ):
        root.set(key, xml_text(value))
    _header(root, spec, created)
    dmd_ids = [_md_section(root, "dmdSec", entry, mdtype) for entry, mdtype in parts.descriptive]
    adm_ids = []
    if parts.preservation:
        amd = sub(root, METS, "amdSec")
        adm_ids = [_md_section(amd, "digiprovMD", entry, "PREMIS") for entry in parts.preservation]
    _file_and_struct(root, parts, dmd_ids, adm_ids)
    return root


def _header(root: etree._Element, spec: SipSpec, created: datetime) -> None:
    header = sub(
        root, METS, "metsHdr", CREATEDATE=iso(created), LASTMODDATE=iso(created), RECORDSTATUS="NEW"
    )
    header.set(q(CSIP, "OAISPACKAGETYPE"), "SIP")
    software = sub(header, METS, "agent", ROLE="CREATOR", TYPE="OTHER", OTHERTYPE="SOFTWARE")
    sub(software, METS, "name", spec.software_name)
    sub(software, METS, "note", spec.software_version).set(q(CSIP, "NOTETYPE"), "SOFTWARE VERSION")
    # The archive creator (arkivbildare) is METS's ARCHIVIST: the organisation whose records
    # these are, identified by its Swedish organisation number.
    _organisation(header, "ARCHIVIST", spec.creator)
    if spec.archivist is not None:
        _organisation(header, "PRESERVATION", spec.archivist)
    if spec.submission_agreement:
        sub(header, METS, "altRecordID", spec.submission_agreement, TYPE="SUBMISSIONAGREEMENT")


def _organisation(header: etree._Element, role: str, org) -> None:
    agent = sub(header, METS, "agent", ROLE=role, TYPE="ORGANIZATION")
    sub(agent, METS, "name", org.name)
    sub(agent, METS, "note", f"ORG:{org.org_number}").set(q(CSIP, "NOTETYPE"), "IDENTIFICATIONCODE")


def _md_section(parent: etree._Element, tag: str, entry: Entry, mdtype: str) -> str:
    section_id = f"{tag}-{entry.id}"
    section = sub(parent, METS, tag, ID=section_id, CREATED=iso(entry.created), STATUS="CURRENT")
    ref = sub(section, METS, "mdRef", LOCTYPE="URL")
    ref.set(q(XLINK, "type"), "simple")
    ref.set(q(XLINK, "href"), entry.href)
    if mdtype in ("DC", "PREMIS", "EAD"):
        ref.set("MDTYPE", mdtype)
    else:
        ref.set("MDTYPE", "OTHER")
        ref.set("OTHERMDTYPE", mdtype)
    if mdtype == "PREMIS":
        ref.set("MDTYPEVERSION", "3.0")
    for key, value in _fixity(entry).items():
        ref.set(key, value)
    return section_id


def _fixity(entry: Entry) -> dict[str, str]:
    return {
        "MIMETYPE": entry.media_type,
        "SIZE": str(entry.size),
        "CREATED": iso(entry.created),
        "CHECKSUM": entry.sha256,
        "CHECKSUMTYPE": "SHA-256",
    }


def _file_and_struct(root, parts: MetsParts, dmd_ids: list[str], adm_ids: list[str]) -> None:
    file_sec = sub(root, METS, "fileSec", ID="fileSec-1")
    groups: list[tuple[str, str]] = []  # (structMap label, fileGrp ID)
    if parts.documentation:
        groups.append(("Documentation", _group(file_sec, "Documentation", parts.documentation)))
    if parts.schemas:
        groups.append(("Schemas", _group(file_sec, "Schemas", parts.schemas)))
    rep_groups = []
    for name, entries in parts.representations.items():
        use = f"Representations/{name}"
        rep_groups.append((name, _group(file_sec, use, entries, adm_ids, representation=True)))
    if parts.data:
        data_group = _group(file_sec, "Representations", parts.data, adm_ids, representation=True)
        groups.append(("Representations", data_group))

    struct = sub(root, METS, "structMap", ID="structMap-1", TYPE="PHYSICAL", LABEL="CSIP")
    top = sub(struct, METS, "div", ID="div-root", LABEL=parts.objid)
    metadata = sub(top, METS, "div", ID="div-metadata", LABEL="Metadata")
    if adm_ids:
        metadata.set("ADMID", " ".join(adm_ids))
    if dmd_ids:
        metadata.set("DMDID", " ".join(dmd_ids))
    for label, group_id in groups:
        div = sub(top, METS, "div", ID=f"div-{group_id}", LABEL=label)
        sub(div, METS, "fptr", FILEID=group_id)
    if rep_groups:
        reps = sub(top, METS, "div", ID="div-representations", LABEL="Representations")
        for _name, group_id in rep_groups:
            sub(reps, METS, "fptr", FILEID=group_id)
        for name, group_id in rep_groups:
            div = sub(reps, METS, "div", ID=f"div-rep-{name}", LABEL=f"Representations/{name}")
            pointer = sub(div, METS, "mptr", LOCTYPE="URL")
            pointer.set(q(XLINK, "type"), "simple")
            pointer.set(q(XLINK, "href"), f"representations/{name}/METS.xml")
            pointer.set(q(XLINK, "title"), group_id)


def _group(
    file_sec, use: str, entries: list[Entry], adm_ids=(), *, representation: bool = False
) -> str:
    group_id = "fileGrp-" + use.replace("/", "-").lower()
    group = sub(file_sec, METS, "fileGrp", ID=group_id, USE=use)
    # CSIP only asks this of representation groups, but eark-validator 1.1.3's rule CSIP63
    # fails any file group without it, so every group states it.
    group.set(q(CSIP, "CONTENTINFORMATIONTYPE"), "OTHER")
    group.set(q(CSIP, "OTHERCONTENTINFORMATIONTYPE"), CONTENT_INFORMATION_TYPE)
    for entry in entries:
        element = sub(group, METS, "file", ID=entry.id, **_fixity(entry))
        if representation and adm_ids:
            element.set("ADMID", " ".join(adm_ids))
        if entry.format_name:
            element.set(q(SIP, "FILEFORMATNAME"), entry.format_name)
        if entry.format_version:
            element.set(q(SIP, "FILEFORMATVERSION"), entry.format_version)
        if entry.pronom_id:
            element.set(q(SIP, "FORMATREGISTRY"), "PRONOM")
            element.set(q(SIP, "FORMATREGISTRYKEY"), entry.pronom_id)
        location = sub(element, METS, "FLocat", LOCTYPE="URL")
        location.set(q(XLINK, "type"), "simple")
        location.set(q(XLINK, "href"), entry.href)
    return group_id
