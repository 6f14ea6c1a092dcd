"""Inbox fixtures: an active Facebook channel connected to a page, and signed deliveries."""

import hashlib
import hmac
import json

import pytest

from tillit.core import queues

APP_SECRET = "test-app-secret"  # noqa: S105
PAGE_ID = "111222333"


VERIFY_TOKEN = "verify-me"  # noqa: S105


@pytest.fixture
def fb_channel(org, active_channel):
    from tillit.inbox.services.connections import connection_set

    connection_set(
        actor=org["manager_a"],
        channel=active_channel,
        connector="facebook",
        config={
            "page_id": PAGE_ID,
            "page_access_token": "EAAB-secret-token",
            "app_secret": APP_SECRET,
            "verify_token": VERIFY_TOKEN,
        },
    )
    return active_channel


def comment_change(
    comment_id: str,
    text: str,
    *,
    created: int = 1_764_400_000,
    author=("501", "Anna Lindberg"),
    parent: str | None = None,
    **extra,
) -> dict:
    post_id = f"{PAGE_ID}_1000"
    value = {
        "item": "comment",
        "verb": "add",
        "post_id": post_id,
        "comment_id": comment_id,
        "parent_id": parent or post_id,
        "created_time": created,
        "from": {"id": author[0], "name": author[1]},
        "message": text,
        **extra,
    }
    return {"field": "feed", "value": value}


def delivery(*changes, messaging=None) -> bytes:
    entry = {"id": PAGE_ID, "time": 1_764_400_001, "changes": list(changes)}
    if messaging:
        entry["messaging"] = messaging
    return json.dumps({"object": "page", "entry": [entry]}).encode()


def signed(body: bytes, secret: str = APP_SECRET) -> dict:
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return {"HTTP_X_HUB_SIGNATURE_256": f"sha256={digest}"}


@pytest.fixture
def tasks_held(settings):
    """Enqueued tasks are recorded but not run, so a test can look at the state in between."""
    settings.TASKS = {"default": queues.backend("django_tasks.backends.dummy.DummyBackend")}
