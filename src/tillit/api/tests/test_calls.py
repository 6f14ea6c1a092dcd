"""The calls: the register, the queue and deciding, records, captures, reports, paging, limits."""

import pytest
from django.core.cache import cache

from tillit.audit.models import AuditEntry
from tillit.connectors.base import ItemKind
from tillit.inbox.models import ActionRequest
from tillit.moderation.models import Decision
from tillit.records.services.registration import dm_register
from tillit.records.tests.helpers import ingest

from .helpers import call, comment

pytestmark = pytest.mark.django_db


def test_channels_show_state_and_who_speaks(org, fb_channel, key_for):
    key = key_for(org["info_a"], "register:read")
    answer = call("GET", "/api/v1/channels/", key)
    assert answer.status_code == 200
    [row] = answer.json()["results"]
    assert row["id"] == str(fb_channel.public_id) and row["status"] == "active"
    assert row["connection_state"] is not None
    assert {m["person"] for m in row["mandates"]} == {"Staff 1", "Staff 2"}
    one = call("GET", f"/api/v1/channels/{fb_channel.public_id}/", key)
    assert one.json()["name"] == fb_channel.name
    # Another department's informatör sees neither the list row nor the channel.
    other = key_for(org["info_b"], "register:read")
    assert call("GET", "/api/v1/channels/", other).json()["results"] == []
    assert call("GET", f"/api/v1/channels/{fb_channel.public_id}/", other).status_code == 404


def test_items_with_proposals_and_a_decision_through_the_form_service(
    org, fb_channel, policy, key_for, tasks_held
):
    item = comment(fb_channel, "c1", "Du är en idiot")
    key = key_for(org["staff_1"], "queue:read", "decisions:write")
    listed = call("GET", "/api/v1/items/", key).json()["results"]
    assert [r["id"] for r in listed] == [item.pk]
    assert listed[0]["proposal"]["flagged"] is True and listed[0]["proposal"]["rules"]
    rule = listed[0]["proposal"]["rules"][0]
    answer = call(
        "POST",
        f"/api/v1/items/{item.pk}/decisions/",
        key,
        json={"kind": "hide", "rule": rule, "note": "Personangrepp", "seen_seq": 0},
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["kind"] == "hide" and body["rule"] == rule and body["decided_by"] == "Staff 1"
    decision = Decision.objects.get()
    assert ActionRequest.objects.filter(item=item).count() == 1
    entry = AuditEntry.objects.get(action="api.decision")
    assert entry.detail["key"] in key and entry.object_id == str(item.pk)
    # The same view of the item again is refused: someone (this key) decided meanwhile.
    again = call(
        "POST",
        f"/api/v1/items/{item.pk}/decisions/",
        key,
        json={"kind": "hide", "rule": rule, "seen_seq": 0},
        HTTP_ACCEPT_LANGUAGE="sv",
    )
    assert again.status_code == 409
    assert Decision.objects.count() == 1
    assert call("GET", "/api/v1/decisions/", key).json()["results"][0]["id"] == decision.pk


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"kind": "hide"}, "rule"),
        ({"kind": "nonsense"}, "kind"),
        ({"kind": "reply"}, "reply_text"),
        ({"kind": "hide", "rule": "R99"}, "rule"),
        ({"kind": "no_action", "note": "x" * 100_000}, "note"),
        ({"kind": ["hide"]}, "kind"),
        ({"kind": "no_action", "review_on": {"a": 1}}, "review_on"),
        ({}, "kind"),
    ],
)
def test_a_bad_decision_is_refused_with_the_field_and_nothing_recorded(
    org, fb_channel, policy, key_for, payload, field
):
    item = comment(fb_channel, "c1", "Hej")
    key = key_for(org["staff_1"], "decisions:write")
    answer = call(
        "POST", f"/api/v1/items/{item.pk}/decisions/", key, json=payload, HTTP_ACCEPT_LANGUAGE="sv"
    )
    assert answer.status_code == 400, answer.content
    assert field in answer.json()
    assert not Decision.objects.exists() and not AuditEntry.objects.filter(action="api.decision")


def test_deciding_outside_ones_channels_is_not_found(org, fb_channel, policy, key_for):
    item = comment(fb_channel, "c1", "Hej")
    key = key_for(org["info_b"], "queue:read", "decisions:write")
    assert call("GET", f"/api/v1/items/{item.pk}/", key).status_code == 404
    answer = call("POST", f"/api/v1/items/{item.pk}/decisions/", key, json={"kind": "no_action"})
    assert answer.status_code == 404 and not Decision.objects.exists()


