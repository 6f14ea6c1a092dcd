"""Background work of follow-up: the monthly report e-mail."""

from datetime import timedelta

from django_tasks import task

from tillit.core import queues
from tillit.core.scheduler import register_periodic


@register_periodic("reports.monthly_mail", interval=timedelta(hours=6))
@task(queue_name=queues.REPORTS)
def monthly_mail() -> int:
    """Send last month's report to the managers who have not had it yet (once each)."""
    from .mailing import monthly_reports_send

    return monthly_reports_send()
