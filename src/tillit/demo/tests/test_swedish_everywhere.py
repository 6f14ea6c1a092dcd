"""Every page of the demo speaks Swedish to every role: no English, no raw internal ids.

The walk signs in as each demo person and opens the inbox, the items it links to, every
channel page, the connection page with each connector, the comment rules and a missing
page. The visible text (not the public's own words in ``<bdi>``, not words marked as a
platform's in ``.foreign-words``, not elements in another ``lang``) must contain none of
the English words that never occur in Swedish UI, no detector, category or finding code,
and no guideline letter (R13a) that does not stand next to its name.

The demo is given one of each stored problem a person meets: an outbox action that failed
after retries (with the platform's own English words), a refused action, an invalid
token, a failed poll and a rejected item, each stored as Tillit stores them.
"""

from __future__ import annotations

import re

import html5lib
import pytest
from django.test import Client
from django.utils import timezone, translation

from tillit.connectors.base import refusal
from tillit.connectors.errors import PayloadError, PlatformRefused, TokenInvalid, TransientError
from tillit.connectors.http import platform_answer
from tillit.connectors.registry import all_connectors
from tillit.core.messages import Message, stored
from tillit.moderation.choices import (
    CATEGORY_LABELS,
    DETECTOR_LABELS,
    SUBTYPE_LABELS,
)

pytestmark = pytest.mark.django_db

# Words and phrases that never occur in Swedish UI text (matched case-insensitively as words).
ENGLISH = [
    "the",
    "cannot",
    "can't",
    "could not",
    "failed",
    "error",
    "not supported",
    "unsupported",
    "token invalid",
    "refused",
    "rejected",
    "required",
    "missing",
    "expected",
    "unknown",
    "invalid",
    "please",
    "page not found",
    "not found",
    "forbidden",
    "server error",
    "rate limited",
    "gave up",
    "attempts",
    "temporary failure",
    "network",
    "answer",
    "platform",
    "settings",
    "with",
    "without",
    "which",
    "should",
    "must",
    "does",
]
ENGLISH_RE = re.compile(r"(?<![\w'])(" + "|".join(map(re.escape, ENGLISH)) + r")(?![\w'])", re.I)

# Platform-defined names a help text may quote (permission scopes); they are not Tillit's ids.
PLATFORM_NAMES = {"appsecret_proof", "pages_read_user_content", "w_organization_social"}
CODES = set(CATEGORY_LABELS) | set(DETECTOR_LABELS) | set(SUBTYPE_LABELS)
SNAKE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")


def _codes_in_parens() -> re.Pattern[str]:
    """Codes shown in parentheses, except those whose Swedish name is the code itself."""
    labels = {**CATEGORY_LABELS, **DETECTOR_LABELS, **SUBTYPE_LABELS}
    with translation.override("sv"):
        raw = sorted(code for code in CODES if str(labels[code]) != code)
    return re.compile(r"\((" + "|".join(raw) + r")\)")


RULE = re.compile(r"\bR1[34][a-g]?\b")

# Elements whose text is not Tillit's own words.
SKIP_TAGS = {"script", "style", "bdi", "textarea", "template"}
SKIP_CLASSES = {"foreign-words", "received-text"}


def visible_text(page: str) -> str:
    """The page's text as a person reads it, table cells and list items kept apart."""
    doc = html5lib.parse(page, namespaceHTMLElements=False)
    body = doc.find("body")
    pieces: list[str] = []

    def walk(element) -> None:
        classes = set((element.get("class") or "").split())
        lang = element.get("lang")
        if element.tag in SKIP_TAGS or classes & SKIP_CLASSES or lang is not None and lang != "sv":
            pieces.append(" ")
        else:
            pieces.append(element.text or "")
            for child in element:
                walk(child)
                if child.tag in ("td", "th", "li", "dd", "dt", "p", "option", "h1", "h2", "h3"):
                    pieces.append(" | ")
        pieces.append(element.tail or "")

    if body is not None:
        walk(body)
    return re.sub(r"\s+", " ", "".join(pieces))


def problems_in(text: str) -> list[str]:
    """The English words, raw codes and lone rule letters in ``text``."""
    found = [f"English {m.group(0)!r}" for m in ENGLISH_RE.finditer(text)]
    found += [f"code {m.group(0)!r}" for m in _codes_in_parens().finditer(text)]
    found += [
        f"id {m.group(0)!r}" for m in SNAKE.finditer(text) if m.group(0) not in PLATFORM_NAMES
    ]
    for m in RULE.finditer(text):
        before, after = text[max(0, m.start() - 1) : m.start()], text[m.end() : m.end() + 3]
        # Named: "… (R13a)" or "(R13a, …", "R13a – name", or a code cell beside its title.
        if not (before == "(" or after.startswith((" – ", " | ", ")", ","))):
            found.append(
                f"lone rule {m.group(0)!r} in …{text[max(0, m.start() - 40) : m.end() + 40]}…"
            )
    return found


def context_of(text: str, needle: str) -> str:
    at = text.lower().find(needle.lower().split()[-1].strip("'"))
    return text[max(0, at - 60) : at + 60]


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    from tillit.demo.data import load_demo
    from tillit.demo.stream import demo_deliver

    # Loaded in English (the tests' language): what the demo stores must still read in
    # Swedish, because stored texts (notices, problems) are messages translated when shown.
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        load_demo()
        demo_deliver(12, seed=7)
    _add_stored_problems()


