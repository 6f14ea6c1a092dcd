"""The audit trail's pages: who reaches them, what the filters pick, paging, an object's
history, the export and the chain's verification."""

import csv
import io
import re
from datetime import UTC, datetime

import pytest
from django.db import connection, transaction
from freezegun import freeze_time

from tillit.access.actor import OPERATOR, SCHEDULER
from tillit.audit.models import AuditEntry
from tillit.audit.services import audit_record
from tillit.core.sanitise import BOM
from tillit.organisation.services import person_create
from tillit.testing import PASSWORD

pytestmark = pytest.mark.django_db

LIST = "/granskningslogg/"
EXPORT = "/granskningslogg/export.csv"
VERIFY = "/granskningslogg/verifiera/"
READERS = {"admin", "auditor"}


def _signed_in(client, username: str):
    assert client.login(username=username, password=PASSWORD)
    return client


def _record(action: str, *, actor=None, object_type="x.thing", object_id="1", detail=None):
    with transaction.atomic():
        return audit_record(
            actor=actor or SCHEDULER,
            action=action,
            object_type=object_type,
            object_id=object_id,
            detail=detail or {},
        )


def _seqs(page) -> list[int]:
    """The sequence numbers of the rows on a list page, in the order shown."""
    return [int(n) for n in re.findall(r'<tr id="entry-(\d+)"', page.content.decode())]


def _text(page) -> str:
    return page.content.decode()


@pytest.mark.parametrize(
    "username",
    [
        "admin",
        "auditor",
        "manager_a",
        "manager_b",
        "info_a",
        "info_b",
        "webmaster",
        "registrar",
        "archivist",
        "staff_1",
        "staff_2",
        "outsider",
    ],
)
def test_only_the_organisation_administrator_and_the_auditor_reach_the_trail(
    client, org, active_channel, username
):
    _signed_in(client, username)
    expected = 200 if username in READERS else 404
    assert client.get(LIST).status_code == expected
    history = f"/granskningslogg/objekt/channels.channel/{active_channel.pk}/"
    assert client.get(history).status_code == expected
    exported = client.post(EXPORT, {})
    assert exported.status_code == expected
    verified = client.post(VERIFY)
    assert verified.status_code == (302 if username in READERS else 404)
    # Nobody else leaves a trace: neither an export nor a verification is recorded for them.
    mine = AuditEntry.objects.filter(actor_id=org[username].pk, action__startswith="audit.")
    assert mine.count() == (2 if username in READERS else 0)
    # The menu offers the trail to exactly those it answers.
    home = client.get("/")
    assert ('href="/granskningslogg/"' in _text(home)) == (username in READERS)


def test_someone_not_signed_in_is_sent_to_sign_in(client, org):
    page = client.get(LIST)
    assert page.status_code == 302 and "/konto/logga-in/" in page["Location"]
    assert client.post(EXPORT).status_code == 302
    assert not AuditEntry.objects.filter(action="audit.exported").exists()


def test_the_trail_is_in_swedish_newest_first_with_labels_links_and_seals(
    client, org, active_channel
):
    page = _signed_in(client, "auditor").get(LIST)
    text = _text(page)
    assert "Granskningslogg" in text and "Kanal skapad" in text and "Kanal godkänd" in text
    assert "Driftansvarig (kommandorad)" in text
    seqs = _seqs(page)
    assert seqs == sorted(seqs, reverse=True) and seqs[0] == AuditEntry.objects.count()
    # The object links to its history and to the channel's own page, which the auditor sees.
    assert f"/granskningslogg/objekt/channels.channel/{active_channel.pk}/" in text
    assert f"/register/{active_channel.public_id}/" in text
    assert text.count(">Hel<") >= len(seqs)
    # Times are local (Europe/Stockholm) and machine-readable.
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d">', text)


def test_every_link_on_the_page_opens_for_its_reader(client, org, active_channel):
    for username in READERS:
        page = _signed_in(client, username).get(LIST)
        links = set(re.findall(r'<td>.*?href="([^"]+)"', _text(page)))
        links |= set(re.findall(r'<br><a href="([^"]+)"', _text(page)))
        assert links, username
        for href in links:
            assert client.get(href.replace("&amp;", "&")).status_code == 200, (username, href)


def test_a_person_page_is_linked_only_for_the_administrator(client, org):
    person_page = f'href="/organisation/personer/{org["staff_1"].pk}/"'
    assert person_page in _text(_signed_in(client, "admin").get(LIST + "?action=person.create"))
    assert person_page not in _text(
        _signed_in(client, "auditor").get(LIST + "?action=person.create")
    )


