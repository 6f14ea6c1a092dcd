"""The item page as a moderator's workbench: the thread and post around an item, the sender's
history (R16), a direct message's sender and registration, and replies checked against the
platform's limit and the channel's signature rule (R12) with the typed text kept."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tillit.connectors.base import Author, InboundItem, ItemKind
from tillit.inbox.models import ActionRequest, Item
from tillit.inbox.selectors import THREAD_WINDOW
from tillit.inbox.services.ingest import ingest_items
from tillit.testing import PASSWORD

from .conftest import PAGE_ID

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 11, 1, 9, tzinfo=UTC)
POST = f"{PAGE_ID}_1000"


def client_for(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def inbound(pid, text, *, minute=0, kind=ItemKind.COMMENT, author=("u1", "Anna Lindberg"), **kw):
    return InboundItem(
        platform_id=pid,
        kind=kind,
        is_public=kind != ItemKind.DIRECT_MESSAGE,
        text=text,
        author=Author(*author),
        received_at=T0 + timedelta(minutes=minute),
        raw={},
        **kw,
    )


def thread(channel, n: int) -> list[Item]:
    """The page's own post and n comments on it, the third a reply to the second."""
    items = [
        inbound(POST, "Öppet hus på lördag", kind=ItemKind.OWN_POST, author=(PAGE_ID, "Kommunen"))
    ]
    for i in range(n):
        parent = f"c{i - 1}" if i == 2 else POST
        items.append(
            inbound(
                f"c{i}",
                f"Kommentar nummer {i}",
                minute=i + 1,
                author=(f"u{i}", f"Person {i}"),
                parent_platform_id=parent,
                thread_platform_id=POST,
            )
        )
    ingest_items(channel=channel, items=items, own_account_id=PAGE_ID)
    return list(Item.objects.filter(channel=channel).order_by("received_at", "pk"))


def page(client, item, query=""):
    response = client.get(f"/inkorg/{item.pk}/{query}")
    assert response.status_code == 200
    return response.content.decode()


# --- thread ------------------------------------------------------------------


def test_thread_shows_the_post_and_the_comments_around_the_item(org, fb_channel):
    items = thread(fb_channel, 4)
    current = items[3]  # the reply to the second comment
    html = page(client_for("staff_1"), current)
    assert "Öppet hus på lördag" in html
    assert html.count('aria-current="true"') == 1
    marked = html.split('aria-current="true"', 1)[1].split("</li>", 1)[0]
    assert "Kommentar nummer 2" in marked
    for i in (0, 1, 3):
        assert f"Kommentar nummer {i}" in html
    assert 'class="depth-1" aria-current="true"' in html  # indented under its parent


def test_thread_is_bounded_with_a_link_to_more(org, fb_channel):
    items = thread(fb_channel, THREAD_WINDOW + 15)
    client = client_for("staff_1")
    html = page(client, items[1])
    shown = html.split('class="thread-list"', 1)[1].split("</ol>", 1)[0]
    assert shown.count("<li") == THREAD_WINDOW
    assert "Visa fler" in html and f"?trad={THREAD_WINDOW}" in html
    rest = page(client, items[1], f"?trad={THREAD_WINDOW}")
    shown = rest.split('class="thread-list"', 1)[1].split("</ol>", 1)[0]
    assert shown.count("<li") == 15 and "Visa tidigare" in rest
    assert f"Kommentar nummer {THREAD_WINDOW + 14}" in shown
    # A hostile offset is clamped, never an error.
    assert "thread-list" in page(client, items[1], "?trad=99999999999")


def test_thread_query_count_does_not_grow_with_the_thread(org, fb_channel):
    client = client_for("staff_1")
    items = thread(fb_channel, 3)
    page(client, items[2])
    with CaptureQueriesContext(connection) as small:
        page(client, items[2])
    more = [
        inbound(
            f"x{i}",
            f"Mer {i}",
            minute=100 + i,
            author=(f"v{i}", f"Ny {i}"),
            parent_platform_id=POST,
            thread_platform_id=POST,
        )
        for i in range(30)
    ]
    ingest_items(channel=fb_channel, items=more, own_account_id=PAGE_ID)
    with CaptureQueriesContext(connection) as large:
        page(client, items[2])
    assert len(large) == len(small), "\n".join(q["sql"][:200] for q in large.captured_queries)


# --- direct messages ---------------------------------------------------------------


def test_direct_message_shows_a_sender_and_no_absent_decision_form(org, fb_channel):
    ingest_items(
        channel=fb_channel,
        items=[
            inbound(
                "m1",
                "Hej, jag har en fråga om bygglov",
                kind=ItemKind.DIRECT_MESSAGE,
                author=("psid-77", ""),
                thread_platform_id="conv-1",
            ),
            inbound(
                "m2",
                "Och en till",
                minute=1,
                kind=ItemKind.DIRECT_MESSAGE,
                author=("psid-88", "Maja Berg"),
                thread_platform_id="conv-2",
            ),
        ],
    )
    nameless, named = Item.objects.get(platform_id="m1"), Item.objects.get(platform_id="m2")
    client = client_for("staff_1")
    html = page(client, nameless)
    sender = html.split("Avsändare</dt>", 1)[1].split("</dd>", 1)[0]
    assert "Plattformen angav inget namn" in sender and "psid-77" in sender
    assert "beslut ovan" not in html and "beslutsformuläret" not in html
    assert 'id="decide-heading"' not in html
    assert "Väntar på registratorn" in html
    html = page(client, named)
    assert "Maja Berg" in html.split("Avsändare</dt>", 1)[1].split("</dd>", 1)[0]


# --- replies -----------------------------------------------------------------------


def comment(channel) -> Item:
    ingest_items(channel=channel, items=[inbound("c1", "När öppnar badet?")])
    return Item.objects.get(platform_id="c1")