def _add_stored_problems() -> None:
    """One of each stored problem, written the way the outbox, polling and ingest write them."""
    from django.utils.translation import gettext_lazy

    from tillit.inbox.choices import ActionKind, ActionState
    from tillit.inbox.models import ActionRequest, Connection, IngestProblem, Item

    items = list(Item.objects.filter(is_own=False).order_by("pk")[:2])
    assert len(items) == 2, "the demo has items from the public"
    transient = TransientError(platform_answer(503, "Service Unavailable: the backend failed"))
    failed = Message(
        gettext_lazy("Gave up after %(attempts)s attempts: %(reason)s"),
        attempts=5,
        reason=Message(gettext_lazy("Temporary failure: %(reason)s"), reason=transient.message),
    )
    refused = refusal(PlatformRefused(platform_answer(400, "(#200) Permissions error"), 400, "200"))
    for item, state, detail in (
        (items[0], ActionState.FAILED, failed),
        (items[1], ActionState.REFUSED, refused),
    ):
        ActionRequest.objects.create(
            channel=item.channel,
            item=item,
            kind=ActionKind.HIDE,
            state=state,
            attempts=5,
            detail=stored(detail, max_length=2000),
            idempotency_key=f"walk-{item.pk}",
            next_attempt_at=timezone.now(),
            completed_at=timezone.now(),
        )
    # A row from before messages were stored: plain English, shown labelled as recorded.
    ActionRequest.objects.create(
        channel=items[0].channel,
        item=items[0],
        kind=ActionKind.UNHIDE,
        state=ActionState.FAILED,
        detail="gave up after 5 attempts: temporary failure: network error",
        idempotency_key="walk-legacy",
        next_attempt_at=timezone.now(),
    )
    connection = Connection.objects.filter(channel=items[0].channel).first()
    if connection is not None:
        token = TokenInvalid(platform_answer(401, "Error validating access token"))
        Connection.objects.filter(pk=connection.pk).update(
            state="invalid",
            state_detail=stored(token.message, max_length=500),
            poll_error=stored(transient.message, max_length=500),
            poll_error_at=timezone.now(),
        )
    bad = PayloadError(Message(gettext_lazy("an object")))
    IngestProblem.objects.create(
        channel=items[0].channel,
        kind="rejected",
        source="poll",
        reason=stored(bad.message, max_length=500),
        fingerprint="walk",
        last_seen_at=timezone.now(),
    )


def _pages_for(client: Client) -> list[str]:
    from tillit.channels.models import Channel

    pages = ["/", "/inkorg/", "/finns-inte/"]
    queue = client.get("/inkorg/")
    if queue.status_code == 200:
        pages += sorted(set(re.findall(r'href="(/inkorg/\d+/)"', queue.content.decode())))[:15]
    for channel in Channel.objects.order_by("pk"):
        base = f"/register/{channel.public_id}/"
        pages += [base, f"{base}koppling/", f"/kanaler/{channel.public_id}/regler/"]
        pages += [f"{base}koppling/?connector={slug}" for slug in sorted(all_connectors())]
    return pages


def test_every_page_of_the_demo_speaks_swedish_to_every_role(demo):
    from tillit.demo.data import DEMO_PASSWORD, PEOPLE

    failures: list[str] = []
    opened = 0
    seen: dict[str, str] = {}
    for username, *_rest in PEOPLE:
        client = Client(HTTP_ACCEPT_LANGUAGE="sv")
        assert client.login(username=username, password=DEMO_PASSWORD)
        for url in _pages_for(client):
            response = client.get(url)
            assert response.status_code in (200, 404), (username, url, response.status_code)
            text = visible_text(response.content.decode())
            opened += 1
            for problem in problems_in(text):
                key = f"{url.split('?')[0]} {problem}"
                if key not in seen:
                    seen[key] = username
                    failures.append(f"{username} {url}: {problem} …{context_of(text, problem)}…")
    assert opened > 300
    assert failures == [], "\n".join(failures[:40])


def test_the_stored_problems_read_in_swedish_on_the_item_and_channel_pages(demo):
    """The walk's fixture is not empty: the stored problems reach the pages, in Swedish."""
    from tillit.demo.data import DEMO_PASSWORD, PEOPLE
    from tillit.inbox.models import ActionRequest, Connection

    action = ActionRequest.objects.get(
        idempotency_key__startswith="walk-", state="failed", kind="hide"
    )
    refused = ActionRequest.objects.get(idempotency_key__startswith="walk-", state="refused")
    connection = Connection.objects.get(state="invalid")
    item_pages, refused_pages, channel_pages = [], [], []
    for username, *_rest in PEOPLE:
        client = Client(HTTP_ACCEPT_LANGUAGE="sv")
        assert client.login(username=username, password=DEMO_PASSWORD)
        response = client.get(f"/inkorg/{action.item_id}/")
        if response.status_code == 200:
            item_pages.append(response.content.decode())
        response = client.get(f"/inkorg/{refused.item_id}/")
        if response.status_code == 200:
            refused_pages.append(response.content.decode())
        response = client.get(f"/register/{connection.channel.public_id}/")
        if response.status_code == 200 and "connection-heading" in response.content.decode():
            channel_pages.append(response.content.decode())
    assert item_pages and refused_pages and channel_pages
    for page in refused_pages:
        assert "Plattformen sa nej: Plattformen svarade HTTP 400. Plattformens svar: " in page
        assert "(plattformens kod: " in page
    for page in item_pages:
        assert "Gav upp efter 5 försök: Tillfälligt fel: Plattformen svarade HTTP 503." in page
        assert (
            '<bdi class="foreign-words" lang="">Service Unavailable: the backend failed</bdi>'
            in page
        )
        assert "Registrerad text:" in page
    for page in channel_pages:
        assert "Plattformen svarade HTTP 401." in page and "Facebook (sida)" in page
