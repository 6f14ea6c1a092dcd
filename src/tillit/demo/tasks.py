"""The demo's background task: a few new comments and messages every tick."""

from datetime import timedelta

from django.conf import settings
from django_tasks import task

from tillit.core import queues
from tillit.core.scheduler import register_periodic


@register_periodic("demo.stream", interval=timedelta(seconds=20))
@task(queue_name=queues.INGEST)
def demo_stream_tick() -> int:
    """Deliver a couple of simulated webhooks to the demo's Facebook pages.

    Registered at start-up like every periodic job (the registry is frozen after it), but
    it delivers only in the process `tillit demo` runs, which switches the stream on.
    """
    if not settings.TILLIT_DEMO_STREAM:
        return 0
    from .simulated import current
    from .stream import demo_deliver

    sims = current()
    if sims is not None:
        import random

        from .platforms import demo_mastodon_tick

        demo_mastodon_tick(sims, random.Random())  # noqa: S311  (demo content)
    return demo_deliver(2)
