"""The provider's endpoints, read from its discovery document so the operator sets only the issuer.

The document is fetched through the guarded HTTP session (the SSRF policy every outgoing call
uses), bounded in size, checked to name the configured issuer, and kept for an hour per
process. Endpoints set in the library's own settings (OIDC_OP_*) win over the document, for a
provider whose document is wrong.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from tillit.core.net.outbound import outbound_policy
from tillit.core.net.session import guarded_session

logger = logging.getLogger(__name__)

MAX_DOCUMENT_BYTES = 512 * 1024
CACHE_S = 3600
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}
_cache: dict[str, tuple[float, Provider]] = {}
_lock = threading.Lock()


class DiscoveryError(Exception):
    """The provider's document could not be read or is not acceptable; safe to log."""


@dataclass(frozen=True)
class Provider:
    """The endpoints of the configured OpenID Connect provider."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str = ""
    end_session_endpoint: str = ""


def configured() -> bool:
    """Whether single sign-on is set up (issuer, client id and secret)."""
    return bool(
        getattr(settings, "TILLIT_OIDC_ISSUER", "")
        and getattr(settings, "TILLIT_OIDC_CLIENT_ID", "")
        and getattr(settings, "TILLIT_OIDC_CLIENT_SECRET", "")
    )


def issuer() -> str:
    """The configured issuer, without a trailing slash."""
    return str(getattr(settings, "TILLIT_OIDC_ISSUER", "")).rstrip("/")


def provider_json(method: str, url: str, what: str, **kwargs) -> dict:
    """One call to the provider through the guarded session: its JSON object, or DiscoveryError.

    No redirects are followed and the body is read up to MAX_DOCUMENT_BYTES; the error names
    the endpoint and what went wrong, never the request's secret or code.
    """
    timeout = float(getattr(settings, "TILLIT_OIDC_TIMEOUT_S", 10))
    try:
        with guarded_session(outbound_policy(max_bytes=MAX_DOCUMENT_BYTES)) as session:
            response = session.request(
                method, url, timeout=timeout, allow_redirects=False, stream=True, **kwargs
            )
            return _read_json(response, what)
    except DiscoveryError:
        raise
    except Exception as exc:  # network, TLS, refused by the fetch policy
        raise DiscoveryError(f"{what} unreachable: {type(exc).__name__}") from exc


def _read_json(response, what: str) -> dict:
    if response.status_code != 200:
        raise DiscoveryError(f"{what} answered HTTP {response.status_code}")
    body = response.raw.read(MAX_DOCUMENT_BYTES + 1, decode_content=True)
    if len(body) > MAX_DOCUMENT_BYTES:
        raise DiscoveryError(f"{what} is larger than {MAX_DOCUMENT_BYTES} bytes")
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise DiscoveryError(f"{what} is not JSON") from exc
    if not isinstance(data, dict):
        raise DiscoveryError(f"{what} is not a JSON object")
    return data


def _endpoint(doc: dict, name: str, *, required: bool = True) -> str:
    override = getattr(settings, "OIDC_OP_" + _OVERRIDES[name], None)
    value = override or doc.get(name) or ""
    if not isinstance(value, str) or (required and not value):
        raise DiscoveryError(f"discovery document lacks {name}")
    if value:
        parts = urlsplit(value)
        # Only https, except on the machine itself (a test provider on 127.0.0.1).
        if parts.scheme != "https" and not (
            parts.scheme == "http" and (parts.hostname or "") in _LOOPBACK
        ):
            raise DiscoveryError(f"{name} is not an https address")
    return value


_OVERRIDES = {
    "authorization_endpoint": "AUTHORIZATION_ENDPOINT",
    "token_endpoint": "TOKEN_ENDPOINT",
    "jwks_uri": "JWKS_ENDPOINT",
    "userinfo_endpoint": "USER_ENDPOINT",
    "end_session_endpoint": "LOGOUT_ENDPOINT",
}


def _fetch(configured_issuer: str) -> Provider:
    url = configured_issuer + "/.well-known/openid-configuration"
    doc = provider_json("GET", url, "discovery document")
    # The document must be the issuer's own (OpenID Connect Discovery 1.0, section 4.3).
    if str(doc.get("issuer", "")).rstrip("/") != configured_issuer:
        raise DiscoveryError("discovery document names another issuer")
    return Provider(
        issuer=str(doc["issuer"]),
        authorization_endpoint=_endpoint(doc, "authorization_endpoint"),
        token_endpoint=_endpoint(doc, "token_endpoint"),
        jwks_uri=_endpoint(doc, "jwks_uri"),
        userinfo_endpoint=_endpoint(doc, "userinfo_endpoint", required=False),
        end_session_endpoint=_endpoint(doc, "end_session_endpoint", required=False),
    )


def provider() -> Provider:
    """The configured provider's endpoints, from a cached discovery document."""
    configured_issuer = issuer()
    if not configured_issuer:
        raise DiscoveryError("no issuer configured")
    now = time.monotonic()
    with _lock:
        hit = _cache.get(configured_issuer)
        if hit and now - hit[0] < CACHE_S:
            return hit[1]
    found = _fetch(configured_issuer)
    with _lock:
        _cache[configured_issuer] = (now, found)
    logger.info("Read the OpenID Connect discovery document of %s", configured_issuer)
    return found


def forget() -> None:
    """Drop the cached documents (settings changed, or a test starts a new provider)."""
    with _lock:
        _cache.clear()
