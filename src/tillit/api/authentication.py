"""``Authorization: Bearer <key>``: the key's person becomes the request's actor.

A request without the header falls through to the browser session (the next class); a
request with a bad key is refused with 401 and a Swedish reason, and the attempt is logged
with the key's prefix, never its secret.
"""

import logging

from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from tillit.access.actor import actor_for

from .tokens import MALFORMED, TokenRefused, token_authenticate

logger = logging.getLogger("tillit.api")


class BearerTokenAuthentication(BaseAuthentication):
    """API keys from ``tillit.api.tokens``; sets ``request.actor`` for the selectors."""

    keyword = b"bearer"

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword:
            return None
        try:
            if len(header) != 2:
                raise TokenRefused("malformed", MALFORMED)
            try:
                key = header[1].decode("ascii")
            except UnicodeDecodeError:
                raise TokenRefused("malformed", MALFORMED) from None
            token = token_authenticate(key)
        except TokenRefused as refused:
            logger.warning(
                "API key refused (%s) prefix=%s path=%s from=%s",
                refused.reason,
                refused.prefix or "-",
                request.path[:200],
                request.META.get("REMOTE_ADDR", ""),
            )
            raise AuthenticationFailed(refused.message) from None
        # The middleware built an anonymous actor before the view knew the key.
        raw = request._request
        raw.person = token.person
        raw.actor = actor_for(token.person)
        return token.person.user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="tillit"'
