"""Normalising and checking channel addresses, so one channel cannot be registered twice."""

from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from ..models import Platform


def normalise_channel_url(raw: str) -> str:
    """Lower-case scheme and host, drop the fragment and a trailing slash."""
    value = (raw or "").strip()
    URLValidator(schemes=["https", "http"])(value)
    parts = urlsplit(value)
    path = parts.path.rstrip("/")
    host = (parts.hostname or "").lower()
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    return urlunsplit((parts.scheme.lower(), netloc, path, parts.query, ""))


def check_url_matches_platform(url: str, platform: Platform) -> None:
    """Refuse an address that is not on the platform's own hosts."""
    if not platform.hosts:
        return
    host = (urlsplit(url).hostname or "").lower()
    if not any(host == h or host.endswith("." + h) for h in platform.hosts):
        raise ValidationError(
            {
                "url": _("The address must be on %(platform)s (%(hosts)s).")
                % {"platform": platform.name, "hosts": ", ".join(platform.hosts)}
            }
        )
