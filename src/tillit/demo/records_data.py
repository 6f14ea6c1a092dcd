"""The demo's records: messages registered into cases, one of little importance, disposal decisions.

Idempotent: each part is made only if missing. Messages arrive the way the demo's other
content does, as signed Meta webhooks through `webhook_receive`.
"""

import json
import time
from datetime import date
from typing import cast

from django.db import transaction

from tillit.inbox.choices import ItemKind
from tillit.inbox.models import Connection, Item
from tillit.inbox.services.webhooks import webhook_receive
from tillit.organisation.models import Committee, Person

SENDERS = [("7100001", "Karin Granström"), ("7100002", "Ahmed Yusuf"), ("7100003", "Nils Boström")]
MESSAGES = [
    "Hej! Jag vill överklaga beslutet om bygglov på min fastighet på Norrstrand. Hur gör jag?",
    "Hej, jag skickar med ritningen till bygglovsärendet som vi pratade om.",
    "Tack för snabbt svar!",
]


def _person(username: str) -> Person | None:
    return Person.objects.filter(user__username=username).first()


def _deliver_messages() -> None:
    """Send three direct messages to the first simulated Facebook page, through the webhook."""
    connection = Connection.objects.filter(connector="facebook", polling_enabled=False).first()
    if connection is None:
        return
    now_ms = int(time.time() * 1000)
    events = [
        {
            "sender": {"id": sender},
            "recipient": {"id": connection.webhook_key},
            "timestamp": now_ms - (3 - i) * 3_600_000,
            "message": {"mid": f"m_records_demo_{i}", "text": text},
        }
        # The first two come from the same sender: one thread in the registration view.
        for i, (text, sender) in enumerate(
            zip(MESSAGES, [SENDERS[0][0], SENDERS[0][0], SENDERS[2][0]], strict=True)
        )
    ]
    body = json.dumps(
        {
            "object": "page",
            "entry": [{"id": connection.webhook_key, "time": now_ms // 1000, "messaging": events}],
        },
        ensure_ascii=False,
    ).encode()
    from .stream import demo_sign

    webhook_receive(group="meta", headers={"X-Hub-Signature-256": demo_sign(body)}, body=body)


def load_records_demo() -> None:
    """Register demo messages into cases and record disposal decisions, if not done already."""
    from tillit.records.models import Case
    from tillit.records.search import search_reindex
    from tillit.records.services.registration import (
        case_set_reference,
        dm_mark_little_importance,
        dm_register,
    )
    from tillit.retention.models import DisposalRule
    from tillit.retention.services.disposal import rule_create

    registrar, archivist = _person("registrator"), _person("arkivarie")
    if registrar is None or archivist is None:
        return
    if not Item.objects.filter(platform_id__startswith="m_records_demo_").exists():
        _deliver_messages()
    with transaction.atomic():
        search_reindex()
        demo = list(
            Item.objects.filter(
                platform_id__startswith="m_records_demo_", kind=ItemKind.DIRECT_MESSAGE
            )
            .filter(registration__isnull=True)
            .order_by("platform_id")
        )
        if demo and not Case.objects.exists():
            first = next((i for i in demo if i.platform_id.endswith("_0")), None)
            second = next((i for i in demo if i.platform_id.endswith("_1")), None)
            thanks = next((i for i in demo if i.platform_id.endswith("_2")), None)
            if first is not None:
                reg = dm_register(
                    actor=registrar, item=first, subject="Överklagande av bygglov, Norrstrand"
                )
                case = cast(Case, reg.case)  # dm_register always files into a case
                case_set_reference(actor=registrar, case=case, reference="SBN 2026/118")
                if second is not None:
                    # Into the existing case, not yet handed over: `tillit records export` has work.
                    dm_register(
                        actor=registrar,
                        item=second,
                        subject="Ritning till bygglovsärende",
                        case=case,
                    )
            if thanks is not None:
                dm_mark_little_importance(
                    actor=registrar, item=thanks, reason="Ett tack utan ärende."
                )
        if not DisposalRule.objects.exists():
            for committee in Committee.objects.all():
                rule_create(
                    actor=archivist,
                    reference=f"{committee.name[:3].upper()} 2025/12",
                    decided_on=date(2025, 3, 1),
                    committee=committee,
                    content_class="comments",
                    period_days=None,
                    note="Kommentarer av tillfällig betydelse gallras vid inaktualitet.",
                )
                rule_create(
                    actor=archivist,
                    reference=f"{committee.name[:3].upper()} 2025/13",
                    decided_on=date(2025, 3, 1),
                    committee=committee,
                    content_class="direct_messages",
                    period_days=90,
                    note="Direktmeddelanden gallras 90 dagar efter överlämning till diariet.",
                )
