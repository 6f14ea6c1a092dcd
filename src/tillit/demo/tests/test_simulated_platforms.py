"""The demo's simulated platforms answer the real connectors, through the outbox and the guard.

The servers run on 127.0.0.1 in this process; the outbound guard is told to allow exactly
their two host:port pairs, as `tillit demo` does.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

import httpx
import pytest
from django.utils import timezone

from tillit.connectors.base import ActionStatus, Media, Publication
from tillit.connectors.errors import TransientError
from tillit.connectors.platforms.facebook import FacebookConnector
from tillit.connectors.platforms.instagram import InstagramConnector
from tillit.connectors.platforms.mastodon import MastodonConnector
from tillit.core import queues
from tillit.demo.platforms import (
    FLAKY_CHANNEL,
    MASTODON_CHANNEL,
    MASTODON_TOKEN,
    allow_simulated,
    demo_connect_simulated,
)
from tillit.demo.simulated import SimulatedPlatforms
from tillit.demo.simulated.http import SimServer
from tillit.demo.stream import DEMO_APP_SECRET

PAGE = "100000001"
TOKEN = "page-token"


@pytest.fixture
def sims(settings):
    platforms = SimulatedPlatforms(max_characters=640).start(make_current=True)
    settings.TILLIT_OUTBOUND_ALLOW_HOSTS = frozenset()
    allow_simulated(platforms)
    yield platforms
    platforms.close()


@pytest.fixture
def page(sims):
    sims.graph.add_page(PAGE, token=TOKEN, name="Biblioteket", app_secret="s3cret")
    sims.graph.add_comment(
        f"{PAGE}_1000_1",
        page_id=PAGE,
        post_id=f"{PAGE}_1000",
        message="Vilka öppettider har ni?",
        author_id="5000001",
        author_name="Anna Lindberg",
    )
    return FacebookConnector(
        {
            "page_id": PAGE,
            "page_access_token": TOKEN,
            "app_secret": "s3cret",
            "graph_url": sims.graph_url,
        }
    )


def graph_get(sims, path, **params):
    proof = hmac.new(b"s3cret", TOKEN.encode(), hashlib.sha256).hexdigest()
    return httpx.get(
        f"{sims.graph_url}/v23.0/{path}",
        params={**params, "appsecret_proof": proof},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )


def test_guard_reaches_the_simulations_and_no_other_loopback_port(sims, page):
    other = SimServer(sims.graph, 0).start()
    try:
        elsewhere = FacebookConnector({**page.config, "graph_url": other.url})
        refused = elsewhere.hide(f"{PAGE}_1000_1")
    finally:
        other.close()
    # Refused before connecting: the same simulation on another port saw nothing.
    assert refused.status is ActionStatus.REFUSED and "loopback" in str(refused.detail)
    assert sims.graph.log == []
    assert page.hide(f"{PAGE}_1000_1").ok
    assert [entry[:2] for entry in sims.graph.log] == [("POST", f"{PAGE}_1000_1")]


def test_facebook_actions_and_read_back(sims, page):
    comment = f"{PAGE}_1000_1"
    assert page.hide(comment).ok
    answer = graph_get(sims, comment, fields="is_hidden,message").json()
    assert answer == {"id": comment, "is_hidden": True, "message": "Vilka öppettider har ni?"}
    assert page.unhide(comment).ok
    assert graph_get(sims, comment, fields="is_hidden").json()["is_hidden"] is False

    reply = page.reply(comment, "Klockan 10–19 i dag.", "key-1")
    assert reply.ok and reply.platform_ref.startswith(f"{PAGE}_1000_")
    assert sims.graph.nodes[reply.platform_ref].parent == comment

    assert page.block("5000001").ok
    assert "5000001" in sims.graph.accounts[PAGE].blocked

    assert page.delete(comment).ok
    gone = graph_get(sims, comment, fields="is_hidden")
    assert gone.status_code == 400
    error = gone.json()["error"]
    assert error["code"] == 100 and error["error_subcode"] == 33 and error["fbtrace_id"]
    # Deleting twice is a refusal, not a success.
    assert page.delete(comment).status is ActionStatus.REFUSED


def test_graph_refuses_a_wrong_token_or_proof(sims, page):
    bad = FacebookConnector({**page.config, "page_access_token": "stolen"})
    with pytest.raises(Exception, match="access token") as raised:
        bad.hide(f"{PAGE}_1000_1")
    assert type(raised.value).__name__ == "TokenInvalid"
    forged = httpx.post(
        f"{sims.graph_url}/v23.0/{PAGE}_1000_1",
        params={"appsecret_proof": "0" * 64},
        data={"is_hidden": "true"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert forged.status_code == 400 and "appsecret_proof" in forged.json()["error"]["message"]
    assert sims.graph.nodes[f"{PAGE}_1000_1"].is_hidden is False
    unknown = graph_get(sims, "999_1_1", fields="id")
    assert unknown.status_code == 400 and unknown.json()["error"]["code"] == 100


def test_publishing_on_the_page_and_instagram(sims, page):
    post = page.publish(Publication("Biblioteket har öppet hela julen."), "pub-1")
    assert post.ok and post.platform_ref.startswith(f"{PAGE}_")
    feed = graph_get(sims, f"{PAGE}/feed", fields="id,message").json()["data"]
    assert {"id": post.platform_ref, "message": "Biblioteket har öppet hela julen."} in feed

    auth = {"Authorization": f"Bearer {TOKEN}"}
    photo = httpx.post(
        f"{sims.graph_url}/v23.0/{PAGE}/photos",
        data={"url": "https://www.pitea.se/bild.jpg", "caption": "Julbord"},
        headers=auth,
    ).json()
    assert photo["id"] and photo["post_id"].startswith(f"{PAGE}_")

    sims.graph.add_instagram("17841400000000001", token="ig-token", username="kulturskolan")
    ig = {"Authorization": "Bearer ig-token"}
    base = f"{sims.graph_url}/v23.0/17841400000000001"
    no_image = httpx.post(f"{base}/media", data={"caption": "Bara text"}, headers=ig)
    assert no_image.status_code == 400 and no_image.json()["error"]["code"] == 9004
    container = httpx.post(
        f"{base}/media",
        data={"image_url": "https://www.pitea.se/konsert.jpg", "caption": "Konsert i kväll"},
        headers=ig,
    ).json()["id"]
    first = httpx.post(f"{base}/media_publish", data={"creation_id": container}, headers=ig)
    again = httpx.post(f"{base}/media_publish", data={"creation_id": container}, headers=ig)
    assert first.status_code == 200 and first.json() == again.json()
    media = httpx.get(f"{base}/media", params={"fields": "id,caption"}, headers=ig).json()
    assert media["data"] == [{"id": first.json()["id"], "caption": "Konsert i kväll"}]


PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 100
JPEG = b"\xff\xd8\xff\xe0" + b"0" * 100


def test_page_post_with_link_and_with_photos_through_the_connector(sims, page):
    linked = page.publish(
        Publication("Läs om vinterkortet", link="https://www.pitea.se/vinter"), "pub-l"
    )
    assert linked.ok and linked.permalink == f"https://www.facebook.com/{linked.platform_ref}"
    assert sims.graph.nodes[linked.platform_ref].link == "https://www.pitea.se/vinter"

    photos = (
        Media(PNG, "image/png", "Biblioteket i snö", name="snow.png"),
        Media(JPEG, "image/jpeg", "Läsecirkeln", name="circle.jpg"),
    )
    post = page.publish(Publication("Vinter på biblioteket", media=photos), "pub-p")
    assert post.ok
    node = sims.graph.nodes[post.platform_ref]
    assert len(node.attached) == 2 and node.message == "Vinter på biblioteket"
    assert [sims.graph.nodes[p].size for p in node.attached] == [len(PNG), len(JPEG)]
    assert all(sims.graph.nodes[p].published == post.platform_ref for p in node.attached)
    # The poll sees the post and its photos as attachments.
    items = {i.platform_id: i for i in page.fetch_items().items}
    assert len(items[post.platform_ref].attachments) == 2
    assert items[linked.platform_ref].attachments[0].url == "https://www.pitea.se/vinter"

    # A photo is attached once, and only an unpublished one of this Page.
    auth = {"Authorization": f"Bearer {TOKEN}"}
    again = httpx.post(
        f"{sims.graph_url}/v23.0/{PAGE}/feed",
        data={"message": "x", "attached_media[0]": f'{{"media_fbid": "{node.attached[0]}"}}'},
        headers=auth,
    )
    assert again.status_code == 400 and again.json()["error"]["code"] == 100
    unpublished = httpx.post(
        f"{sims.graph_url}/v23.0/{PAGE}/photos",
        data={"published": "false"},
        files={"source": ("a.png", PNG, "image/png")},
        headers=auth,
    ).json()
    assert set(unpublished) == {"id"}


def test_instagram_post_and_carousel_through_the_connector(sims):
    sims.graph.add_instagram("17841400000000001", token="ig-token", username="kulturskolan")
    ig = InstagramConnector(
        {
            "ig_user_id": "17841400000000001",
            "access_token": "ig-token",
            "graph_url": sims.graph_url,
        }
    )
    concert = Media(JPEG, "image/jpeg", "Orkestern", url="https://www.pitea.se/konsert.jpg")
    single = ig.publish(Publication("Konsert i kväll", media=(concert,)), "pub-i1")
    assert single.ok and single.permalink == f"https://www.instagram.com/p/{single.platform_ref}/"
    media = sims.graph.nodes[single.platform_ref]
    assert media.kind == "ig_media" and media.image_url == concert.url
    containers = [n for n in sims.graph.nodes.values() if n.kind == "ig_container"]
    assert containers[-1].alt_text == "Orkestern"

    audience = Media(JPEG, "image/jpeg", "Publiken", url="https://www.pitea.se/publik.jpg")
    album = ig.publish(Publication("Bilder från konserten", media=(concert, audience)), "pub-i2")
    assert album.ok
    node = sims.graph.nodes[album.platform_ref]
    assert node.message == "Bilder från konserten" and len(node.children) == 2
    assert [sims.graph.nodes[c].alt_text for c in node.children] == ["Orkestern", "Publiken"]
    items = {i.platform_id: i for i in ig.fetch_items().items}
    assert items[str(album.platform_ref)].raw["media_type"] == "CAROUSEL_ALBUM"

    # A carousel item is not published on its own.
    base = f"{sims.graph_url}/v23.0/17841400000000001"
    headers = {"Authorization": "Bearer ig-token"}
    refused = httpx.post(
        f"{base}/media_publish", data={"creation_id": node.children[0]}, headers=headers
    )
    assert refused.status_code == 400


def test_instagram_comment_actions(sims):
    sims.graph.add_instagram("17841400000000001", token="ig-token", username="kulturskolan")
    sims.graph.add_ig_comment(
        "17900000000000001",
        ig_user_id="17841400000000001",
        media_id="17950000000000001",
        text="Snyggt!",
        username="anna",
    )
    ig = InstagramConnector(
        {
            "ig_user_id": "17841400000000001",
            "access_token": "ig-token",
            "graph_url": sims.graph_url,
        }
    )
    assert ig.hide("17900000000000001").ok
    assert sims.graph.nodes["17900000000000001"].is_hidden
    reply = ig.reply("17900000000000001", "Tack!", "k")
    assert reply.ok and sims.graph.nodes[reply.platform_ref].parent == "17900000000000001"
    assert ig.delete("17900000000000001").ok


def test_the_failing_page_fails_every_third_write_before_changing_anything(sims, page):
    sims.graph.add_page(PAGE, token=TOKEN, name="Biblioteket", app_secret="s3cret", fail_every=3)
    comment = f"{PAGE}_1000_1"
    assert page.hide(comment).ok
    assert page.unhide(comment).ok
    with pytest.raises(TransientError, match="retry"):
        page.hide(comment)
    assert sims.graph.nodes[comment].is_hidden is False
    assert page.hide(comment).ok  # the retry goes through


def test_mastodon_reply_delete_block_and_instance_limit(sims):
    instance = sims.mastodon
    org = instance.add_account("pitea", "Piteå kommun", token="org-token")
    anna = instance.add_account("anna", "Anna Lindberg")
    post = instance.post(org, "Driftinformation: vattnet stängs av i kväll.")
    reply = instance.post(anna, "Hur länge då? <b>snälla</b>", in_reply_to=post.id)
    connector = MastodonConnector({"api_base_url": sims.mastodon_url, "access_token": "org-token"})

    fetched = connector.fetch_items()
    (item,) = fetched.items
    assert item.platform_id == reply.id and item.parent_platform_id == post.id
    assert "&lt;b&gt;snälla&lt;/b&gt;" in item.text  # escaped as the real server does

    answer = connector.reply(item.platform_id, "Till klockan 22.", "idem-1")
    again = connector.reply(item.platform_id, "Till klockan 22.", "idem-1")
    assert answer.ok and again.platform_ref == answer.platform_ref
    sent = instance.statuses[answer.platform_ref]
    assert sent.in_reply_to == reply.id and sent.text.startswith("@anna ")

    assert connector.block(anna.id).ok and anna.id in org.blocking
    assert answer.platform_ref is not None
    assert connector.delete_own(answer.platform_ref).ok
    gone = httpx.get(
        f"{sims.mastodon_url}/api/v1/statuses/{answer.platform_ref}",
        headers={"Authorization": "Bearer org-token"},
    )
    assert gone.status_code == 404 and gone.json() == {"error": "Record not found"}

    limits = httpx.get(f"{sims.mastodon_url}/api/v2/instance").json()
    assert limits["configuration"]["statuses"]["max_characters"] == 640
    too_long = connector.publish(Publication("x" * 641), "pub-long")
    assert too_long.status is ActionStatus.REFUSED and "640" in str(too_long.detail)
    assert connector.publish(Publication("Nytt inlägg"), "pub-1").ok


def test_mastodon_publishes_an_image_with_alt_text_through_the_connector(sims):
    instance = sims.mastodon
    org = instance.add_account("pitea", "Piteå kommun", token="org-token")
    connector = MastodonConnector({"api_base_url": sims.mastodon_url, "access_token": "org-token"})
    snow = Media(PNG, "image/png", "Biblioteket i snö", name="snow.png")
    link = "https://www.pitea.se/" + "lang-adress/" * 60  # counts as 23 there
    result = connector.publish(Publication("Vinterbild", link=link, media=(snow,)), "pub-m")
    assert result.ok and result.permalink == f"{sims.mastodon_url}/@pitea/{result.platform_ref}"
    status = instance.statuses[result.platform_ref]
    assert status.account == org.id and status.text == f"Vinterbild\n\n{link}"
    (media_id,) = status.media
    assert instance.media[media_id].description == "Biblioteket i snö"
    assert instance.media[media_id].data == PNG
    again = connector.publish(Publication("Vinterbild", link=link, media=(snow,)), "pub-m")
    assert again.platform_ref == result.platform_ref


def test_mastodon_media_upload_for_publishing(sims):
    instance = sims.mastodon
    instance.add_account("pitea", "Piteå kommun", token="org-token")
    auth = {"Authorization": "Bearer org-token"}
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 100
    media = httpx.post(
        f"{sims.mastodon_url}/api/v2/media",
        files={"file": ("bild.png", png, "image/png")},
        data={"description": "Biblioteket i snö"},
        headers=auth,
    ).json()
    assert media["type"] == "image" and media["description"] == "Biblioteket i snö"
    assert httpx.get(media["url"]).content == png
    status = httpx.post(
        f"{sims.mastodon_url}/api/v1/statuses",
        data={"status": "Vinterbild", "media_ids[]": media["id"]},
        headers=auth,
    ).json()
    assert status["media_attachments"][0]["id"] == media["id"]
    bad = httpx.post(
        f"{sims.mastodon_url}/api/v2/media",
        files={"file": ("x.exe", b"MZ", "application/x-msdownload")},
        headers=auth,
    )
    assert bad.status_code == 422


# --- through the outbox, with the demo's own data -------------------------------------


@pytest.fixture
def demo(db, sims, settings):
    from tillit.demo.data import load_demo
    from tillit.demo.stream import demo_deliver

    settings.TASKS = {"default": queues.backend("django_tasks.backends.dummy.DummyBackend")}
    load_demo()
    assert demo_connect_simulated(sims, fail_every=3) >= 3
    assert demo_connect_simulated(sims, fail_every=3) == 0  # a second start changes nothing
    demo_deliver(12, seed=2026)
    return sims


def _comment_on(channel_name):
    from tillit.inbox.models import Item

    return (
        Item.objects.filter(channel__name=channel_name, kind="comment", is_hidden=False)
        .order_by("pk")
        .first()
    )


def _run(kind, item, **params):
    from tillit.access.actor import OPERATOR
    from tillit.inbox.services.outbox import action_request, outbox_execute

    action = action_request(
        actor=OPERATOR, channel=item.channel, kind=kind, item=item, params=params
    )
    return outbox_execute(action.pk)


def test_demo_connections_point_at_the_simulations(demo):
    from tillit.inbox.crypto import decrypt_config
    from tillit.inbox.models import Connection

    configs = {
        c.channel.name: decrypt_config(bytes(c.config_encrypted))
        for c in Connection.objects.select_related("channel")
    }
    assert configs["Piteå bibliotek"]["graph_url"] == demo.graph_url
    assert configs[FLAKY_CHANNEL]["graph_url"] == demo.graph_url
    assert configs[MASTODON_CHANNEL] == {
        "api_base_url": demo.mastodon_url,
        "access_token": MASTODON_TOKEN,
    }
    assert configs["Piteå bibliotek"]["app_secret"] == DEMO_APP_SECRET
    assert configs["Kulturskolan Piteå"]["graph_url"] == demo.graph_url


def test_outbox_hide_reply_delete_on_the_demo_instagram(demo):
    from tillit.inbox.models import Item

    item = Item.objects.filter(channel__name="Kulturskolan Piteå", kind="comment").first()
    assert item is not None  # the stream delivers Instagram comments too
    assert _run("hide", item).state == "done"
    assert demo.graph.nodes[item.platform_id].is_hidden
    reply = _run("reply", item, text="Öppet hus är på lördag!")
    assert reply.state == "done" and demo.graph.nodes[reply.result_ref].parent == item.platform_id
    assert _run("block", item, author_platform_id=item.author.platform_id).state == (
        "not_supported"
    )
    assert _run("delete", item).state == "done"


def test_a_restarted_demo_finds_its_comments_on_the_fresh_simulation(demo, settings):
    from tillit.inbox.models import Item

    hidden = _comment_on("Piteå bibliotek")
    assert _run("hide", hidden).state == "done"
    ig = Item.objects.filter(channel__name="Kulturskolan Piteå", kind="comment").first()
    assert ig is not None
    fresh = SimulatedPlatforms().start()
    try:
        allow_simulated(fresh)
        assert demo_connect_simulated(fresh) >= 3  # new ports: every connection moves
        assert fresh.graph.nodes[hidden.platform_id].is_hidden
        assert fresh.graph.nodes[ig.platform_id].message == ig.text
        assert _run("unhide", Item.objects.get(pk=hidden.pk)).state == "done"
        assert not fresh.graph.nodes[hidden.platform_id].is_hidden
    finally:
        fresh.close()


def test_outbox_hide_unhide_reply_block_delete_on_a_demo_page(demo):
    from tillit.inbox.models import Item

    item = _comment_on("Piteå bibliotek")
    node = demo.graph.nodes[item.platform_id]  # the stream told the simulation about it
    assert node.message == item.text

    assert _run("hide", item).state == "done"
    assert node.is_hidden and Item.objects.get(pk=item.pk).is_hidden
    assert _run("unhide", item).state == "done"
    assert not node.is_hidden
    reply = _run("reply", item, text="Tack för din fråga!")
    assert reply.state == "done" and demo.graph.nodes[reply.result_ref].parent == item.platform_id
    block = _run("block", item, author_platform_id=item.author.platform_id)
    assert block.state == "done"
    assert (
        item.author.platform_id in demo.graph.accounts[item.channel.connection.webhook_key].blocked
    )
    assert _run("delete", item).state == "done"
    assert node.deleted and Item.objects.get(pk=item.pk).is_deleted


def test_the_failing_demo_page_retries_and_then_succeeds(demo):
    from tillit.inbox.models import ActionRequest
    from tillit.inbox.services.outbox import outbox_execute

    item = _comment_on(FLAKY_CHANNEL)
    assert _run("hide", item).state == "done"  # write 1
    assert _run("unhide", item).state == "done"  # write 2
    failed = _run("hide", item)  # write 3 fails with Graph's transient error 2
    assert failed.state == "retry" and failed.attempts == 1
    assert "Temporary failure" in failed.detail  # a stored message, shown translated
    assert not demo.graph.nodes[item.platform_id].is_hidden
    ActionRequest.objects.filter(pk=failed.pk).update(next_attempt_at=timezone.now())
    retried = outbox_execute(failed.pk)
    assert retried is not None
    assert retried.state == "done" and retried.attempts == 2
    assert demo.graph.nodes[item.platform_id].is_hidden


def test_outbox_reply_block_and_delete_on_the_demo_mastodon(demo):
    from tillit.inbox.models import Connection, Item
    from tillit.inbox.services.polling import poll_connection

    connection = Connection.objects.get(channel__name=MASTODON_CHANNEL)
    polled = poll_connection(connection)
    assert polled is not None and polled.created == 4  # three replies and a direct message
    message = Item.objects.get(channel=connection.channel, kind="direct_message")
    comment = Item.objects.filter(channel=connection.channel, kind="comment").first()
    assert comment is not None
    reply = _run("reply", message, text="Spärra kortet på pitea.se/bibliotek.")
    assert reply.state == "done"
    assert demo.mastodon.statuses[reply.result_ref].visibility == "direct"
    block = _run("block", comment, author_platform_id=comment.author.platform_id)
    assert block.state == "done"
    assert _run("hide", comment).state == "not_supported"

    # The reply ends the direct conversation, so the next poll brings it in as our own post.
    poll_connection(Connection.objects.get(pk=connection.pk))
    own = Item.objects.get(channel=connection.channel, platform_id=reply.result_ref)
    assert own.is_own
    assert _run("delete", own).state == "done"
    assert demo.mastodon.statuses[reply.result_ref].deleted


def test_a_reply_sent_before_a_crash_is_found_on_the_simulated_page_not_sent_again(demo):
    from datetime import timedelta

    from tillit.inbox.models import ActionRequest
    from tillit.inbox.services import outbox

    item = _comment_on("Piteå bibliotek")
    action = outbox.action_request(
        actor=outbox.SCHEDULER,
        channel=item.channel,
        kind="reply",
        item=item,
        params={"text": "Vi återkommer i dag."},
    )
    connector = outbox.connector_for(item.channel.connection)
    assert connector.reply(item.platform_id, "Vi återkommer i dag.", action.idempotency_key).ok
    # The worker died after the platform answered: the action is left "sending".
    ActionRequest.objects.filter(pk=action.pk).update(
        state="sending", claimed_at=timezone.now() - outbox.lease() - timedelta(seconds=1)
    )
    recovered = outbox.outbox_execute(action.pk)
    assert recovered is not None and recovered.state == "done"
    replies = [n for n in demo.graph.nodes.values() if n.parent == item.platform_id]
    assert len(replies) == 1 and recovered.result_ref == replies[0].id


def test_the_demo_tick_adds_a_reply_on_the_instance_and_queues_a_poll(demo):
    import random

    from tillit.demo.platforms import MASTODON_ACCOUNT, demo_mastodon_tick

    org = demo.mastodon.add_account(*MASTODON_ACCOUNT)
    before = len(demo.mastodon.statuses)
    rng = random.Random(1)  # its first draw is below one half: a new reply this tick
    assert demo_mastodon_tick(demo, rng)
    (new,) = list(demo.mastodon.statuses.values())[before:]
    assert new.in_reply_to == demo.mastodon.statuses_of(org)[0].id


def test_a_page_and_an_instagram_account_give_figures_for_a_report(sims, page):
    today = timezone.now().date()
    figures = page.fetch_insights(today - timedelta(days=120), today)
    # 121 days: two calls per metric, each within Graph's 90 days, every day counted once.
    assert figures.impressions and figures.reach and figures.engagements
    assert figures.followers and figures.missing == ()
    (post,) = figures.per_post
    assert post.platform_id == f"{PAGE}_1000" and post.engagements
    calls = [c for c in sims.graph.log if c[1] == f"{PAGE}/insights"]
    assert len(calls) == 6
    assert page.fetch_insights(today, today).impressions != figures.impressions
    again = page.fetch_insights(today - timedelta(days=120), today)
    assert again.impressions == figures.impressions  # the same every run

    sims.graph.add_instagram("17841400000000001", token="ig-token", username="kulturskolan")
    ig = InstagramConnector(
        {"ig_user_id": "17841400000000001", "access_token": "ig-token", "graph_url": sims.graph_url}
    )
    account = ig.fetch_insights(today - timedelta(days=40), today)
    assert account.impressions and account.reach and account.followers
    assert account.missing == () and account.posts == 0


def test_the_simulated_graph_refuses_what_graph_refuses(sims, page):
    retired = graph_get(sims, f"{PAGE}/insights", metric="page_impressions", since=0, until=86400)
    assert retired.status_code == 400 and retired.json()["error"]["code"] == 100
    too_long = graph_get(
        sims, f"{PAGE}/insights", metric="page_media_view", since=0, until=91 * 86400
    )
    assert too_long.status_code == 400 and "90 days" in too_long.json()["error"]["message"]


def test_mastodon_figures_from_the_account_statuses(sims):
    instance = sims.mastodon
    org = instance.add_account("pitea", "Piteå kommun", token="org-token")
    anna = instance.add_account("anna", "Anna Lindberg")
    post = instance.post(org, "Biblioteket har öppet i helgen.")
    instance.post(org, "Bara för följare", visibility="private")
    instance.post(anna, "Tack!", in_reply_to=post.id)
    connector = MastodonConnector({"api_base_url": sims.mastodon_url, "access_token": "org-token"})
    today = timezone.now().date()
    figures = connector.fetch_insights(today - timedelta(days=1), today)
    (counted,) = figures.per_post
    assert counted.platform_id == post.id and figures.followers
    assert counted.engagements == figures.engagements
    assert figures.engagements is not None and figures.engagements >= 1  # anna's reply
    assert figures.impressions is None and "no views or reach" in str(figures.missing[0])
