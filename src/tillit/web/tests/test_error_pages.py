"""Error pages: Swedish, in the layout, and the same words for missing and forbidden."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import get_resolver

from tillit.testing import PASSWORD
from tillit.web import errors

pytestmark = pytest.mark.django_db


def _main(page: str) -> str:
    return page.split('<main id="main" tabindex="-1">')[1].split("</main>")[0]


def test_forbidden_reads_exactly_like_missing(org, active_channel):
    client = Client(HTTP_ACCEPT_LANGUAGE="sv")
    assert client.login(username="outsider", password=PASSWORD)
    missing = client.get("/finns-inte/")
    request = RequestFactory().get("/register/")
    request.user = missing.wsgi_request.user
    request.person = missing.wsgi_request.person  # type: ignore[attr-defined]
    request.actor = missing.wsgi_request.actor  # type: ignore[attr-defined]
    # The URLconf sends every PermissionDenied to this handler.
    assert get_resolver().resolve_error_handler(403) is errors.forbidden
    forbidden = errors.forbidden(request, PermissionDenied())
    assert missing.status_code == forbidden.status_code == 404
    assert _main(missing.content.decode()) == _main(forbidden.content.decode())
    assert "Sidan finns inte" in missing.content.decode()
    assert 'rel="stylesheet"' in missing.content.decode()


def test_the_500_page_needs_no_database_and_no_templates(settings):
    settings.TEMPLATES = []  # a broken template setup must not stop the page
    request = RequestFactory().get("/")
    with connection.execute_wrapper(_no_queries):
        response = errors.server_error(request)
    page = response.content.decode()
    assert response.status_code == 500 and '<html lang="sv">' in page
    assert "Ett fel uppstod" in page and "/static/tillit/tillit.css" in page
    assert "{{" not in page and "could not" not in page


def _no_queries(execute, sql, params, many, context):
    raise AssertionError(f"the 500 page queried the database: {sql}")


def test_a_stale_form_gets_a_swedish_page(org):
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="sv")
    response = client.post("/konto/logga-in/", {"username": "x", "password": "y"})
    page = response.content.decode()
    assert response.status_code == 403 and "Formuläret kunde inte skickas" in page
    assert "CSRF" not in page and "Forbidden" not in page
