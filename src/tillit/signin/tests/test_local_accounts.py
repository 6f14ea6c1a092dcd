"""Local accounts: invitations and resets by one-time, expiring links; no address enumeration;
deactivation that asks first and can be undone; the last administrator kept."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from tillit.audit.models import AuditEntry
from tillit.organisation.invitations import invitation_tokens
from tillit.organisation.models import Person, RoleAssignment
from tillit.organisation.services import person_deactivate, person_reactivate

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Ny-lösen-2026-gran"  # noqa: S105
PASSWORD = "test-pass-123"  # noqa: S105 - tillit.testing's, which sits above this app
LINK = re.compile(r"https?://\S+/konto/(?:valkommen|nytt-losenord)/\S+/")


def _signed_in(person) -> Client:
    client = Client()
    client.force_login(person.user)
    return client


def _link(message) -> str:
    found = LINK.search(message.body)
    assert found, message.body
    return found.group(0)


def _path(link: str) -> str:
    return link if link.startswith("/") else "/" + link.split("/", 3)[3]


def _choose_password(client: Client, link: str, password: str = NEW_PASSWORD):
    landing = client.get(_path(link))
    if landing.status_code != 302:
        return landing  # the page that says the link no longer works
    form_url = landing["Location"]
    return client.post(form_url, {"new_password1": password, "new_password2": password})


def _invite_new_person(org, settings, **extra) -> tuple[Person, str]:
    settings.TILLIT_BASE_URL = "https://tillit.example.se"
    admin = _signed_in(org["admin"])
    response = admin.post(
        reverse("organisation:people"),
        {"username": "ny.person", "name": "Ny Person", "email": "ny@example.se", **extra},
    )
    assert response.status_code == 302
    person = Person.objects.get(user__username="ny.person")
    (message,) = mail.outbox
    assert message.to == ["ny@example.se"]
    return person, _link(message)


def test_an_invited_person_sets_a_password_once_and_signs_in(org, settings):
    person, link = _invite_new_person(org, settings)
    assert link.startswith("https://tillit.example.se/konto/valkommen/")
    assert not person.user.has_usable_password()
    page = Client().get(reverse("organisation:person", args=[person.pk]))
    assert page.status_code in (302, 404)  # nobody else sees the person page
    client = Client()
    done = _choose_password(client, link)
    assert done.status_code == 302 and done["Location"] == reverse("signin:password_set")
    assert Client().login(username="ny.person", password=NEW_PASSWORD)
    # Single use: the same link now says it no longer works, and changes nothing.
    again = _choose_password(Client(), link, "Annat-lösen-2026-tall")
    assert again.status_code == 200
    assert "Länken fungerar inte längre" in again.content.decode()
    assert Client().login(username="ny.person", password=NEW_PASSWORD)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"person.invite", "signin.password_set_from_invitation"} <= actions
    # The token is never in the audit trail.
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert not AuditEntry.objects.filter(detail__icontains=token).exists()


def test_an_invitation_expires(org, settings, monkeypatch):
    _person, link = _invite_new_person(org, settings)
    real_now = invitation_tokens._now
    monkeypatch.setattr(
        invitation_tokens,
        "_now",
        lambda: real_now().replace(year=real_now().year + 1),
    )
    page = _choose_password(Client(), link)
    assert page.status_code == 200 and "Länken fungerar inte längre" in page.content.decode()


def test_a_tampered_or_foreign_token_is_refused(org, settings):
    person, link = _invite_new_person(org, settings)
    tampered = link[:-3] + ("a" if link[-3] != "a" else "b") + link[-2:]
    assert "Länken fungerar inte längre" in _choose_password(Client(), tampered).content.decode()
    # A password-reset token is not an invitation token (separate salts).
    from django.contrib.auth.tokens import default_token_generator

    reset_token = default_token_generator.make_token(person.user)
    uid = link.rstrip("/").split("/")[-2]
    foreign = reverse("signin:welcome", kwargs={"uidb64": uid, "token": reset_token})
    assert "Länken fungerar inte längre" in _choose_password(Client(), foreign).content.decode()


def test_a_person_who_left_cannot_use_the_invitation(org, settings):
    person, link = _invite_new_person(org, settings)
    person_deactivate(actor=org["admin"], person=person)
    page = _choose_password(Client(), link)
    assert "Länken fungerar inte längre" in page.content.decode()
    assert not get_user_model().objects.get(pk=person.user.pk).has_usable_password()


def test_a_failed_invitation_mail_is_said_and_the_person_kept(org, settings):
    settings.EMAIL_BACKEND = "tillit.signin.tests.test_local_accounts.BrokenMail"
    admin = _signed_in(org["admin"])
    response = admin.post(
        reverse("organisation:people"),
        {"username": "ny.person", "name": "Ny Person", "email": "ny@example.se"},
        follow=True,
    )
    body = response.content.decode()
    assert "Inbjudan kunde inte skickas" in body
    assert Person.objects.filter(user__username="ny.person").exists()


class BrokenMail:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("smtp down")


def test_reset_sends_a_link_only_to_a_known_active_address_and_says_the_same_either_way(
    org, settings
):
    settings.TILLIT_BASE_URL = "https://tillit.example.se"
    known = Client().post(
        reverse("signin:reset"), {"email": "manager_a@example.se"}, HTTP_HOST="localhost"
    )
    unknown = Client().post(reverse("signin:reset"), {"email": "nobody@example.se"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("signin:reset_sent")
    (message,) = mail.outbox
    assert message.to == ["manager_a@example.se"]
    link = _link(message)
    # Built from the configured address, not the request's Host header.
    assert link.startswith("https://tillit.example.se/konto/nytt-losenord/")
    assert "localhost" not in message.body
    assert _choose_password(Client(), link).status_code == 302
    assert Client().login(username="manager_a", password=NEW_PASSWORD)
    assert "Länken fungerar inte längre" in _choose_password(Client(), link).content.decode()


def test_reset_is_capped_per_address_and_skips_people_who_left(org, settings):
    settings.TILLIT_PASSWORD_RESET_PER_HOUR = 2
    for _ in range(5):
        assert (
            Client().post(reverse("signin:reset"), {"email": "info_a@example.se"}).status_code
            == 302
        )
    assert len(mail.outbox) == 2
    person_deactivate(actor=org["admin"], person=org["info_b"])
    Client().post(reverse("signin:reset"), {"email": "info_b@example.se"})
    assert len(mail.outbox) == 2


def test_a_reset_link_expires(org, settings):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = org["webmaster"].user
    token = default_token_generator.make_token(user)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    settings.PASSWORD_RESET_TIMEOUT = -1
    link = "https://x" + reverse("signin:reset_confirm", kwargs={"uidb64": uid, "token": token})
    assert "Länken fungerar inte längre" in _choose_password(Client(), link).content.decode()


def test_without_local_accounts_the_password_pages_do_not_exist(org, settings):
    settings.TILLIT_LOCAL_ACCOUNTS = False
    assert Client().get(reverse("signin:reset")).status_code == 404
    uid_token = {"uidb64": "MQ", "token": "x-y"}
    assert Client().get(reverse("signin:welcome", kwargs=uid_token)).status_code == 404
    admin = _signed_in(org["admin"])
    admin.post(
        reverse("organisation:people"),
        {"username": "ny.person", "name": "Ny Person", "email": "ny@example.se"},
    )
    assert mail.outbox == []


def test_deactivation_asks_first_and_another_administrator_can_undo_it(org):
    admin = _signed_in(org["admin"])
    leave = reverse("organisation:leave", args=[org["info_a"].pk])
    confirm = admin.get(leave)
    assert confirm.status_code == 200
    assert "Avaktivera Info A?" in confirm.content.decode()
    assert Person.objects.get(pk=org["info_a"].pk).is_active  # a GET changes nothing
    assert admin.post(leave).status_code == 302
    assert not Person.objects.get(pk=org["info_a"].pk).is_active
    page = admin.get(reverse("organisation:person", args=[org["info_a"].pk])).content.decode()
    assert "Återaktivera" in page
    admin.post(reverse("organisation:reactivate", args=[org["info_a"].pk]))
    person = Person.objects.get(pk=org["info_a"].pk)
    assert person.is_active and person.user.is_active
    assert Client().login(username="info_a", password=PASSWORD)
    assert AuditEntry.objects.filter(action="person.reactivate").exists()


def test_the_only_administrator_cannot_deactivate_herself_even_after_confirming(org):
    admin = _signed_in(org["admin"])
    leave = reverse("organisation:leave", args=[org["admin"].pk])
    page = admin.get(leave).content.decode()
    assert "ditt eget konto" in page
    response = admin.post(leave, follow=True)
    assert "enda aktiva administratör" in response.content.decode()
    assert Person.objects.get(pk=org["admin"].pk).is_active
    # Nor lose the role.
    assignment = RoleAssignment.objects.get(person=org["admin"], role="org_admin")
    admin.post(reverse("organisation:role_delete", args=[org["admin"].pk, assignment.pk]))
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_nobody_reactivates_themselves(org):
    person_deactivate(actor=org["admin"], person=org["info_a"])
    with pytest.raises(ValidationError):
        person_reactivate(actor=org["info_a"], person=Person.objects.get(pk=org["info_a"].pk))
