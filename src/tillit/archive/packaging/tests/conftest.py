"""Fixtures for the packaging tests, which run without Django (pytest -p no:django)."""

import pytest


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Shadow the project-wide autouse fixture of that name, which needs Django settings."""
    yield
