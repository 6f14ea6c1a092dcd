"""Every setting Tillit reads, declared once with its type and a default that works with no variables."""

import os
from pathlib import Path

import environ

from tillit.core.fsmodes import read_or_create_secret, tighten_var_dir
from tillit.core.objectstore import s3_storages
from tillit.core.queues import backend as task_backend

BASE_DIR = Path(__file__).resolve().parents[3]
VAR_DIR = Path(environ.Env().str("TILLIT_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env(
    TILLIT_DEBUG=(bool, False),
    TILLIT_SECRET_KEY=(str, ""),
    TILLIT_ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost", "[::1]"]),
    TILLIT_EMAIL_URL=(str, "consolemail://"),
    TILLIT_DEFAULT_FROM_EMAIL=(str, "tillit@localhost"),
    TILLIT_TASK_BACKEND=(str, "django_tasks_db.DatabaseBackend"),
    TILLIT_CACHE_URL=(str, ""),
    TILLIT_DIRECTORY_MAX_AGE=(int, 300),
    TILLIT_BASE_URL=(str, "http://127.0.0.1:8000"),
    TILLIT_CSRF_TRUSTED_ORIGINS=(list, []),
)

DEBUG = env("TILLIT_DEBUG")
# "production" in tillit.settings.production (TILLIT_ENV=production), which hardens these.
TILLIT_ENV = "development"

# var/ holds the database, media and secret files: private to the service account (0700),
# tightened here too for installations made before the umask was set.
tighten_var_dir(VAR_DIR)

_secret = env("TILLIT_SECRET_KEY")
if not _secret:
    # The embedded default must start with no variables at all, so a key is made once per
    # installation and kept in var/; production sets TILLIT_SECRET_KEY instead.
    from django.core.management.utils import get_random_secret_key

    _secret = read_or_create_secret(VAR_DIR / "secret_key", get_random_secret_key)
SECRET_KEY = _secret


def _installation_secret(name: str, make) -> str:
    """A secret from the environment, else one made once for this installation and kept in var/."""
    value = environ.Env().str(name, default="")
    if value:
        return value
    return read_or_create_secret(VAR_DIR / name.lower(), make)


def _fernet_key() -> str:
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode()


# Connection tokens are encrypted with this key; production sets it from a secret store.
TILLIT_CREDENTIALS_KEY = _installation_secret("TILLIT_CREDENTIALS_KEY", _fernet_key)
# Webhook secrets (Meta's app secret and verify token) are each connection's parameters.
# Simulated platform traffic; switched on by `tillit demo` in its own process only.
TILLIT_DEMO_STREAM = False
# `tillit demo`'s simulated Graph API and Mastodon on 127.0.0.1 (0: a free port, printed at
# start), and how often the simulated Samhällsbyggnad Page fails a write (every n-th; 0: never).
TILLIT_DEMO_GRAPH_PORT = environ.Env().int("TILLIT_DEMO_GRAPH_PORT", default=0)
TILLIT_DEMO_MASTODON_PORT = environ.Env().int("TILLIT_DEMO_MASTODON_PORT", default=0)
TILLIT_DEMO_FAIL_EVERY = environ.Env().int("TILLIT_DEMO_FAIL_EVERY", default=3)
TILLIT_WEBHOOK_MAX_BYTES = environ.Env().int("TILLIT_WEBHOOK_MAX_BYTES", default=1_000_000)
TILLIT_ATTACHMENT_MAX_BYTES = environ.Env().int("TILLIT_ATTACHMENT_MAX_BYTES", default=20_000_000)
# Hand-over of registered direct messages to the records system (R20); empty = not configured.
TILLIT_REGISTRY_EMAIL = environ.Env().str("TILLIT_REGISTRY_EMAIL", default="")
TILLIT_RECORDS_WEBHOOK_URL = environ.Env().str("TILLIT_RECORDS_WEBHOOK_URL", default="")
TILLIT_RECORDS_WEBHOOK_SECRET = environ.Env().str("TILLIT_RECORDS_WEBHOOK_SECRET", default="")
TILLIT_ERMS_XSD = environ.Env().str("TILLIT_ERMS_XSD", default="")
# Captures of channel pages (R22): what they may reach and how long they may take.
TILLIT_CAPTURE_ALLOW_PRIVATE = frozenset(
    environ.Env().list("TILLIT_CAPTURE_ALLOW_PRIVATE", default=[])
)
TILLIT_CAPTURE_TIMEOUT_S = environ.Env().int("TILLIT_CAPTURE_TIMEOUT_S", default=90)
TILLIT_CHROMIUM = environ.Env().str("TILLIT_CHROMIUM", default="/usr/bin/chromium")
# Exact private addresses that fetches of platform-supplied URLs may reach (tests: 127.0.0.1).
TILLIT_FETCH_ALLOW_PRIVATE = environ.Env().list("TILLIT_FETCH_ALLOW_PRIVATE", default=[])
# The audit chain's HMAC key (ADR 8): from the environment, else a keyring file made 0600 at
# first use; retired keys (from earlier rotations of the variable) still verify old entries.
TILLIT_AUDIT_KEY = environ.Env().str("TILLIT_AUDIT_KEY", default="")
TILLIT_AUDIT_RETIRED_KEYS = environ.Env().list("TILLIT_AUDIT_RETIRED_KEYS", default=[])
TILLIT_AUDIT_KEYRING = environ.Env().str(
    "TILLIT_AUDIT_KEYRING", default=str(VAR_DIR / "audit_keyring.json")
)
# Signed checkpoints of the chain head, appended outside the database; empty = the archive
# store (MEDIA_ROOT/archive/audit-checkpoints.jsonl).
TILLIT_AUDIT_CHECKPOINT_FILE = environ.Env().str("TILLIT_AUDIT_CHECKPOINT_FILE", default="")
TILLIT_AUDIT_CHECKPOINT_HOURS = environ.Env().float("TILLIT_AUDIT_CHECKPOINT_HOURS", default=24)
# Host names (".example.org" for every subdomain) that connectors, attachment downloads and the
# records webhook may reach although they resolve to loopback or private addresses: a
# self-hosted Mastodon or records system on the organisation's own network. Metadata,
# link-local and multicast addresses stay refused whatever this says. An entry "host:port"
# allows that one port only (`tillit demo` adds its simulated platforms this way).
TILLIT_OUTBOUND_ALLOW_HOSTS = frozenset(
    environ.Env().list("TILLIT_OUTBOUND_ALLOW_HOSTS", default=[])
)

# OpenID Connect (tillit.signin, ADR 15). Only the issuer, client id and secret are set; the
# endpoints come from the issuer's discovery document, read through the guarded fetcher.
# Empty issuer: no single sign-on, the login page shows the local form only.
TILLIT_OIDC_ISSUER = environ.Env().str("TILLIT_OIDC_ISSUER", default="").rstrip("/")
TILLIT_OIDC_CLIENT_ID = environ.Env().str("TILLIT_OIDC_CLIENT_ID", default="")
TILLIT_OIDC_CLIENT_SECRET = environ.Env().str("TILLIT_OIDC_CLIENT_SECRET", default="")
# The claim that names a person for good at the provider: "sub" by default, "oid" for Entra ID
# (its "sub" differs per application, "oid" is the person's id in the tenant).
TILLIT_OIDC_SUBJECT_CLAIM = environ.Env().str("TILLIT_OIDC_SUBJECT_CLAIM", default="sub")
# Shown on the login page's button: "Logga in med <label>".
TILLIT_OIDC_LABEL = environ.Env().str("TILLIT_OIDC_LABEL", default="")
# Providers that send no "email_verified" (Entra ID) may still match a person by e-mail on the
# first sign-in when the address's domain is one the organisation owns and the provider vouches
# for (Entra: the tenant's verified domains). Empty: only "email_verified": true counts.
TILLIT_OIDC_EMAIL_DOMAINS = [
    d.strip().lower().lstrip("@")
    for d in environ.Env().list("TILLIT_OIDC_EMAIL_DOMAINS", default=[])
    if d.strip()
]
TILLIT_OIDC_TIMEOUT_S = environ.Env().float("TILLIT_OIDC_TIMEOUT_S", default=10)
# Password sign-in; off when everyone signs in through the organisation's provider.
TILLIT_LOCAL_ACCOUNTS = environ.Env().bool("TILLIT_LOCAL_ACCOUNTS", default=True)
# Local accounts: an invitation's link to set the password works for this many days, a
# password reset's for an hour; both once. Organisation administrators who sign in with a
# password must use two-step verification (TOTP) when this is on.
TILLIT_INVITATION_DAYS = environ.Env().int("TILLIT_INVITATION_DAYS", default=7)
PASSWORD_RESET_TIMEOUT = environ.Env().int("TILLIT_PASSWORD_RESET_MINUTES", default=60) * 60
TILLIT_ADMIN_TWO_FACTOR = environ.Env().bool("TILLIT_ADMIN_TWO_FACTOR", default=True)
# Reset e-mails one address may get per hour (a flood of them is abuse, not forgetfulness).
TILLIT_PASSWORD_RESET_PER_HOUR = environ.Env().int("TILLIT_PASSWORD_RESET_PER_HOUR", default=3)
# TOTP: the issuer shown in the authenticator app; wrong codes slow further tries down.
OTP_TOTP_ISSUER = environ.Env().str("TILLIT_TOTP_ISSUER", default="Tillit")
OTP_TOTP_THROTTLE_FACTOR = 1
# The OIDC backend first: it ignores password attempts and refuses when no issuer is set.
AUTHENTICATION_BACKENDS = ["tillit.signin.oidc_backend.OIDCBackend"] + (
    ["django.contrib.auth.backends.ModelBackend"] if TILLIT_LOCAL_ACCOUNTS else []
)
# mozilla-django-oidc's own settings; the endpoints are filled from discovery at run time
# (tillit.signin.oidc_discovery), unless set here to override a provider's document.
OIDC_RP_CLIENT_ID = TILLIT_OIDC_CLIENT_ID
OIDC_RP_CLIENT_SECRET = TILLIT_OIDC_CLIENT_SECRET
OIDC_RP_SCOPES = environ.Env().str("TILLIT_OIDC_SCOPES", default="openid email profile")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_USE_NONCE = True
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False
OIDC_STORE_ACCESS_TOKEN = False
OIDC_STORE_ID_TOKEN = False
OIDC_TIMEOUT = TILLIT_OIDC_TIMEOUT_S
OIDC_CALLBACK_CLASS = "tillit.signin.oidc_views.CallbackView"
OIDC_AUTHENTICATE_CLASS = "tillit.signin.oidc_views.AuthenticateView"
LOGIN_REDIRECT_URL_FAILURE = "/oidc/nekad/"

ALLOWED_HOSTS = env("TILLIT_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("TILLIT_CSRF_TRUSTED_ORIGINS")
# A stale form gets a Swedish page that says what to do, not Django's English 403.
CSRF_FAILURE_VIEW = "tillit.web.errors.csrf_failure"
TILLIT_BASE_URL = env("TILLIT_BASE_URL").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "tillit.core",
    "tillit.audit",
    "tillit.organisation",
    "tillit.signin",
    "tillit.channels",
    "tillit.directory",
    "tillit.inbox",
    "tillit.moderation",
    "tillit.records",
    "tillit.retention",
    "tillit.archive",
    "tillit.publishing",
    "tillit.reports",
    "tillit.demo",
    "tillit.api",
    "tillit.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tillit.core.sessions.SessionTimeoutMiddleware",
    "tillit.web.middleware.SwedishUnlessChosenMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "tillit.access.middleware.ActorMiddleware",
    # After the actor: it needs to know who is an organisation administrator.
    "tillit.signin.two_factor.TwoFactorMiddleware",
]

ROOT_URLCONF = "tillit.urls"
WSGI_APPLICATION = "tillit.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tillit.web.context_processors.tillit",
            ],
        },
    }
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'tillit.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker writes; IMMEDIATE transactions take the
    # write lock up front so two writers queue instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A file cache by default: every web and worker process on the machine shares it, so a
