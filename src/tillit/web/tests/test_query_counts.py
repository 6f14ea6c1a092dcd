"""Every list page and API list costs the same number of queries at 2 rows as at 5 (no N+1).

The world is built through the services the other suites use; each `grow` adds one more of
everything every list shows. A page is measured, the world grows, the page is measured
again: the counts must be equal and stay under the page's ceiling in PAGES. A new list URL
fails `test_every_list_url_is_measured` until it is added to PAGES (or to NOT_LISTS with
the reason it is not a list).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from tillit.access.actor import OPERATOR
from tillit.access.roles import Role
from tillit.channels import services as ch
from tillit.channels.choices import PlatformDecision
from tillit.channels.models import Channel, Platform
from tillit.connectors.base import ItemKind
from tillit.core import queues
from tillit.inbox.models import Item
from tillit.organisation.models import Committee, Department
from tillit.organisation.notify import notify
from tillit.organisation.services import person_create, role_assign
from tillit.records.tests.helpers import ingest
from tillit.testing import Org, make_channel, run_held_subscribers, staff, walk_to_active

pytestmark = pytest.mark.django_db

#: Text the moderation engine flags (a deadline) and personal data it hides automatically.
INSULT = "Du är en idiot"
PERSONAL = "Hennes personnummer är 19121212-1212"


@dataclass
class World:
    """Handles on what `grow` made, for the pages that show one object's list."""

    org: Org
    first: Channel | None = None
    case_id: int = 0
    author_id: int = 0
    request_id: int = 0
    item_id: int = 0
    tags: list[str] = field(default_factory=list)

    @property
    def first_channel(self) -> Channel:
        """The first channel grown, whose own lists (documents, captures, mandates) grow."""
        assert self.first is not None, "grow the world first"
        return self.first


def _active_channel(world: World, tag: str) -> Channel:
    """A staffed, active, connected channel in department A with the guideline's policy."""
    from tillit.inbox.services.connections import connection_set
    from tillit.moderation.models import PolicyVersion
    from tillit.moderation.services.policy import channel_apply_policy

    org = world.org
    channel = make_channel(org, name=f"Kanal {tag}")
    staff(org, channel, timezone.localdate() - timedelta(days=1))
    channel = walk_to_active(org, channel)
    connection_set(
        actor=org["manager_a"],
        channel=channel,
        connector="facebook",
        config={"page_id": f"9000{tag}", "page_access_token": "EAAB-token"},
    )
    channel_apply_policy(
        actor=org["admin"],
        channel=channel,
        version=PolicyVersion.objects.latest("pk"),
        auto_hide_categories=["personal_data"],
    )
    return channel


