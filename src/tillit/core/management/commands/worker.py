"""`tillit worker`: run background tasks and the periodic scheduler."""

import os
import socket

from django.core.management.base import BaseCommand

from tillit.core.worker import run_worker


class Command(BaseCommand):
    """Background worker."""

    help = "Run queued tasks and periodic jobs until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0)

    def handle(self, *args, **options):
        worker_id = f"{socket.gethostname()}-{os.getpid()}"
        run_worker(worker_id=worker_id, interval=options["interval"], install_signals=True)
