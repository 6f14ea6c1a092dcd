"""Publishing a post (text, link, images with alt text) on every platform that allows it.

HTTP platforms are mocked with respx; Mastodon runs against mastodon-mock on 127.0.0.1.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import httpx
import pytest

from tillit.connectors.base import (
    ActionStatus,
    Capability,
    Media,
    Publication,
)
from tillit.connectors.errors import (
    PayloadError,
    RateLimited,
    TokenInvalid,
    TransientError,
)
from tillit.connectors.platforms.bluesky.connector import link_facets
from tillit.connectors.platforms.facebook import FacebookConnector
from tillit.connectors.platforms.instagram import InstagramConnector
from tillit.connectors.platforms.linkedin import LinkedInConnector
from tillit.connectors.platforms.linkedin.connector import little_text
from tillit.connectors.platforms.mastodon import MastodonConnector
from tillit.connectors.platforms.mastodon import connector as mastodon_module
from tillit.connectors.platforms.rss import RssConnector
from tillit.connectors.platforms.x import XConnector
from tillit.connectors.platforms.youtube import YouTubeConnector

from .conftest import fixture_json, mastodon_fault

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00tillit-png" * 20
JPEG = b"\xff\xd8\xff\xe0" + b"\x00tillit-jpeg" * 20
LINK = "https://www.pitea.se/nyheter/vinterkort"
TEXT = "Nu kan du hämta vinterkortet på biblioteket. /Kommunikationsenheten"

WINTER = Media(PNG, "image/png", "Biblioteket i snö, sett från torget", name="snow.png")
CONCERT = Media(
    JPEG,
    "image/jpeg",
    "Kulturskolans orkester på scenen",
    name="concert.jpg",
    url="https://www.pitea.se/bilder/konsert.jpg",
)


def form(request: httpx.Request) -> dict[str, str]:
    """An urlencoded body as a plain dict (one value per name)."""
    return {k: v[0] for k, v in parse_qs(request.content.decode()).items()}


def body(request: httpx.Request):
    return json.loads(request.content)


# --- Facebook ------------------------------------------------------------

G = "https://graph.facebook.com/v23.0"
PAGE = "1234567890"


@pytest.fixture
def fb():
    return FacebookConnector({"page_id": PAGE, "page_access_token": "EAAB.secret"})


def test_facebook_text_only(router, fb):
    feed = router.post(f"{G}/{PAGE}/feed").respond(json={"id": f"{PAGE}_111"})
    result = fb.publish(Publication(TEXT), "pub-1")
    assert result.ok and result.platform_ref == f"{PAGE}_111"
    assert result.permalink == f"https://www.facebook.com/{PAGE}_111"
    assert form(feed.calls[-1].request) == {"message": TEXT}


def test_facebook_link_goes_as_a_link_card(router, fb):
    feed = router.post(f"{G}/{PAGE}/feed").respond(json={"id": f"{PAGE}_112"})
    assert fb.publish(Publication(TEXT, link=LINK), "pub-2").ok
    assert form(feed.calls[-1].request) == {"message": TEXT, "link": LINK}
    assert fb.post_text(Publication(TEXT, link=LINK)) == TEXT


def test_facebook_images_are_uploaded_unpublished_then_attached(router, fb):
    photos = router.post(f"{G}/{PAGE}/photos").mock(
        side_effect=[
            httpx.Response(200, json={"id": "9001"}),
            httpx.Response(200, json={"id": "9002"}),
        ]
    )
    feed = router.post(f"{G}/{PAGE}/feed").respond(json={"id": f"{PAGE}_113"})
    other = Media(JPEG, "image/jpeg", "Orkestern", name="o.jpg")
    result = fb.publish(Publication(TEXT, link=LINK, media=(WINTER, other)), "pub-3")
    assert result.ok and result.permalink == f"https://www.facebook.com/{PAGE}_113"
    first, second = (call.request for call in photos.calls)
    assert first.headers["content-type"].startswith("multipart/form-data")
    assert PNG in first.content and b'name="published"\r\n\r\nfalse' in first.content
    assert b'name="source"; filename="snow.png"' in first.content
    assert JPEG in second.content
    posted = form(feed.calls[-1].request)
    assert json.loads(posted["attached_media[0]"]) == {"media_fbid": "9001"}
    assert json.loads(posted["attached_media[1]"]) == {"media_fbid": "9002"}
    # With images there is no link card: the link goes in the text, and the text is signed.
    assert posted["message"] == f"{TEXT}\n\n{LINK}" and "link" not in posted
    # Graph's photo upload takes no alt text; it stays in Tillit's record (never sent).
    assert b"Biblioteket i sn" not in first.content


def test_facebook_token_expired_as_400_is_token_invalid(router, fb):
    router.post(f"{G}/{PAGE}/feed").respond(
        400, json=fixture_json("facebook", "error_token_expired.json")
    )
    with pytest.raises(TokenInvalid):
        fb.publish(Publication(TEXT), "pub-4")


# --- Instagram -----------------------------------------------------------

IG = "17841405822304914"


@pytest.fixture
def ig():
    return InstagramConnector({"ig_user_id": IG, "access_token": "IGQ.secret"})


def test_instagram_is_a_publishing_connector_now():
    assert Capability.PUBLISH in InstagramConnector.capabilities
    assert Capability.PUBLISH not in InstagramConnector.unsupported
    rules = InstagramConnector.post_rules
    assert rules.needs_media and rules.max_media == 10 and rules.media_types == {"image/jpeg"}


def test_instagram_one_image_with_caption_and_alt_text(router, ig):
    media = router.post(f"{G}/{IG}/media").respond(json={"id": "17889455560051444"})
    publish = router.post(f"{G}/{IG}/media_publish").respond(json={"id": "17920238422030506"})
    permalink = router.get(f"{G}/17920238422030506").respond(
        json={"id": "17920238422030506", "permalink": "https://www.instagram.com/p/DAbc123/"}
    )
    result = ig.publish(Publication(TEXT, link=LINK, media=(CONCERT,)), "pub-5")
    assert result.ok and result.platform_ref == "17920238422030506"
    assert result.permalink == "https://www.instagram.com/p/DAbc123/"
    assert form(media.calls[-1].request) == {
        "image_url": CONCERT.url,
        # Links are not clickable in a caption, but the reader can still type it in.
        "caption": f"{TEXT}\n\n{LINK}",
        "alt_text": CONCERT.alt_text,
    }
    assert form(publish.calls[-1].request) == {"creation_id": "17889455560051444"}
    assert permalink.calls[-1].request.url.params["fields"] == "permalink"


def test_instagram_several_images_make_a_carousel(router, ig):
    media = router.post(f"{G}/{IG}/media").mock(
        side_effect=[
            httpx.Response(200, json={"id": "1791"}),
            httpx.Response(200, json={"id": "1792"}),
            httpx.Response(200, json={"id": "1799"}),
        ]
    )
    publish = router.post(f"{G}/{IG}/media_publish").respond(json={"id": "1800"})
    # The permalink is a nicety: without it the post is still published.
    router.get(f"{G}/1800").respond(500)
    second = Media(JPEG, "image/jpeg", "Publiken applåderar", url="https://www.pitea.se/b.jpg")
    result = ig.publish(Publication(TEXT, media=(CONCERT, second)), "pub-6")
    assert result.ok and result.platform_ref == "1800" and result.permalink is None
    child_one, child_two, carousel = (form(call.request) for call in media.calls)
    assert child_one == {
        "image_url": CONCERT.url,
        "is_carousel_item": "true",
        "alt_text": CONCERT.alt_text,
    }
    assert child_two["alt_text"] == "Publiken applåderar" and "caption" not in child_two
    assert carousel == {"media_type": "CAROUSEL", "children": "1791,1792", "caption": TEXT}
    assert form(publish.calls[-1].request) == {"creation_id": "1799"}


@pytest.mark.parametrize(
    ("publication", "words"),
    [
        (Publication(TEXT), "needs at least one image"),
        (Publication(TEXT, media=(Media(JPEG, "image/jpeg", "Alt"),)), "public web address"),
        (Publication(TEXT, media=(WINTER,)), "image/png"),
        (Publication(TEXT, media=(CONCERT,) * 11), "takes 10 at most"),
    ],
)
def test_instagram_refuses_what_it_cannot_publish_before_any_call(router, ig, publication, words):
    result = ig.publish(publication, "pub-7")
    assert result.status is ActionStatus.REFUSED and words in str(result.detail)
    assert not router.calls


def test_instagram_image_not_fetched_yet_is_transient(router, ig):
    router.post(f"{G}/{IG}/media").respond(json={"id": "1791"})
    router.post(f"{G}/{IG}/media_publish").respond(
        400,
        json={
            "error": {
                "message": "Media ID is not available",
                "type": "OAuthException",
                "code": 9007,
                "error_subcode": 2207027,
            }
        },
    )
    with pytest.raises(TransientError):
        ig.publish(Publication(TEXT, media=(CONCERT,)), "pub-8")


def test_instagram_container_id_that_could_reshape_a_url_is_refused(router, ig):
    router.post(f"{G}/{IG}/media").respond(json={"id": "../../me"})
    with pytest.raises(PayloadError, match="id is not one Tillit can use"):
        ig.publish(Publication(TEXT, media=(CONCERT,)), "pub-9")


# --- Bluesky -------------------------------------------------------------

PDS = "https://bsky.social/xrpc"
ORG = "did:plc:exempelbykommun0000000"


def created(rkey="3lbpost1abc"):
    return {"uri": f"at://{ORG}/app.bsky.feed.post/{rkey}", "cid": "bafyreipost"}


def test_bluesky_text_only(router, bsky):
    create = router.post(f"{PDS}/com.atproto.repo.createRecord").respond(json=created())
    result = bsky.publish(Publication("Öppet hus på lördag!"), "pub-10")
    assert result.ok and result.platform_ref == f"at://{ORG}/app.bsky.feed.post/3lbpost1abc"
    assert result.permalink == f"https://bsky.app/profile/{ORG}/post/3lbpost1abc"
    record = body(create.calls[-1].request)["record"]
    assert record["text"] == "Öppet hus på lördag!" and "facets" not in record
    assert "embed" not in record and record["createdAt"].endswith("Z")


def test_bluesky_link_is_put_in_the_text_with_a_facet(router, bsky):
    create = router.post(f"{PDS}/com.atproto.repo.createRecord").respond(json=created())
    text = "Läs mer på"
    assert bsky.publish(Publication(text, link=LINK), "pub-11").ok
    record = body(create.calls[-1].request)["record"]
    assert record["text"] == f"{text}\n\n{LINK}"
    (facet,) = record["facets"]
    start = len(f"{text}\n\n".encode())
    assert facet["index"] == {"byteStart": start, "byteEnd": start + len(LINK.encode())}
    assert facet["features"] == [{"$type": "app.bsky.richtext.facet#link", "uri": LINK}]


def test_bluesky_facets_count_utf8_bytes_and_leave_out_the_full_stop():
    text = "Båt: https://pitea.se/hamn. Och (https://pitea.se/a_(b)) här."
    first, second = link_facets(text)
    raw = text.encode()
    assert raw[first["index"]["byteStart"] : first["index"]["byteEnd"]] == b"https://pitea.se/hamn"
    assert first["index"]["byteStart"] == len("Båt: ".encode()) == 6
    assert second["features"][0]["uri"] == "https://pitea.se/a_(b)"
    assert (
        raw[second["index"]["byteStart"] : second["index"]["byteEnd"]] == b"https://pitea.se/a_(b)"
    )


def test_bluesky_images_are_uploaded_as_blobs_with_alt_text(router, bsky):
    blob = {
        "$type": "blob",
        "ref": {"$link": "bafkreiimage"},
        "mimeType": "image/png",
        "size": len(PNG),
    }
    upload = router.post(f"{PDS}/com.atproto.repo.uploadBlob").respond(json={"blob": blob})
    create = router.post(f"{PDS}/com.atproto.repo.createRecord").respond(json=created())
    assert bsky.publish(Publication("Vinter", media=(WINTER,)), "pub-12").ok
    sent = upload.calls[-1].request
    assert sent.content == PNG and sent.headers["content-type"] == "image/png"
    assert sent.headers["authorization"] == "Bearer eyJ.access.jwt"
    embed = body(create.calls[-1].request)["record"]["embed"]
    assert embed == {
        "$type": "app.bsky.embed.images",
        "images": [{"alt": WINTER.alt_text, "image": blob}],
    }


def test_bluesky_odd_uri_still_publishes_without_a_permalink(router, bsky):
    router.post(f"{PDS}/com.atproto.repo.createRecord").respond(
        json={"uri": "at://not a did/x/y", "cid": "c"}
    )
    result = bsky.publish(Publication("Hej"), "pub-13")
    assert result.ok and result.permalink is None


def test_bluesky_refuses_a_blob_over_its_limit(router, bsky):
    big = Media(b"\x89PNG" + b"0" * 1_000_000, "image/png", "Stor bild", name="big.png")
    result = bsky.publish(Publication("Hej", media=(big,)), "pub-14")
    assert result.status is ActionStatus.REFUSED and "1000000" in str(result.detail)
    assert not any("uploadBlob" in str(c.request.url) for c in router.calls)


# --- X -------------------------------------------------------------------

XAPI = "https://api.x.com/2"


@pytest.fixture
def x():
    return XConnector({"user_id": "1500000000000000000", "access_token": "xtoken"})


def test_x_text_with_link_appended(router, x):
    tweets = router.post(f"{XAPI}/tweets").respond(
        201, json={"data": {"id": "1900000000000000001", "text": "…"}}
    )
    result = x.publish(Publication("Nytt på webben", link=LINK), "pub-15")
    assert result.ok and result.platform_ref == "1900000000000000001"
    assert result.permalink == "https://x.com/i/web/status/1900000000000000001"
    assert body(tweets.calls[-1].request) == {"text": f"Nytt på webben\n\n{LINK}"}


def test_x_text_only_does_not_repeat_a_link_already_in_it(router, x):
    tweets = router.post(f"{XAPI}/tweets").respond(201, json={"data": {"id": "19"}})
    assert x.publish(Publication(f"Läs {LINK} i dag", link=LINK), "pub-16").ok
    assert body(tweets.calls[-1].request) == {"text": f"Läs {LINK} i dag"}


def test_x_images_upload_then_alt_text_then_post(router, x):
    upload = router.post(f"{XAPI}/media/upload").mock(
        side_effect=[
            httpx.Response(200, json={"data": {"id": "1880028106020515840", "media_key": "3_1"}}),
            httpx.Response(200, json={"data": {"id": "1880028106020515841", "media_key": "3_2"}}),
        ]
    )
    metadata = router.post(f"{XAPI}/media/metadata").respond(json={"data": {"id": "x"}})
    tweets = router.post(f"{XAPI}/tweets").respond(201, json={"data": {"id": "1900"}})
    other = Media(JPEG, "image/jpeg", "Orkestern spelar", name="o.jpg")
    assert x.publish(Publication("Bilder", media=(WINTER, other)), "pub-17").ok
    first = upload.calls[0].request
    assert first.headers["content-type"].startswith("multipart/form-data")
    assert PNG in first.content and b'name="media_category"\r\n\r\ntweet_image' in first.content
    assert b'name="media"; filename="snow.png"' in first.content
    assert JPEG in upload.calls[1].request.content
    assert [body(c.request) for c in metadata.calls] == [
        {"id": "1880028106020515840", "metadata": {"alt_text": {"text": WINTER.alt_text}}},
        {"id": "1880028106020515841", "metadata": {"alt_text": {"text": "Orkestern spelar"}}},
    ]
    assert body(tweets.calls[-1].request) == {
        "text": "Bilder",
        "media": {"media_ids": ["1880028106020515840", "1880028106020515841"]},
    }


def test_x_counts_a_long_address_as_23():
    limit = XConnector.text_limit
    long_url = "https://www.pitea.se/" + "a" * 200
    text = "x" * 250 + " " + long_url
    assert limit.post == 280 and limit.length(text) == 250 + 1 + 23 <= 280
    # The link the connector appends counts the same way, with its blank line.
    publication = Publication("x" * 250, link=long_url)
    assert limit.length(XConnector.post_text(publication)) == 250 + 2 + 23


# --- LinkedIn ------------------------------------------------------------

LI = "https://api.linkedin.com/rest"
ORG_URN = "urn:li:organization:2414183"
UPLOAD = "https://www.linkedin.com/dms-uploads/sp/D4E10AQ/uploaded-image/0?ca=vector_feedshare"


@pytest.fixture
def li():
    return LinkedInConnector({"organization_id": "2414183", "access_token": "AQX"})


def post_created(router):
    return router.post(f"{LI}/posts").respond(
        201, headers={"x-restli-id": "urn:li:share:7300000000000000009"}
    )


def test_linkedin_text_only_escapes_little_text(router, li):
    posts = post_created(router)
    result = li.publish(Publication("Öppet (lördag) för alla @kommunen #pitea"), "pub-18")
    assert result.ok and result.platform_ref == "urn:li:share:7300000000000000009"
    assert (
        result.permalink == "https://www.linkedin.com/feed/update/urn:li:share:7300000000000000009/"
    )
    sent = body(posts.calls[-1].request)
    assert sent["author"] == ORG_URN and sent["visibility"] == "PUBLIC"
    assert sent["commentary"] == "Öppet \\(lördag\\) för alla \\@kommunen #pitea"
    assert "content" not in sent


def test_little_text_leaves_addresses_and_hashtags_alone():
    assert little_text("a_b [x] https://a.se/b_(c) #tag ~*") == (
        "a\\_b \\[x\\] https://a.se/b_(c) #tag \\~\\*"
    )
    assert little_text("back\\slash") == "back\\\\slash"
    # The sentence's own brackets are escaped, the address (with its #fragment) is not.
    assert little_text("(se https://a.se/b#del-2)") == "\\(se https://a.se/b#del-2\\)"


def test_linkedin_link_without_images_is_an_article(router, li):
    posts = post_created(router)
    assert li.publish(Publication(TEXT, link=LINK), "pub-19").ok
    sent = body(posts.calls[-1].request)
    assert sent["commentary"] == TEXT
    assert sent["content"] == {
        "article": {"source": LINK, "title": "www.pitea.se/nyheter/vinterkort"}
    }


def mock_image_uploads(router, count):
    init = router.post(f"{LI}/images", params={"action": "initializeUpload"}).mock(
        side_effect=[
            httpx.Response(
                200,
                json={
                    "value": {
                        "uploadUrlExpiresAt": 1650567510704,
                        "uploadUrl": f"{UPLOAD}&n={n}",
                        "image": f"urn:li:image:C4E10AQ{n}",
                    }
                },
            )
            for n in range(count)
        ]
    )
    put = router.put(url__startswith=UPLOAD).respond(201)
    return init, put


def test_linkedin_one_image_with_alt_text(router, li):
    init, put = mock_image_uploads(router, 1)
    posts = post_created(router)
    assert li.publish(Publication(TEXT, link=LINK, media=(WINTER,)), "pub-20").ok
    assert body(init.calls[-1].request) == {"initializeUploadRequest": {"owner": ORG_URN}}
    uploaded = put.calls[-1].request
    assert uploaded.content == PNG and uploaded.headers["content-type"] == "image/png"
    assert uploaded.headers["authorization"] == "Bearer AQX"
    sent = body(posts.calls[-1].request)
    assert sent["content"] == {"media": {"id": "urn:li:image:C4E10AQ0", "altText": WINTER.alt_text}}
    # No article card beside an image: the link goes in the text.
    assert sent["commentary"] == f"{TEXT}\n\n{LINK}"


def test_linkedin_several_images_are_a_multi_image_post(router, li):
    mock_image_uploads(router, 2)
    posts = post_created(router)
    other = Media(JPEG, "image/jpeg", "Orkestern", name="o.jpg")
    assert li.publish(Publication(TEXT, media=(WINTER, other)), "pub-21").ok
    assert body(posts.calls[-1].request)["content"] == {
        "multiImage": {
            "images": [
                {"id": "urn:li:image:C4E10AQ0", "altText": WINTER.alt_text},
                {"id": "urn:li:image:C4E10AQ1", "altText": "Orkestern"},
            ]
        }
    }


def test_linkedin_never_sends_the_token_to_an_upload_address_outside_linkedin(router, li):
    router.post(f"{LI}/images", params={"action": "initializeUpload"}).respond(
        json={
            "value": {
                "uploadUrl": "https://linkedin.com.evil.example/upload",
                "image": "urn:li:image:C4E10AQ0",
            }
        }
    )
    with pytest.raises(PayloadError, match="outside LinkedIn"):
        li.publish(Publication(TEXT, media=(WINTER,)), "pub-22")
    assert all("evil" not in str(c.request.url) for c in router.calls)


# --- the same errors everywhere -------------------------------------------

# (connector fixture, method, URL of the first publishing call, a refusal the platform sends)
PLATFORMS = {
    "facebook": (
        "fb",
        "POST",
        f"{G}/{PAGE}/photos",
        {
            "error": {
                "message": "(#100) The image could not be read",
                "type": "OAuthException",
                "code": 100,
            }
        },
    ),
    "instagram": (
        "ig",
        "POST",
        f"{G}/{IG}/media",
        {
            "error": {
                "message": "The image could not be downloaded",
                "type": "OAuthException",
                "code": 9004,
                "error_subcode": 2207052,
            }
        },
    ),
    "bluesky": (
        "bsky",
        "POST",
        f"{PDS}/com.atproto.repo.uploadBlob",
        {"error": "InvalidRequest", "message": "The image could not be read"},
    ),
    "x": (
        "x",
        "POST",
        f"{XAPI}/media/upload",
        {"title": "Invalid Request", "detail": "The image could not be read", "status": 400},
    ),
    "linkedin": (
        "li",
        "POST",
        f"{LI}/images",
        {"status": 400, "code": "ILLEGAL_ARGUMENT", "message": "The image could not be read"},
    ),
}


def publication_for(platform):
    media = CONCERT if platform == "instagram" else Media(JPEG, "image/jpeg", "Orkestern")
    return Publication(TEXT, link=LINK, media=(media,))


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_a_refusal_carries_the_platforms_words(request, router, platform):
    fixture, method, url, refusal = PLATFORMS[platform]
    connector = request.getfixturevalue(fixture)
    router.route(method=method, url__startswith=url).respond(400, json=refusal)
    result = connector.publish(publication_for(platform), "pub-err")
    assert result.status is ActionStatus.REFUSED
    assert "HTTP 400" in str(result.detail) and "could" in str(result.detail)


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
@pytest.mark.parametrize(
    ("status", "headers", "error"),
    [
        (401, {}, TokenInvalid),
        (429, {"Retry-After": "17"}, RateLimited),
        (500, {}, TransientError),
    ],
)
def test_token_rate_limit_and_outage(request, router, platform, status, headers, error):
    fixture, method, url, _refusal = PLATFORMS[platform]
    connector = request.getfixturevalue(fixture)
    router.route(method=method, url__startswith=url).respond(
        status, json={"error": {"message": "nope"}}, headers=headers
    )
    with pytest.raises(error) as caught:
        connector.publish(publication_for(platform), "pub-err")
    if error is RateLimited:
        assert caught.value.retry_after == 17


def test_youtube_and_rss_explain_why_they_cannot_publish():
    for cls, words in ((YouTubeConnector, "community posts"), (RssConnector, "read only")):
        assert Capability.PUBLISH not in cls.capabilities
        assert words in str(cls.unsupported[Capability.PUBLISH])
    feed = RssConnector({"feed_url": "https://exempelby.se/nyheter.rss"})
    result = feed.publish(Publication(TEXT), "pub-rss")
    assert result.status is ActionStatus.NOT_SUPPORTED and "read only" in str(result.detail)


# --- Mastodon, against mastodon-mock --------------------------------------


@pytest.fixture
def masto(server):
    return MastodonConnector({"api_base_url": server.base_url, "access_token": "alice_token"})


def fault(server, **rule):
    """Fail the next POST to ``path`` on the mock as the rule says."""
    mastodon_fault(server, {"methods": ["POST"], "path": rule.pop("path")}, rule, count=1)


def test_mastodon_publishes_an_image_with_alt_text_and_reads_it_back(server, masto):
    result = masto.publish(
        Publication("Vinterkortet finns nu", link=LINK, media=(WINTER,)), "pub-m1"
    )
    assert result.ok and result.permalink and result.permalink.startswith("http")
    status = server.client("bob").status(result.platform_ref)
    assert status.visibility == "public" and LINK in status.content
    (attachment,) = status.media_attachments
    assert attachment.description == WINTER.alt_text
    assert httpx.get(attachment.url).content == PNG
    # The same idempotency key gives the same status back, not a second post.
    again = masto.publish(
        Publication("Vinterkortet finns nu", link=LINK, media=(WINTER,)), "pub-m1"
    )
    assert again.platform_ref == result.platform_ref


def test_mastodon_text_only(server, masto):
    result = masto.publish(Publication("Öppet hus på lördag"), "pub-m2")
    status = server.client("alice").status(result.platform_ref)
    assert "Öppet hus på lördag" in status.content and not status.media_attachments


def test_mastodon_counts_addresses_as_23():
    assert MastodonConnector.text_limit.length("a " + "https://x.se/" + "b" * 100) == 25


@pytest.mark.parametrize(
    ("status", "error"),
    [(400, None), (422, None), (401, TokenInvalid), (429, RateLimited), (500, TransientError)],
)
def test_mastodon_errors(server, masto, status, error):
    if status == 429:
        fault(server, path="/api/v1/statuses", type="ratelimit")
    else:
        words = {"error": "Validation failed: Text can't be blank"}
        fault(server, path="/api/v1/statuses", type="status", status=status, body=words)
    if error is None:
        result = masto.publish(Publication("Hej"), f"pub-m-{status}")
        assert result.status is ActionStatus.REFUSED and "blank" in str(result.detail)
        return
    with pytest.raises(error) as caught:
        masto.publish(Publication("Hej"), f"pub-m-{status}")
    if error is RateLimited:
        # The mock says the limit resets in 300 s (X-RateLimit-Reset, as Mastodon does).
        assert 250 < caught.value.retry_after <= 301


def test_mastodon_waits_a_bounded_time_for_processing(monkeypatch):
    connector = MastodonConnector({"api_base_url": "https://mastodon.example", "access_token": "t"})
    waits: list[float] = []
    monkeypatch.setattr(mastodon_module.time, "sleep", waits.append)

    class Api:
        checks = 0

        def media_post(self, data, **kwargs):
            assert data == PNG and kwargs["description"] == WINTER.alt_text
            return {"id": "55", "url": None}

        def media(self, media_id):
            self.checks += 1
            return {"id": media_id, "url": "https://m.example/55.png" if self.checks == 2 else None}

        def status_post(self, text, **kwargs):
            assert kwargs["media_ids"] == ["55"]
            return {"id": "77", "url": "https://mastodon.example/@org/77"}

    monkeypatch.setattr(connector, "_api", Api())
    result = connector.publish(Publication("Hej", media=(WINTER,)), "k")
    assert result.ok and result.permalink == "https://mastodon.example/@org/77"
    assert len(waits) == 2

    class Slow(Api):
        def media(self, media_id):
            return {"id": media_id, "url": None}

    monkeypatch.setattr(connector, "_api", Slow())
    waits.clear()
    with pytest.raises(TransientError, match="still processing"):
        connector.publish(Publication("Hej", media=(WINTER,)), "k2")
    assert sum(waits) <= 10
