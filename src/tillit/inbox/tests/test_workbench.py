"""The queue as a workbench: Swedish search, assignment with a notice, saved filters, live notice."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone, translation

from tillit.access.actor import actor_for
from tillit.audit.models import AuditEntry
from tillit.connectors.base import Author, InboundItem, ItemKind
from tillit.core import textsearch
from tillit.core.exceptions import NotFound
from tillit.inbox.models import Item, SavedFilter
from tillit.inbox.selectors import queue_page
from tillit.inbox.services.ingest import ingest_items
from tillit.inbox.services.workbench import item_assign, saved_filter_delete, saved_filter_save
from tillit.organisation.models import Notice
from tillit.testing import PASSWORD

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 11, 2, 9, tzinfo=UTC)


def put(channel, texts, *, thread="", kind=ItemKind.COMMENT, start=0):
    ingest_items(
        channel=channel,
        items=[
            InboundItem(
                platform_id=f"w{start + i}",
                kind=kind,
                is_public=True,
                text=text,
                author=Author(f"u{start + i}", f"Person {start + i}"),
                received_at=T0 + timedelta(minutes=start + i),
                raw={},
                thread_platform_id=thread or None,
                parent_platform_id=thread or None,
            )
            for i, text in enumerate(texts)
        ],
    )
    return list(Item.objects.filter(platform_id__in=[f"w{start + i}" for i in range(len(texts))]))


def client_for(username):
    client = Client()
    client.login(username=username, password=PASSWORD)
    return client


def found(org, text, **filters):
    return {i.text for i in queue_page(actor_for(org["staff_1"]), text=text, **filters).items}


def test_query_building_is_shared_and_stems_swedish():
    assert textsearch.stem("hotet") == "hot"
    assert textsearch.stem("kommunens") == "kommun"
    assert textsearch.stem("ser") == "ser"  # too short to cut
    assert textsearch.fts5_query('hotet "OR* NEAR(') == '"hot"* "or"* "near"*'
    assert "'kommunens' | 'kommun':*" in textsearch.pg_tsquery("Kommunens")
    assert len(textsearch.words("ord " * 500)) == textsearch.MAX_WORDS


def test_search_finds_inflected_swedish_words(org, fb_channel):
    put(
        fb_channel,
        [
            "Det här är ett hot mot er",
            "Kommun och region svarar",
            "Vi far till stan",
            "Trevlig helg",
        ],
    )
    assert found(org, "hotet") == {"Det här är ett hot mot er"}
    assert found(org, "kommunens") == {"Kommun och region svarar"}
    # Diacritics are letters in Swedish: "får" is not "far".
    assert found(org, "får") == set()
    assert found(org, "Person 3") == {"Trevlig helg"}  # the sender as displayed
    assert found(org, "!!! ''") == set()  # no words: nothing, not everything
    page = client_for("staff_1").get("/inkorg/?q=hotet").content.decode()
    assert "ett hot mot er" in page and "Trevlig helg" not in page


def test_a_filter_that_cannot_be_used_is_said_not_dropped(org, fb_channel):
    put(fb_channel, ["Trevlig helg"])
    with translation.override("sv"):
        page = client_for("staff_1").get("/inkorg/?q=" + "ö" * 500).content.decode()
    # The queue is shown, and the person is told why the search did not apply.
    assert 'role="alert"' in page and "Sök" in page and "300" in page
    assert "Trevlig helg" in page


def test_search_follows_edits_and_respects_mandates(org, fb_channel):
    put(fb_channel, ["Första texten"])
    put(fb_channel, ["Andra texten om bygglovet"], start=0)  # an edit of w0
    assert found(org, "bygglov") == {"Andra texten om bygglovet"}
    assert found(org, "första") == set()
    assert queue_page(actor_for(org["outsider"]), text="bygglov").items == []


def test_assign_item_and_thread_with_notice_and_audit(org, fb_channel):
    post = put(fb_channel, ["Inlägget"], kind=ItemKind.OWN_POST)[0]
    replies = put(fb_channel, ["Svar ett", "Svar två"], thread=post.platform_id, start=1)
    changed = item_assign(
        actor=actor_for(org["staff_1"]), item=replies[0], person=org["staff_2"], whole_thread=True
    )
    assert changed == 3
    assert set(Item.objects.filter(assigned_to=org["staff_2"]).values_list("pk", flat=True)) == {
        post.pk,
        *(r.pk for r in replies),
    }
    notice = Notice.objects.filter(person=org["staff_2"]).latest("pk")
    assert f"/inkorg/{replies[0].pk}/" == notice.url
    assert AuditEntry.objects.filter(action="inbox.assign", object_id=str(replies[0].pk)).exists()
    mine = queue_page(actor_for(org["staff_2"]), assigned_to_id=org["staff_2"].pk)
    assert {i.pk for i in mine.items} == {r.pk for r in replies}  # the own post is not queued
    page = client_for("staff_2").get("/inkorg/?mine=1").content.decode()
    assert "Tilldelad" in page and org["staff_2"].name in page and "Tilldelade mig" in page


def test_assign_only_to_mandate_holders_and_only_by_moderators(org, fb_channel):
    item = put(fb_channel, ["Hej"])[0]
    with pytest.raises(ValidationError):
        item_assign(actor=actor_for(org["staff_1"]), item=item, person=org["outsider"])
    with pytest.raises(NotFound):
        item_assign(actor=actor_for(org["outsider"]), item=item, person=org["staff_1"])
    response = client_for("staff_1").post(
        f"/inkorg/{item.pk}/tilldela/", {"person": org["outsider"].pk}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.assigned_to is None
    client_for("staff_1").post(f"/inkorg/{item.pk}/tilldela/", {"person": org["staff_2"].pk})
    item.refresh_from_db()
    assert item.assigned_to == org["staff_2"]
    page = client_for("staff_1").get(f"/inkorg/{item.pk}/").content.decode()
    assert "Tilldelad" in page and 'data-shortcut="assign"' in page


def test_saved_filters_are_the_persons_own(org, fb_channel):
    client = client_for("staff_1")
    response = client.post(
        "/inkorg/filter/",
        {"name": "Mina hot", "q": "hot", "kind": "comment", "mine": "on", "bogus": "x"},
    )
    assert response.status_code == 302
    saved = SavedFilter.objects.get(person=org["staff_1"])
    assert saved.query == "q=hot&kind=comment&mine=1"
    assert "Mina hot" in client.get("/inkorg/").content.decode()
    assert "Mina hot" not in client_for("staff_2").get("/inkorg/").content.decode()
    # Someone else's filter is not found, and stays.
    assert client_for("staff_2").post(f"/inkorg/filter/{saved.pk}/radera/").status_code == 404
    with pytest.raises(NotFound):
        saved_filter_delete(actor=actor_for(org["staff_2"]), saved=saved)
    with pytest.raises(ValidationError):
        saved_filter_save(actor=actor_for(org["staff_1"]), name="  ", query="")
    client.post(f"/inkorg/filter/{saved.pk}/radera/")
    assert not SavedFilter.objects.exists()


def test_live_notice_counts_new_items_and_is_quiet_otherwise(org, fb_channel):
    client = client_for("staff_1")
    since = timezone.now().isoformat()
    assert client.get("/inkorg/nytt/", {"since": since}).status_code == 204
    assert client.get("/inkorg/nytt/", {"since": "garbage"}).status_code == 400
    put(fb_channel, ["Ny kommentar", "En till"])
    response = client.get("/inkorg/nytt/", {"since": since, "seen": "0"})
    assert response.status_code == 200
    assert "2 nya" in response.content.decode()
    assert client.get("/inkorg/nytt/", {"since": since, "seen": "2"}).status_code == 204
    assert (
        client.get("/inkorg/nytt/", {"since": since, "q": "kommentar"}).content.count(b"1 nytt")
        == 1
    )
    assert client_for("outsider").get("/inkorg/nytt/", {"since": since}).status_code == 204


def test_queue_page_is_rows_with_skip_link_and_live_region(org, fb_channel):
    put(fb_channel, ["Hej <b>där</b>"])
    page = client_for("staff_1").get("/inkorg/").content.decode()
    assert "<table" not in page
    assert 'href="#queue-list"' in page and 'id="queue-list"' in page
    assert 'aria-live="polite"' in page and 'hx-trigger="every 15s"' in page
    assert "htmx.min.js" in page and "workbench.js" in page
    assert "<b>där</b>" not in page
