"""Mastodon connector end to end against mastodon-mock on 127.0.0.1."""

from __future__ import annotations

import pytest

from tillit.connectors.base import ActionStatus, ItemKind, TextFormat
from tillit.connectors.errors import PlatformRefused, TokenInvalid
from tillit.connectors.platforms.mastodon import MastodonConnector

HOSTILE = "<script>alert(1)</script> \u202eevil\u0007 ring 070-123 45 67"


@pytest.fixture
def org(server):
    return MastodonConnector({"api_base_url": server.base_url, "access_token": "alice_token"})


def test_ingest_reply_and_direct_message_then_reply_and_block(server, org):
    alice, bob = server.client("alice"), server.client("bob")
    post = alice.status_post("Öppet hus på lördag", visibility="public")
    reply = bob.status_post(f"@alice {HOSTILE}", in_reply_to_id=post.id)
    dm = bob.status_post("@alice Jag vill överklaga bygglovet", visibility="direct")

    result = org.fetch_items()
    by_id = {i.platform_id: i for i in result.items}
    comment = by_id[str(reply.id)]
    assert comment.kind is ItemKind.COMMENT and comment.is_public
    assert comment.parent_platform_id == str(post.id)
    assert comment.text_format is TextFormat.HTML
    # The server escapes markup into HTML; control and RTL characters survive untouched.
    assert "&lt;script&gt;" in comment.text and "\u202eevil\u0007" in comment.text
    assert comment.author.handle == "@bob"
    assert comment.received_at.tzinfo is not None
    message = by_id[str(dm.id)]
    assert message.kind is ItemKind.DIRECT_MESSAGE and not message.is_public
    assert message.thread_platform_id is not None
    assert message.received_at == dm.created_at

    # Nothing new: the cursor moves past what we saw.
    assert org.fetch_items(result.cursor).items == ()

    answer = org.reply(message.platform_id, "Vi har tagit emot ditt ärende.", "outbox-42")
    assert answer.status is ActionStatus.DONE and "direct" in str(answer.detail)
    again = org.reply(message.platform_id, "Vi har tagit emot ditt ärende.", "outbox-42")
    # Idempotency-Key: the retry returns the same status, not a second one.
    assert again.platform_ref == answer.platform_ref
    sent = bob.status(answer.platform_ref)
    assert sent.visibility == "direct" and sent.in_reply_to_id == dm.id
    assert "@bob" in sent.content

    block = org.block(comment.author.platform_id)
    assert block.ok
    assert alice.account_relationships(comment.author.platform_id)[0].blocking


def test_unsupported_moderation_explains_alternatives(org):
    for action in (org.hide, org.unhide, org.delete):
        result = action("123")
        assert result.status is ActionStatus.NOT_SUPPORTED
    assert "block" in str(org.delete("1").detail).lower()
    assert "report" in str(org.hide("1").detail).lower()


def test_report_and_delete_own(server, org):
    alice, bob = server.client("alice"), server.client("bob")
    post = alice.status_post("Information om vattenavstängning")
    reply = bob.status_post("@alice spam spam", in_reply_to_id=post.id)
    assert org.report(str(reply.id), reason="Spam (regel 3)").ok
    assert org.delete_own(str(post.id)).ok
    refused = org.delete_own(str(reply.id))
    assert refused.status is ActionStatus.REFUSED


def test_profile(org):
    profile = org.fetch_profile()
    assert profile.handle == "@alice" and profile.display_name == "Alice"


def test_profile_reads_the_note_and_fields_as_text_and_every_link(server, org):
    # Mastodon renders notes and field values as HTML; the mock stores what it is given.
    link = (
        '<a href="https://www.example.se/socialamedier?a=1&amp;b=2" rel="nofollow noopener">'
        '<span class="invisible">https://www.</span><span class="">example.se/socialamedier'
        "</span></a>"
    )
    server.client("alice").account_update_credentials(
        note=f"<p>Nyheter &amp; tips.</p><p>Alla kanaler: {link}</p>",
        fields=[
            ("Drivs av", "Testkommun"),
            ("Webbplats", '<a href="https://www.example.se">example.se</a>'),
        ],
    )
    profile = org.fetch_profile()
    assert profile.bio.splitlines() == [
        "Nyheter & tips.",
        "Alla kanaler: https://www.example.se/socialamedier",
        "Drivs av: Testkommun",
        "Webbplats: example.se",
    ]
    assert profile.links == (
        "https://www.example.se/socialamedier?a=1&b=2",
        "https://www.example.se",
    )


def test_bad_token_is_token_invalid(server):
    bad = MastodonConnector({"api_base_url": server.base_url, "access_token": "nope"})
    with pytest.raises(TokenInvalid):
        bad.fetch_items()
    assert "nope" not in repr(bad)


def test_not_found_is_refused(org):
    with pytest.raises(PlatformRefused), org._errors():
        org.api.status("999999999")


def test_the_instances_own_text_limit(server, org):
    # mastodon-mock answers /api/v2/instance with Mastodon's stock configuration.
    assert org.fetch_text_limit() == 500


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ({"configuration": {"statuses": {"max_characters": 1000}}}, 1000),
        ({"configuration": {"statuses": {"max_characters": "1000"}}}, None),
        ({"configuration": {"statuses": {"max_characters": True}}}, None),
        ({"configuration": {"statuses": {"max_characters": 10**9}}}, None),
        ({"configuration": []}, None),
        ({}, None),
    ],
)
def test_an_odd_instance_answer_keeps_the_default(monkeypatch, answer, expected):
    connector = MastodonConnector({"api_base_url": "https://mastodon.example", "access_token": "t"})

    class Api:
        def instance_v2(self):
            return answer

    monkeypatch.setattr(connector, "_api", Api())
    assert connector.fetch_text_limit() == expected
