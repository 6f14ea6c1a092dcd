"""Moderation fixtures: the guideline's policy applied to a connected Facebook channel."""

import pytest

from tillit.inbox.tests.conftest import fb_channel, tasks_held  # noqa: F401  (shared fixtures)


@pytest.fixture
def policy(org):
    from tillit.moderation.services.policy import policy_create_from_guideline

    return policy_create_from_guideline(actor=org["admin"])