def grow(world: World) -> None:
    """Add one more of every row a list page shows, through the services."""
    from tillit.api.tokens import service_account_create, token_issue
    from tillit.archive.services import capture_request, capture_run
    from tillit.archive.services.schedules import schedule_ensure
    from tillit.moderation.services.decisions import decision_make
    from tillit.records.services import access as access_svc
    from tillit.records.services.personal import personal_request_record
    from tillit.records.services.registration import dm_register
    from tillit.retention.services import disposal
    from tillit.retention.services.holds import hold_place

    org, tag = world.org, str(len(world.tags) + 1)
    world.tags.append(tag)
    today = timezone.localdate()

    # Channels in several states: the register, home's to-do list, the link collection.
    channel = _active_channel(world, tag)
    world.first = world.first or channel
    make_channel(org, name=f"Utkast {tag}")
    proposed = make_channel(org, name=f"Förslag {tag}")
    ch.channel_transition(actor=org["info_a"], channel=proposed, name="propose")
    Platform.objects.create(
        slug=f"plattform-{tag}",
        name=f"Plattform {tag}",
        decision=PlatformDecision.ALLOWED,
        hosts=[f"p{tag}.example"],
        decided_by=org["admin"],
        decided_at=timezone.now(),
    )

    # API keys: the administrator's own, and a service account's.
    account = service_account_create(actor=org["admin"], name=f"System {tag}")
    for person, kind in ((account, "service"), (org["admin"], "personal")):
        token_issue(
            actor=org["admin"],
            person=person,
            kind=kind,
            name=f"Nyckel {tag}",
            scopes=["records:read"],
            days=30,
        )

    # People with roles, and notices for the manager and the administrator.
    person = person_create(
        actor=org["admin"],
        username=f"person_{tag}",
        name=f"Person {tag}",
        email=f"person{tag}@example.se",
        department=org.dept_a,
    )
    role_assign(actor=org["admin"], person=person, role=Role.INFORMATOR, department=org.dept_a)
    notify(people=[org["manager_a"], org["staff_1"]], subject=f"Notis {tag}", url="/register/")

    # Inbox: comments, flagged ones with deadlines, automatic hides to review; in this
    # channel and in the first, whose documents page and author page grow too.
    for target in {channel.pk: channel, world.first_channel.pk: world.first_channel}.values():
        ingest(target, f"Kommentar {tag}", author=(f"a{tag}", f"Anna {tag}"))
        ingest(target, INSULT, author=(f"i{tag}", f"Ivar {tag}"))
        ingest(target, PERSONAL, author=(f"p{tag}", f"Petra {tag}"))
        ingest(target, f"Igen {tag}", author=("501", "Anna Lindberg"))
    # Tasks are held in this world: assess what was ingested, as a worker would.
    run_held_subscribers()
    author_item = Item.objects.filter(channel=world.first_channel, author__platform_id="501")
    world.author_id = author_item.values_list("author_id", flat=True).distinct().get()
    # The item page of Anna's first comment: her history and the saved replies grow.
    world.item_id = world.item_id or author_item.order_by("pk").values_list("pk", flat=True)[0]
    from tillit.channels.services.saved_replies import saved_reply_create

    saved_reply_create(
        actor=org["staff_1"], channel=world.first_channel, title=f"Svar {tag}", text=f"Text {tag}"
    )

    # A block: a hidden insult, then the author's second one blocked.
    first = ingest(channel, "Jävla idiot", author=(f"b{tag}", f"Bo {tag}"))
    second = ingest(channel, "Jävla idiot igen", author=(f"b{tag}", f"Bo {tag}"))
    decision_make(actor=org["staff_1"], item=first, kind="hide", rule_code="R13a")
    decision_make(
        actor=org["staff_1"],
        item=second,
        kind="block",
        rule_code="R13a",
        block_reason="Upprepade personangrepp.",
    )

    # Records: messages waiting, registered into one shared case, requests.
    ingest(channel, f"Fråga {tag}", kind=ItemKind.DIRECT_MESSAGE, author=(f"d{tag}", f"Dan {tag}"))
    message = ingest(
        channel, f"Ärende {tag}", kind=ItemKind.DIRECT_MESSAGE, author=(f"e{tag}", f"Eva {tag}")
    )
    registration = dm_register(
        actor=org["registrar"],
        item=message,
        subject=f"Ärende {tag}",
        **(
            {"case": registration_case(world)}
            if world.case_id
            else {"new_case_title": "Samlat ärende"}
        ),
    )
    assert registration.case_id is not None
    world.case_id = registration.case_id
    request = access_svc.access_request_open(
        actor=org["registrar"], description=f"Allt om parken {tag}", requester=f"Sökande {tag}"
    )
    world.request_id = world.request_id or request.pk
    access_svc.access_request_add_items(
        actor=org["registrar"],
        request=access_request(world),
        items=list(Item.objects.filter(channel=world.first_channel, text__startswith="Kommentar")),
    )
    personal_request_record(
        actor=org["registrar"],
        author=Item.objects.get(pk=first.pk).author,
        kind="access",
        note=f"Begäran {tag}",
    )

    # Retention: a committee's decisions, a batch, a hold and a run.
    committee = Committee.objects.create(organisation=org.organisation, name=f"Nämnd {tag}")
    Department.objects.create(committee=committee, name=f"Förvaltning {tag}", slug=f"f{tag}")
    rule = disposal.rule_create(
        actor=org["archivist"],
        reference=f"N{tag} 2025/12",
        decided_on=date(2025, 3, 1),
        committee=committee,
        content_class="comments",
        period_days=None,
    )
    disposal.rule_create(
        actor=org["archivist"],
        reference=f"N{tag} 2025/13",
        decided_on=date(2025, 3, 1),
        committee=committee,
        content_class="direct_messages",
        period_days=90,
    )
    disposal.batch_propose(actor=org["archivist"], rule=rule, received_before=timezone.now())
    hold_place(actor=org["registrar"], reason=f"Tvist {tag}", channel=channel)
    disposal.disposal_run(actor=org["archivist"])

    # The archive: an overdue channel with a capture under way (tasks are held), one more
    # finished capture of the first channel (the fake engine), one more mandate there.
    schedule_ensure(channel, due=timezone.now() - timedelta(days=30))
    capture_request(actor=OPERATOR, channel=channel, reason="scheduled")
    done = capture_request(
        actor=OPERATOR, channel=world.first_channel, reason="scheduled", enqueue=False
    )
    capture_run(done.pk)
    ch.mandate_grant(
        actor=org["manager_a"],
        channel=world.first_channel,
        person=person,
        role="substitute",
        valid_from=today,
    )

    # Publishing: a draft, a post waiting for the informatör, a scheduled one, a check rule.
    from tillit.access.actor import actor_for
    from tillit.channels.choices import PostApproval
    from tillit.publishing.services.posts import Draft, post_save, post_submit
    from tillit.publishing.services.rules import check_rule_add

    ch.channel_update(actor=org["info_a"], channel=channel, post_approval=PostApproval.INFORMATOR)
    writer = actor_for(org["staff_1"])
    post_save(actor=writer, draft=Draft(text=f"Utkast {tag}", channel_ids=[channel.pk]))
    for days in (1, 2):
        post = post_save(
            actor=writer,
            draft=Draft(
                text=f"Inlägg {tag} om {days} dagar",
                channel_ids=[channel.pk, world.first_channel.pk],
                scheduled_at=timezone.now() + timedelta(days=days),
            ),
        )
        post_submit(actor=writer, post=post)
    check_rule_add(actor=actor_for(org["admin"]), kind="word", value=f"hemligt{tag}")


