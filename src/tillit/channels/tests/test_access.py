"""Access (R6 and "Everywhere"): a matrix of roles × actions; forbidden answers like missing."""

import re

import pytest
from django.test import Client

from tillit.access.actor import actor_for
from tillit.channels import services as ch
from tillit.channels.models import Mandate
from tillit.channels.selectors import channels_visible_to
from tillit.testing import PASSWORD, days, make_active_channel, make_channel

pytestmark = pytest.mark.django_db


def client_for(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


@pytest.fixture
def channels(org, today):
    """A draft in A, a draft in B, an active channel in A."""
    draft_a = make_channel(org, name="Utkast A")
    draft_b = make_channel(org, name="Utkast B", department=org.dept_b, creator="info_b")
    active_a = make_active_channel(org, today - days(5))
    return {"draft_a": draft_a, "draft_b": draft_b, "active_a": active_a}


# Who sees what: True = visible, False = "not found".
VIEW_MATRIX = {
    #              draft_a draft_b active_a
    "admin": (True, True, True),
    "auditor": (True, True, True),
    "manager_a": (True, False, True),
    "manager_b": (False, True, False),
    "info_a": (True, False, True),
    "info_b": (False, True, False),
    "webmaster": (False, False, True),
    "registrar": (False, False, True),
    "archivist": (False, False, True),
    "staff_1": (False, False, True),  # administrator mandate on active_a
    "outsider": (False, False, False),
}


@pytest.mark.parametrize("username", list(VIEW_MATRIX))
def test_view_matrix(org, channels, username):
    expected = VIEW_MATRIX[username]
    client = client_for(username)
    for key, visible in zip(["draft_a", "draft_b", "active_a"], expected, strict=True):
        response = client.get(f"/register/{channels[key].public_id}/")
        assert response.status_code == (200 if visible else 404), (username, key)
    listed = set(channels_visible_to(actor_for(org[username])).values_list("name", flat=True))
    for key, visible in zip(["draft_a", "draft_b", "active_a"], expected, strict=True):
        assert (channels[key].name in listed) == visible, (username, key)


def test_missing_and_forbidden_look_the_same(org, channels):
    client = client_for("info_b")
    forbidden = client.get(f"/register/{channels['draft_a'].public_id}/")
    missing = client.get("/register/00000000-0000-0000-0000-000000000000/")
    assert forbidden.status_code == missing.status_code == 404
    # Identical but for the language form's hidden fields: its per-response CSRF token and
    # the address the person asked for, which they typed themselves.
    hidden = re.compile(rb'(name="csrfmiddlewaretoken"|name="next" type="hidden") value="[^"]*"')
    assert hidden.sub(b"", forbidden.content) == hidden.sub(b"", missing.content)


# Who may take which step on a proposed channel of department A through the web.
@pytest.mark.parametrize(
    "username,allowed",
    [
        ("manager_a", True),
        ("manager_b", False),
        ("info_a", False),
        ("admin", False),
        ("webmaster", False),
        ("auditor", False),
        ("outsider", False),
    ],
)
def test_approve_matrix(org, username, allowed):
    channel = make_channel(org)
    ch.channel_transition(actor=org["info_a"], channel=channel, name="propose")
    client_for(username).post(f"/register/{channel.public_id}/steg/approve/")
    channel.refresh_from_db()
    assert (channel.status == "approved") == allowed


@pytest.mark.parametrize(
    "username,allowed",
    [
        ("manager_a", True),
        ("manager_b", False),
        ("info_a", False),
        ("staff_1", False),
        ("auditor", False),
    ],
)
def test_grant_mandate_matrix(org, channels, username, allowed, today):
    channel = channels["active_a"]
    before = Mandate.objects.count()
    response = client_for(username).post(
        f"/register/{channel.public_id}/mandat/ny/",
        {"person": org["outsider"].pk, "role": "substitute", "valid_from": today.isoformat()},
    )
    assert (Mandate.objects.count() == before + 1) == allowed
    if not allowed:
        assert response.status_code == 404


def test_auditor_is_read_only(org, channels):
    client = client_for("auditor")
    assert client.get(f"/register/{channels['active_a'].public_id}/").status_code == 200
    assert client.get(f"/register/{channels['active_a'].public_id}/andra/").status_code == 404
    client.post(f"/register/{channels['active_a'].public_id}/steg/pause/")
    channels["active_a"].refresh_from_db()
    assert channels["active_a"].status == "active"


def test_administrator_acts_only_while_mandate_holds(org, channels, today):
    channel = channels["active_a"]
    client = client_for("staff_1")
    assert client.get(f"/register/{channel.public_id}/andra/").status_code == 200
    Mandate.objects.filter(person=org["staff_1"]).update(valid_until=today - days(1))
    assert client.get(f"/register/{channel.public_id}/").status_code == 404
    client.post(f"/register/{channel.public_id}/steg/pause/")
    channel.refresh_from_db()
    assert channel.status == "active"


def test_mandate_not_yet_started_gives_no_access(org, channels, today):
    Mandate.objects.filter(person=org["staff_1"]).update(valid_from=today + days(3))
    assert (
        client_for("staff_1").get(f"/register/{channels['active_a'].public_id}/").status_code == 404
    )


def test_anonymous_is_sent_to_sign_in(channels):
    response = Client().get("/register/")
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]


def test_deactivated_person_cannot_use_the_register(org, channels):
    from tillit.organisation.services import person_deactivate

    client = client_for("info_a")
    person_deactivate(actor=org["admin"], person=org["info_a"])
    response = client.get(f"/register/{channels['draft_a'].public_id}/")
    assert response.status_code in (302, 404)
