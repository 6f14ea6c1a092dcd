"""Wires the demo's connections to its simulated platforms (tillit.demo.simulated).

Every start of ``tillit demo`` serves a fresh simulated Graph API and Mastodon instance on
127.0.0.1 (ports may change between runs), so each start registers the demo's Pages and
account there, lets the outbound guard reach exactly those two host:port pairs, and points
the connections at them through ``connection_set`` (checked and audited like any change).
"""

from __future__ import annotations

import random

from django.conf import settings

from tillit.access.actor import OPERATOR
from tillit.inbox.crypto import decrypt_config
from tillit.inbox.models import Connection
from tillit.inbox.services.connections import connection_set

from .simulated import SimulatedPlatforms

# The Page that fails now and then, so the outbox's retry path can be seen.
FLAKY_CHANNEL = "Piteå kommun Samhällsbyggnad"
#: The channel whose profile lacks the link to the link collection (R11), for the audit to find.
INCOMPLETE_PROFILE = "Piteå kommun Samhällsbyggnad"
# The demo channel whose connection is the simulated Mastodon instance.
MASTODON_CHANNEL = "Piteå bibliotek på Mastodon"
MASTODON_TOKEN = "tillit-demo-mastodon-token"  # noqa: S105  (the simulation's own, public)
MASTODON_ACCOUNT = ("piteabibliotek", "Piteå bibliotek")

CITIZENS = [
    ("anna", "Anna Lindberg"),
    ("mikael", "Mikael Öhman"),
    ("fatima", "Fatima Hassan"),
    ("lars", "Lars Nordström"),
]
OWN_POST = "Bokcirkeln träffas på torsdag kl. 18 i stadsbiblioteket. Alla är välkomna!"
REPLIES = [
    "Får man komma även om man inte har läst boken?",
    "Tack för tipset, vi kommer!",
    "Ni är helt jävla inkompetenta på biblioteket.",
    "Köp billiga böcker här https://rea-bocker.example KAMPANJKOD BOK50",
    "Finns det hiss till övervåningen?",
]
DIRECT = "Hej! Jag har tappat mitt lånekort, hur spärrar jag det?"


def allow_simulated(sims: SimulatedPlatforms) -> None:
    """Let this process's outbound guard reach the simulations' host:port pairs, nothing more."""
    allowed = frozenset(settings.TILLIT_OUTBOUND_ALLOW_HOSTS or ())
    settings.TILLIT_OUTBOUND_ALLOW_HOSTS = allowed | sims.endpoints


def demo_connect_simulated(sims: SimulatedPlatforms, *, fail_every: int = 3) -> int:
    """Register the demo's Pages and Mastodon account with the simulations and point the
    connections at them; returns how many connections changed. Call allow_simulated first."""
    changed = 0
    pages = Connection.objects.filter(connector="facebook", polling_enabled=False)
    for connection in pages.select_related("channel"):
        config = decrypt_config(bytes(connection.config_encrypted))
        sims.graph.add_page(
            config["page_id"],
            token=config["page_access_token"],
            name=connection.channel.name,
            app_secret=config.get("app_secret"),
            fail_every=fail_every if connection.channel.name == FLAKY_CHANNEL else 0,
        )
        _seed_from_database(sims, connection, config["page_id"])
        if config.get("graph_url") != sims.graph_url:
            connection_set(
                actor=OPERATOR,
                channel=connection.channel,
                connector="facebook",
                config={**config, "graph_url": sims.graph_url},
            )
            changed += 1
    accounts = Connection.objects.filter(connector="instagram", polling_enabled=False)
    for connection in accounts.select_related("channel"):
        config = decrypt_config(bytes(connection.config_encrypted))
        sims.graph.add_instagram(
            config["ig_user_id"],
            token=config["access_token"],
            username=connection.channel.url.rstrip("/").rsplit("/", 1)[-1],
            app_secret=config.get("app_secret"),
        )
        _seed_from_database(sims, connection, config["ig_user_id"])
        if config.get("graph_url") != sims.graph_url:
            connection_set(
                actor=OPERATOR,
                channel=connection.channel,
                connector="instagram",
                config={**config, "graph_url": sims.graph_url},
            )
            changed += 1
    changed += _connect_mastodon(sims)
    _write_profiles(sims)
    return changed


def demo_profile_text(channel, *, without: tuple[str, ...] = ()) -> str:
    """What a careful administrator writes in the channel's profile (R10, R11), less ``without``."""
    from tillit.channels.services.profile_audits import expected_for

    expected = expected_for(channel)
    parts = {
        "sender": f"Kanalen drivs av {expected.sender_names[0]}." if expected.sender_names else "",
        "purpose": expected.purpose,
        "rules": f"Kommentarsregler: {expected.rules_url}",
        "collection": f"Alla våra kanaler: {expected.collection}",
    }
    return " ".join(text for code, text in parts.items() if text and code not in without)