def test_reply_over_the_platforms_limit_is_refused_and_the_text_kept(org, fb_channel):
    item = comment(fb_channel)
    text = "Långt svar. " * 834  # 10,008 characters; a Facebook comment takes 8,000
    response = client_for("staff_1").post(f"/inkorg/{item.pk}/reply/", {"text": text})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Facebook tillåter 8000" in html and "Korta det med" in html
    assert text.strip() in html  # the typed text is back in the textarea
    assert 'aria-invalid="true"' in html
    assert not ActionRequest.objects.filter(kind="reply").exists()


def test_empty_reply_gets_a_clear_message(org, fb_channel):
    item = comment(fb_channel)
    response = client_for("staff_1").post(f"/inkorg/{item.pk}/reply/", {"text": "   "})
    assert response.status_code == 400
    assert "Svaret är tomt" in response.content.decode()
    assert not ActionRequest.objects.exists()


def test_reply_page_shows_the_limit_and_a_live_counter(org, fb_channel):
    html = page(client_for("staff_1"), comment(fb_channel))
    assert 'data-limit="8000"' in html and 'aria-live="polite"' in html
    assert "Facebook tillåter 8000 tecken" in html
    assert "tillit/reply.js" in html


def test_reply_is_signed_by_the_channels_rule(org, fb_channel):
    from tillit.organisation.models import Person

    Person.objects.filter(pk=org["staff_1"].pk).update(name="Anna Lind", function="kommunikatör")
    type(fb_channel).objects.filter(pk=fb_channel.pk).update(
        signature_template="/{förnamn}, {funktion}"
    )
    item = comment(fb_channel)
    client = client_for("staff_1")
    assert "/Anna, kommunikatör" in page(client, item)  # shown before sending
    response = client.post(f"/inkorg/{item.pk}/reply/", {"text": "Badet öppnar 1 juni."})
    assert response.status_code == 302
    action = ActionRequest.objects.get(kind="reply")
    assert action.params["text"] == "Badet öppnar 1 juni.\n/Anna, kommunikatör"
    # Already signed by hand: not signed twice.
    client.post(f"/inkorg/{item.pk}/reply/", {"text": "Ja!\n/Anna, kommunikatör  "})
    assert ActionRequest.objects.filter(params__text="Ja!\n/Anna, kommunikatör").exists()


def test_reply_is_stopped_when_the_signature_cannot_be_filled(org, fb_channel):
    from tillit.organisation.models import Person

    Person.objects.filter(pk=org["staff_1"].pk).update(function="")
    type(fb_channel).objects.filter(pk=fb_channel.pk).update(
        signature_template="Hälsningar {namn}, {funktion}"
    )
    item = comment(fb_channel)
    response = client_for("staff_1").post(
        f"/inkorg/{item.pk}/reply/", {"text": "Badet öppnar 1 juni."}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "signaturregel" in html and "funktion" in html
    assert "Badet öppnar 1 juni." in html
    assert not ActionRequest.objects.exists()


def test_the_signature_counts_against_the_limit(org, fb_channel):
    from tillit.organisation.models import Person

    Person.objects.filter(pk=org["staff_1"].pk).update(name="Anna Lind", function="kommunikatör")
    type(fb_channel).objects.filter(pk=fb_channel.pk).update(
        signature_template="/{förnamn}, {funktion}"
    )
    item = comment(fb_channel)
    signature = "/Anna, kommunikatör"
    fits = "x" * (8000 - len(signature) - 1)
    client = client_for("staff_1")
    assert client.post(f"/inkorg/{item.pk}/reply/", {"text": fits}).status_code == 302
    over = client.post(f"/inkorg/{item.pk}/reply/", {"text": fits + "y"})
    assert over.status_code == 400 and "Korta det med 1" in over.content.decode()


def test_saved_reply_fills_the_form_without_javascript(org, fb_channel):
    from tillit.channels.services.saved_replies import saved_reply_create

    saved = saved_reply_create(
        actor=org["staff_1"],
        channel=fb_channel,
        title="Öppettider",
        text="Vi har öppet 8–16 <b>på vardagar</b>.",
    )
    item = comment(fb_channel)
    client = client_for("staff_2")  # a substitute uses the channel's saved replies
    html = page(client, item)
    assert "Öppettider" in html and 'name="svar"' in html
    html = page(client, item, f"?svar={saved.pk}")
    textarea = html.split('id="reply-text"', 1)[1].split("</textarea>", 1)[0]
    assert "Vi har öppet 8–16 &lt;b&gt;på vardagar&lt;/b&gt;." in textarea
    # Another channel's saved reply (or a made-up id) fills nothing.
    assert (
        "Vi har öppet"
        not in page(client, item, "?svar=999999")
        .split('id="reply-text"', 1)[1]
        .split("</textarea>", 1)[0]
    )


def test_an_instances_own_limit_learnt_by_the_poll_wins(org, fb_channel):
    from tillit.inbox.services.replies import learn_text_limit, reply_limit_for

    class Instance:
        calls = 0

        def fetch_text_limit(self):
            Instance.calls += 1
            return 1000

    class Silent:
        def fetch_text_limit(self):
            raise RuntimeError("instance down")

    assert reply_limit_for(fb_channel) == (8000, False)
    learn_text_limit(Instance(), fb_channel.pk)
    learn_text_limit(Instance(), fb_channel.pk)  # asked once a day, not every poll
    assert Instance.calls == 1
    assert reply_limit_for(fb_channel) == (1000, False)
    other = fb_channel.pk + 1000
    learn_text_limit(Silent(), other)  # a failure never breaks the poll; the default stays
    learn_text_limit(object(), other)  # connectors without the call are left alone