def registration_case(world: World):
    """The shared case every registration after the first goes into."""
    from tillit.records.models import Case

    return Case.objects.get(pk=world.case_id)


def access_request(world: World):
    """The first access request, whose entries grow."""
    from tillit.records.models import AccessRequest

    return AccessRequest.objects.get(pk=world.request_id)


@dataclass(frozen=True)
class Page:
    """A list page: who opens it, its address (from the world) and its query ceiling."""

    name: str  # the URL pattern's name, namespace:name
    who: str | None  # username, or None for the public
    url: Callable[[World], str]
    ceiling: int
    label: str = ""
    #: Rows the count may follow, at most one query each, by design (None: constant).
    per_row: Callable[[], int] | None = None
    #: Whether the page shows more as the world grows (False for a fixed list).
    grows: bool = True

    @property
    def key(self) -> str:
        return self.label or self.name


def _rules_in_force() -> int:
    from tillit.retention.models import DisposalRule

    return DisposalRule.objects.filter(active=True).count()


def _first_items(world: World) -> str:
    """The selection of the bulk-decision page: every item in the first channel."""
    ids = Item.objects.filter(channel=world.first_channel).values_list("pk", flat=True)
    return "&".join(f"item={pk}" for pk in ids)


def _fixed(path: str) -> Callable[[World], str]:
    return lambda world: path


#: Each list page, measured as the person who works with it; ceiling = measured + a margin.
REPORT_QUERY = f"scope=org&start={date.today() - timedelta(days=30)}&end={date.today()}"

