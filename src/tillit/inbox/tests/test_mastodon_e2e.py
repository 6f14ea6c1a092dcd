"""Mastodon end to end through Tillit against mastodon-mock on 127.0.0.1.

Polling ingests a reply and a direct message; a reply and a block go out through the
outbox; a worker process killed between sending and recording does not reply twice.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from tillit.inbox.models import ActionRequest, Item
from tillit.inbox.services.outbox import action_request, outbox_execute
from tillit.inbox.services.polling import poll_connection
from tillit.inbox.testing import mastodon_channel as make_mastodon_channel
from tillit.inbox.testing import run_worker_killed_after_send


@pytest.fixture
def mastodon_channel(org, today, mastodon_mock_server, settings):
    # The mock instance listens on 127.0.0.1: allowed like a self-hosted instance would be.
    settings.TILLIT_OUTBOUND_ALLOW_HOSTS = {"127.0.0.1"}
    return make_mastodon_channel(org, mastodon_mock_server, start=today - timedelta(days=1))


def _public_replies_by_alice(server, status_id) -> list:
    alice = server.client("alice")
    context = alice.status_context(status_id)
    me = alice.me().id
    return [s for s in context.descendants if s.account.id == me]


@pytest.mark.django_db
def test_poll_reply_and_block(org, mastodon_channel, mastodon_mock_server, tasks_held):
    server = mastodon_mock_server
    alice, bob = server.client("alice"), server.client("bob")
    post = alice.status_post("Öppet hus på lördag", visibility="public")
    reply = bob.status_post("@alice Vilken tid?", in_reply_to_id=post.id)
    bob.status_post("@alice Jag vill överklaga bygglovet", visibility="direct")

    result = poll_connection(mastodon_channel.connection)
    assert result is not None
    assert result.created >= 2
    comment = Item.objects.get(platform_id=str(reply.id))
    assert comment.kind == "comment" and comment.is_public and comment.author.handle == "@bob"
    dm = Item.objects.get(kind="direct_message")
    assert not dm.is_public and "överklaga" in dm.text
    assert (again := poll_connection(mastodon_channel.connection)) is not None
    assert again.created == 0  # idempotent

    answer = action_request(
        actor=org["staff_1"],
        channel=mastodon_channel,
        kind="reply",
        item=comment,
        params={"text": "Klockan tio!"},
    )
    assert (done := outbox_execute(answer.pk)) is not None and done.state == "done"
    assert len(_public_replies_by_alice(server, reply.id)) == 1

    block = action_request(
        actor=org["staff_1"],
        channel=mastodon_channel,
        kind="block",
        item=comment,
        params={"author_platform_id": comment.author.platform_id},
    )
    assert (done := outbox_execute(block.pk)) is not None and done.state == "done"
    assert alice.account_relationships(comment.author.platform_id)[0].blocking

    hide = action_request(actor=org["staff_1"], channel=mastodon_channel, kind="hide", item=comment)
    done = outbox_execute(hide.pk)
    assert done is not None
    assert done.state == "not_supported" and "block" in done.detail.lower()


@pytest.mark.django_db(transaction=True)
def test_worker_killed_between_sending_and_recording_does_not_reply_twice(
    org, mastodon_channel, mastodon_mock_server, tasks_held
):
    server = mastodon_mock_server
    alice, bob = server.client("alice"), server.client("bob")
    post = alice.status_post("Ny cykelplan", visibility="public")
    reply = bob.status_post("@alice Bra!", in_reply_to_id=post.id)
    poll_connection(mastodon_channel.connection)
    comment = Item.objects.get(platform_id=str(reply.id))
    action = action_request(
        actor=org["staff_1"],
        channel=mastodon_channel,
        kind="reply",
        item=comment,
        params={"text": "Tack för ditt svar!"},
    )

    proc = run_worker_killed_after_send(action.pk)
    assert proc.returncode == 137, proc.stderr.decode()[-2000:]
    action.refresh_from_db()
    assert action.state == "sending" and action.claimed_by == "doomed"
    assert len(_public_replies_by_alice(server, reply.id)) == 1  # it did reach the platform

    # Another worker finds the action after its lease and reconciles instead of resending.
    ActionRequest.objects.filter(pk=action.pk).update(
        claimed_at=timezone.now() - timedelta(minutes=10)
    )
    recovered = outbox_execute(action.pk, worker_id="survivor")
    assert recovered is not None
    assert recovered.state == "done"
    assert len(_public_replies_by_alice(server, reply.id)) == 1


class _Crash(BaseException):
    """The worker dies after the platform answered (not an Exception: nothing catches it)."""


@pytest.mark.django_db
def test_crash_after_mastodon_deleted_reconciles_to_the_instance(
    org, mastodon_channel, mastodon_mock_server, tasks_held
):
    """Killed between the instance's answer and the record: reading back settles it."""
    from tillit.connectors.base import Author, InboundItem, ItemKind
    from tillit.inbox.services import outbox
    from tillit.inbox.services.ingest import ingest_items
    from tillit.inbox.services.reconcile import reconcile_due

    alice = mastodon_mock_server.client("alice")
    me = alice.me()
    post = alice.status_post("Fel tid i inbjudan", visibility="public")
    ingest_items(
        channel=mastodon_channel,
        items=[
            InboundItem(
                platform_id=str(post.id),
                kind=ItemKind.OWN_POST,
                is_public=True,
                text="Fel tid i inbjudan",
                author=Author(str(me.id), "Kommunen"),
                received_at=timezone.now(),
                raw={"id": str(post.id)},
            )
        ],
    )
    item = Item.objects.get(platform_id=str(post.id))
    assert item.is_own
    action = action_request(
        actor=org["staff_1"], channel=mastodon_channel, kind="delete", item=item
    )

    def crash(action, result):
        raise _Crash

    outbox.after_send_hooks.append(crash)
    try:
        with pytest.raises(_Crash):
            outbox_execute(action.pk)
    finally:
        outbox.after_send_hooks.remove(crash)
    action.refresh_from_db()
    assert action.state == "sending"
    from mastodon.errors import MastodonNotFoundError

    with pytest.raises(MastodonNotFoundError):
        alice.status(post.id)  # it is gone on the instance

    ActionRequest.objects.filter(pk=action.pk).update(
        claimed_at=timezone.now() - timedelta(minutes=10)
    )
    counts = reconcile_due()
    assert counts["recovered"] == 1
    action.refresh_from_db()
    item.refresh_from_db()
    # A second delete would have been refused with 404; the read-back records the truth.
    assert action.state == "done" and action.verified_at is not None
    assert item.is_deleted


@pytest.mark.django_db
def test_mastodon_reads_a_status_back(org, mastodon_channel, mastodon_mock_server):
    from tillit.inbox.services.connections import connector_for

    alice = mastodon_mock_server.client("alice")
    post = alice.status_post("Finns kvar", visibility="public")
    connector = connector_for(mastodon_channel.connection)
    try:
        there = connector.read_state(str(post.id))
        alice.status_delete(post.id)
        gone = connector.read_state(str(post.id))
    finally:
        connector.close()
    assert there is not None and there.exists and there.hidden is None
    assert gone is not None and not gone.exists
