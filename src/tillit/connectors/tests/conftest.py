"""Shared helpers for connector tests: recorded payloads and a respx router."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import respx

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
