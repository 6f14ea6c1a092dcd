"""`tillit serve`: run the web server (the worker runs separately with `tillit worker`)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    """Web server."""

    help = "Serve the web interface on 127.0.0.1 (put a reverse proxy in front in production)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, **options):
        call_command(
            "runserver", f"127.0.0.1:{options['port']}", use_reloader=False, use_threading=True
        )
