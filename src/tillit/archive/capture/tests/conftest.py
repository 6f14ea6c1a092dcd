"""Fixtures for the capture tests, which run without Django (pytest -p no:django)."""

import pytest

from .site import site  # noqa: F401 - re-exported as a fixture


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Shadow the project-wide autouse fixture of that name, which needs Django settings."""
    yield
