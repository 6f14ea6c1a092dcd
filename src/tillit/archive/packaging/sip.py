"""build_sip: an E-ARK SIP 2.1 (FGS Paketstruktur 2.0) folder from a SipSpec, all or nothing."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from lxml import etree

from tillit.core.sanitise import clean_text

from .mets import Entry, MetsParts, mets_document
from .premis import PremisObject, premis_document
from .spec import PackageFile, Progress, SipSpec
from .xmlkit import DC, file_time, iso, sha256_hex, sub, write_xml

REPRESENTATION = "rep1"
# XML schemas of the metadata in every package (METS, XLink, the DILCIS extensions); the CITS
# ERMS schema is added when an ERMS document is delivered. PREMIS 3 and simple Dublin Core
# schemas are not bundled yet (see the package README).
SCHEMA_DIR = Path(__file__).with_name("schemas")
BASE_SCHEMAS = ("mets.xsd", "xlink.xsd", "DILCISExtensionMETS.xsd", "DILCISExtensionSIPMETS.xsd")
ERMS_SCHEMA = "ERMS_v3.xsd"
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$")


class PackagingError(Exception):
    """The spec cannot be turned into a package (bad path, missing file, duplicate)."""


def build_sip(
    spec: SipSpec, out_dir: str | os.PathLike[str], *, progress: Progress | None = None
) -> Path:
    """Write the package as out_dir/<package_id>/ and return that folder's path."""
    report = progress or (lambda stage, fraction: None)
    _check_spec(spec)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    final = out_dir / spec.package_id
    if final.exists():
        raise PackagingError(f"{final} already exists")
    # Built beside its final place and renamed at the end, so a half-written package never
    # carries the package's name.
    work = Path(tempfile.mkdtemp(prefix=f".{spec.package_id}.partial-", dir=out_dir))
    try:
        _build(spec, work, report)
        os.rename(work, final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    report("done", 1.0)
    return final


def _build(spec: SipSpec, root: Path, report: Progress) -> None:
    created = spec.created or datetime.now(UTC)
    rep_dir = root / "representations" / REPRESENTATION
    data_entries: list[Entry] = []
    objects: list[PremisObject] = []
    total = max(len(spec.files), 1)
    for number, item in enumerate(spec.files, start=1):
        report("copy", 0.7 * number / total)
        target = rep_dir / "data" / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(item.source, target)
        entry = _entry(f"file-{number:05d}", f"data/{item.path}", target, item, item.created)
        data_entries.append(entry)
        objects.append(
            PremisObject(
                identifier=f"representations/{REPRESENTATION}/data/{item.path}",
                size=entry.size,
                sha256=entry.sha256,
                media_type=item.media_type,
                format_name=item.format_name,
                format_version=item.format_version,
                pronom_id=item.pronom_id,
                original_name=item.path,
            )
        )
    report("metadata", 0.75)
    parts = MetsParts(objid=spec.package_id, label=spec.label)
    dc = write_xml(_dublin_core(spec, created), root / "metadata" / "descriptive" / "dc.xml")
    parts.descriptive.append((_meta_entry("dc", root, dc, "text/xml", created), "DC"))
    if spec.erms_xml is not None:
        erms = root / "metadata" / "descriptive" / "erms.xml"
        shutil.copy2(spec.erms_xml, erms)
        parts.descriptive.append((_meta_entry("erms", root, erms, "text/xml", created), "ERMS"))
    premis_root = premis_document(objects, list(spec.events), spec.software_name)
    premis = write_xml(premis_root, root / "metadata" / "preservation" / "premis.xml")
    parts.preservation.append(_meta_entry("premis", root, premis, "text/xml", created))
    readme = root / "documentation" / "README.txt"
    readme.parent.mkdir(parents=True, exist_ok=True)
    readme.write_text(clean_text(_readme(spec, created)), encoding="utf-8")
    parts.documentation.append(_meta_entry("readme", root, readme, "text/plain", created))
    for number, doc in enumerate(spec.extra_documentation, start=1):
        copy = root / "documentation" / doc.name
        shutil.copy2(doc, copy)
        media = "application/pdf" if doc.suffix.lower() == ".pdf" else "application/octet-stream"
        parts.documentation.append(_meta_entry(f"doc-{number}", root, copy, media, created))

    schemas = [*BASE_SCHEMAS, *([ERMS_SCHEMA] if spec.erms_xml is not None else [])]
    (root / "schemas").mkdir()
    for number, name in enumerate(schemas, start=1):
        copy = root / "schemas" / name
        shutil.copyfile(SCHEMA_DIR / name, copy)
        parts.schemas.append(
            _meta_entry(f"schema-{number}", root, copy, "application/xml", created)
        )

    report("mets", 0.85)
    rep_parts = MetsParts(objid=f"{spec.package_id}-{REPRESENTATION}", label=spec.label)
    rep_parts.data = data_entries
    # The representation carries its own fixity too, so it stays checkable if split off.
    rep_objects = [replace(o, identifier=o.identifier.split("/", 2)[2]) for o in objects]
    rep_premis = write_xml(
        premis_document(rep_objects, [], spec.software_name),
        rep_dir / "metadata" / "preservation" / "premis.xml",
    )
    rep_parts.preservation.append(
        _meta_entry("rep-premis", rep_dir, rep_premis, "text/xml", created)
    )
    rep_mets = write_xml(mets_document(spec, rep_parts, created), rep_dir / "METS.xml")
    rep_entry = _meta_entry(f"{REPRESENTATION}-mets", root, rep_mets, "text/xml", created)
    parts.representations[REPRESENTATION] = [rep_entry]
    write_xml(mets_document(spec, parts, created), root / "METS.xml")


def _entry(
    entry_id: str, href: str, path: Path, item: PackageFile, created: datetime | None
) -> Entry:
    return Entry(
        id=entry_id,
        href=href,
        media_type=item.media_type,
        size=path.stat().st_size,
        sha256=sha256_hex(path),
        created=created or file_time(item.source),
        format_name=item.format_name,
        format_version=item.format_version,
        pronom_id=item.pronom_id,
    )


def _meta_entry(name: str, root: Path, path: Path, media_type: str, created: datetime) -> Entry:
    return Entry(
        id=f"md-{name}",
        href=path.relative_to(root).as_posix(),
        media_type=media_type,
        size=path.stat().st_size,
        sha256=sha256_hex(path),
        created=created,
        **_XML_FORMATS.get(path.suffix.lower(), {}),
    )


_XML_FORMATS = {
    ".xml": {
        "format_name": "Extensible Markup Language",
        "format_version": "1.0",
        "pronom_id": "fmt/101",
    },
    ".xsd": {"format_name": "XML Schema Definition", "pronom_id": "x-fmt/280"},
    ".txt": {"format_name": "Plain Text File", "pronom_id": "x-fmt/111"},
}


def _dublin_core(spec: SipSpec, created: datetime) -> etree._Element:
    # Simple Dublin Core: an unqualified container holding dc: elements.
    root = etree.Element("metadata", nsmap={"dc": DC})
    sub(root, DC, "identifier", spec.package_id)
    sub(root, DC, "title", spec.label)
    sub(root, DC, "creator", f"{spec.creator.name} ({spec.creator.org_number})")
    sub(root, DC, "date", iso(created))
    sub(root, DC, "type", spec.content_category)
    sub(root, DC, "publisher", spec.software_name)
    return root


def _readme(spec: SipSpec, created: datetime) -> str:
    lines = [
        f"{spec.label}",
        "",
        f"Package: {spec.package_id}",
        f"Archive creator: {spec.creator.name}, organisation number {spec.creator.org_number}",
        f"Created: {iso(created)} by {spec.software_name} {spec.software_version}",
        "",
        "Structure: E-ARK CSIP 2.1.0 and E-ARK SIP 2.1.0 (FGS Paketstruktur 2.0).",
        "METS.xml lists every file with its SHA-256 checksum; metadata/preservation/premis.xml",
        "holds the same fixity and the events (capture, export, disposal) applied to the content.",
        f"The content is in representations/{REPRESENTATION}/data/:",
        "",
    ]
    lines += [f"  {item.path}  ({item.media_type})" for item in spec.files]
    return "\n".join(lines) + "\n"


def _check_spec(spec: SipSpec) -> None:
    if not _SAFE_ID.match(spec.package_id):
        raise PackagingError(f"package id {spec.package_id!r} is not a safe folder name")
    seen: set[str] = set()
    for item in spec.files:
        path = PurePosixPath(item.path)
        if path.is_absolute() or not path.parts or ".." in path.parts or "\\" in item.path:
            raise PackagingError(f"file path {item.path!r} must be relative and stay inside data/")
        if item.path in seen:
            raise PackagingError(f"file path {item.path!r} is listed twice")
        seen.add(item.path)
        if not Path(item.source).is_file():
            raise PackagingError(f"{item.source} is not a file")
    if spec.erms_xml is not None and not Path(spec.erms_xml).is_file():
        raise PackagingError(f"{spec.erms_xml} is not a file")