def test_filters_pick_who_what_object_and_period(client, org, active_channel):
    staff = org["staff_1"]
    with freeze_time(datetime(2026, 1, 15, 23, 30, tzinfo=UTC)):  # 00:30 on the 16th in Sweden
        late = _record("channel.update", actor=staff, object_type="channels.channel")
    with freeze_time(datetime(2026, 1, 15, 10, 0, tzinfo=UTC)):
        early = _record("retention.hold_place", actor=staff, object_id="7")
    _signed_in(client, "auditor")
    by_person = _seqs(client.get(LIST, {"who": f"person:{staff.pk}"}))
    # Newest first means in the order recorded (by number), whatever the clock said.
    assert by_person == [early.seq, late.seq]
    by_system = _seqs(client.get(LIST, {"who": "system:operator"}))
    assert by_system and all(
        AuditEntry.objects.get(seq=s).actor_label == "operator" for s in by_system
    )
    assert _seqs(client.get(LIST, {"who_text": "staff  1"})) == [early.seq, late.seq]
    assert _seqs(client.get(LIST, {"action": "retention.hold_place"})) == [early.seq]
    # A kind the labels do not know can still be picked (its history links lead here).
    assert _seqs(client.get(LIST, {"object_type": "x.thing", "object_id": "7"})) == [early.seq]
    assert _seqs(client.get(LIST, {"object_type": "x.thing", "object_id": "1"})) == []
    assert late.seq in _seqs(client.get(LIST, {"object_type": "channels.channel"}))
    # Days are Swedish days: 23:30 UTC on the 15th is on the 16th here.
    assert _seqs(client.get(LIST, {"date_from": "2026-01-16", "date_to": "2026-01-16"})) == [
        late.seq
    ]
    assert _seqs(client.get(LIST, {"date_from": "2026-01-15", "date_to": "2026-01-15"})) == [
        early.seq
    ]
    # A period in the future is fine, and empty.
    future = client.get(LIST, {"date_from": "2999-01-01"})
    assert future.status_code == 200 and _seqs(future) == [] and "Inga poster." in _text(future)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"date_from": "2026-02-01", "date_to": "2026-01-31"}, "Perioden slutar innan den börjar"),
        ({"date_from": "2026-13-40"}, "Skriv datumet som år-månad-dag"),
        ({"date_to": "0001-01-01"}, "Ange ett datum mellan"),
        ({"object_id": "12"}, "Välj vilken typ av objekt id:t hör till"),
        ({"action": "'; DROP TABLE x"}, "Välj ett giltigt alternativ"),
        ({"who": "person:999999"}, "Välj ett giltigt alternativ"),
        ({"who_text": "x" * 201}, "som mest 200 tecken"),
    ],
)
def test_bad_filters_are_refused_in_swedish_not_with_an_error(client, org, query, message):
    page = _signed_in(client, "auditor").get(LIST, query)
    assert page.status_code == 200
    assert message in _text(page) and 'class="error-summary"' in _text(page)
    assert _seqs(page) == []
    refused = client.post(EXPORT, query)
    assert refused.status_code == 400 and message in _text(refused)
    assert not AuditEntry.objects.filter(action="audit.exported").exists()


def test_pages_run_by_sequence_number_both_ways(client, org):
    for i in range(120):
        _record("channel.update", object_id=str(i))
    newest = AuditEntry.objects.count()
    _signed_in(client, "auditor")
    first = client.get(LIST, {"action": "channel.update"})
    assert _seqs(first) == list(range(newest, newest - 50, -1))
    assert "Nyare poster" not in _text(first)
    second = client.get(LIST, {"action": "channel.update", "before": newest - 49})
    assert _seqs(second) == list(range(newest - 50, newest - 100, -1))
    third = client.get(LIST, {"action": "channel.update", "before": newest - 99})
    assert len(_seqs(third)) == 20 and "Äldre poster" not in _text(third)
    back = client.get(LIST, {"action": "channel.update", "after": newest - 50})
    assert _seqs(back) == _seqs(first)
    # The filters travel with the page links; a position that is no number is ignored.
    assert "action=channel.update&amp;before=" in _text(first)
    assert _seqs(client.get(LIST, {"before": "abc"})) == _seqs(client.get(LIST))