PAGES: list[Page] = [
    Page("web:home", "manager_a", _fixed("/"), 13),
    Page("web:home", "staff_1", _fixed("/"), 13, "web:home (mandates)"),
    Page("web:notices", "manager_a", _fixed("/notiser/"), 11),
    Page("channels:register", "admin", _fixed("/register/"), 14),
    Page("channels:register", "info_a", _fixed("/register/"), 14, "channels:register (dept)"),
    Page(
        "channels:register",
        "admin",
        _fixed("/register/?department=a&status=active&q=Kanal"),
        14,
        "channels:register (filtered)",
    ),
    Page("channels:register_csv", "admin", _fixed("/register/export.csv"), 8),
    Page(
        "channels:register_csv",
        "manager_a",
        _fixed("/register/export.csv?department=a"),
        8,
        "channels:register_csv (dept)",
    ),
    Page("channels:platforms", "admin", _fixed("/plattformar/"), 11),
    Page(
        "channels:detail",
        "manager_a",
        lambda w: f"/register/{w.first_channel.public_id}/",
        22,
        "channels:detail (mandates)",
    ),
    # Five lists of posts, each with its channels: two queries a list.
    Page("publishing:list", "staff_1", _fixed("/publicera/"), 16),
    Page("publishing:list", "info_a", _fixed("/publicera/"), 14, "publishing:list (approver)"),
    Page("publishing:calendar", "staff_1", _fixed("/publicera/kalender/?vy=lista"), 12),
    Page("publishing:rules", "admin", _fixed("/publicera/regler/"), 10),
    Page("inbox:queue", "staff_1", _fixed("/inkorg/"), 13),
    Page("inbox:queue", "manager_a", _fixed("/inkorg/"), 13, "inbox:queue (manager)"),
    Page("inbox:queue", "staff_1", _fixed("/inkorg/?order=oldest"), 13, "inbox:queue (oldest)"),
    Page("inbox:queue", "staff_1", _fixed("/inkorg/?order=deadline"), 13, "inbox:queue (deadline)"),
    Page(
        "inbox:queue",
        "staff_1",
        _fixed("/inkorg/?kind=comment&status=new"),
        13,
        "inbox:queue (kind, status)",
    ),
    Page(
        "inbox:queue",
        "staff_1",
        lambda w: f"/inkorg/?channel={w.first_channel.pk}",
        13,
        "inbox:queue (channel)",
    ),
    # The platform truth, presence, queue neighbours and assignees add a fixed seven.
    Page("inbox:item", "staff_1", lambda w: f"/inkorg/{w.item_id}/", 32),
    Page(
        "channels:saved_replies",
        "staff_1",
        lambda w: f"/register/{w.first_channel.public_id}/sparade-svar/",
        12,
    ),
    Page("inbox:queue", "staff_1", _fixed("/inkorg/?q=kommentarerna"), 13, "inbox:queue (search)"),
    Page("inbox:queue", "staff_1", _fixed("/inkorg/?mine=1&flagged=1"), 13, "inbox:queue (mine)"),
    Page("inbox:queue", "staff_1", _fixed("/inkorg/?order=newest"), 13, "inbox:queue (newest)"),
    Page("moderation:bulk", "staff_1", lambda w: f"/inkorg/beslut/?{_first_items(w)}", 12),
    Page("moderation:review_list", "staff_1", _fixed("/granska/"), 11),
    Page(
        "moderation:channel_rules",
        None,
        lambda w: f"/kanaler/{w.first_channel.public_id}/regler/",
        6,
        grows=False,
    ),
    Page("records:queue", "registrar", _fixed("/diarium/"), 13),
    Page("records:registrations", "registrar", _fixed("/diarium/registreringar/"), 12),
    Page(
        "records:registrations",
        "registrar",
        _fixed("/diarium/registreringar/?state=ready"),
        12,
        "records:registrations (state)",
    ),
    Page("api:registrations", "registrar", _fixed("/api/v1/records/registrations"), 10),
    Page("api:channels", "admin", _fixed("/api/v1/channels/"), 8),
    Page("api:items", "staff_1", _fixed("/api/v1/items/"), 8),
    Page("api:decisions", "staff_1", _fixed("/api/v1/decisions/"), 7),
    Page("api:captures", "archivist", _fixed("/api/v1/captures/"), 7),
    Page("api:report", "manager_a", _fixed("/api/v1/reports/moderation"), 13),
    Page("api:own_tokens", "admin", _fixed("/konto/api-nycklar/"), 9),
    Page("api:service_tokens", "admin", _fixed("/organisation/tjanstekonton/"), 13),
    Page("records:case", "registrar", lambda w: f"/diarium/arende/{w.case_id}/", 13),
    Page("records:case_erms", "registrar", lambda w: f"/diarium/arende/{w.case_id}/erms.xml", 11),
    Page("records:access_requests", "registrar", _fixed("/diarium/begaran/"), 11),
    Page(
        "records:access_request",
        "registrar",
        lambda w: f"/diarium/begaran/{w.request_id}/",
        16,
    ),
    Page("records:personal", "registrar", _fixed("/diarium/personuppgifter/?name=Anna"), 12),
    Page(
        "records:personal_author",
        "registrar",
        lambda w: f"/diarium/personuppgifter/{w.author_id}/",
        14,
    ),
    Page("records:blocks", "auditor", _fixed("/diarium/blockeringar/"), 11),
    Page(
        "records:blocks",
        "auditor",
        _fixed("/diarium/blockeringar/?format=csv"),
        8,
        "records:blocks (csv)",
    ),
    Page("records:documents", "auditor", lambda w: f"/diarium/kanal/{w.first_channel.pk}/", 14),
    Page(
        "records:documents",
        "auditor",
        lambda w: f"/diarium/kanal/{w.first_channel.pk}/?format=csv",
        10,
        "records:documents (csv)",
    ),
    # The dry run asks each decision in force for its candidates: up to one query per
    # decision, and decisions are bounded (one per committee and class of content).
    Page("retention:index", "archivist", _fixed("/gallring/"), 23, per_row=_rules_in_force),
    Page("organisation:people", "admin", _fixed("/organisation/personer/"), 14),
    Page("archive:register", "archivist", _fixed("/arkiv/"), 12),
    Page("archive:register", "archivist", _fixed("/arkiv/?overdue=1"), 12, "archive:register (od)"),
    Page(
        "archive:channel",
        "archivist",
        lambda w: f"/arkiv/kanal/{w.first_channel.public_id}/",
        16,
        "archive:channel (captures)",
    ),
    # The audit trail: one page by keyset, the links of up to seven kinds of object, the
    # people who acted, the last verification; the seals are checked without a query.
    Page(
        "reports:audit_entries",
        "auditor",
        _fixed("/granskningslogg/?action=channel.create"),
        13,
    ),
    Page(
        "reports:audit_entries",
        "admin",
        _fixed("/granskningslogg/?date_from=2000-01-01&object_type=records.accessrequest"),
        12,
        "reports:audit_entries (period, kind)",
    ),
    # The newest fifty of everything: a full page at any size, so it cannot grow.
    Page(
        "reports:audit_entries",
        "admin",
        _fixed("/granskningslogg/"),
        16,
        "reports:audit_entries (newest)",
        grows=False,
    ),
    Page(
        "reports:audit_object",
        "auditor",
        lambda w: f"/granskningslogg/objekt/records.accessrequest/{w.request_id}/",
        10,
    ),
    # Follow-up: every figure is one aggregate over the period, whatever the rows or channels.
    Page("reports:report", "admin", _fixed(f"/uppfoljning/?{REPORT_QUERY}"), 70),
    Page("reports:report_csv", "admin", _fixed(f"/uppfoljning/rapport.csv?{REPORT_QUERY}"), 70),
    Page("reports:compliance", "manager_a", _fixed("/uppfoljning/efterlevnad/"), 16),
    Page("directory:index", None, _fixed("/kanaler/"), 4),
    Page("directory:feed", None, _fixed("/kanaler/feed.atom"), 4),
    Page("api-directory-channels", None, _fixed("/api/v1/directory/channels"), 3),
]

