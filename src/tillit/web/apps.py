"""App config for the web layer."""

from django.apps import AppConfig


class WebConfig(AppConfig):
    """Web app: layout and shared pages."""

    name = "tillit.web"
    label = "web"
