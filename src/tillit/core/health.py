"""Liveness and readiness, for a load balancer, systemd or Kubernetes.

Liveness says only that the process answers. Readiness says whether this process can do
its work: the database answers and its schema is the code's (a web server started before
`tillit migrate` is not ready), the shared cache takes a write and gives it back, and the
task queue's storage is reachable. Worker heartbeats are reported but never make the web
server unready: a web process cannot fix a stopped worker, and taking the web out of the
load balancer for it would only hide the inbox as well.

Each check's failure is logged with its cause; the answer names the check and nothing
more, because the endpoint needs no sign-in.
"""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from .queues import uses_db_backend

logger = logging.getLogger(__name__)
_schema_current = False  # once true, stays true for the process (migrations only add)


def _database() -> None:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _schema() -> None:
    global _schema_current
    if _schema_current:
        return
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        raise RuntimeError(f"{len(pending)} migration(s) not applied; run `tillit migrate`")
    _schema_current = True


def _cache() -> None:
    key = f"tillit:readyz:{secrets.token_hex(8)}"
    cache.set(key, "1", timeout=10)
    ok = cache.get(key) == "1"
    cache.delete(key)
    if not ok:
        raise RuntimeError("cache did not return what was written")


def _task_queue() -> None:
    if uses_db_backend():
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.only("id").first()


CHECKS = {"database": _database, "schema": _schema, "cache": _cache, "task_queue": _task_queue}


def readiness() -> tuple[bool, dict[str, str]]:
    """(ready, {check: "ok" | "error"}) for every check, each run whatever the others gave."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as exc:
            logger.warning("readiness check %s failed: %s: %s", name, type(exc).__name__, exc)
            results[name] = "error"
        else:
            results[name] = "ok"
    return all(v == "ok" for v in results.values()), results


def live_workers() -> int | None:
    """Workers heard from within TILLIT_WORKER_DEAD_AFTER_S; None when that cannot be read."""
    from tillit.core.models import WorkerProcess

    since = timezone.now() - timedelta(seconds=settings.TILLIT_WORKER_DEAD_AFTER_S)
    try:
        return WorkerProcess.objects.filter(stopped_at=None, seen_at__gte=since).count()
    except Exception as exc:
        logger.warning("could not count live workers: %s: %s", type(exc).__name__, exc)
        return None
