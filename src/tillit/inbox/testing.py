"""Builders for the inbox's tests and those above it: a channel on mastodon-mock, a worker
killed between the platform's answer and the record (tillit.testing stays below the inbox)."""

from datetime import date, timedelta

from tillit.channels import services as ch
from tillit.channels.choices import PlatformDecision
from tillit.channels.models import Channel, Platform
from tillit.testing import PLAN, Org, staff, walk_to_active

from .services.connections import connection_set


def mastodon_channel(
    org: Org, server, *, name: str = "Kommunen", account: str = "alice", start: date | None = None
) -> Channel:
    """An active, staffed channel on mastodon-mock (``server``), connected as ``account``."""
    platform = Platform.objects.get_or_create(
        slug="mastodon", defaults={"name": "Mastodon", "decision": PlatformDecision.ALLOWED}
    )[0]
    channel = ch.channel_create(
        actor=org["info_a"],
        department=org.dept_a,
        name=name,
        platform=platform,
        url=f"https://mastodon.example/@{account}",
        **PLAN,
    )
    staff(org, channel, start or date.today() - timedelta(days=1))
    channel = walk_to_active(org, channel)
    conn = connection_set(
        actor=org["manager_a"],
        channel=channel,
        connector="mastodon",
        config={"api_base_url": server.base_url, "access_token": f"{account}_token"},
    )
    conn.account_platform_id = str(server.client(account).me().id)
    conn.save()
    return Channel.objects.get(pk=channel.pk)


#: A worker that dies after the platform answered and before the outcome is recorded.
_KILLED_AFTER_SEND = """
import os, sys, django
django.setup()
from tillit.inbox.services import outbox
outbox.after_send_hooks.append(lambda action, result: os._exit(137))
outbox.outbox_execute(int(sys.argv[1]), worker_id="doomed")
"""


def run_worker_killed_after_send(action_id: int):
    """Run one outbox action in a separate process that is killed once the platform answered.

    The process sees the test's database (SQLite file or PostgreSQL) and may reach 127.0.0.1;
    returns the finished process (its returncode is 137).
    """
    import subprocess
    import sys

    from tillit.core.testing import subprocess_env

    return subprocess.run(  # noqa: S603 - our own fixed script and an integer
        [sys.executable, "-c", _KILLED_AFTER_SEND, str(action_id)],
        env=subprocess_env(),
        capture_output=True,
        timeout=120,
    )
