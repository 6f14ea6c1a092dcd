"""`tillit demo`: migrate, load Piteå kommun, and run the web server and worker in one process."""

import os
import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from tillit.core.server import ServerOptions, serve
from tillit.demo.data import (
    DEMO_PASSWORD,
    PEOPLE,
    demo_ensure_app_secret,
    demo_exists,
    load_demo,
)
from tillit.demo.platforms import (
    FLAKY_CHANNEL,
    MASTODON_CHANNEL,
    allow_simulated,
    demo_connect_simulated,
)
from tillit.demo.simulated import SimulatedPlatforms


class Command(BaseCommand):
    """The demo."""

    help = "Set up the demo organisation on SQLite and serve it with a background worker."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="Set up only; do not serve.")
        parser.add_argument(
            "--graph-port",
            type=int,
            default=settings.TILLIT_DEMO_GRAPH_PORT,
            help="Port of the simulated Graph API on 127.0.0.1 (0: any free port).",
        )
        parser.add_argument(
            "--mastodon-port",
            type=int,
            default=settings.TILLIT_DEMO_MASTODON_PORT,
            help="Port of the simulated Mastodon instance on 127.0.0.1 (0: any free port).",
        )

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        if "TILLIT_ADMIN_TWO_FACTOR" not in os.environ:
            # The demo's administrator signs in with the printed password, no phone needed;
            # TILLIT_ADMIN_TWO_FACTOR=true shows the enrolment a deployment requires.
            settings.TILLIT_ADMIN_TWO_FACTOR = False
        port = options["port"]
        base = f"http://127.0.0.1:{port}"
        # Links in notices and e-mails point at the demo's own address.
        settings.TILLIT_BASE_URL = base
        sims = None
        if not options["no_serve"]:
            # Before the data: the stream's first comments are announced to the simulated
            # Graph API too, and the guard must allow it before a connection points there.
            sims = SimulatedPlatforms(
                graph_port=options["graph_port"], mastodon_port=options["mastodon_port"]
            ).start(make_current=True)
            allow_simulated(sims)
        if not demo_exists():
            # The set-up's own notifications would flood the console; they stay in memory.
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                load_demo()
                from tillit.demo.stream import demo_deliver

                demo_deliver(30, seed=2026)
                from tillit.demo.records_data import load_records_demo

                load_records_demo()
                from tillit.demo.history_data import load_history_demo

                load_history_demo()  # half a year behind it all, for the follow-up reports
            self.stdout.write("Loaded the demo organisation (Piteå kommun).")
        else:
            demo_ensure_app_secret()
        self.stdout.write(self.style.SUCCESS(f"\nTillit demo: {base}/"))
        self.stdout.write(f"  Public link collection: {base}/kanaler/")
        self.stdout.write(f"  Directory JSON:         {base}/api/v1/directory/channels")
        self.stdout.write(f"  Integration API:        {base}/api/v1/ (keys under API-nycklar)")
        self.stdout.write(f"  Atom feed:              {base}/kanaler/feed.atom")
        self.stdout.write(f"  Database:               {settings.DATABASES['default']['NAME']}")
        self.stdout.write(
            f"\nSign in at {base}/konto/logga-in/ with password '{DEMO_PASSWORD}' as:"
        )
        for username, name, function, _dept, roles in PEOPLE:
            label = ", ".join(str(r[0].label) for r in roles) or "kanaladministratör/ersättare"
            self.stdout.write(f"  {username:<14} {name} ({function}) – {label}")
        if not settings.TILLIT_ADMIN_TWO_FACTOR:
            self.stdout.write(
                "Two-step verification for administrators is off in the demo "
                "(TILLIT_ADMIN_TWO_FACTOR=true to try it)."
            )
        if sims is None:
            return
        demo_connect_simulated(sims, fail_every=settings.TILLIT_DEMO_FAIL_EVERY)
        self.stdout.write("\nSimulated platforms (in this process, state in memory):")
        self.stdout.write(f"  Graph API (Facebook, Instagram): {sims.graph_url}/")
        self.stdout.write(f"  Mastodon ({MASTODON_CHANNEL}): {sims.mastodon_url}/")
        if settings.TILLIT_DEMO_FAIL_EVERY:
            self.stdout.write(
                f"  {FLAKY_CHANNEL} fails one write in {settings.TILLIT_DEMO_FAIL_EVERY} "
                "(Graph error 2), so the outbox's retry can be seen."
            )
        from tillit.core.worker import run_worker

        settings.TILLIT_DEMO_STREAM = True
        self.stdout.write(f"  Simulated comments arrive every 20 s through {base}/webhooks/meta/")
        self.stdout.write(f"  Inbox:                  {base}/inkorg/ (sign in as adm.kultur)")

        from tillit.inbox.tasks import poll_all

        poll_all.enqueue()  # the Mastodon channel's first poll, without waiting five minutes

        def start_worker() -> None:
            threading.Thread(
                target=run_worker,
                kwargs={"worker_id": "demo", "interval": 1.0},
                name="tillit-worker",
                daemon=True,
            ).start()

        # The production server, one web process that also runs the task worker thread: the
        # in-memory platforms stay in this (master) process, reached over HTTP like any other,
        # and no database connection is ever open in the master when it forks (SQLite's locks
        # do not survive a fork). No recycling, so the worker thread keeps running.
        serve(
            ServerOptions.from_settings(
                bind=f"127.0.0.1:{port}",
                workers=1,
                threads=8,
                max_requests=0,
                in_each_worker=start_worker,
            )
        )
