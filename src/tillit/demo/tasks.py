"""The demo's background task: a few new comments and messages every tick."""

from django_tasks import task


@task()
def demo_stream_tick() -> int:
    """Deliver a couple of simulated webhooks to the demo's Facebook pages."""
    from .stream import demo_deliver

    return demo_deliver(2)
