"""Periodic jobs are claimed once per due time, whichever worker asks first."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tillit.core.models import PeriodicJob
from tillit.core.scheduler import _JOBS, JobSpec, run_due_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture
def counting_job(monkeypatch):
    calls = []
    monkeypatch.setitem(
        _JOBS, "test.count", JobSpec("test.count", timedelta(hours=1), lambda: calls.append(1))
    )
    for name in list(_JOBS):
        if name != "test.count":
            monkeypatch.delitem(_JOBS, name)
    return calls


def test_two_workers_claim_a_due_job_once(counting_job):
    assert run_due_jobs("worker-1") == ["test.count"]
    assert run_due_jobs("worker-2") == []
    assert counting_job == [1]
    assert PeriodicJob.objects.get(name="test.count").last_claimed_by == "worker-1"


def test_due_again_after_the_interval(counting_job):
    run_due_jobs("worker-1")
    PeriodicJob.objects.filter(name="test.count").update(
        next_run_at=timezone.now() - timedelta(seconds=1)
    )
    assert run_due_jobs("worker-2") == ["test.count"]
    assert len(counting_job) == 2


def test_channels_registers_its_staffing_job():
    from tillit.core.scheduler import registered_jobs

    assert "channels.check_staffing" in registered_jobs()