#: URL names that look like lists but are not, and why.
NOT_LISTS = {
    "organisation:settings": "the organisation's settings form",
    "archive:capture_status": "one capture's state as JSON",
    "archive:export_status": "one export's state as JSON",
    "api:schema": "the OpenAPI schema, no rows",
    "api:docs": "the API's documentation page, no rows",
    "api:item_decisions": "records a decision (POST only)",
    "set_language": "the language switch (POST)",
    "inbox:queue_fresh": "the queue's live notice: one count (its filters are the queue's)",
}

#: Endings of URL names that name a list.
LIST_ENDINGS = ("s", "register", "register_csv", "queue", "list", "index", "feed", "home")


def _patterns(resolver: URLResolver, namespace: str = "", prefix: str = ""):
    """Every (full name, route, pattern) under a resolver."""
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full = f"{namespace}{ns}:" if ns else namespace
            yield from _patterns(entry, full, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", prefix + str(entry.pattern), entry


def _looks_like_a_list(name: str, route: str, pattern: URLPattern) -> bool:
    """A list by its name, its view (a feed, a list API) or an API address without an id."""
    from django.contrib.syndication.views import Feed

    view = pattern.callback
    view_class = getattr(view, "view_class", None) or getattr(view, "cls", None)
    short = name.rsplit(":", 1)[-1]
    return (
        short.endswith(LIST_ENDINGS)
        or isinstance(getattr(view, "__wrapped__", view), Feed)
        or (route.startswith("api/") and "<" not in route)
        or (view_class is not None and "List" in view_class.__name__)
    )


def test_every_list_url_is_measured():
    measured = {p.name for p in PAGES}
    found = {name: (route, p) for name, route, p in _patterns(get_resolver())}
    lists = {name for name, (route, p) in found.items() if _looks_like_a_list(name, route, p)}
    missing = sorted(lists - measured - set(NOT_LISTS))
    assert not missing, f"list URLs without a query-count check, add them to PAGES: {missing}"
    stale = sorted((measured | set(NOT_LISTS)) - set(found))
    assert not stale, f"PAGES or NOT_LISTS name URLs that no longer exist: {stale}"


@dataclass
class Measured:
    """One page opened once: its query count, the queries, its size and its per-row rows."""

    count: int
    queries: list[str]
    size: int
    rows: int


def _measure(world: World, clients: dict[str | None, Client]) -> dict[str, Measured]:
    """Open every page once, by page key."""
    counts = {}
    for page in PAGES:
        client = clients[page.who]
        url = page.url(world)
        cache.clear()  # the public pages are cached; measure what a cache miss costs
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, (page.key, url, response.status_code)
        body = b"".join(response) if response.streaming else response.content
        rows = page.per_row() if page.per_row else 0
        counts[page.key] = Measured(len(ctx), [q["sql"] for q in ctx], len(body), rows)
    return counts


def _repeated(queries: list[str]) -> list[str]:
    """Queries that differ only in their literals and run more than once: the N+1 suspects."""
    shapes: dict[str, int] = {}
    for sql in queries:
        shape = re.sub(r"'[^']*'|\b\d+\b", "?", sql)
        shapes[shape] = shapes.get(shape, 0) + 1
    return [f"{n}x {shape[:300]}" for shape, n in shapes.items() if n > 1]


@pytest.fixture
def world(org, settings, tmp_path, monkeypatch):
    """The organisation with the guideline's policy, tasks held, private storage, no browser."""
    from tillit.archive.services import captures
    from tillit.archive.tests.conftest import fake_capture_page
    from tillit.moderation.services.policy import policy_create_from_guideline

    monkeypatch.setattr(captures, "capture_page", fake_capture_page)

    settings.TASKS = {"default": queues.backend("django_tasks.backends.dummy.DummyBackend")}
    settings.MEDIA_ROOT = str(tmp_path / "media")
    policy_create_from_guideline(actor=org["admin"])
    return World(org)


def test_list_pages_cost_the_same_at_any_size(world):
    clients: dict[str | None, Client] = {None: Client()}
    for who in {p.who for p in PAGES if p.who}:
        clients[who] = Client()
        clients[who].force_login(world.org[who].user)
    for _ in range(2):
        grow(world)
    small = _measure(world, clients)
    for _ in range(3):
        grow(world)
    large = _measure(world, clients)
    report = "\n".join(
        f"{p.key}: {small[p.key].count} -> {large[p.key].count} (ceiling {p.ceiling})"
        for p in PAGES
    )
    allowed = {p.key: large[p.key].rows - small[p.key].rows for p in PAGES}
    grown = [
        p.key for p in PAGES if not 0 <= large[p.key].count - small[p.key].count <= allowed[p.key]
    ]
    over = [p.key for p in PAGES if large[p.key].count > p.ceiling]
    # A page that shows no more at five than at two proves nothing about N+1.
    flat = [p.key for p in PAGES if p.grows and large[p.key].size <= small[p.key].size]
    repeated = "\n".join(f"{k}:\n  " + "\n  ".join(_repeated(large[k].queries)) for k in grown)
    assert not flat, f"pages that did not grow with the data: {flat}"
    assert not grown and not over, (
        f"grown: {grown}\nover the ceiling: {over}\n{report}\nrepeated queries:\n{repeated}"
    )
