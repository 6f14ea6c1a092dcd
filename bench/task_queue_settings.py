"""Settings for bench_task_queues.py: Tillit's own, with the task backend the run measures.

``BENCH_TASK_ENGINE=db`` keeps django-tasks-db; ``rq`` puts every Tillit queue on Redis
through django-tasks-rq (``BENCH_REDIS_URL``), as a deployer choosing RQ would (ADR 16).
"""

import os

from tillit.core.queues import QUEUES
from tillit.settings.base import *  # noqa: F403
from tillit.settings.base import INSTALLED_APPS

if os.environ.get("BENCH_TASK_ENGINE") == "rq":
    INSTALLED_APPS = [*INSTALLED_APPS, "django_rq"]
    RQ_QUEUES = {name: {"URL": os.environ["BENCH_REDIS_URL"]} for name in QUEUES}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": list(QUEUES)}}
