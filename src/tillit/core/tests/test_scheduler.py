"""Periodic jobs are claimed once per due time, whichever worker asks first."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tillit.core.models import PeriodicJob
from tillit.core.scheduler import JobSpec, run_due_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls():
    return []


@pytest.fixture
def jobs(calls):
    return [JobSpec("test.count", timedelta(hours=1), lambda: calls.append(1))]


def test_two_workers_claim_a_due_job_once(jobs, calls):
    assert run_due_jobs("worker-1", jobs) == ["test.count"]
    assert run_due_jobs("worker-2", jobs) == []
    assert calls == [1]
    assert PeriodicJob.objects.get(name="test.count").last_claimed_by == "worker-1"


def test_due_again_after_the_interval(jobs, calls):
    run_due_jobs("worker-1", jobs)
    PeriodicJob.objects.filter(name="test.count").update(
        next_run_at=timezone.now() - timedelta(seconds=1)
    )
    assert run_due_jobs("worker-2", jobs) == ["test.count"]
    assert len(calls) == 2


def test_channels_registers_its_staffing_job():
    from tillit.core.scheduler import registered_jobs

    assert "channels.check_staffing" in registered_jobs()
