"""Access requests: search in Swedish, select, mask, and a release whose masks are really gone."""

import io

import pytest
from django.db import connection
from pypdf import PdfReader

from tillit.access.actor import actor_for
from tillit.records.release import release_csv, release_pdf
from tillit.records.selectors import request_search
from tillit.records.services.access import (
    access_entry_mask_text,
    access_request_add_items,
    access_request_open,
)
from tillit.testing import PASSWORD

from .helpers import ingest

pytestmark = pytest.mark.django_db

SECRET_PHRASE = "19121212-1212"
SECRET_NAME = "Per Persson"


def test_release_pdf_and_csv_contain_no_masked_text(org, active_channel, client):
    item = ingest(
        active_channel, f"Min granne {SECRET_NAME} har {SECRET_PHRASE} och klagar på bygglovet."
    )
    request = access_request_open(actor=org["registrar"], description="Kommentarer om bygglov")
    access_request_add_items(actor=org["registrar"], request=request, items=[item])
    entry = request.entries.get()
    access_entry_mask_text(
        actor=org["registrar"], entry=entry, phrase=SECRET_PHRASE, ground="OSL 21 kap. 1 §"
    )
    access_entry_mask_text(
        actor=org["registrar"], entry=entry, phrase=SECRET_NAME, ground="OSL 21 kap. 1 §"
    )
    pdf = release_pdf(request)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "klagar" in text and "OSL 21 kap. 1 §" in text
    for secret in (SECRET_PHRASE, SECRET_NAME, "1212", "Persson"):
        assert secret not in text
        assert secret.encode() not in pdf
    csv_text = release_csv(request)
    assert "klagar" in csv_text and "█" in csv_text
    for secret in (SECRET_PHRASE, SECRET_NAME, "Persson"):
        assert secret not in csv_text
    client.login(username="registrar", password=PASSWORD)
    assert client.get(f"/diarium/begaran/{request.pk}/utlamnande.pdf").status_code == 200
    client.login(username="staff_1", password=PASSWORD)
    assert client.get(f"/diarium/begaran/{request.pk}/utlamnande.pdf").status_code == 404


def test_swedish_full_text_search(org, active_channel):
    wanted = ingest(active_channel, "När får jag besked om mitt bygglov?")
    ingest(active_channel, "Fin utställning på biblioteket.")
    actor = actor_for(org["registrar"])
    found = list(request_search(actor, text="bygglovet"))
    # PostgreSQL stems in Swedish; SQLite cuts the ending and matches as a prefix.
    assert found == [wanted], connection.vendor
    assert list(request_search(actor, text="bygglov")) == [wanted]
    assert list(request_search(actor, text="utställningen")) != [wanted]
    assert request_search(actor, text="far").count() == 0 or connection.vendor == "postgresql"


def test_search_filters_by_author_and_kind(org, active_channel):
    a = ingest(active_channel, "Tack för svaret om snöröjning", author=("9", "Elin Sjöberg"))
    ingest(active_channel, "Snöröjning igen", author=("10", "Lars Nordström"))
    actor = actor_for(org["registrar"])
    assert list(request_search(actor, author="Elin", text="snöröjning")) == [a]
    assert list(request_search(actor, kind="direct_message", text="snöröjning")) == []
