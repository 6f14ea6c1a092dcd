"""The token matrix: every endpoint × every role × with and without the scope it needs.

Without the scope a key is refused (403) whoever holds it. With it, the answer is exactly
what the same person reaches through the apps' restricted selectors, the ones the pages
use: the same rows in a list, and not found (404) for one object they may not see. Writes
are sent with a body that fails validation, so access (404) and validation (400) show
apart without anything changing between roles.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from tillit.access.actor import Actor, actor_for
from tillit.access.queryset import allows
from tillit.api.models import TokenKind
from tillit.api.scopes import Scope
from tillit.api.tokens import service_account_create, token_issue
from tillit.archive.models import Capture
from tillit.archive.selectors import captures_for
from tillit.archive.services.captures import capture_request
from tillit.channels.models import Channel
from tillit.channels.selectors import channels_visible_to
from tillit.connectors.base import ItemKind
from tillit.core.exceptions import NotFound
from tillit.inbox.models import Item
from tillit.inbox.selectors import queue_items
from tillit.moderation.selectors import decisions_for
from tillit.moderation.services.decisions import decision_make
from tillit.organisation.services import role_assign
from tillit.records.models import Registration
from tillit.records.selectors import registrations_for_handover
from tillit.records.services.registration import dm_register
from tillit.records.tests.helpers import ingest
from tillit.testing import make_channel, staff, walk_to_active

from .helpers import call, comment

pytestmark = pytest.mark.django_db

ROLES = [
    "admin",
    "manager_a",
    "manager_b",
    "info_a",
    "info_b",
    "staff_1",
    "webmaster",
    "registrar",
    "archivist",
    "auditor",
    "outsider",
    "service",  # a service account holding the registrar role
]


@dataclass
class World:
    channel_a: Channel
    channel_b: Channel
    item: Item
    registration: Registration
    capture: Capture


@pytest.fixture
def world(org, fb_channel, policy, today):
    channel_b = make_channel(org, name="Fritid", department=org.dept_b, creator="info_b")
    staff(org, channel_b, today - timedelta(days=1), manager="manager_b")
    channel_b = walk_to_active(org, channel_b, dept="b")
    item = comment(fb_channel, "a1", "Du är en idiot")
    comment(channel_b, "b1", "Du är också en idiot")
    decision_make(actor=org["staff_1"], item=item, kind="hide", rule_code=item.assessment.rules[0])
    dm = ingest(fb_channel, "Jag vill överklaga.", kind=ItemKind.DIRECT_MESSAGE)
    registration = dm_register(actor=org["registrar"], item=dm, subject="Överklagande")
    capture = capture_request(
        actor=org["archivist"], channel=fb_channel, reason="scheduled", enqueue=False
    )
    service = service_account_create(actor=org["admin"], name="Diariet")
    role_assign(actor=org["admin"], person=service, role="registrar")
    org.people["service"] = service
    return World(fb_channel, channel_b, item, registration, capture)


def _key(org, who: str, scopes: list[str]) -> str:
    person = org[who]
    kind = TokenKind.SERVICE if person.is_service else TokenKind.PERSONAL
    actor = org["admin"] if person.is_service else person
    _token, key = token_issue(
        actor=actor, person=person, kind=kind, name="matris", scopes=scopes, days=1
    )
    return key


def _ids(qs, field: str = "pk") -> list[str]:
    return sorted(str(v) for v in qs.values_list(field, flat=True))


def _report_channels(actor) -> list[str]:
    moderated = Item.objects.restrict(actor, "moderate").values_list(
        "channel__public_id", flat=True
    )
    return sorted({str(v) for v in moderated})


def _registrations(actor) -> list[str] | None:
    try:
        return _ids(registrations_for_handover(actor, state="ready"))
    except NotFound:
        return None


@dataclass
class Endpoint:
    method: str
    path: str
    scope: str
    #: For a list: the ids the person reaches through the selectors (None: not found).
    expected_ids: Callable[[Actor], list[str] | None] | None = None
    #: For one object: whether the person may reach it.
    reaches: Callable[[Actor], bool] | None = None
    id_field: str = "id"
    body: dict | None = None
    #: The status when the person reaches it.
    ok: int = 200


def _endpoints(w: World) -> dict[str, Endpoint]:
    return {
        "channels": Endpoint(
            "GET",
            "/api/v1/channels/",
            Scope.REGISTER_READ,
            expected_ids=lambda a: _ids(channels_visible_to(a), "public_id"),
        ),
        "channel": Endpoint(
            "GET",
            f"/api/v1/channels/{w.channel_a.public_id}/",
            Scope.REGISTER_READ,
            reaches=lambda a: allows(a, "view", w.channel_a),
        ),
        "items": Endpoint(
            "GET",
            "/api/v1/items/?status=needs_attention",
            Scope.QUEUE_READ,
            expected_ids=lambda a: _ids(queue_items(a, status="needs_attention")),
        ),
        "item": Endpoint(
            "GET",
            f"/api/v1/items/{w.item.pk}/",
            Scope.QUEUE_READ,
            reaches=lambda a: allows(a, "moderate", w.item),
        ),
        "decide": Endpoint(
            "POST",
            f"/api/v1/items/{w.item.pk}/decisions/",
            Scope.DECISIONS_WRITE,
            reaches=lambda a: allows(a, "moderate", w.item),
            body={"kind": "not-a-decision"},
            ok=400,
        ),
        "decisions": Endpoint(
            "GET",
            "/api/v1/decisions/",
            Scope.QUEUE_READ,
            expected_ids=lambda a: _ids(decisions_for(a)),
        ),
        "registrations": Endpoint(
            "GET", "/api/v1/records/registrations", Scope.RECORDS_READ, expected_ids=_registrations
        ),
        "registration": Endpoint(
            "GET",
            f"/api/v1/records/registrations/{w.registration.pk}",
            Scope.RECORDS_READ,
            reaches=lambda a: _registrations(a) is not None,
        ),
        "reference": Endpoint(
            "PATCH",
            f"/api/v1/records/registrations/{w.registration.pk}",
            Scope.RECORDS_WRITE,
            reaches=lambda a: _registrations(a) is not None,
            body={"reference": ""},
            ok=400,
        ),
        "captures": Endpoint(
            "GET",
            "/api/v1/captures/",
            Scope.RECORDS_READ,
            expected_ids=lambda a: _ids(captures_for(a), "public_id"),
        ),
        "capture": Endpoint(
            "GET",
            f"/api/v1/captures/{w.capture.public_id}/",
            Scope.RECORDS_READ,
            reaches=lambda a: allows(a, "view", w.capture),
        ),
        "report": Endpoint(
            "GET",
            f"/api/v1/reports/moderation?end={timezone.localdate().isoformat()}",
            Scope.REPORTS_READ,
            expected_ids=_report_channels,
            id_field="channel",
        ),
    }


ENDPOINT_NAMES = [
    "channels",
    "channel",
    "items",
    "item",
    "decide",
    "decisions",
    "registrations",
    "registration",
    "reference",
    "captures",
    "capture",
    "report",
]


def _rows(body: dict) -> list:
    return body["channels"] if "channels" in body else body["results"]


@pytest.mark.parametrize("name", ENDPOINT_NAMES)
def test_scope_role_endpoint(org, world, name, settings):
    settings.TILLIT_API_RATE = "100000/minute"
    endpoint = _endpoints(world)[name]
    others = [s for s in Scope.values if s != endpoint.scope]
    reached_by = []
    for who in ROLES:
        kwargs = {"json": endpoint.body} if endpoint.body is not None else {}
        without = call(endpoint.method, endpoint.path, _key(org, who, others), **kwargs)
        assert without.status_code == 403, (name, who, "without scope", without.status_code)

        answer = call(endpoint.method, endpoint.path, _key(org, who, [endpoint.scope]), **kwargs)
        actor = actor_for(org[who])
        if endpoint.expected_ids is not None:
            expected = endpoint.expected_ids(actor)
            if expected is None:
                assert answer.status_code == 404, (name, who, answer.status_code)
                continue
            assert answer.status_code == 200, (name, who, answer.status_code, answer.content)
            got = sorted(str(r[endpoint.id_field]) for r in _rows(answer.json()))
            assert got == expected, (name, who)
            if got:
                reached_by.append(who)
        else:
            assert endpoint.reaches is not None
            reaches = endpoint.reaches(actor)
            status = endpoint.ok if reaches else 404
            assert answer.status_code == status, (name, who, answer.status_code, answer.content)
            if reaches:
                reached_by.append(who)
    # The matrix means something only if some roles reach the endpoint and some do not.
    assert reached_by and len(reached_by) < len(ROLES), (name, reached_by)
