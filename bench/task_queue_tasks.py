"""The benchmark's task: one row per run, keyed by the task's number, with its wait.

A primary key on the number makes a second run of the same task an error the benchmark
sees (a failed task), so "every task ran once" is checked, not assumed.
"""

import time

from django.db import connection
from django_tasks import task


@task()
def record(n: int, enqueued_at: float) -> None:
    """Store that task ``n`` ran, and how long after it was enqueued."""
    waited_ms = (time.time() - enqueued_at) * 1000
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_task_done (n, waited_ms) VALUES (%s, %s)", [n, waited_ms])
