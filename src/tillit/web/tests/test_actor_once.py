"""A request loads the person's roles and mandates once, however many checks it makes.

The middleware builds ``request.actor``; views pass it to selectors and services, which
check against it without loading it again. Counting the roles and mandates queries of a
page view and of a lifecycle step (a service that checks, audits and notifies) proves it.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tillit.testing import PASSWORD

pytestmark = pytest.mark.django_db

# The two loads behind an Actor (organisation's roles, channels' valid mandates).
ROLES = (
    '"organisation_roleassignment"."department_id" AS "department_id" '
    'FROM "organisation_roleassignment"'
)
MANDATES = (
    '"channels_mandate"."channel_id" AS "channel_id", "channels_mandate"."role" AS "role" FROM'
)


def _loads(queries) -> tuple[int, int]:
    sql = [q["sql"] for q in queries]
    return sum(ROLES in s for s in sql), sum(MANDATES in s for s in sql)


def _client(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def test_a_page_loads_the_actor_once(org, active_channel):
    client = _client("manager_a")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(f"/register/{active_channel.public_id}/").status_code == 200
    assert _loads(ctx.captured_queries) == (1, 1)


def test_a_service_call_loads_the_actor_once(org, active_channel):
    client = _client("manager_a")
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(
            f"/register/{active_channel.public_id}/steg/pause/", {"comment": "Sommaruppehåll."}
        )
    assert response.status_code == 302
    active_channel.refresh_from_db()
    assert active_channel.status == "paused"
    assert _loads(ctx.captured_queries) == (1, 1)
