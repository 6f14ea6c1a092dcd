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
