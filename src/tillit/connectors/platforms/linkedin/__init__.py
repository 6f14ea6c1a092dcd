"""LinkedIn connector (Community Management API)."""

from .connector import LinkedInConnector

__all__ = ["LinkedInConnector"]
