"""Scale-out on PostgreSQL: a web server and two worker processes share one database; one
worker is killed with SIGKILL in the middle of a task, and nothing is lost or done twice.

The test process plays the platform (the simulated Graph API on 127.0.0.1, which counts
every call) and the moderators. It feeds 2,000 comments as signed Meta webhooks to
`tillit serve`, decides to hide 500 of them, and kills worker A while it holds a running
task. Then it checks: every comment stored once and assessed once; every hide sent to the
platform exactly once and recorded done; both workers took work, and the dead worker's task
was finished by the other; every periodic job enqueued at most once per period, each run
finished once, and the periods went on after the kill.

PostgreSQL only (ADR 16: SQLite is for one machine); `.ci/run` runs the suite on both.
"""

import hashlib
import hmac
import json
import os
import signal
import socket
import threading
import time
from collections import Counter
from datetime import timedelta

import httpx
import pytest
from django.db import connection
from django.utils import timezone

from tillit.core import queues
from tillit.core.testing import (
    free_port,
    start_tillit,
    stop_process,
    subprocess_env,
    wait_until_answers,
)

pytestmark = pytest.mark.django_db(transaction=True)

PAGE = "424242"
TOKEN = "scale-page-token"  # noqa: S105
APP_SECRET = "scale-app-secret"  # noqa: S105
COMMENTS = 2000
HIDES = 500
PER_DELIVERY = 10
SHORT_JOBS = {"channels.check_staffing": 3, "moderation.escalate": 3, "inbox.sweep_outbox": 4}
DEAD_AFTER_S = 5


@pytest.fixture
def on_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("scale-out runs on PostgreSQL (DATABASE_URL=postgres://...); see .ci/run")


def _signed_delivery(first: int) -> tuple[bytes, dict[str, str]]:
    changes = [
        {
            "field": "feed",
            "value": {
                "item": "comment",
                "verb": "add",
                "post_id": f"{PAGE}_1",
                "comment_id": f"{PAGE}_1_{n}",
                "parent_id": f"{PAGE}_1",
                "created_time": 1_764_400_000 + n,
                "from": {"id": str(900_000 + n % 300), "name": f"Invånare {n % 300}"},
                "message": f"Fråga nummer {n} om biblioteket och simhallen",
            },
        }
        for n in range(first, first + PER_DELIVERY)
    ]
    body = json.dumps(
        {"object": "page", "entry": [{"id": PAGE, "time": 1_764_400_001, "changes": changes}]}
    ).encode()
    digest = hmac.new(APP_SECRET.encode(), body, hashlib.sha256).hexdigest()
    return body, {"X-Hub-Signature-256": f"sha256={digest}", "Content-Type": "application/json"}


