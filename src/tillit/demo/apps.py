"""App config for the demo: the `tillit demo` command and its simulated platform traffic."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo app; registers the stream job, which delivers only while `tillit demo` runs."""

    name = "tillit.demo"
    label = "demo"

    def ready(self) -> None:
        from . import tasks  # noqa: F401  (registers the periodic stream job)
