"""The organisation never loses its last active administrator (nobody could put it right)."""

import pytest
from django.core.exceptions import ValidationError

from tillit.access.roles import Role
from tillit.organisation.models import RoleAssignment
from tillit.organisation.services import person_deactivate, role_assign, role_remove

pytestmark = pytest.mark.django_db


def test_the_only_administrator_can_neither_leave_nor_lose_the_role(org):
    admin = org["admin"]
    with pytest.raises(ValidationError, match="only active administrator"):
        person_deactivate(actor=admin, person=admin)
    assignment = RoleAssignment.objects.get(person=admin, role=Role.ORG_ADMIN)
    with pytest.raises(ValidationError, match="only active administrator"):
        role_remove(actor=admin, assignment=assignment)
    admin.refresh_from_db()
    assert admin.is_active and RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_with_a_second_administrator_the_first_may_go(org):
    admin, other = org["admin"], org["staff_2"]
    role_assign(actor=admin, person=other, role=Role.ORG_ADMIN, department=None)
    person_deactivate(actor=other, person=admin)
    admin.refresh_from_db()
    assert not admin.is_active
    # Now the second is the last one.
    with pytest.raises(ValidationError):
        person_deactivate(actor=other, person=other)


def test_the_page_says_why_and_changes_nothing(org, client):
    from django.utils import translation

    client.force_login(org["admin"].user)
    with translation.override("sv"):
        response = client.post(
            f"/organisation/personer/{org['admin'].pk}/avsluta/",
            follow=True,
            HTTP_ACCEPT_LANGUAGE="sv",
        )
    org["admin"].refresh_from_db()
    assert org["admin"].is_active and response.status_code == 200
    assert "enda aktiva administratör" in response.content.decode()
