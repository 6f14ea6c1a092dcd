"""build_sip writes an E-ARK SIP 2.1 / FGS Paketstruktur 2.0 package that eark-validator accepts."""

from datetime import UTC, datetime
from hashlib import sha256

import pytest
from lxml import etree

from tillit.archive.packaging import (
    Organisation,
    PackageFile,
    PackagingError,
    PremisEvent,
    SipSpec,
    build_sip,
)

from . import eark

NS = {
    "mets": "http://www.loc.gov/METS/",
    "xlink": "http://www.w3.org/1999/xlink",
    "premis": "http://www.loc.gov/premis/v3",
}
# eark-validator 1.1.3 asserts SIP14 on every note of every CREATOR agent with an unqualified
# NOTETYPE attribute that the METS schema forbids, while CSIP15/16 require the software agent's
# single note to carry csip:NOTETYPE="SOFTWARE VERSION". No package can satisfy both, the
# DILCIS examples included, so this one rule is expected; every other error fails the test.
KNOWN_VALIDATOR_FALSE_POSITIVES = {"SIP14"}
WHEN = datetime(2025, 6, 1, 10, 30, tzinfo=UTC)


@pytest.fixture
def spec(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    (source / "screenshot.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    (source / "capture.warc.gz").write_bytes(b"warc bytes")
    (source / "comment.json").write_text('{"text": "Hej"}', encoding="utf-8")
    (source / "erms.xml").write_text("<erms/>", encoding="utf-8")
    return SipSpec(
        package_id="tillit-2025-000123",
        label="Piteå kommun, Facebook: capture 2025-06-01",
        creator=Organisation("Piteå kommun", "212000-2742"),
        files=[
            PackageFile(
                source / "screenshot.png",
                "capture/screenshot.png",
                "image/png",
                "Portable Network Graphics",
                "1.0",
                "fmt/11",
            ),
            PackageFile(
                source / "capture.warc.gz",
                "capture/capture.warc.gz",
                "application/warc",
                "WARC",
                "1.1",
                "fmt/1355",
            ),
            PackageFile(
                source / "comment.json",
                "items/comment-1.json",
                "application/json",
                "JSON Data Interchange Format",
                None,
                "fmt/817",
            ),
        ],
        events=[
            PremisEvent(
                "capture",
                WHEN,
                "Scheduled six-monthly capture (R22)",
                files=["capture/screenshot.png", "capture/capture.warc.gz"],
            ),
            PremisEvent(
                "disposal",
                WHEN,
                "Comment deleted on the platform after capture",
                agent_name="Anna Andersson",
                agent_type="person",
                files=["items/comment-1.json"],
            ),
            PremisEvent("export", WHEN, "Delivered to the e-archive"),
        ],
        erms_xml=source / "erms.xml",
        content_category="Websites",
        created=WHEN,
    )


def test_package_passes_eark_validator(spec, tmp_path):
    package = build_sip(spec, tmp_path / "out")
    report = eark.validate(package)
    assert report["structure"]["status"] == "WellFormed"
    assert report["metadata"]["schema_results"]["status"] == "VALID"
    errors = [
        p
        for p in eark.problems(report)
        if p.split()[1].rstrip(":") not in KNOWN_VALIDATOR_FALSE_POSITIVES
    ]
    assert errors == []
    assert report["package"]["details"]["oaispackagetype"] == "SIP"


def test_layout_and_fixity(spec, tmp_path):
    progress = []
    package = build_sip(spec, tmp_path / "out", progress=lambda s, f: progress.append(f))
    assert package.name == "tillit-2025-000123"
    for path in (
        "METS.xml",
        "metadata/descriptive/dc.xml",
        "metadata/descriptive/erms.xml",
        "metadata/preservation/premis.xml",
        "representations/rep1/METS.xml",
        "representations/rep1/data/capture/screenshot.png",
        "representations/rep1/data/items/comment-1.json",
        "schemas/mets.xsd",
        "schemas/ERMS_v3.xsd",
        "documentation/README.txt",
    ):
        assert (package / path).is_file(), path
    rep = etree.parse(str(package / "representations/rep1/METS.xml"))
    for file in rep.iterfind(".//mets:file", NS):
        href = file.find("mets:FLocat", NS).get(f"{{{NS['xlink']}}}href")
        data = (package / "representations/rep1" / href).read_bytes()
        assert file.get("CHECKSUM") == sha256(data).hexdigest()
        assert file.get("CHECKSUMTYPE") == "SHA-256" and int(file.get("SIZE")) == len(data)
    root = etree.parse(str(package / "METS.xml"))
    assert root.getroot().get("OBJID") == "tillit-2025-000123"
    assert root.find(".//mets:agent[@ROLE='ARCHIVIST']/mets:note", NS).text == "ORG:212000-2742"
    assert progress[-1] == 1.0 and progress == sorted(progress)


def test_premis_has_fixity_and_events(spec, tmp_path):
    package = build_sip(spec, tmp_path / "out")
    premis = etree.parse(str(package / "metadata/preservation/premis.xml"))
    digests = {
        o.findtext(".//premis:objectIdentifierValue", namespaces=NS): o.findtext(
            ".//premis:messageDigest", namespaces=NS
        )
        for o in premis.iterfind("premis:object", NS)
    }
    path = "representations/rep1/data/items/comment-1.json"
    assert digests[path] == sha256((package / path).read_bytes()).hexdigest()
    events = {
        e.findtext("premis:eventType", namespaces=NS): e
        for e in premis.iterfind("premis:event", NS)
    }
    assert set(events) == {"capture", "disposal", "export"}
    linked = [
        v.text for v in events["disposal"].iterfind(".//premis:linkingObjectIdentifierValue", NS)
    ]
    assert linked == [path]
    agents = [
        a.findtext("premis:agentName", namespaces=NS) for a in premis.iterfind("premis:agent", NS)
    ]
    assert "Anna Andersson" in agents and "Tillit" in agents


@pytest.mark.parametrize("bad", ["../escape.txt", "/abs.txt", "a/../../b.txt"])
def test_paths_cannot_escape_the_data_folder(spec, tmp_path, bad):
    first = spec.files[0]
    broken = SipSpec(**{**spec.__dict__, "files": [PackageFile(first.source, bad, "text/plain")]})
    with pytest.raises(PackagingError, match="relative"):
        build_sip(broken, tmp_path / "out")


def test_failure_leaves_no_package(spec, tmp_path, monkeypatch):
    import tillit.archive.packaging.sip as sip

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sip, "write_xml", broken)
    with pytest.raises(OSError):
        build_sip(spec, tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []


def test_existing_package_is_not_overwritten(spec, tmp_path):
    build_sip(spec, tmp_path / "out")
    with pytest.raises(PackagingError, match="already exists"):
        build_sip(spec, tmp_path / "out")