def test_an_object_history_is_oldest_first_with_its_detail_escaped_and_bounded(client, org):
    hostile = "<script>alert(1)</script>"
    _record("channel.create", object_id="42", detail={"name": hostile, "long": "å" * 5000})
    _record("channel.update", object_id="42", detail={"nested": {"a": [1, 2]}, "n": 3})
    _record("channel.update", object_id="43")
    page = _signed_in(client, "admin").get("/granskningslogg/objekt/x.thing/42/")
    text = _text(page)
    assert page.status_code == 200
    entries = AuditEntry.objects.filter(object_id="42").order_by("seq")
    assert _seqs(page) == [e.seq for e in entries]
    assert hostile not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "å" * 599 + "…" in text and "å" * 601 not in text
    assert "{&quot;a&quot;: [1, 2]}" in text
    # A kind the trail has no page for still has its history; an id too long has none.
    assert client.get("/granskningslogg/objekt/x.thing/" + "9" * 65 + "/").status_code == 404


def test_the_export_is_the_filtered_period_as_swedish_csv_and_is_itself_recorded(
    client, org, active_channel
):
    formula = person_create(
        actor=OPERATOR, username="f", name="=HYPERLINK(1)", email="f@example.se"
    )
    _record("channel.update", actor=formula, object_type="channels.channel", detail={"a": "å"})
    through = AuditEntry.objects.count()
    response = _signed_in(client, "auditor").post(EXPORT, {"action": "channel.update"})
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="granskningslogg.csv"'
    body = b"".join(response).decode("utf-8")
    assert body.startswith(BOM)
    rows = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
    assert rows[0][:6] == ["Nummer", "Tid", "Vem", "Person-id", "Händelsekod", "Vad"]
    assert "Föregående försegling" in rows[0]
    (row,) = rows[1:]
    entry = AuditEntry.objects.get(seq=int(row[0]))
    assert row[4:9] == ["channel.update", "Kanal ändrad", "channels.channel", "Kanal", "1"]
    assert row[2] == "'=HYPERLINK(1)"  # a spreadsheet never runs it
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+0[12]:00", row[1])
    assert row[9] == '{"a": "å"}' and row[10:12] == [entry.hash, entry.prev_hash]
    # The export is an entry of its own, after everything it holds.
    recorded = AuditEntry.objects.get(action="audit.exported")
    assert recorded.actor_id == org["auditor"].pk and recorded.seq == through + 1
    assert recorded.detail == {
        "filters": {"action": "channel.update"},
        "through_seq": through,
        "count": 1,
    }


def test_an_export_of_a_period_is_named_for_it(client, org):
    response = _signed_in(client, "admin").post(
        EXPORT, {"date_from": "2026-01-01", "date_to": "2026-03-31"}
    )
    disposition = response["Content-Disposition"]
    assert disposition == 'attachment; filename="granskningslogg_2026-01-01_2026-03-31.csv"'


def test_the_chain_is_verified_on_request_never_on_a_page_view(client, org, monkeypatch):
    from tillit.audit import services

    def no_walk_here(*args, **kwargs):
        raise AssertionError("the whole chain must not be walked by a page view")

    _signed_in(client, "auditor")
    before = AuditEntry.objects.count()
    with monkeypatch.context() as patched:
        patched.setattr(services, "audit_verify", no_walk_here)
        page = client.get(LIST)
    assert "Hela kedjan har inte kontrollerats" in _text(page)
    done = client.post(VERIFY, follow=True)
    text = _text(done)
    assert "Kedjan har kontrollerats" in text
    assert ">Hel<" in text and f"Alla {before} poster kontrollerade" in text
    verified = AuditEntry.objects.get(action="audit.verified")
    assert verified.detail["ok"] is True and verified.detail["checked"] == verified.seq - 1
    assert verified.actor_id == org["auditor"].pk and verified.detail["seconds"] >= 0


def test_a_broken_chain_is_named_in_swedish_with_its_first_broken_entry(client, org):
    victim = _record("channel.update", detail={"name": "Original"})
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE audit_auditentry SET detail = %s WHERE seq = %s", ['{"name": "X"}', victim.seq]
        )
    text = _text(_signed_in(client, "admin").post(VERIFY, follow=True))
    assert f"Bruten vid post #{victim.seq}." in text
    assert "Innehållet stämmer inte med förseglingen" in text
    assert f"?before={victim.seq + 1}" in text
    # The row of the changed entry says so on the page too (its own seal is checked).
    row = re.search(rf'<tr id="entry-{victim.seq}">.*?</tr>', text, re.S)
    assert row and ">Bruten<" in row.group(0)


def test_a_forged_verification_result_is_not_shown_as_one(client, org):
    _signed_in(client, "auditor").post(VERIFY)
    verified = AuditEntry.objects.get(action="audit.verified")
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE audit_auditentry SET detail = %s WHERE seq = %s",
            ['{"ok": true, "checked": 999999}', verified.seq],
        )
    text = _text(client.get(LIST))
    assert "stämmer inte med sin egen försegling" in text
    assert "999999" not in text
