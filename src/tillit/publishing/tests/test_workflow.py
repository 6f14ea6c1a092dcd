"""Writing, checking, approving and publishing a post, end to end against mastodon-mock."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tillit.access.actor import actor_for
from tillit.audit.models import AuditEntry
from tillit.channels import services as ch
from tillit.channels.choices import PostApproval
from tillit.core import queues
from tillit.inbox.models import ActionRequest, Item
from tillit.inbox.services.outbox import outbox_execute
from tillit.inbox.testing import mastodon_channel, run_worker_killed_after_send
from tillit.publishing.choices import PostState, TargetState, Verdict
from tillit.publishing.models import Post
from tillit.publishing.services.posts import Draft, PublishingRefused, post_save, post_submit
from tillit.publishing.services.release import post_release_by_id, posts_release_due
from tillit.publishing.services.review import post_override, post_review

PNR = "19121212-1212"


@pytest.fixture
def channel(org, today, mastodon_mock_server, settings):
    settings.TILLIT_OUTBOUND_ALLOW_HOSTS = {"127.0.0.1"}
    # Tasks are recorded, not run: each test runs the release and the outbox step by step.
    settings.TASKS = {"default": queues.backend("django_tasks.backends.dummy.DummyBackend")}
    channel = mastodon_channel(org, mastodon_mock_server, start=today - timedelta(days=1))
    ch.channel_update(
        actor=org["info_a"],
        channel=channel,
        post_approval=PostApproval.INFORMATOR,
        signature_template="/{förnamn}, {funktion}",
    )
    author = org["staff_1"]
    author.function = "kommunikatör"
    author.save()
    channel.refresh_from_db()
    return channel


def _write(org, channel, text, **kw) -> Post:
    return post_save(
        actor=actor_for(org["staff_1"]), draft=Draft(text=text, channel_ids=[channel.pk], **kw)
    )


def _alice_statuses(server) -> list:
    alice = server.client("alice")
    return list(alice.account_statuses(alice.me().id))


def _approve(org, post):
    return post_review(
        actor=actor_for(org["info_a"]),
        post=post,
        verdict=Verdict.APPROVED,
        expected_version=post.version,
    )


@pytest.mark.django_db(transaction=True)
def test_blocked_then_fixed_approved_published_once_as_an_own_item(
    org, channel, mastodon_mock_server
):
    author = actor_for(org["staff_1"])
    post = _write(org, channel, f"Vinnare i tävlingen: {PNR}. Grattis!")
    with pytest.raises(PublishingRefused) as refused:
        post_submit(actor=author, post=post)
    assert any("1212" in str(r.render(html=False)) for r in refused.value.reasons)
    post.refresh_from_db()
    assert post.state == PostState.DRAFT and post.checks.filter(allowed=False).exists()

    post = post_save(
        actor=author,
        post=post,
        draft=Draft(text="Biblioteket har öppet hela julen!", channel_ids=[channel.pk]),
        expected_version=post.version,
    )
    post = post_submit(actor=author, post=post)
    assert post.state == PostState.PENDING
    with pytest.raises(PublishingRefused, match="own post"):
        post_review(
            actor=author, post=post, verdict=Verdict.APPROVED, expected_version=post.version
        )
    with pytest.raises(PublishingRefused):  # a substitute is not who the rule names
        post_review(
            actor=actor_for(org["staff_2"]),
            post=post,
            verdict=Verdict.APPROVED,
            expected_version=post.version,
        )
    _approve(org, post)
    assert post_release_by_id(post.pk) == PostState.PUBLISHING
    assert post_release_by_id(post.pk) == PostState.PUBLISHING  # a second release sends nothing
    action = ActionRequest.objects.get(kind="publish")
    assert action.params["text"].endswith("\n/Staff, kommunikatör")
    outbox_execute(action.pk)
    outbox_execute(action.pk)

    post.refresh_from_db()
    target = post.targets.get()
    assert post.state == PostState.PUBLISHED and target.state == TargetState.PUBLISHED
    statuses = [s for s in _alice_statuses(mastodon_mock_server) if "hela julen" in s.content]
    assert len(statuses) == 1 and str(statuses[0].id) == target.platform_ref
    own = Item.objects.get(channel=channel, platform_id=target.platform_ref)
    assert own.is_own and own.kind == "own_post" and target.item_id == own.pk
    assert target.permalink.startswith("http")
    assert AuditEntry.objects.filter(action="publishing.post_approved").exists()


@pytest.mark.django_db
def test_an_override_needs_a_reason_someone_else_and_is_audited(org, channel):
    author = actor_for(org["staff_1"])
    post = _write(org, channel, f"Kontakta oss med personnummer {PNR} som referens.")
    with pytest.raises(PublishingRefused):
        post_submit(actor=author, post=post)
    with pytest.raises(PublishingRefused):
        post_override(actor=author, post=post, reason="Det är ett testnummer", expected_version=1)
    informator = actor_for(org["info_a"])
    with pytest.raises(PublishingRefused, match="at least"):
        post_override(actor=informator, post=post, reason="ok", expected_version=1)
    post_override(
        actor=informator,
        post=post,
        reason="Skatteverkets testnummer, ingen verklig person.",
        expected_version=1,
    )
    assert post_submit(actor=author, post=post).state == PostState.PENDING
    entry = AuditEntry.objects.get(action="publishing.post_override")
    assert "testnummer" in str(entry.detail)
    # An edit makes a new version: the exception no longer holds.
    post = post_save(
        actor=author,
        post=post,
        draft=Draft(text=f"Ny text med {PNR}.", channel_ids=[channel.pk]),
        expected_version=post.version,
    )
    assert post.state == PostState.DRAFT
    with pytest.raises(PublishingRefused):
        post_submit(actor=author, post=post)


@pytest.mark.django_db
def test_bad_input_is_refused_and_nothing_is_half_saved(org, channel, today):
    author = actor_for(org["staff_1"])
    before = Post.objects.count()
    bad = [
        Draft(text="Hej\x07där", channel_ids=[channel.pk]),
        Draft(text="Hej", link="javascript:alert(1)", channel_ids=[channel.pk]),
        Draft(
            text="Hej", channel_ids=[channel.pk], scheduled_at=timezone.now() - timedelta(hours=1)
        ),
        Draft(text="Hej", channel_ids=[999999]),
        Draft(
            text="Hej",
            channel_ids=[channel.pk],
            new_images=[(SimpleUploadedFile("a.png", b"not an image"), "En bild")],
        ),
    ]
    for draft in bad:
        with pytest.raises(ValidationError):
            post_save(actor=author, draft=draft)
    assert Post.objects.count() == before
    # An image without alt text is refused too; one with it is re-encoded and kept.
    with pytest.raises(ValidationError, match="alt text"):
        post_save(
            actor=author,
            draft=Draft(text="Hej", channel_ids=[channel.pk], new_images=[(_png(), "")]),
        )
    post = post_save(
        actor=author,
        draft=Draft(text="Hej", channel_ids=[channel.pk], new_images=[(_png(), "En röd ruta")]),
    )
    assert post.images.get().media_type == "image/png"


def _png():
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, format="PNG")
    return SimpleUploadedFile("ruta.png", out.getvalue(), content_type="image/png")


@pytest.mark.django_db
def test_an_approval_that_comes_too_late_holds_the_post(org, channel):
    author = actor_for(org["staff_1"])
    post = _write(
        org,
        channel,
        "Snöröjningen börjar i kväll.",
        scheduled_at=timezone.now() + timedelta(hours=1),
    )
    post = post_submit(actor=author, post=post)
    Post.objects.filter(pk=post.pk).update(scheduled_at=timezone.now() - timedelta(minutes=1))
    posts_release_due()
    post.refresh_from_db()
    assert post.state == PostState.HELD
    assert not ActionRequest.objects.filter(kind="publish").exists()


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_after_the_platform_answered_does_not_publish_twice(
    org, channel, mastodon_mock_server
):
    post = _write(org, channel, "Kommunfullmäktige sänds på webben i kväll.")
    post_submit(actor=actor_for(org["staff_1"]), post=post)
    _approve(org, post)
    post_release_by_id(post.pk)
    action = ActionRequest.objects.get(kind="publish")

    proc = run_worker_killed_after_send(action.pk)
    assert proc.returncode == 137, proc.stderr.decode()[-2000:]
    action.refresh_from_db()
    assert action.state == "sending"
    assert len([s for s in _alice_statuses(mastodon_mock_server) if "sänds" in s.content]) == 1

    ActionRequest.objects.filter(pk=action.pk).update(
        claimed_at=timezone.now() - timedelta(minutes=10)
    )
    outbox_execute(action.pk, worker_id="survivor")
    action.refresh_from_db()
    assert action.state == "done"
    assert len([s for s in _alice_statuses(mastodon_mock_server) if "sänds" in s.content]) == 1
    post.refresh_from_db()
    assert post.state == PostState.PUBLISHED
    assert (
        Item.objects.filter(channel=channel, platform_id=action.result_ref, is_own=True).count()
        == 1
    )


@pytest.mark.django_db(transaction=True)
def test_a_reply_on_a_channel_that_asks_for_approval_waits_and_then_goes_out_once(
    org, channel, mastodon_mock_server
):
    from tillit.inbox.services.polling import poll_connection
    from tillit.inbox.services.replies import ReplyHeld, reply_queue

    ch.channel_update(actor=org["info_a"], channel=channel, reply_approval=True)
    channel.refresh_from_db()
    server = mastodon_mock_server
    alice, bob = server.client("alice"), server.client("bob")
    status = alice.status_post("Ny cykelplan", visibility="public")
    comment = bob.status_post("@alice När börjar bygget?", in_reply_to_id=status.id)
    poll_connection(channel.connection)
    item = Item.objects.get(platform_id=str(comment.id))

    held = reply_queue(actor=actor_for(org["staff_1"]), item=item, text="Bygget börjar i maj.")
    assert isinstance(held, ReplyHeld) and not ActionRequest.objects.exists()
    post = Post.objects.get(reply_to=item)
    assert post.state == PostState.PENDING
    _approve(org, post)
    post_release_by_id(post.pk)
    action = ActionRequest.objects.get(kind="reply")
    assert action.item_id == item.pk and action.params["text"].endswith("/Staff, kommunikatör")
    outbox_execute(action.pk)
    post.refresh_from_db()
    assert post.state == PostState.PUBLISHED
    replies = [s for s in alice.status_context(comment.id).descendants if "maj" in s.content]
    assert len(replies) == 1


@pytest.mark.django_db
def test_send_back_and_reject_need_a_comment_and_tell_the_author(org, channel):
    from tillit.core.messages import shown_text
    from tillit.organisation.models import Notice

    author = actor_for(org["staff_1"])
    informator = actor_for(org["info_a"])
    post = post_submit(actor=author, post=_write(org, channel, "Öppet hus på lördag."))
    with pytest.raises(PublishingRefused):
        post_review(actor=informator, post=post, verdict=Verdict.RETURNED, expected_version=1)
    post = post_review(
        actor=informator,
        post=post,
        verdict=Verdict.RETURNED,
        comment="Ange tiden.",
        expected_version=1,
    )
    assert post.state == PostState.DRAFT and "Ange tiden." in shown_text(post.state_detail)
    assert Notice.objects.filter(person=org["staff_1"], url=f"/publicera/{post.pk}/").exists()
    post = post_submit(actor=author, post=post)
    post = post_review(
        actor=informator,
        post=post,
        verdict=Verdict.REJECTED,
        comment="Inte nu.",
        expected_version=1,
    )
    assert post.state == PostState.REJECTED
