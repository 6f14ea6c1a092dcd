"""Fixtures of the cross-app tests: the inbox's connected Facebook channel."""

from tillit.inbox.tests.conftest import fb_channel  # noqa: F401
