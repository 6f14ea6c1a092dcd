"""`tillit worker`: run background tasks and the periodic scheduler."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tillit.core.queues import QUEUES
from tillit.core.worker import run_worker


class Command(BaseCommand):
    """Background worker; start as many as needed, on as many machines as needed."""

    help = "Run queued tasks and periodic jobs until stopped (SIGTERM finishes running tasks)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="Idle poll, seconds.")
        parser.add_argument(
            "--queues",
            default=",".join(settings.TILLIT_WORKER_QUEUES),
            help=f"Comma-separated queues to take, or * for all ({', '.join(QUEUES)}).",
        )
        parser.add_argument(
            "--concurrency",
            type=int,
            default=settings.TILLIT_WORKER_CONCURRENCY,
            help="Tasks run at once in this process (threads).",
        )

    def handle(self, *args, **options):
        queues = [q.strip() for q in options["queues"].split(",") if q.strip()] or ["*"]
        unknown = [q for q in queues if q != "*" and q not in QUEUES]
        if unknown:
            raise CommandError(f"unknown queue(s) {', '.join(unknown)}; known: {', '.join(QUEUES)}")
        if options["concurrency"] < 1:
            raise CommandError("--concurrency must be at least 1")
        run_worker(
            interval=options["interval"],
            install_signals=True,
            queues=queues,
            concurrency=options["concurrency"],
        )
