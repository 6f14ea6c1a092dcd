"""`tillit serve`: the production web server (the worker runs separately with `tillit worker`)."""

from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management.base import BaseCommand, CommandError

from tillit.core.server import ServerOptions, serve


class Command(BaseCommand):
    """Web server: gunicorn with threaded workers; put a reverse proxy with TLS in front."""

    help = (
        "Serve the web interface with gunicorn (TILLIT_WEB_BIND, TILLIT_WEB_WORKERS, "
        "TILLIT_WEB_THREADS). Run `tillit migrate` and `tillit collectstatic` first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bind", help="HOST:PORT or unix:PATH (default TILLIT_WEB_BIND).")
        parser.add_argument("--port", type=int, help="Shorthand for --bind 127.0.0.1:PORT.")
        parser.add_argument("--workers", type=int, help="Processes (default TILLIT_WEB_WORKERS).")
        parser.add_argument("--threads", type=int, help="Threads per process.")

    def handle(self, *args, **options):
        bind = options["bind"] or (f"127.0.0.1:{options['port']}" if options["port"] else None)
        for name in ("workers", "threads"):
            if options[name] is not None and options[name] < 1:
                raise CommandError(f"--{name} must be at least 1")
        if (
            hasattr(staticfiles_storage, "read_manifest")
            and staticfiles_storage.read_manifest() is None
        ):
            # Hashed names (production): a page would fail on its first stylesheet.
            raise CommandError(
                "Statiska filer saknas: kör `tillit collectstatic --noinput` före `tillit serve`."
            )
        serve(
            ServerOptions.from_settings(
                bind=bind, workers=options["workers"], threads=options["threads"]
            )
        )
