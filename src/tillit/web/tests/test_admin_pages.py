"""The organisation administrator's pages: settings, people, roles, leaving."""

import pytest
from django.test import Client

from tillit.audit.models import AuditEntry
from tillit.organisation.models import Organisation, Person, RoleAssignment
from tillit.testing import PASSWORD

pytestmark = pytest.mark.django_db


def client_for(username):
    client = Client()
    client.login(username=username, password=PASSWORD)
    return client


def test_settings_are_edited_and_audited(org):
    data = {
        "name": "Testkommun",
        "org_number": "212000-0000",
        "website": "https://www.example.se",
        "link_collection_url": "https://www.example.se/sociala",
        "sender_statement": "Vi.",
        "privacy_notice_url": "https://www.example.se/gdpr",
        "comment_policy_text": "Regler.",
        "records_contact": "",
        "accessibility_contact": "",
        "dormant_after_days": 90,
    }
    assert client_for("admin").post("/organisation/", data).status_code == 302
    assert Organisation.objects.get().link_collection_url == "https://www.example.se/sociala"
    entry = AuditEntry.objects.filter(action="organisation.update").get()
    assert entry.detail["link_collection_url"] == "https://www.example.se/sociala"


@pytest.mark.parametrize("username", ["manager_a", "info_a", "auditor", "webmaster"])
def test_only_the_org_admin(org, username):
    client = client_for(username)
    for url in [
        "/organisation/",
        "/organisation/personer/",
        f"/organisation/personer/{org['staff_1'].pk}/",
    ]:
        assert client.get(url).status_code == 404


def test_add_person_give_and_remove_role(org):
    client = client_for("admin")
    client.post(
        "/organisation/personer/",
        {
            "username": "ny.person",
            "name": "Ny Person",
            "email": "ny@example.se",
            "function": "Handläggare",
            "department": org.dept_a.pk,
        },
    )
    person = Person.objects.get(name="Ny Person")
    client.post(f"/organisation/personer/{person.pk}/", {"role": "informator"})
    assert not RoleAssignment.objects.filter(person=person).exists()  # needs a department
    client.post(
        f"/organisation/personer/{person.pk}/", {"role": "informator", "department": org.dept_a.pk}
    )
    assignment = RoleAssignment.objects.get(person=person)
    client.post(f"/organisation/personer/{person.pk}/roller/{assignment.pk}/ta-bort/")
    assert not RoleAssignment.objects.filter(person=person).exists()


def test_duplicate_username_is_a_clear_error(org):
    response = client_for("admin").post(
        "/organisation/personer/",
        {"username": "staff_1", "name": "Dubblett", "email": "d@example.se"},
    )
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    assert not Person.objects.filter(name="Dubblett").exists()


def test_leaving_flags_the_channels(org, active_channel):
    client_for("admin").post(f"/organisation/personer/{org['staff_1'].pk}/avsluta/")
    active_channel.refresh_from_db()
    assert active_channel.staffing_problem
