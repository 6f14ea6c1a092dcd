"""schemathesis against the OpenAPI schema: no server errors, no answer outside the schema.

Property-based: for every operation it sends generated (and hostile) parameters and bodies
with a key holding every scope, through the real WSGI application, and checks each answer
against the schema Tillit publishes.
"""

import json

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tillit.access.roles import Role
from tillit.connectors.base import ItemKind
from tillit.organisation.services import role_assign
from tillit.records.services.registration import dm_register
from tillit.records.tests.helpers import ingest
from tillit.wsgi import application

from .helpers import comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_key(org, fb_channel, policy, key_for, settings):
    settings.TILLIT_API_RATE = "100000/minute"
    person = org["admin"]
    role_assign(actor=org["admin"], person=person, role=Role.REGISTRAR)
    comment(fb_channel, "c1", "Du är en idiot")
    dm = ingest(fb_channel, "Jag vill överklaga.", kind=ItemKind.DIRECT_MESSAGE)
    dm_register(actor=org["admin"], item=dm, subject="Överklagande")
    return key_for(person)


@pytest.fixture
def connections_kept():
    """Keep the test's database connection across WSGI calls, as Django's test client does
    (a real request would close it at the end, taking the test's transaction along)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _published_schema() -> dict:
    """The schema exactly as /api/v1/schema/ serves it (built without a request or rows)."""
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    document = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(document))


schema = schemathesis.openapi.from_dict(_published_schema())
# Every call (the probes of the auth checks too) goes to the WSGI application in-process.
schema.app = application


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_to_its_schema(case, api_key, connections_kept):
    case.call_and_validate(
        base_url="http://testserver",
        headers={"Authorization": f"Bearer {api_key}"},
        # Rules OpenAPI cannot say (a decision's rule must be in the channel's policy, a
        # period's start before its end) are refused with 400 and the reason, as they should.
        excluded_checks=[positive_data_acceptance],
    )


def test_the_served_schema_is_the_one_tested(client):
    served = client.get("/api/v1/schema/?format=json")
    assert served.status_code == 200
    assert json.loads(served.content) == _published_schema()
