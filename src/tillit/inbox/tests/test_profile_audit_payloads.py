"""Profile audits on every connector's real profile payload (issue 14, R10-R11).

Each of the eight connectors reads its channel's profile from its platform's real endpoint
(mocked with respx; Mastodon's by mastodon-mock), answering in the platform's own shape.
A complete profile passes; with one requirement taken away exactly that check fails and the
text to paste is exactly what is missing; a hostile profile is judged without a crash, kept
bounded and with no script address among its links; a field of the wrong type is refused
with the reason kept, never a crash.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
import respx
from django.conf import settings
from django.test import Client

from tillit.channels.models import ProfileAudit
from tillit.channels.profile_audit import ProfileRead, audit_profile
from tillit.channels.profile_links import normalise
from tillit.channels.services.profile_audits import MAX_NAME, MAX_TEXT, expected_for
from tillit.connectors.tests.conftest import fixture_json
from tillit.inbox.services.connections import connection_set
from tillit.inbox.services.profile_audits import channel_audit_profile
from tillit.testing import PASSWORD

from . import profile_payloads as pp

pytestmark = pytest.mark.django_db

VARIANTS = ("complete", *pp.CHECKS, "hostile", "wrong_type")


@pytest.fixture
def mastodon_base(settings, request):
    """mastodon-mock's address and what it answers for alice's own account (None elsewhere)."""
    if request.node.callspec.params["platform"] != "mastodon":
        return None
    # The mock listens on 127.0.0.1: allowed as a self-hosted instance would be.
    settings.TILLIT_OUTBOUND_ALLOW_HOSTS = {"127.0.0.1"}
    server = request.getfixturevalue("mastodon_mock_server")
    answer = httpx.get(
        f"{server.base_url}{pp.MASTODON_PROFILE}",
        headers={"Authorization": "Bearer alice_token"},
    )
    answer.raise_for_status()
    return server.base_url, answer.json()


@pytest.fixture
def connected(org, active_channel, public_dns, mastodon_base, request):
    """The active channel connected through the connector under test."""
    platform = request.node.callspec.params["platform"]
    public_dns["127.0.0.1"] = ["127.0.0.1"]
    config = dict(pp.CONFIGS[platform])
    if platform == "mastodon":
        config["api_base_url"] = mastodon_base[0]
    connection_set(
        actor=org["manager_a"], channel=active_channel, connector=platform, config=config
    )
    return active_channel


def _says(channel, platform: str, variant: str) -> pp.Says:
    rules_url = f"{settings.TILLIT_BASE_URL}/kanaler/{channel.public_id}/regler/"
    says = pp.complete(purpose=channel.purpose, rules_url=rules_url)
    if variant in pp.CHECKS:
        return pp.lacking(says, variant)
    if variant == "hostile":
        # NUL cannot be written in XML 1.0 at all: the RSS feed with one is the refused one.
        return pp.hostile_says(nul=platform != "rss")
    return says


def _payload(platform: str, says: pp.Says, variant: str, mastodon_base) -> Any:
    payload: Any
    if platform == "rss":
        payload = pp.rss(says)
    elif platform == "mastodon":
        payload = pp.mastodon(says, mastodon_base[1])
    else:
        payload = pp.JSON_BUILDERS[platform](says)
    if variant == "hostile":
        payload = pp.hostile_extras(platform, payload)
    if variant == "wrong_type":
        payload = pp.with_wrong_type(platform, payload)
    return payload


def _serve(router, platform: str, payload, mastodon_base) -> Callable[[], bool]:
    """Answer the platform's profile endpoint with ``payload``; whether it was asked."""
    if platform == "mastodon":
        faults = f"{mastodon_base[0]}/api/v1/_mock/faults"
        rule = {
            "match": {"methods": ["GET"], "path": pp.MASTODON_PROFILE},
            "effect": {"type": "status", "status": 200, "body": payload},
            "count": 1,
        }
        # The mock's control plane is on the mock itself: respx lets it through.
        router.route(host="127.0.0.1").pass_through()
        httpx.post(faults, json=rule).raise_for_status()
        # A rule with a count of one is gone once it has answered.
        return lambda: httpx.get(faults).json() == []
    if platform == "bluesky":
        router.post(pp.BLUESKY_SESSION).respond(json=fixture_json("bluesky", "session.json"))
    if platform == "rss":
        route = router.get(pp.ENDPOINTS["rss"]).respond(
            content=payload, headers={"Content-Type": "application/rss+xml"}
        )
    else:
        route = router.get(url__startswith=pp.ENDPOINTS[platform]).respond(json=payload)
    return lambda: route.called