def _write_profiles(sims: SimulatedPlatforms) -> None:
    """Fill in each simulated account's profile from the register, one of them incomplete."""
    for connection in Connection.objects.select_related("channel", "channel__department"):
        channel = connection.channel
        without = ("collection",) if channel.name == INCOMPLETE_PROFILE else ()
        text = demo_profile_text(channel, without=without)
        config = decrypt_config(bytes(connection.config_encrypted))
        if connection.connector == "facebook":
            account = sims.graph.accounts.get(config.get("page_id", ""))
        elif connection.connector == "instagram":
            account = sims.graph.accounts.get(config.get("ig_user_id", ""))
        elif connection.connector == "mastodon":
            sims.mastodon.add_account(
                *MASTODON_ACCOUNT
            ).note = f"{text} Webbplats: https://www.pitea.se"
            continue
        else:
            continue
        if account is not None:
            account.about = text


def _seed_from_database(sims: SimulatedPlatforms, connection: Connection, account: str) -> None:
    """The simulation forgets everything when the demo stops; it starts again with the
    comments the demo's database holds for the account, hidden where they were hidden."""
    from tillit.inbox.models import Item

    items = Item.objects.filter(
        channel_id=connection.channel_id, kind__in=["comment", "reply"], is_deleted=False
    ).select_related("author")
    for item in items.iterator():
        if item.platform_id in sims.graph.nodes:
            continue
        if connection.connector == "instagram":
            node = sims.graph.add_ig_comment(
                item.platform_id,
                ig_user_id=account,
                media_id=item.thread_platform_id or item.parent_platform_id or "0",
                text=item.text,
                username=item.author.handle or item.author_name,
                author_id=item.author.platform_id,
            )
        else:
            node = sims.graph.add_comment(
                item.platform_id,
                page_id=account,
                post_id=item.thread_platform_id or item.parent_platform_id,
                message=item.text,
                author_id=item.author.platform_id,
                author_name=item.author_name,
                created=item.received_at.timestamp(),
            )
        node.is_hidden = item.is_hidden


def _connect_mastodon(sims: SimulatedPlatforms) -> int:
    from tillit.channels.models import Channel

    channel = Channel.objects.filter(name=MASTODON_CHANNEL, status="active").first()
    if channel is None:
        return 0
    instance = sims.mastodon
    org = instance.add_account(*MASTODON_ACCOUNT, token=MASTODON_TOKEN)
    if not instance.statuses_of(org):
        # A post of the library's with a few replies and a direct message, as a newcomer
        # would find on the instance; the first poll brings them into the inbox.
        post = instance.post(org, OWN_POST)
        for (username, name), text in zip(CITIZENS, REPLIES[:3], strict=False):
            instance.post(instance.add_account(username, name), text, in_reply_to=post.id)
        instance.post(
            instance.add_account(*CITIZENS[-1]),
            f"@{org.username} {DIRECT}",
            visibility="direct",
        )
    config = {"api_base_url": sims.mastodon_url, "access_token": MASTODON_TOKEN}
    existing = Connection.objects.filter(channel=channel, connector="mastodon").first()
    if existing is not None and decrypt_config(bytes(existing.config_encrypted)) == config:
        return 0
    connection = connection_set(
        actor=OPERATOR,
        channel=channel,
        connector="mastodon",
        config=config,
        polling_enabled=True,
    )
    # Mastodon's connector names no account parameter; the library's own account id tells
    # its own posts (and direct replies) from the public's, as the connection test would.
    Connection.objects.filter(pk=connection.pk).update(account_platform_id=org.id)
    return 1


def demo_mastodon_tick(sims: SimulatedPlatforms, rng: random.Random) -> bool:
    """Now and then a new reply on the simulated instance; then poll the demo's connection.

    Returns whether a poll was queued (there is a connected demo Mastodon channel).
    """
    from tillit.inbox.tasks import poll_one

    connection = Connection.objects.filter(
        connector="mastodon", channel__name=MASTODON_CHANNEL
    ).first()
    if connection is None:
        return False
    instance = sims.mastodon
    org = instance.add_account(*MASTODON_ACCOUNT, token=MASTODON_TOKEN)
    own = instance.statuses_of(org)
    if own and rng.random() < 0.5:
        username, name = rng.choice(CITIZENS)
        instance.post(
            instance.add_account(username, name), rng.choice(REPLIES), in_reply_to=own[0].id
        )
    poll_one.enqueue(connection.pk)
    return True
