"""What the login page needs to know about sign-in: single sign-on, its label, local accounts."""

from django import template
from django.conf import settings

from ..oidc_discovery import configured

register = template.Library()


@register.simple_tag
def signin_options() -> dict:
    """Whether the provider's button and the password form are shown, and the button's label."""
    return {
        "oidc": configured(),
        "label": getattr(settings, "TILLIT_OIDC_LABEL", ""),
        "local": getattr(settings, "TILLIT_LOCAL_ACCOUNTS", True),
    }
