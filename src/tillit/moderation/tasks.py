"""Background tasks of moderation."""

from datetime import timedelta

from django_tasks import task

from tillit.core import queues
from tillit.core.scheduler import register_periodic


@register_periodic("moderation.escalate", interval=timedelta(minutes=5))
@task(queue_name=queues.DEFAULT)
def escalate() -> int:
    """Escalate overdue items (R15)."""
    from .services.escalation import escalate_overdue

    return escalate_overdue()
