"""App config for the web layer."""

from django.apps import AppConfig


class WebConfig(AppConfig):
    """Web app: layout and shared pages; last in INSTALLED_APPS, it freezes the registry."""

    name = "tillit.web"
    label = "web"

    def ready(self) -> None:
        from tillit.core.registry import registry

        # The last app in INSTALLED_APPS: every app has registered what it offers by now.
        registry.freeze()