# channel change invalidates the public pages everywhere. Several machines: set a Redis URL.
CACHES = {
    "default": env.cache_url("TILLIT_CACHE_URL")
    if env("TILLIT_CACHE_URL")
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [Path(__file__).resolve().parents[1] / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(environ.Env().str("TILLIT_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every start when it is missing
# Finders let the demo and tests serve assets without a collectstatic step; a deployment
# runs collectstatic and turns this off.
WHITENOISE_USE_FINDERS = env.bool("TILLIT_WHITENOISE_USE_FINDERS", default=True)
MEDIA_ROOT = VAR_DIR / "media"
# Uploads and their folders are private whatever umask the server was started with.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

EMAIL_CONFIG = env.email_url("TILLIT_EMAIL_URL")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("TILLIT_DEFAULT_FROM_EMAIL")

TASKS = {"default": task_backend(env("TILLIT_TASK_BACKEND"))}

# What `tillit worker` takes by default ("*": every queue) and how many tasks it runs at once
# (threads, each with its own database connection); both can be given on the command line.
TILLIT_WORKER_QUEUES = environ.Env().list("TILLIT_WORKER_QUEUES", default=["*"])
TILLIT_WORKER_CONCURRENCY = environ.Env().int("TILLIT_WORKER_CONCURRENCY", default=2)
# A worker says it is alive this often; one silent for TILLIT_WORKER_DEAD_AFTER_S is taken for
# dead and the tasks it held go back to the queue, up to TILLIT_TASK_MAX_ATTEMPTS claims.
TILLIT_WORKER_HEARTBEAT_S = environ.Env().float("TILLIT_WORKER_HEARTBEAT_S", default=5)
TILLIT_WORKER_DEAD_AFTER_S = environ.Env().float("TILLIT_WORKER_DEAD_AFTER_S", default=60)
TILLIT_TASK_MAX_ATTEMPTS = environ.Env().int("TILLIT_TASK_MAX_ATTEMPTS", default=3)
# A platform action claimed by a worker that went silent is taken over after this long (the
# platform is read back first, so a hide that went out is never sent twice).
TILLIT_OUTBOX_LEASE_S = environ.Env().int("TILLIT_OUTBOX_LEASE_S", default=300)
# Periodic jobs' intervals in seconds by job name, to tune one without a release:
# TILLIT_PERIODIC_INTERVALS=inbox.poll=120,archive.capture_due=1800
TILLIT_PERIODIC_INTERVALS = {
    name: float(seconds)
    for name, seconds in environ.Env().dict("TILLIT_PERIODIC_INTERVALS", default={}).items()
}
# Captures, exports and attachments go to the default storage: var/media on this machine, or
# an S3-compatible bucket (AWS, MinIO, Ceph, the municipality's own) when a bucket is named.
TILLIT_S3_BUCKET = environ.Env().str("TILLIT_S3_BUCKET", default="")
if TILLIT_S3_BUCKET:
    _s3 = environ.Env()
    STORAGES = s3_storages(
        bucket=TILLIT_S3_BUCKET,
        endpoint_url=_s3.str("TILLIT_S3_ENDPOINT_URL", default=""),
        region=_s3.str("TILLIT_S3_REGION", default=""),
        access_key=_s3.str("TILLIT_S3_ACCESS_KEY_ID", default=""),
        secret_key=_s3.str("TILLIT_S3_SECRET_ACCESS_KEY", default=""),
        prefix=_s3.str("TILLIT_S3_PREFIX", default=""),
        encrypt=_s3.bool("TILLIT_S3_ENCRYPT", default=True),
    )

# The integration API (tillit.api): keys first, then the browser session; every view must
# name the scope of each method (HasScope refuses one that does not); limits per key.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "tillit.api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["tillit.api.scopes.HasScope"],
    "DEFAULT_THROTTLE_CLASSES": ["tillit.api.throttling.KeyRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "tillit.api.pagination.NewestFirst",
}
TILLIT_API_RATE = environ.Env().str("TILLIT_API_RATE", default="600/minute")
TILLIT_API_TOKEN_MAX_DAYS = environ.Env().int("TILLIT_API_TOKEN_MAX_DAYS", default=365)
SPECTACULAR_SETTINGS = {
    "TITLE": "Tillit API",
    "DESCRIPTION": "Social media governance for public organisations.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
}

TILLIT_DIRECTORY_MAX_AGE = env("TILLIT_DIRECTORY_MAX_AGE")

# The web server (`tillit serve`, tillit.core.server): where it listens, how many processes
# and threads per process, and which proxies may say a request came over HTTPS.
TILLIT_WEB_BIND = environ.Env().str("TILLIT_WEB_BIND", default="127.0.0.1:8000")
TILLIT_WEB_WORKERS = environ.Env().int(
    "TILLIT_WEB_WORKERS", default=min((os.cpu_count() or 1) + 1, 8)
)
TILLIT_WEB_THREADS = environ.Env().int("TILLIT_WEB_THREADS", default=4)
TILLIT_WEB_TIMEOUT_S = environ.Env().int("TILLIT_WEB_TIMEOUT_S", default=60)
TILLIT_WEB_FORWARDED_ALLOW_IPS = environ.Env().list(
    "TILLIT_WEB_FORWARDED_ALLOW_IPS", default=["127.0.0.1", "::1"]
)
TILLIT_WEB_ACCESS_LOG = environ.Env().bool("TILLIT_WEB_ACCESS_LOG", default=False)

# A session ends after this long without a request, and in any case this long after sign-in
# (tillit.core.sessions); the cookie's own age follows the idle limit.
TILLIT_SESSION_IDLE_MINUTES = environ.Env().int("TILLIT_SESSION_IDLE_MINUTES", default=30)
TILLIT_SESSION_MAX_HOURS = environ.Env().float("TILLIT_SESSION_MAX_HOURS", default=12)
SESSION_COOKIE_AGE = TILLIT_SESSION_IDLE_MINUTES * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Failed sign-ins per user name and address before a lockout, and the first lockout's length
# (each further failure doubles it, up to a day).
TILLIT_LOGIN_MAX_FAILURES = environ.Env().int("TILLIT_LOGIN_MAX_FAILURES", default=5)
TILLIT_LOGIN_LOCKOUT_MINUTES = environ.Env().float("TILLIT_LOGIN_LOCKOUT_MINUTES", default=15)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# No inline script or style anywhere: markup a platform or the public slips past escaping
# still cannot run, and pages cannot be framed, rebased or post forms elsewhere. A response
# that sets its own policy (archived captures: "sandbox") keeps it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("TILLIT_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # One line per task run drowns the demo's console; failures still show.
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
    },
}