def _wait(condition, what: str, timeout_s: float = 480, procs=()) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return
        for proc in procs:
            if proc.poll() is not None:
                raise AssertionError(f"a process exited early while waiting for {what}")
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def test_two_workers_one_killed_nothing_lost_nothing_twice(on_postgres, org, settings):
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from tillit.core.models import PeriodicJob, PeriodicRun
    from tillit.core.scheduler import registered_jobs
    from tillit.demo.platforms import allow_simulated
    from tillit.demo.simulated import SimulatedPlatforms
    from tillit.inbox.choices import ActionState
    from tillit.inbox.models import ActionRequest, Item
    from tillit.inbox.services.connections import connection_set
    from tillit.moderation.models import Assessment
    from tillit.moderation.services.decisions import decision_make
    from tillit.moderation.services.policy import (
        channel_apply_policy,
        policy_create_from_guideline,
    )
    from tillit.testing import make_active_channel

    settings.TASKS = {"default": queues.backend("django_tasks_db.DatabaseBackend")}
    channel = make_active_channel(org, timezone.localdate() - timedelta(days=1))
    channel_apply_policy(
        actor=org["admin"],
        channel=channel,
        version=policy_create_from_guideline(actor=org["admin"]),
    )
    sims = SimulatedPlatforms().start()
    settings.TILLIT_OUTBOUND_ALLOW_HOSTS = frozenset()  # restored after the test
    allow_simulated(sims)
    sims.graph.add_page(PAGE, token=TOKEN, name=channel.name, app_secret=APP_SECRET)
    connection_set(
        actor=org["manager_a"],
        channel=channel,
        connector="facebook",
        config={
            "page_id": PAGE,
            "page_access_token": TOKEN,
            "app_secret": APP_SECRET,
            "verify_token": "scale-verify",
            "graph_url": sims.graph_url,
        },
    )
    # Only the short jobs are due during the test; the others (captures, polls, disposal)
    # would reach for the internet or take minutes, and are pushed a day ahead.
    later = timezone.now() + timedelta(days=1)
    for name, spec in registered_jobs().items():
        if name not in SHORT_JOBS:
            PeriodicJob.objects.create(
                name=name,
                interval_seconds=int(spec.interval.total_seconds()),
                next_run_at=later,
            )
    env = subprocess_env(
        TILLIT_TEST_TASKS="django_tasks_db.DatabaseBackend",
        TILLIT_WORKER_HEARTBEAT_S="1",
        TILLIT_WORKER_DEAD_AFTER_S=str(DEAD_AFTER_S),
        TILLIT_OUTBOX_LEASE_S="8",
        TILLIT_PERIODIC_INTERVALS=",".join(f"{k}={v}" for k, v in SHORT_JOBS.items()),
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    web = start_tillit(
        env, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4"
    )
    worker_a = start_tillit(env, "worker", "--concurrency", "2", "--interval", "0.2")
    worker_b = start_tillit(env, "worker", "--concurrency", "2", "--interval", "0.2")
    a_prefix = f"{socket.gethostname()}:{worker_a.pid}"
    b_prefix = f"{socket.gethostname()}:{worker_b.pid}"
    procs = (web, worker_a, worker_b)
    outputs = {}
    started = timezone.now()
    try:
        wait_until_answers(f"{base}/healthz", web)
        # 2,000 comments in 200 signed deliveries from four senders at once, as Meta sends.
        for n in range(COMMENTS):
            sims.graph.add_comment(
                f"{PAGE}_1_{n}",
                page_id=PAGE,
                post_id=f"{PAGE}_1",
                message=f"Fråga nummer {n} om biblioteket och simhallen",
                author_id=str(900_000 + n % 300),
                author_name=f"Invånare {n % 300}",
            )
        statuses: list[int] = []

        def send(firsts: list[int]) -> None:
            with httpx.Client(timeout=60) as http:
                for first in firsts:
                    body, headers = _signed_delivery(first)
                    statuses.append(
                        http.post(
                            f"{base}/webhooks/meta/", content=body, headers=headers
                        ).status_code
                    )

        firsts = list(range(0, COMMENTS, PER_DELIVERY))
        senders = [threading.Thread(target=send, args=(firsts[i::4],)) for i in range(4)]
        for t in senders:
            t.start()
        for t in senders:
            t.join()
        assert Counter(statuses) == {200: COMMENTS // PER_DELIVERY}
        # A delivered twice (Meta retries): stored once all the same.
        body, headers = _signed_delivery(0)
        assert (
            httpx.post(f"{base}/webhooks/meta/", content=body, headers=headers).status_code == 200
        )

        # 500 moderators' hides, each through the same service as the form.
        items = list(Item.objects.filter(channel=channel).order_by("platform_id")[:HIDES])
        for item in items:
            decision_make(actor=org["staff_1"], item=item, kind="hide", rule_code="R13a")

        # Kill worker A while it holds a running task.
        def held_by_a() -> list:
            running = DBTaskResult.objects.running().values_list("pk", "worker_ids")
            return [pk for pk, ids in running if ids and ids[-1].startswith(a_prefix)]

        _wait(lambda: bool(held_by_a()), "worker A to hold a running task", procs=procs)
        held = held_by_a()
        os.killpg(worker_a.pid, signal.SIGKILL)
        outputs["worker A"] = stop_process(worker_a)
        killed_at = timezone.now()

        def all_done() -> bool:
            return (
                ActionRequest.objects.filter(channel=channel, state=ActionState.DONE).count()
                == HIDES
                and not DBTaskResult.objects.ready().exists()
                and not DBTaskResult.objects.running().exists()
            )

        _wait(all_done, "every action done and the queue empty", procs=(web, worker_b))
        # Periods keep coming after the kill: let the short jobs run a few more times.
        time.sleep(max(SHORT_JOBS.values()) * 2 + 1)
    finally:
        outputs["worker B"] = stop_process(worker_b)
        outputs["web"] = stop_process(web)
        sims.close()
    finished = timezone.now()
    log = "\n".join(f"--- {k}\n{v[-3000:]}" for k, v in outputs.items())

    # Every comment stored once (the repeated delivery too) and assessed once.
    stored = Item.objects.filter(channel=channel)
    assert stored.count() == COMMENTS, log
    assert stored.values("platform_id").distinct().count() == COMMENTS
    assert Assessment.objects.filter(item__channel=channel).count() == COMMENTS, log

    # Every hide reached the platform exactly once and is recorded done; nothing failed.
    hides = Counter(
        path
        for method, path, params in sims.graph.log
        if method == "POST" and params.get("is_hidden") == "true"
    )
    assert set(hides) == {item.platform_id for item in items}, log
    assert set(hides.values()) == {1}, [p for p, n in hides.items() if n != 1]
    assert all(sims.graph.nodes[item.platform_id].is_hidden for item in items)
    actions = ActionRequest.objects.filter(channel=channel)
    assert actions.count() == HIDES
    assert set(actions.values_list("state", flat=True)) == {ActionState.DONE}

    # Both workers worked; what A held when it died was finished by B.
    results = DBTaskResult.objects.all()
    takers = {ids[-1].split("/")[0] for ids in results.values_list("worker_ids", flat=True) if ids}
    assert a_prefix in takers and b_prefix in takers, takers
    for pk in held:
        result = DBTaskResult.objects.get(pk=pk)
        assert result.status == TaskResultStatus.SUCCESSFUL, (
            result.status,
            result.exception_class_path,
        )
        assert result.worker_ids[-1].startswith(b_prefix), result.worker_ids
    assert not results.filter(status=TaskResultStatus.FAILED).exists(), list(
        results.filter(status=TaskResultStatus.FAILED).values_list(
            "task_path", "exception_class_path"
        )
    )

    # Periodic jobs: one claim per period across both workers, each run finished once, and
    # periods went on after A died.
    for name, interval in SHORT_JOBS.items():
        runs = list(PeriodicRun.objects.filter(name=name).order_by("due_at"))
        dues = [r.due_at for r in runs]
        assert len(dues) == len(set(dues))
        gaps = [(b - a).total_seconds() for a, b in zip(dues, dues[1:], strict=False)]
        assert all(gap >= interval - 0.05 for gap in gaps), (name, gaps)
        assert any(r.due_at > killed_at for r in runs), name
        expected = (finished - started).total_seconds() / interval
        assert len(runs) >= expected * 0.5, (name, len(runs), expected)
        for run in runs:
            if run.state == PeriodicRun.State.ENQUEUED:
                result = DBTaskResult.objects.get(pk=run.task_id)
                assert result.status == TaskResultStatus.SUCCESSFUL, (name, result.status)
