"""Production profile (TILLIT_ENV=production): the base settings, hardened, refusing to start
when what only the deployer can give is missing.

The checks run before the base settings are read, because those make an installation
secret in var/ when none is given: right for the demo, wrong for a deployment, where every
web and worker machine must share one secret key and one credentials key and where a key
made on the fly would silently differ per machine. `manage.py check --deploy` reports
nothing on this profile (tillit.core.tests.test_production_settings).
"""

import os

from django.core.exceptions import ImproperlyConfigured


def _missing_settings() -> list[str]:
    """What the deployer must set, in Swedish, each naming its variable (never its value)."""
    problems = []
    secret = os.environ.get("TILLIT_SECRET_KEY", "")
    if len(secret) < 50 or len(set(secret)) < 5 or secret.startswith("django-insecure"):
        problems.append(
            "TILLIT_SECRET_KEY saknas eller är för svag (minst 50 slumpmässiga tecken; "
            "`python -c 'import secrets; print(secrets.token_urlsafe(64))'`)."
        )
    hosts = [h.strip() for h in os.environ.get("TILLIT_ALLOWED_HOSTS", "").split(",") if h.strip()]
    if not hosts or "*" in hosts:
        problems.append(
            "TILLIT_ALLOWED_HOSTS saknas: ange de värdnamn som Tillit svarar på, "
            "kommaseparerade (till exempel tillit.pitea.se)."
        )
    if not os.environ.get("TILLIT_BASE_URL", "").startswith("https://"):
        problems.append(
            "TILLIT_BASE_URL saknas eller börjar inte med https:// (adressen i e-post och länkar)."
        )
    key = os.environ.get("TILLIT_CREDENTIALS_KEY", "")
    try:
        from cryptography.fernet import Fernet

        Fernet(key)
    except (ValueError, TypeError):
        problems.append(
            "TILLIT_CREDENTIALS_KEY saknas eller är ogiltig (en Fernet-nyckel; samma på alla "
            "maskiner, annars kan kanalernas anslutningar inte läsas)."
        )
    if os.environ.get("TILLIT_DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}:
        problems.append("TILLIT_DEBUG får inte vara påslaget i produktion.")
    return problems


_problems = _missing_settings()
if _problems:
    raise ImproperlyConfigured(
        "Tillit startar inte i produktionsläge (TILLIT_ENV=production):\n- "
        + "\n- ".join(_problems)
    )

from .base import *  # noqa: E402,F403
from .base import LOGGING, environ  # noqa: E402

TILLIT_ENV = "production"
DEBUG = False

# Behind the organisation's TLS proxy: every request over HTTPS, and browsers told to keep it so.
SECURE_SSL_REDIRECT = environ.Env().bool("TILLIT_SSL_REDIRECT", default=True)
# Load balancers probe over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = environ.Env().int("TILLIT_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = environ.Env().bool("TILLIT_HSTS_INCLUDE_SUBDOMAINS", default=True)
# The header only allows a submission to the browsers' preload list; submitting is a decision
# of its own (docs/deploy.md).
SECURE_HSTS_PRELOAD = environ.Env().bool("TILLIT_HSTS_PRELOAD", default=True)
# "X-Forwarded-Proto: https" from a proxy that always sets (and never passes on) the header.
# gunicorn already trusts that header from TILLIT_WEB_FORWARDED_ALLOW_IPS; this is for a
# proxy elsewhere. Empty: not trusted.
_proxy_header = environ.Env().str("TILLIT_PROXY_SSL_HEADER", default="")
if _proxy_header:
    _name, _, _value = _proxy_header.partition(":")
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _name.strip().upper().replace("-", "_"), _value.strip())

# Cookies only over HTTPS, never readable by scripts, bound to this host ("__Host-").
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-tillit-session"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_NAME = "__Host-tillit-csrf"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Static files as collected by `tillit collectstatic`: hashed names cached for a year,
# gzip and Brotli copies; a template naming a file that was not collected fails loudly.
WHITENOISE_USE_FINDERS = False
STORAGES = {
    **globals().get(
        "STORAGES", {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    ),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# One JSON object per line on standard error, for the journal or a log shipper.
LOGGING = {
    **LOGGING,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
}
