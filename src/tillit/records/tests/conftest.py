"""Records fixtures: reuse the inbox's connected Facebook channel and held tasks."""

from tillit.inbox.tests.conftest import fb_channel, tasks_held  # noqa: F401
