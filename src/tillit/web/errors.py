"""The error pages: Swedish, in the site's style, and the same for missing and forbidden.

``not_found`` and ``forbidden`` render one page with status 404, so a person cannot tell an
object they may not see from one that does not exist (the house rule: not allowed == not
found). ``server_error`` needs neither the database nor the template engine, because either
may be what failed: it serves 500.html as a file, with only the stylesheet address filled in.
``csrf_failure`` explains an expired form in words a person can act on.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden, HttpResponseNotFound, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

_TEMPLATES = Path(__file__).resolve().parent / "templates"


def _is_api(request) -> bool:
    # A program calling the API reads JSON, never a page, even for an address that is not one.
    return request.path.startswith("/api/")


def not_found(request, exception=None):
    """The 404 page in the layout (the organisation and the menu, when they can be read)."""
    if _is_api(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return HttpResponseNotFound(loader.render_to_string("404.html", request=request))


def forbidden(request, exception=None):
    """Access denied reads exactly like a missing page: status and words both."""
    return not_found(request, exception)


def csrf_failure(request, reason=""):
    """A form sent after its page went stale (or from elsewhere): say what to do."""
    logger.info("form refused: %s", reason)
    return HttpResponseForbidden(loader.render_to_string("403_csrf.html", request=request))


@cache
def _server_error_page() -> str:
    stylesheet = f"{settings.STATIC_URL}tillit/tillit.css"
    text = (_TEMPLATES / "500.html").read_text(encoding="utf-8")
    return text.replace("{{ STYLESHEET }}", stylesheet)


def server_error(request):
    """The 500 page from the file itself: no database, no template, no context."""
    if _is_api(request):
        return JsonResponse({"detail": "Internal server error."}, status=500)
    return HttpResponse(_server_error_page(), status=500, content_type="text/html; charset=utf-8")
