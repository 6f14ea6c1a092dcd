"""Loads the demo organisation through the same services the interface uses."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from tillit.access.actor import OPERATOR
from tillit.access.roles import MandateRole, Role
from tillit.channels import services as ch
from tillit.channels.choices import PlatformDecision
from tillit.channels.models import Platform
from tillit.organisation.models import Committee, Department, Organisation
from tillit.organisation.services import person_create, role_assign

from .reply_data import load_reply_demo

DEMO_PASSWORD = "tillit-demo"  # noqa: S105  (the demo's published password, printed at start)

COMMENT_POLICY = """Kommentarer får inte innehålla:
- förtal, personliga angrepp eller förolämpningar
- hets mot folkgrupp, sexistiska yttranden eller andra trakasserier
- olovliga våldsskildringar eller pornografi
- uppmaningar till brott eller utgöra annan brottslig verksamhet
- olovligt bruk av upphovsrättsligt skyddat material
- svordomar eller obscena ord
- kommersiella budskap eller reklam, om inget annat sägs

Kommentarer som bryter mot reglerna tas bort skyndsamt. Det gäller också kränkande
personuppgifter. Skriv aldrig personnummer, adresser eller uppgifter om hälsa i en kommentar."""

PLATFORMS = [
    (
        "facebook",
        "Facebook",
        PlatformDecision.PRIORITISED,
        ["facebook.com"],
        "Störst räckvidd bland kommuninvånarna.",
    ),
    (
        "instagram",
        "Instagram",
        PlatformDecision.PRIORITISED,
        ["instagram.com"],
        "Når unga vuxna; bildberättande.",
    ),
    (
        "linkedin",
        "LinkedIn",
        PlatformDecision.ALLOWED,
        ["linkedin.com"],
        "Kompetensförsörjning och arbetsgivarvarumärke.",
    ),
    (
        "youtube",
        "YouTube",
        PlatformDecision.ALLOWED,
        ["youtube.com"],
        "Film från fullmäktige och verksamheter.",
    ),
    (
        "mastodon",
        "Mastodon",
        PlatformDecision.ALLOWED,
        [],
        "Öppet alternativ utan algoritmstyrning.",
    ),
    (
        "bluesky",
        "Bluesky",
        PlatformDecision.ALLOWED,
        ["bsky.app"],
        "Följer där journalister finns.",
    ),
    ("rss", "Blogg / RSS", PlatformDecision.ALLOWED, [], "Egna bloggar på kommunens webbplats."),
    (
        "x",
        "X",
        PlatformDecision.NOT_ALLOWED,
        ["x.com", "twitter.com"],
        "Beslut att inte starta nya konton; befintliga avvecklas.",
    ),
    (
        "tiktok",
        "TikTok",
        PlatformDecision.NOT_ALLOWED,
        ["tiktok.com"],
        "Säkerhetsskäl enligt MSB:s rekommendation.",
    ),
]

PEOPLE: list[tuple[str, str, str, str | None, list[tuple[Role, str | None]]]] = [
    # username, name, function, department slug, roles [(role, dept slug|None)]
    ("admin", "Åsa Lindqvist", "Kommunikationschef", None, [(Role.ORG_ADMIN, None)]),
    ("chef.kultur", "Erik Nilsson", "Förvaltningschef", "kultur", [(Role.MANAGER, "kultur")]),
    (
        "chef.samhall",
        "Maria Öberg",
        "Förvaltningschef",
        "samhallsbyggnad",
        [(Role.MANAGER, "samhallsbyggnad")],
    ),
    ("info.kultur", "Sara Holm", "Informatör", "kultur", [(Role.INFORMATOR, "kultur")]),
    (
        "info.samhall",
        "Johan Berg",
        "Informatör",
        "samhallsbyggnad",
        [(Role.INFORMATOR, "samhallsbyggnad")],
    ),
    ("webmaster", "Lina Sandberg", "Webbredaktör", None, [(Role.WEBMASTER, None)]),
    ("registrator", "Karin Lund", "Registrator", None, [(Role.REGISTRAR, None)]),
    ("arkivarie", "Per Strand", "Arkivarie", None, [(Role.ARCHIVIST, None)]),
    ("revisor", "Ulla Ek", "Revisor", None, [(Role.AUDITOR, None)]),
    ("adm.kultur", "Anna Forsberg", "Bibliotekarie", "kultur", []),
    ("ers.kultur", "Olle Marklund", "Kulturutvecklare", "kultur", []),
    ("adm.samhall", "Henrik Lindström", "Trafikplanerare", "samhallsbyggnad", []),
    ("ers.samhall", "Emma Nyström", "Handläggare", "samhallsbyggnad", []),
]

PLAN = {
    "plan_why": "Invånarna söker information där de redan finns.",
    "plan_goal": "Fler känner till och använder verksamhetens tjänster.",
    "plan_audience": "Kommuninvånare och besökare.",
    "plan_outcome": "Ökad kännedom och snabbare svar på frågor.",
    "plan_operation": "Två inlägg i veckan; administratör och ersättare bevakar kommentarer varje arbetsdag.",
}

# name, platform, url, department, purpose, target step
CHANNELS = [
    (
        "Piteå bibliotek",
        "facebook",
        "https://www.facebook.com/piteabibliotek",
        "kultur",
        "Nyheter, evenemang och boktips från biblioteken.",
        "publish",
    ),
    (
        "Kulturskolan Piteå",
        "instagram",
        "https://www.instagram.com/kulturskolanpitea",
        "kultur",
        "Bilder och film från kulturskolans verksamhet.",
        "publish",
    ),
    (
        "Piteå Kultur på YouTube",
        "youtube",
        "https://www.youtube.com/@piteakultur",
        "kultur",
        "Konserter, föreläsningar och fullmäktige i efterhand.",
        "publish",
    ),
    (
        "Studio Acusticum-guiden",
        "bluesky",
        "https://bsky.app/profile/kultur.pitea.se",
        "kultur",
        "Tips om konserter och evenemang.",
        "send_link",
    ),
    (
        "Kulturbloggen",
        "rss",
        "https://www.pitea.se/kulturbloggen",
        "kultur",
        "Längre texter om kulturlivet i Piteå.",
        "propose",
    ),
    (
        "Piteå kommun Samhällsbyggnad",
        "facebook",
        "https://www.facebook.com/piteasamhallsbyggnad",
        "samhallsbyggnad",
        "Vägarbeten, planer och driftinformation.",
        "publish",
    ),
    (
        "Jobba i Piteå",
        "linkedin",
        "https://www.linkedin.com/company/pitea-kommun",
        "samhallsbyggnad",
        "Lediga jobb och arbetsgivarinformation.",
        "publish",
    ),
    (
        "Piteå bibliotek på Mastodon",
        "mastodon",
        "https://mastodon.nu/@piteabibliotek",
        "kultur",
        "Boktips och evenemang utan algoritmer.",
        "publish",
    ),
    (
        "Piteå på Mastodon",
        "mastodon",
        "https://mastodon.nu/@pitea",
        "samhallsbyggnad",
        "Driftinformation och nyheter utan algoritmer.",
        "approve",
    ),
    (
        "Snöröjning Piteå",
        "instagram",
        "https://www.instagram.com/snorojningpitea",
        "samhallsbyggnad",
        "Läget för snöröjningen under vintern.",
        "pause",
    ),
    (
        "Gamla turistbloggen",
        "rss",
        "https://www.pitea.se/turistbloggen",
        "samhallsbyggnad",
        "Avvecklad blogg om turism.",
        "close",
    ),
    (
        "Ny cykelplan (utkast)",
        "facebook",
        "https://www.facebook.com/cykelpitea",
        "samhallsbyggnad",
        "Dialog om den nya cykelplanen.",
        None,
    ),
]

ORDER = [
    "propose",
    "approve",
    "notify_informator",
    "acknowledge",
    "send_link",
    "publish",
    "pause",
    "close",
]


def demo_exists() -> bool:
    """Whether the demo organisation is already loaded."""
    return Organisation.objects.exists()


@transaction.atomic
def load_demo() -> None:
    """Create Piteå kommun, its people and about ten channels in different states."""
    org = Organisation.objects.create(
        name="Piteå kommun",
        org_number="212000-2742",
        website="https://www.pitea.se",
        link_collection_url="https://www.pitea.se/socialamedier",
        sender_statement=(
            "Kanalen drivs av Piteå kommun. Här svarar kommunens medarbetare med namn och "
            "funktion. Se alla kommunens kanaler på www.pitea.se/socialamedier."
        ),
        privacy_notice_url="https://www.pitea.se/personuppgifter",
        comment_policy_text=COMMENT_POLICY,
        records_contact=(
            "Kommentarer och meddelanden i kommunens kanaler är allmänna handlingar. Begär ut dem "
            "hos kommunens registratur: registrator@pitea.se, 0911-69 60 00."
        ),
        accessibility_contact="tillganglighet@pitea.se",
    )
    ks = Committee.objects.create(organisation=org, name="Kommunstyrelsen")
    kfn = Committee.objects.create(organisation=org, name="Kultur- och fritidsnämnden")
    sbn = Committee.objects.create(organisation=org, name="Samhällsbyggnadsnämnden")
    depts = {
        "kultur": Department.objects.create(
            committee=kfn, name="Kulturförvaltningen", slug="kultur"
        ),
        "samhallsbyggnad": Department.objects.create(
            committee=sbn, name="Samhällsbyggnadsförvaltningen", slug="samhallsbyggnad"
        ),
        "kommunledning": Department.objects.create(
            committee=ks, name="Kommunledningsförvaltningen", slug="kommunledning"
        ),
    }
    people = {}
    for username, name, function, dept, roles in PEOPLE:
        person = person_create(
            actor=OPERATOR,
            username=username,
            name=name,
            function=function,
            email=f"{username}@pitea.example",
            department=depts.get(dept) if dept else None,
            password=DEMO_PASSWORD,
        )
        for role, role_dept in roles:
            department = depts.get(role_dept) if role_dept else None
            role_assign(actor=OPERATOR, person=person, role=role, department=department)
        people[username] = person
    for slug, name, decision, hosts, reason in PLATFORMS:
        Platform.objects.create(
            slug=slug,
            name=name,
            decision=decision,
            hosts=hosts,
            reason=reason,
            decided_at=timezone.now(),
            decided_by=people["admin"],
        )
    from tillit.moderation.services.policy import channel_apply_policy, policy_create_from_guideline

    policy = policy_create_from_guideline(
        actor=people["admin"], introduction="Piteå kommuns regler för kommentarer i sociala medier."
    )
    today = timezone.localdate()
    for name, platform, url, dept, purpose, target in CHANNELS:
        key = "kultur" if dept == "kultur" else "samhall"
        manager = people[f"chef.{key}"]
        channel = ch.channel_create(
            actor=people[f"info.{key}"],
            department=depts[dept],
            name=name,
            platform=Platform.objects.get(slug=platform),
            url=url,
            purpose=purpose,
            **PLAN,
        )
        # The library hides personal data at once (reviewed afterwards); the rest wait for a person.
        channel_apply_policy(
            actor=people["admin"],
            channel=channel,
            version=policy,
            auto_hide_categories=["personal_data"] if name == "Piteå bibliotek" else [],
        )
        if target is None:
            continue
        steps = ORDER[: ORDER.index(target) + 1]
        actors = {
            "propose": people[f"info.{key}"],
            "approve": manager,
            "notify_informator": manager,
            "acknowledge": people[f"info.{key}"],
            "send_link": people[f"info.{key}"],
            "publish": people["webmaster"],
            "pause": manager,
            "close": manager,
        }
        for step in steps:
            if step == "publish":
                ch.mandate_grant(
                    actor=manager,
                    channel=channel,
                    person=people[f"adm.{key}"],
                    role=MandateRole.ADMINISTRATOR,
                    valid_from=today - timedelta(days=30),
                    valid_until=today + timedelta(days=365),
                )
                ch.mandate_grant(
                    actor=manager,
                    channel=channel,
                    person=people[f"ers.{key}"],
                    role=MandateRole.SUBSTITUTE,
                    valid_from=today - timedelta(days=30),
                    valid_until=today + timedelta(days=180),
                )
            comment = "Kanalen avvecklas enligt beslut." if step == "close" else ""
            channel = ch.channel_transition(
                actor=actors[step], channel=channel, name=step, comment=comment
            )
        if channel.status == "active":
            _connect_simulated(channel, people["admin"], platform)
            load_reply_demo(
                channel, editor=people[f"info.{key}"], administrator=people[f"adm.{key}"]
            )
    _load_other_apps()


def _load_other_apps() -> None:
    """The archive's, publishing's and the API's demo data, through their own services."""
    from tillit.demo.api_data import load_api_demo
    from tillit.demo.archive_data import load_archive_demo
    from tillit.demo.publishing_data import load_publishing_demo

    load_archive_demo()
    load_publishing_demo()
    load_api_demo()


