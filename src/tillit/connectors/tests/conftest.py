"""Shared helpers for connector tests: recorded payloads and a respx router."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from tillit.connectors.platforms.bluesky import BlueskyConnector

PLATFORMS = Path(__file__).resolve().parent.parent / "platforms"


def fixture_bytes(platform: str, name: str) -> bytes:
    """The raw bytes of a recorded payload."""
    return (PLATFORMS / platform / "fixtures" / name).read_bytes()


def fixture_json(platform: str, name: str) -> Any:
    """A recorded payload, decoded."""
    return json.loads(fixture_bytes(platform, name))


@pytest.fixture
def router():
    """A respx router that fails the test on any unmocked request."""
    with respx.mock(assert_all_called=False, assert_all_mocked=True) as mock:
        yield mock


@pytest.fixture
def server(mastodon_mock_server, settings):
    """A fresh mastodon-mock instance: alice is the organisation, bob a member of the public.

    It listens on 127.0.0.1, which the outbound guard refuses unless allow-listed, as a
    self-hosted instance on the organisation's own network would be.
    """
    settings.TILLIT_OUTBOUND_ALLOW_HOSTS = {"127.0.0.1"}
    return mastodon_mock_server


def mastodon_fault(server, match: dict, effect: dict, *, count: int | None = None) -> str:
    """Register a fault rule on mastodon-mock and return its id.

    The mock's own helper needs a package Tillit does not install; this posts the same rule.
    """
    answer = httpx.post(
        f"{server.base_url}/api/v1/_mock/faults",
        json={"match": match, "effect": effect, "count": count},
    )
    answer.raise_for_status()
    return answer.json()["id"]


PDS = "https://bsky.social/xrpc"


@pytest.fixture
def bsky(router):
    """The organisation's Bluesky account; its session is created against the router."""
    router.post(f"{PDS}/com.atproto.server.createSession").respond(
        json=fixture_json("bluesky", "session.json")
    )
    return BlueskyConnector({"identifier": "exempelby.bsky.social", "app_password": "abcd-efgh"})


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Override the project-wide Django cache reset: connector tests run without Django."""
    yield


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Override the project-wide Django translation switch: no Django here."""
    yield


@pytest.fixture(autouse=True)
def _english():
    """Connector messages read in English here, whatever language an earlier test left active."""
    from django.utils import translation

    with translation.override("en"):
        yield
