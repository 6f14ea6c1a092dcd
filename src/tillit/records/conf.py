"""Records settings, read from Django settings with environment fallbacks.

The integrator may declare these in settings/base.py; until then the environment is read here,
with defaults that work with no variables at all.
"""

import os
from pathlib import Path

from django.conf import settings


def _get(name: str, default: str = "") -> str:
    return str(getattr(settings, name, None) or os.environ.get(name, default))


def registry_email() -> str:
    """The registry's mailbox (registratur); empty means e-mail hand-over is not configured."""
    return _get("TILLIT_REGISTRY_EMAIL")


def webhook_url() -> str:
    """Where signed hand-over webhooks go; empty means not configured."""
    return _get("TILLIT_RECORDS_WEBHOOK_URL")


def webhook_secret() -> str:
    """The shared secret for the HMAC-SHA256 signature of hand-over webhooks."""
    return _get("TILLIT_RECORDS_WEBHOOK_SECRET")


def erms_xsd() -> Path | None:
    """The CITS ERMS v3 schema: the setting, else the shared copy beside the repository, else
    the copy the archive packages bundle (so validation never silently stops)."""
    configured = _get("TILLIT_ERMS_XSD")
    candidates = (
        [Path(configured)]
        if configured
        else [
            Path(settings.BASE_DIR).parent / "shared" / "schemas" / "cits-erms" / "ERMS_v3.xsd",
            Path(__file__).resolve().parents[1]
            / "archive"
            / "packaging"
            / "schemas"
            / "ERMS_v3.xsd",
        ]
    )
    return next((path for path in candidates if path.is_file()), None)