def demo_ensure_app_secret() -> int:
    """Give simulated pages set up before app secrets lived in the connection their secret."""
    from tillit.demo.stream import DEMO_APP_SECRET
    from tillit.inbox.crypto import decrypt_config
    from tillit.inbox.models import Connection
    from tillit.inbox.services.connections import connection_set

    count = 0
    for connection in Connection.objects.filter(connector="facebook", polling_enabled=False):
        config = decrypt_config(bytes(connection.config_encrypted))
        if not config.get("app_secret"):
            config["app_secret"] = DEMO_APP_SECRET
            connection_set(
                actor=OPERATOR, channel=connection.channel, connector="facebook", config=config
            )
            count += 1
    return count


def _simulated_config(platform: str, channel) -> dict[str, str] | None:
    """The connection settings of a demo channel on a simulated platform (None: not one)."""
    from tillit.demo.stream import DEMO_APP_SECRET

    if platform == "facebook":
        ids = {"page_id": str(100_000_000 + channel.pk), "page_access_token": "demo-token"}
    elif platform == "instagram":
        ids = {"ig_user_id": str(17_841_400_000_000_000 + channel.pk), "access_token": "demo-token"}
    else:
        return None
    return {**ids, "app_secret": DEMO_APP_SECRET}


def _connect_simulated(channel, actor, platform: str) -> None:
    """Connect a demo Facebook or Instagram channel to its simulated account (webhooks)."""
    from tillit.inbox.models import Connection
    from tillit.inbox.services.connections import connection_set

    config = _simulated_config(platform, channel)
    if config is None:
        return
    connection_set(actor=actor, channel=channel, connector=platform, config=config)
    # Fed by signed webhooks, not polled.
    Connection.objects.filter(channel=channel).update(polling_enabled=False)
