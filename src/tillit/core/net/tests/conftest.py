"""The core.net tests run without the database; the project-wide Django fixtures stand aside."""

import pytest


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Override the project-wide cache reset: nothing here touches the cache."""
    yield


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Override the project-wide translation switch: no Django messages here."""
    yield
