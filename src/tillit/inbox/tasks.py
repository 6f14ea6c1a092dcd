"""Background tasks of the inbox and their periodic schedule."""

import logging
from datetime import timedelta

from django_tasks import task

from tillit.core import queues
from tillit.core.scheduler import register_periodic

logger = logging.getLogger(__name__)


@task(queue_name=queues.ACTIONS)
def run_action(action_id: int) -> str:
    """Try one outbox action now."""
    from .services.outbox import outbox_execute

    action = outbox_execute(action_id, worker_id="task")
    return action.state if action else "not due"


@register_periodic("inbox.sweep_outbox", interval=timedelta(seconds=30))
@task(queue_name=queues.ACTIONS)
def sweep_outbox() -> int:
    """Retry what is due and recover actions whose worker died mid-send."""
    from .services.outbox import outbox_due_ids, outbox_execute

    ids = outbox_due_ids()
    for action_id in ids:
        outbox_execute(action_id, worker_id="sweep")
    return len(ids)


@register_periodic("inbox.reconcile_outbox", interval=timedelta(seconds=60))
@task(queue_name=queues.ACTIONS)
def reconcile_outbox() -> dict:
    """Read the platform back: confirm done actions, settle unknown ones, recover stale sends."""
    from .services.reconcile import reconcile_due

    return reconcile_due()


@register_periodic("inbox.poll", interval=timedelta(minutes=5))
@task(queue_name=queues.INGEST)
def poll_all() -> int:
    """Enqueue one poll per connected, running channel (the fallback to webhooks)."""
    from tillit.channels.choices import STAFFED_STATES

    from .models import Connection

    ids = list(
        Connection.objects.filter(
            channel__status__in=STAFFED_STATES, polling_enabled=True
        ).values_list("pk", flat=True)
    )
    for connection_id in ids:
        poll_one.enqueue(connection_id)
    return len(ids)


@task(queue_name=queues.INGEST)
def poll_one(connection_id: int) -> str:
    """Poll one connection under its lease; a failure is recorded on the connection."""
    from .models import Connection
    from .services.polling import poll_connection

    connection = (
        Connection.objects.select_related("channel", "channel__platform")
        .filter(pk=connection_id)
        .first()
    )
    if connection is None:
        return "gone"
    return "polled" if poll_connection(connection) is not None else "not polled"


@task(queue_name=queues.INGEST)
def run_ingest_subscriber(name: str, item_id: int, version: int) -> str:
    """Run one ingest subscriber for one stored item version (enqueued on commit)."""
    from tillit.core.registry import registry

    subscriber = registry.store("ingest_subscribers").get(name)
    if subscriber is None:
        logger.warning("ingest subscriber %r is not registered; item %s skipped", name, item_id)
        return "unknown"
    subscriber(item_id, version)
    return "done"


@task(queue_name=queues.INGEST)
def fetch_attachments(item_id: int) -> None:
    """Download an item's attachments for the record."""
    from .services.attachments import attachments_fetch

    attachments_fetch(item_id)


@register_periodic("inbox.dormancy", interval=timedelta(hours=6))
@task(queue_name=queues.DEFAULT)
def check_dormancy() -> int:
    """Flag channels with no activity for the organisation's period (R8)."""
    from .services.dormancy import channels_check_dormancy

    return channels_check_dormancy()


@register_periodic("channels.audit_profiles", interval=timedelta(days=7))
@task(queue_name=queues.DEFAULT)
def audit_profiles_all() -> int:
    """Enqueue one profile audit per running channel (R10, R11), so one slow platform waits alone."""
    from .services.profile_audits import channels_due_for_profile_audit

    ids = channels_due_for_profile_audit()
    for channel_id in ids:
        audit_profile_one.enqueue(channel_id)
    return len(ids)


@task(queue_name=queues.DEFAULT)
def audit_profile_one(channel_id: int) -> str:
    """Read, judge and store one channel's profile audit."""
    from tillit.channels.models import Channel

    from .services.profile_audits import channel_audit_profile

    channel = Channel.objects.select_related("department").filter(pk=channel_id).first()
    if channel is None:
        return "gone"
    return channel_audit_profile(channel=channel).outcome


@register_periodic("inbox.read_insights", interval=timedelta(days=1))
@task(queue_name=queues.REPORTS)
def read_insights_all() -> int:
    """Enqueue one insights read per connection that gives figures (R23)."""
    from .services.insights import connections_with_insights

    ids = connections_with_insights()
    for connection_id in ids:
        read_insights_one.enqueue(connection_id)
    return len(ids)


@task(queue_name=queues.REPORTS)
def read_insights_one(connection_id: int) -> dict:
    """Read the days of reach and engagement one connection still lacks."""
    from .models import Connection
    from .services.insights import insights_read

    connection = Connection.objects.select_related("channel").filter(pk=connection_id).first()
    if connection is None:
        return {"gone": 1}
    return insights_read(connection)
