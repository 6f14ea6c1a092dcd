"""The demo's steady stream of Swedish comments and messages, sent as signed Meta webhooks.

Each delivery goes through `webhook_receive`, the same path a real Facebook Page uses:
signature check with the connection's app secret, parsing by the Facebook connector, ingest.
"""

import hashlib
import hmac
import json
import random
import time

from tillit.inbox.models import Connection
from tillit.inbox.services.webhooks import webhook_receive

# The simulated pages' app secret, set in their connections' parameters (the demo's own, public).
DEMO_APP_SECRET = "tillit-demo-app-secret"  # noqa: S105

NAMES = [
    "Anna Lindberg",
    "Mikael Öhman",
    "Fatima Hassan",
    "Lars Nordström",
    "Elin Sjöberg",
    "Jonas Wikström",
    "Sofia Berglund",
    "Ahmed Yusuf",
    "Karin Granström",
    "Nils Boström",
]

COMMENTS = [
    "Vilka öppettider har biblioteket i jul?",
    "Tack för ett fantastiskt evenemang i lördags!",
    "När börjar snöröjningen på Norrstrand?",
    "Bra initiativ, fler sådana aktiviteter för unga tack.",
    "Kan man låna e-böcker även om man bor i Älvsbyn?",
    "Varför är cykelbanan vid Strömnäs inte plogad än?",
    "Ni är helt jävla inkompetenta allihop.",
    "Köp billiga solglasögon här https://rea-solglas.example KAMPANJKOD PITEA50",
    "Min granne på Storgatan 12 heter Per och har 19121212-1212, ring honom på 070-123 45 67.",
    "Den där handläggaren är en idiot som borde sparkas.",
    "Jag ska döda er alla om ni river parken.",
    "Vad kul att kulturskolan har öppet hus!",
]

MESSAGES = [
    "Hej! Jag vill överklaga beslutet om bygglov på min fastighet. Hur gör jag?",
    "Hej, min dotter har fått en plats på förskolan men vi vill byta. Vem kontaktar jag?",
    "Jag vill anmäla en trasig gatlykta på Hamngatan.",
]


def demo_sign(body: bytes) -> str:
    """X-Hub-Signature-256 for a body, as Meta signs it with the simulated pages' app secret."""
    return "sha256=" + hmac.new(DEMO_APP_SECRET.encode(), body, hashlib.sha256).hexdigest()


def _comment_change(page_id: str, n: int, rng: random.Random) -> dict:
    name = rng.choice(NAMES)
    now = int(time.time())
    post_id = f"{page_id}_{1000 + n % 3}"
    return {
        "field": "feed",
        "value": {
            "item": "comment",
            "verb": "add",
            "post_id": post_id,
            "comment_id": f"{post_id}_{now}{n}",
            "parent_id": post_id,
            "created_time": now,
            "from": {"id": str(5_000_000 + NAMES.index(name)), "name": name},
            "message": rng.choice(COMMENTS),
        },
    }


def _message_event(page_id: str, n: int, rng: random.Random) -> dict:
    name = rng.choice(NAMES)
    now_ms = int(time.time() * 1000)
    return {
        "sender": {"id": str(7_000_000 + NAMES.index(name))},
        "recipient": {"id": page_id},
        "timestamp": now_ms,
        "message": {"mid": f"m_{now_ms}{n}", "text": rng.choice(MESSAGES)},
    }


def demo_deliver(n: int = 1, seed: int | None = None) -> int:
    """Send `n` deliveries to the demo's Facebook channels; return the items stored."""
    rng = random.Random(seed)  # noqa: S311  (demo content, not security)
    connections = list(Connection.objects.filter(connector="facebook", polling_enabled=False))
    stored = 0
    for i in range(n):
        if not connections:
            break
        page_id = rng.choice(connections).webhook_key
        entry: dict = {"id": page_id, "time": int(time.time())}
        if rng.random() < 0.2:
            entry["messaging"] = [_message_event(page_id, i, rng)]
        else:
            entry["changes"] = [_comment_change(page_id, i, rng)]
        _tell_simulated_graph(entry)
        body = json.dumps({"object": "page", "entry": [entry]}, ensure_ascii=False).encode()
        outcome = webhook_receive(
            group="meta", headers={"X-Hub-Signature-256": demo_sign(body)}, body=body
        )
        stored += outcome.result.created
    return stored + _deliver_instagram(n, seed)


INSTAGRAM_COMMENTS = [
    "Så fint! När är nästa konsert?",
    "Min dotter älskar kulturskolan ❤️",
    "Ni är helt jävla inkompetenta allihop.",
    "Följ mig för gratis följare!!! https://gratis-foljare.example",
    "Vilken dag är öppet hus?",
]


def _deliver_instagram(n: int, seed: int | None) -> int:
    """About one in four deliveries also goes to the demo's Instagram account.

    Its own random sequence, so the Facebook deliveries for a seed stay what they were.
    """
    rng = random.Random(None if seed is None else seed + 1)  # noqa: S311  (demo content)
    connections = list(Connection.objects.filter(connector="instagram", polling_enabled=False))
    stored = 0
    for i in range(n):
        if not connections or rng.random() >= 0.25:
            continue
        account = rng.choice(connections).webhook_key
        name = rng.choice(NAMES)
        now = int(time.time())
        value = {
            "id": f"{17_900_000_000_000_000 + now * 100 + i}",
            "text": rng.choice(INSTAGRAM_COMMENTS),
            "from": {
                "id": str(6_000_000 + NAMES.index(name)),
                "username": name.split()[0].lower() + "_pitea",
            },
            "media": {"id": f"{17_950_000_000_000_000 + int(account) % 1000}"},
        }
        entry = {"id": account, "time": now, "changes": [{"field": "comments", "value": value}]}
        _tell_simulated_instagram(account, value)
        body = json.dumps({"object": "instagram", "entry": [entry]}, ensure_ascii=False).encode()
        outcome = webhook_receive(
            group="meta", headers={"X-Hub-Signature-256": demo_sign(body)}, body=body
        )
        stored += outcome.result.created
    return stored


def _tell_simulated_instagram(account: str, value: dict) -> None:
    from .simulated import current

    sims = current()
    if sims is not None:
        sims.graph.add_ig_comment(
            value["id"],
            ig_user_id=account,
            media_id=value["media"]["id"],
            text=value["text"],
            username=value["from"]["username"],
            author_id=value["from"]["id"],
        )


def _tell_simulated_graph(entry: dict) -> None:
    """The simulated Graph API learns each comment the stream announces, as Facebook would
    have it before its webhook goes out, so hiding or reading it back finds it there."""
    from .simulated import current

    sims = current()
    if sims is None:
        return
    for change in entry.get("changes", []):
        value = change["value"]
        sims.graph.add_comment(
            value["comment_id"],
            page_id=entry["id"],
            post_id=value["post_id"],
            message=value["message"],
            author_id=value["from"]["id"],
            author_name=value["from"]["name"],
            created=value["created_time"],
        )
