"""The API's documentation page, served by Tillit itself (no script from elsewhere).

It reads the same URL list as the router and the same scopes as the permission check, so
what the page says a call needs is what the call needs.
"""

import re

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .base import ERROR_WORDS
from .scopes import Scope

#: One line per call for the page, in the reader's language.
SUMMARIES = {
    ("api:channels", "GET"): _("The channels in the register the person may see."),
    ("api:channel", "GET"): _("One channel, its state and who speaks for it."),
    ("api:items", "GET"): _("Items in the queue with the checks' proposals and decisions."),
    ("api:item", "GET"): _("One item with its proposal and every decision on it."),
    ("api:item_decisions", "POST"): _("Record a decision on an item, as the inbox's form does."),
    ("api:decisions", "GET"): _("Decisions on items the person may moderate."),
    ("api:registrations", "GET"): _("Registrations ready for the records system."),
    ("api:registration", "GET"): _("One registration as the records system receives it."),
    ("api:registration", "PATCH"): _("Store the registration number (diarienummer)."),
    ("api:captures", "GET"): _("Captures of channels for the archive."),
    ("api:capture", "GET"): _("One capture and its checksums."),
    ("api:report", "GET"): _("The moderation report per channel for a period."),
}


_PERIODS = {1: _("second"), 60: _("minute"), 3600: _("hour"), 86400: _("day")}


def _rate_in_words(rate: str) -> tuple[int, str]:
    """``600/minute`` as (600, "minut"), through DRF's own reading of the setting."""
    from rest_framework.throttling import SimpleRateThrottle

    count, seconds = SimpleRateThrottle.parse_rate(None, rate)  # type: ignore[arg-type]
    return count, str(_PERIODS[seconds])


def _schema_path(route: str) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


def _calls() -> list[dict]:
    from .urls import ENDPOINTS

    calls = []
    for pattern in ENDPOINTS:
        view = pattern.callback.view_class
        for method, scope in view.scopes.items():
            calls.append(
                {
                    "method": method,
                    "path": _schema_path(str(pattern.pattern)),
                    "scope": Scope(scope),
                    "summary": SUMMARIES.get((f"api:{pattern.name}", method), ""),
                }
            )
    return calls


def docs(request):
    """How to call the API: keys, scopes, paging, limits, errors, and every call."""
    return render(
        request,
        "api/docs.html",
        {
            "calls": _calls(),
            "scopes": Scope.choices,
            "errors": sorted(ERROR_WORDS.items()),
            "rate": _rate_in_words(settings.TILLIT_API_RATE),
            "max_days": settings.TILLIT_API_TOKEN_MAX_DAYS,
        },
    )
