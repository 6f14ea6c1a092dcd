"""Rate limits per key (or per signed-in person), through the shared cache.

With several web processes the cache must be shared (``TILLIT_CACHE_URL``, Redis or the
database) for the limit to hold across them; see docs/deploy.md.
"""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class KeyRateThrottle(SimpleRateThrottle):
    """``TILLIT_API_RATE`` calls per key, for example ``600/minute``."""

    scope = "api"

    def get_rate(self) -> str:
        return settings.TILLIT_API_RATE

    def get_cache_key(self, request, view) -> str:
        token = request.auth
        if token is not None and hasattr(token, "prefix"):
            ident = f"key:{token.prefix}"
        elif request.user.is_authenticated:
            ident = f"user:{request.user.pk}"
        else:
            ident = f"ip:{self.get_ident(request)}"
        return f"tillit-api-throttle:{ident}"
