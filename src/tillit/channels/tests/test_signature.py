"""The signature rule (R12): templates checked, filled from the person record, applied once."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from tillit.channels.models import Channel
from tillit.channels.services.signature import (
    SignatureMissing,
    signature_apply,
    signature_check,
    signature_for,
    signature_present,
    signature_validate,
)
from tillit.testing import PLAN, make_active_channel

from .test_views import client_for

ANNA = SimpleNamespace(name="  Anna  Maria Lind ", function="kommunikatör")


def chan(template: str):
    return SimpleNamespace(signature_template=template)


@pytest.mark.parametrize(
    "template",
    ["/{förnamn}, {funktion}", "Hälsningar {namn}, {funktion}", "– {förnamn} {efternamn}", ""],
)
def test_known_templates_are_accepted(template):
    assert signature_validate(f"  {template} ") == template


@pytest.mark.parametrize(
    ("template", "fragment"),
    [
        ("/{förnamn}, {titel}", "{titel}"),
        ("/{förnamn, {funktion}", "{"),
        ("/Kommunen", "name who speaks"),
        ("/{förnamn}\n{funktion}", "one line"),
        ("/{förnamn}" + "x" * 300, "at most"),
        ("{{förnamn}}", "{"),
    ],
)
def test_bad_templates_are_refused_with_the_reason(template, fragment):
    with pytest.raises(ValidationError) as caught:
        signature_validate(template)
    assert fragment in " ".join(caught.value.message_dict["signature_template"])


def test_filled_from_the_person_record():
    assert signature_for(chan("/{förnamn}, {funktion}"), ANNA).text == "/Anna, kommunikatör"
    assert signature_for(chan("Hälsningar {namn}"), ANNA).text == "Hälsningar Anna Maria Lind"
    assert signature_for(chan("– {efternamn}"), ANNA).text == "– Lind"
    assert not signature_for(chan(""), ANNA).required


def test_a_record_without_a_function_cannot_sign():
    with pytest.raises(SignatureMissing) as caught:
        signature_for(chan("/{förnamn}, {funktion}"), SimpleNamespace(name="Bo", function=" "))
    assert "function" in caught.value.message


def test_applied_once_and_checked():
    signature = signature_for(chan("/{förnamn}, {funktion}"), ANNA)
    signed = signature_apply("Hej!  \n", signature)
    assert signed == "Hej!\n/Anna, kommunikatör"
    assert signature_apply(signed + "\n", signature) == signed
    assert signature_present(signed, signature)
    with pytest.raises(SignatureMissing):
        signature_check("Hej!", signature)
    signature_check(signed, signature)


@pytest.mark.django_db
def test_edited_on_the_channels_form(org, today):
    channel = make_active_channel(org, today)
    client = client_for("manager_a")
    data = {
        "name": channel.name,
        "platform": channel.platform_id,
        "url": channel.url,
        **PLAN,
        "signature_template": "/{förnamn}, {roll}",
    }
    response = client.post(f"/register/{channel.public_id}/andra/", data)
    assert response.status_code == 200
    assert "Okända platshållare: {roll}" in response.content.decode()
    assert "{roll}" in response.content.decode()  # the typed rule is kept in the form
    assert Channel.objects.get(pk=channel.pk).signature_template == ""
    data["signature_template"] = "/{förnamn}, {funktion}"
    assert client.post(f"/register/{channel.public_id}/andra/", data).status_code == 302
    assert Channel.objects.get(pk=channel.pk).signature_template == "/{förnamn}, {funktion}"
    page = client.get(f"/register/{channel.public_id}/").content.decode()
    assert "/{förnamn}, {funktion}" in page
