"""The API key in the OpenAPI schema, so clients and schemathesis know how to send it."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension

from .authentication import BearerTokenAuthentication


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """``Authorization: Bearer <key>``."""

    target_class = BearerTokenAuthentication
    name = "apiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An API key from Tillit (Konto → API-nycklar).",
        }