def test_registrations_and_the_diarienummer_need_their_own_scopes(org, active_channel, key_for):
    item = ingest(active_channel, "Jag vill överklaga.", kind=ItemKind.DIRECT_MESSAGE)
    reg = dm_register(actor=org["registrar"], item=item, subject="Överklagande")
    reader = key_for(org["registrar"], "records:read")
    listing = call("GET", "/api/v1/records/registrations", reader).json()
    assert [r["id"] for r in listing["results"]] == [reg.pk]
    url = f"/api/v1/records/registrations/{reg.pk}"
    assert call("PATCH", url, reader, json={"reference": "KS 2026/7"}).status_code == 403
    writer = key_for(org["registrar"], "records:write")
    assert call("GET", url, writer).status_code == 403
    answer = call("PATCH", url, writer, json={"reference": "KS 2026/7"})
    assert answer.status_code == 200 and answer.json()["case"]["reference"] == "KS 2026/7"
    assert AuditEntry.objects.filter(action="api.registration_reference").count() == 1
    assert call("PATCH", url, writer, json={"reference": "x" * 500}).status_code == 400
    assert call("GET", "/api/v1/records/registrations?state=bogus", reader).status_code == 400
    # Someone who is not a registrar: not found, whatever the scopes.
    assert call("GET", url, key_for(org["staff_1"])).status_code == 404


def test_captures_are_listed_for_who_sees_the_channel(org, active_channel, key_for):
    from tillit.archive.services.captures import capture_request

    capture = capture_request(
        actor=org["archivist"], channel=active_channel, reason="scheduled", enqueue=False
    )
    key = key_for(org["archivist"], "records:read")
    rows = call("GET", "/api/v1/captures/", key).json()["results"]
    assert [r["id"] for r in rows] == [str(capture.public_id)]
    assert call("GET", f"/api/v1/captures/{capture.public_id}/", key).status_code == 200
    outsider = key_for(org["outsider"], "records:read")
    assert call("GET", f"/api/v1/captures/{capture.public_id}/", outsider).status_code == 404


def test_the_moderation_report_counts_what_happened(org, fb_channel, policy, key_for):
    from tillit.moderation.services.decisions import decision_make

    flagged = comment(fb_channel, "c1", "Du är en idiot")
    comment(fb_channel, "c2", "Vilka öppettider har biblioteket?")
    rule = flagged.assessment.rules[0]
    decision_make(actor=org["staff_1"], item=flagged, kind="hide", rule_code=rule)
    key = key_for(org["manager_a"], "reports:read")
    answer = call("GET", "/api/v1/reports/moderation?start=2026-11-01&end=2026-12-31", key)
    assert answer.status_code == 200, answer.content
    [row] = answer.json()["channels"]
    assert row["received"] == 2 and row["flagged"] == 1
    assert row["decisions"] == {"hide": 1} and row["median_hours_to_decision"] is not None
    assert (
        call("GET", "/api/v1/reports/moderation", key_for(org["info_b"])).json()["channels"] == []
    )
    for bad in ("start=2026-13-01", "start=0001-01-01", "start=2026-12-31&end=2026-01-01"):
        assert call("GET", f"/api/v1/reports/moderation?{bad}", key).status_code == 400


def test_cursor_pages_cover_every_item_once(org, fb_channel, policy, key_for):
    ids = {comment(fb_channel, f"c{n}", f"Fråga nummer {n}").pk for n in range(7)}
    key = key_for(org["staff_1"], "queue:read")
    seen, url, pages = [], "/api/v1/items/?page_size=3", 0
    while url:
        body = call("GET", url, key).json()
        seen += [r["id"] for r in body["results"]]
        url, pages = body["next"], pages + 1
    assert sorted(seen) == sorted(ids) and pages == 3
    assert call("GET", "/api/v1/items/?cursor=not-a-cursor", key).status_code == 404


def test_each_key_has_its_own_rate_limit(org, fb_channel, key_for, settings):
    settings.TILLIT_API_RATE = "3/minute"
    cache.clear()
    first, second = key_for(org["info_a"]), key_for(org["manager_a"])
    answers = [call("GET", "/api/v1/channels/", first).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    limited = call("GET", "/api/v1/channels/", first, HTTP_ACCEPT_LANGUAGE="sv")
    assert "Retry-After" in limited and limited.json()["detail"]
    assert call("GET", "/api/v1/channels/", second).status_code == 200


def test_a_browser_session_reads_with_the_persons_roles(org, fb_channel, client):
    from tillit.testing import PASSWORD

    client.login(username="info_a", password=PASSWORD)
    assert client.get("/api/v1/channels/").status_code == 200
    # Writes from a session still need the CSRF token, as the pages do.
    csrf_client = type(client)(enforce_csrf_checks=True)
    csrf_client.login(username="staff_1", password=PASSWORD)
    answer = csrf_client.post("/api/v1/items/1/decisions/", {"kind": "no_action"})
    assert answer.status_code == 403