def _audit(channel, platform: str, variant: str, mastodon_base) -> ProfileAudit:
    payload = _payload(platform, _says(channel, platform, variant), variant, mastodon_base)
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as router:
        asked = _serve(router, platform, payload, mastodon_base)
        # Where the platform's answer is refused the audit reads the public page instead.
        page = router.get(channel.url).respond(404)
        audit = channel_audit_profile(channel=channel)
        assert asked(), f"{platform}: the profile endpoint was not asked"
    if variant != "wrong_type":
        assert not page.called, f"{platform}: fell back to the public page: {audit.problem}"
    return audit


def _adds(channel) -> dict[str, str]:
    """The text each check asks to paste when it fails."""
    judged = audit_profile(ProfileRead(text=""), expected_for(channel))
    return {check.code: check.add for check in judged.checks}


def test_the_payloads_link_to_the_rules_page_the_audit_expects(org, active_channel):
    said = _says(active_channel, "facebook", "complete")
    assert said.rules_url == expected_for(active_channel).rules_url
    assert said.rules_url.startswith("http://127.0.0.1:8000/kanaler/")


@pytest.mark.parametrize("variant", ["complete", *pp.CHECKS])
@pytest.mark.parametrize("platform", pp.PLATFORMS)
def test_a_profile_is_judged_on_what_the_platform_really_sends(
    platform, variant, connected, mastodon_base
):
    audit = _audit(connected, platform, variant, mastodon_base)
    where = f"{platform}/{variant}: {audit.checks} read {audit.read_text!r} {audit.read_links}"
    assert audit.source == ProfileAudit.Source.PLATFORM, where
    if variant == "complete":
        assert audit.outcome == ProfileAudit.Outcome.PASSED, where
        assert audit.failing == [] and audit.paste == "", where
        return
    assert audit.outcome == ProfileAudit.Outcome.FAILED, where
    assert audit.failing == [variant], where
    adds = _adds(connected)
    assert audit.paste == adds[variant], where
    assert all(adds[other] not in audit.paste for other in pp.CHECKS if other != variant), where


def _unsafe(link: str) -> bool:
    squeezed = "".join(link.split()).lower()
    return not normalise(link) or urlsplit(squeezed).scheme not in ("http", "https", "")


@pytest.mark.parametrize("platform", pp.PLATFORMS)
def test_a_hostile_profile_is_judged_bounded_and_without_script_links(
    platform, connected, mastodon_base
):
    audit = _audit(connected, platform, "hostile", mastodon_base)
    where = f"{platform}: {audit.problem} {audit.read_links}"
    assert audit.source == ProfileAudit.Source.PLATFORM, where
    assert audit.outcome == ProfileAudit.Outcome.FAILED, where
    # Nothing of the enormous text passes for a link, a sender or a purpose.
    assert {"sender", "rules", "website", "collection"} <= set(audit.failing), where
    assert len(audit.read_text) <= MAX_TEXT and len(audit.read_name) <= MAX_NAME, where
    assert "\x00" not in audit.read_text + audit.read_name + "".join(audit.read_links), where
    assert not [link for link in audit.read_links if _unsafe(link)], where
    body = _channel_page(connected)
    assert "<script>alert(1)" not in body and "<img src=x" not in body, platform


def _channel_page(channel) -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE="sv")
    client.login(username="manager_a", password=PASSWORD)
    return client.get(f"/register/{channel.public_id}/").content.decode()


@pytest.mark.parametrize("platform", pp.PLATFORMS)
def test_a_field_of_the_wrong_type_is_refused_with_its_reason(platform, connected, mastodon_base):
    from django.utils import translation

    from tillit.core.messages import shown_text

    audit = _audit(connected, platform, "wrong_type", mastodon_base)
    assert audit.outcome == ProfileAudit.Outcome.UNREAD, f"{platform}: {audit.checks}"
    with translation.override("sv"):
        problem = shown_text(audit.problem, html=False)
    assert "Plattformen gav inte profilen" in problem, f"{platform}: {problem}"
    # The reason names what was wrong, so whoever connected the channel can ask the platform.
    reason = "Flödet är inte korrekt" if platform == "rss" else str(pp.WRONG_TYPES[platform][0][-1])
    assert reason in problem, f"{platform}: {problem}"
