"""Builders for tests and benchmarks: an organisation and channels made through the services."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from tillit.access.actor import OPERATOR
from tillit.access.roles import MandateRole, Role
from tillit.channels import services as ch
from tillit.channels.choices import PlatformDecision
from tillit.channels.models import Channel, Platform
from tillit.organisation.models import Committee, Department, Organisation, Person
from tillit.organisation.services import person_create, role_assign

PASSWORD = "test-pass-123"  # noqa: S105

PLAN = {
    "purpose": "Nyheter från verksamheten.",
    "plan_why": "Invånarna finns där.",
    "plan_goal": "Fler känner till tjänsterna.",
    "plan_audience": "Invånare.",
    "plan_outcome": "Snabbare svar.",
    "plan_operation": "Två inlägg i veckan.",
}


@dataclass
class Org:
    """Handles on the test organisation."""

    organisation: Organisation
    dept_a: Department
    dept_b: Department
    facebook: Platform
    tiktok: Platform
    people: dict[str, Person] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Person:
        return self.people[key]


def build_org() -> Org:
    """Create an organisation, two departments, two platforms and one person per role."""
    organisation = Organisation.objects.create(
        name="Testkommun",
        website="https://www.example.se",
        link_collection_url="https://www.example.se/socialamedier",
        sender_statement="Kanalen drivs av Testkommun.",
        privacy_notice_url="https://www.example.se/personuppgifter",
        comment_policy_text="Inga förolämpningar.",
    )
    committee = Committee.objects.create(organisation=organisation, name="Kommunstyrelsen")
    dept_a = Department.objects.create(committee=committee, name="Avdelning A", slug="a")
    dept_b = Department.objects.create(committee=committee, name="Avdelning B", slug="b")
    facebook = Platform.objects.create(
        slug="facebook", name="Facebook", decision=PlatformDecision.ALLOWED, hosts=["facebook.com"]
    )
    tiktok = Platform.objects.create(
        slug="tiktok", name="TikTok", decision=PlatformDecision.NOT_ALLOWED, hosts=["tiktok.com"]
    )
    org = Org(organisation, dept_a, dept_b, facebook, tiktok)
    spec: dict[str, list[tuple[Role, Department | None]]] = {
        "admin": [(Role.ORG_ADMIN, None)],
        "manager_a": [(Role.MANAGER, dept_a)],
        "manager_b": [(Role.MANAGER, dept_b)],
        "info_a": [(Role.INFORMATOR, dept_a)],
        "info_b": [(Role.INFORMATOR, dept_b)],
        "webmaster": [(Role.WEBMASTER, None)],
        "registrar": [(Role.REGISTRAR, None)],
        "archivist": [(Role.ARCHIVIST, None)],
        "auditor": [(Role.AUDITOR, None)],
        "staff_1": [],
        "staff_2": [],
        "outsider": [],
    }
    for username, roles in spec.items():
        person = person_create(
            actor=OPERATOR,
            username=username,
            name=username.replace("_", " ").title(),
            email=f"{username}@example.se",
            password=PASSWORD,
        )
        for role, dept in roles:
            role_assign(actor=OPERATOR, person=person, role=role, department=dept)
        org.people[username] = person
    return org


def make_channel(
    org: Org,
    *,
    name: str = "Biblioteket",
    url: str | None = None,
    department: Department | None = None,
    creator: str = "info_a",
) -> Channel:
    """A draft channel."""
    department = department or org.dept_a
    return ch.channel_create(
        actor=org[creator],
        department=department,
        name=name,
        platform=org.facebook,
        url=url or f"https://www.facebook.com/{name.lower().replace(' ', '')}",
        **PLAN,
    )


def staff(
    org: Org,
    channel: Channel,
    start: date,
    *,
    manager: str = "manager_a",
    until: date | None = None,
) -> None:
    """Give the channel an administrator (staff_1) and a substitute (staff_2)."""
    ch.mandate_grant(
        actor=org[manager],
        channel=channel,
        person=org["staff_1"],
        role=MandateRole.ADMINISTRATOR,
        valid_from=start,
        valid_until=until,
    )
    ch.mandate_grant(
        actor=org[manager],
        channel=channel,
        person=org["staff_2"],
        role=MandateRole.SUBSTITUTE,
        valid_from=start,
        valid_until=until,
    )


def walk_to_active(org: Org, channel: Channel, *, dept: str = "a") -> Channel:
    """Take a staffed draft through every step to active."""
    for actor, step in [
        (f"info_{dept}", "propose"),
        (f"manager_{dept}", "approve"),
        (f"manager_{dept}", "notify_informator"),
        (f"info_{dept}", "acknowledge"),
        (f"info_{dept}", "send_link"),
        ("webmaster", "publish"),
    ]:
        channel = ch.channel_transition(actor=org[actor], channel=channel, name=step)
    return channel


def make_active_channel(org: Org, start: date, until: date | None = None) -> Channel:
    """A staffed, active channel in department A."""
    channel = make_channel(org)
    staff(org, channel, start, until=until)
    return walk_to_active(org, channel)


def days(n: int) -> timedelta:
    """Shorthand for a number of days."""
    return timedelta(days=n)


def committed():
    """Run the on-commit callbacks of what the block writes, as a real commit would.

    Tests run inside a transaction that never commits, so work enqueued on commit (ingest's
    subscribers) would never run; inside this block it runs at the block's end, after the
    writes, exactly as it does after a commit in production.
    """
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def run_held_subscribers() -> int:
    """Run the ingest subscriber tasks a held (dummy) task backend has recorded, each once.

    For tests that hold tasks to look at the outbox in between, but still need the
    assessment that ingest enqueued on commit. Returns how many ran.
    """
    from django_tasks import default_task_backend

    results = getattr(default_task_backend, "results", None)
    if results is None:
        return 0
    held = [r for r in results if r.task.func.__name__ == "run_ingest_subscriber"]
    for result in held:
        results.remove(result)
        result.task.call(*result.args, **result.kwargs)
    return len(held)


def mastodon_channel(
    org: Org, server, *, name: str = "Kommunen", account: str = "alice", start: date | None = None
) -> Channel:
    """An active, staffed channel on mastodon-mock (``server``), connected as ``account``."""
    from tillit.inbox.services.connections import connection_set

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
    import os
    import subprocess
    import sys
    from pathlib import Path

    from django.db import connection

    s = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{s['NAME']}"
    else:
        url = f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
    src = str(Path(__file__).resolve().parents[1])
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tillit.settings.test",
        "DATABASE_URL": url,
        "TILLIT_OUTBOUND_ALLOW_HOSTS": "127.0.0.1",
        "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", ""),
    }
    return subprocess.run(  # noqa: S603 - our own fixed script and an integer
        [sys.executable, "-c", _KILLED_AFTER_SEND, str(action_id)],
        env=env,
        capture_output=True,
        timeout=120,
    )
