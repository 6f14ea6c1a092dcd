"""Background work of publishing: release what is due, once a minute."""

from datetime import timedelta

from django_tasks import task

from tillit.core import queues
from tillit.core.scheduler import register_periodic


@register_periodic("publishing.release_due", interval=timedelta(minutes=1))
@task(queue_name=queues.ACTIONS)
def release_due() -> int:
    """Hold posts whose approval did not come in time; send approved posts whose time came."""
    from .services.release import posts_release_due

    return posts_release_due()


@task(queue_name=queues.ACTIONS)
def release_post(post_id: int) -> str:
    """Send one approved post now (enqueued when it is approved with no time set)."""
    from .services.release import post_release_by_id

    return post_release_by_id(post_id)
