"""App config for sign-in: OpenID Connect, session records, sign-out when a person leaves."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigninConfig(AppConfig):
    """Sign-in app: records each signed-in session so a deactivation can end them all."""

    name = "tillit.signin"
    label = "signin"
    verbose_name = _("Sign-in")

    def ready(self) -> None:
        from tillit.core.registry import registry

        from . import oidc_sessions

        oidc_sessions.connect()
        # A person who leaves is signed out everywhere, inside the deactivation's transaction.
        registry.add(
            "person_deactivated",
            "signin.sessions",
            lambda *, person, actor: oidc_sessions.sessions_end_for_user(person.user),
        )
