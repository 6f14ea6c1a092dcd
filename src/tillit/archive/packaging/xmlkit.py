"""XML namespaces and small lxml helpers shared by the METS and PREMIS writers."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from tillit.core.sanitise import xml_text

METS = "http://www.loc.gov/METS/"
XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
CSIP = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
SIP = "https://DILCIS.eu/XML/METS/SIPExtensionMETS"
PREMIS = "http://www.loc.gov/premis/v3"
DC = "http://purl.org/dc/elements/1.1/"


def q(namespace: str, name: str) -> str:
    """Clark notation {namespace}name for lxml."""
    return f"{{{namespace}}}{name}"


def sub(parent: etree._Element, namespace: str, name: str, text=None, **attrs) -> etree._Element:
    """Append a child element with optional text and attributes (None skipped, text sanitised)."""
    element = etree.SubElement(parent, q(namespace, name))
    for key, value in attrs.items():
        if value is not None:
            element.set(key, xml_text(value))
    if text is not None:
        element.text = xml_text(text)
    return element


def write_xml(root: etree._Element, path: Path) -> Path:
    """Write root as pretty, UTF-8 XML with a declaration."""
    path.parent.mkdir(parents=True, exist_ok=True)
    etree.ElementTree(root).write(
        str(path), xml_declaration=True, encoding="UTF-8", pretty_print=True
    )
    return path


def sha256_hex(path: Path) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def iso(moment: datetime) -> str:
    """xs:dateTime in UTC with an explicit offset; naive values are taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def file_time(path: Path) -> datetime:
    """A file's modification time as an aware UTC datetime."""
    return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
