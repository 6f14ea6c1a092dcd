"""Test set-up: the rule detectors are tested without the optional ML model."""

import os

import pytest

from tillit.moderation.detectors import triage


@pytest.fixture(autouse=True)
def _no_triage_model():
    os.environ["TILLIT_TRIAGE_DISABLE"] = "1"
    triage.reset()
    yield
    os.environ.pop("TILLIT_TRIAGE_DISABLE", None)
    triage.reset()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Shadow the project's Django cache fixture: these tests run without Django."""
    yield


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Shadow the project's Django translation fixture: these tests run without Django."""
    yield
