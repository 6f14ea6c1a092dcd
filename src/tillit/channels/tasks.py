"""Background tasks for channels, and their periodic schedule."""

from datetime import timedelta

from django_tasks import task

from tillit.core import queues
from tillit.core.scheduler import register_periodic

from .services.staffing import channels_check_all_staffing


@register_periodic("channels.check_staffing", interval=timedelta(minutes=15))
@task(queue_name=queues.DEFAULT)
def check_staffing() -> int:
    """Flag running channels whose mandates ran out (R5); return how many are flagged."""
    return channels_check_all_staffing()
