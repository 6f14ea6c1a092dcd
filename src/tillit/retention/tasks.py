"""The periodic disposal run."""

from datetime import timedelta

from django_tasks import task

from tillit.core import queues
from tillit.core.scheduler import register_periodic


@register_periodic("retention.dispose", interval=timedelta(hours=1))
@task(queue_name=queues.DEFAULT)
def dispose_due() -> int:
    """Dispose of what is due; return the run's id (0 when another run is under way)."""
    from tillit.records.services.registration import cases_collect_all_replies

    from .services.disposal import RunBusy, disposal_run

    cases_collect_all_replies()
    try:
        return disposal_run().pk
    except RunBusy:
        return 0
