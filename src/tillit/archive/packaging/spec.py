"""What the caller says a submission package should hold; plain dataclasses, no Django."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class Organisation:
    """The archive creator (arkivbildare): name and Swedish organisation number."""

    name: str
    org_number: str  # e.g. "212000-2627"; written as "ORG:<number>" identification code


@dataclass(frozen=True)
class PackageFile:
    """A file to deliver: where it is now, where it goes under representations/rep1/data/."""

    source: Path
    path: str  # relative, forward slashes, e.g. "captures/2025-06-01/screenshot.png"
    media_type: str
    # Format identification for sip:FILEFORMAT* attributes; PRONOM keys where known.
    format_name: str | None = None
    format_version: str | None = None
    pronom_id: str | None = None
    created: datetime | None = None  # defaults to the file's modification time


@dataclass(frozen=True)
class PremisEvent:
    """Something done to the content, recorded as a PREMIS event (capture, export, disposal)."""

    event_type: str  # e.g. "capture", "export", "disposal", "registration"
    date_time: datetime
    detail: str
    outcome: str = "success"
    agent_name: str = ""  # the person or software that did it
    agent_type: str = "software"  # "person", "organization" or "software"
    files: Sequence[str] = ()  # PackageFile.path values the event concerns; empty = all


@dataclass(frozen=True)
class SipSpec:
    """Everything build_sip needs to write one E-ARK SIP 2.1 / FGS Paketstruktur 2.0 package."""

    package_id: str  # METS OBJID and the package folder name; unique, no slashes
    label: str
    creator: Organisation
    files: Sequence[PackageFile]
    events: Sequence[PremisEvent] = ()
    erms_xml: Path | None = None  # a CITS ERMS document, delivered as descriptive metadata
    # Content category (CSIP vocabulary), e.g. "Websites" for page captures.
    content_category: str = "Mixed"
    submission_agreement: str | None = None
    archivist: Organisation | None = None  # the receiving archive, when known
    software_name: str = "Tillit"
    software_version: str = "0.1.0"
    created: datetime | None = None
    extra_documentation: Sequence[Path] = field(default_factory=tuple)
