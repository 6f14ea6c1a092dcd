"""The demo's publishing: check rules, drafts, an approval waiting for the informatör,
scheduled posts in the calendar, one blocked by a personnummer, and posts that go all the
way to "published" on the simulated platforms once the demo's worker runs.

Everything goes through the publishing services, as a person's clicks would.
"""

import contextlib
import io
from datetime import datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tillit.access.actor import actor_for
from tillit.channels.choices import PostApproval
from tillit.channels.models import Channel
from tillit.channels.services import channel_update
from tillit.organisation.models import Person
from tillit.publishing.choices import RuleKind, Verdict
from tillit.publishing.services.posts import Draft, PublishingRefused, post_save, post_submit
from tillit.publishing.services.review import post_review
from tillit.publishing.services.rules import check_rule_add

RULES = [
    (RuleKind.OWN_DOMAIN, "pitea.se", "Kommunens e-postadresser"),
    (RuleKind.OWN_PHONE, "0911-69 60 00", "Kommunens växel"),
    (RuleKind.WORD, "sekretess", "Sekretessmarkering"),
    (RuleKind.WORD, "skyddad identitet", "Skyddade personuppgifter"),
    (RuleKind.PATTERN, r"\b(?:KS|KFN|SBN|SN)[ -]\d{4}[/-]\d{1,4}\b", "Diarienummer"),
    # A fictional person with protected identity: only the hash of the name is stored.
    (RuleKind.PROTECTED_NAME, "Lena Marklund", ""),
]


def _at(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _picture() -> SimpleUploadedFile:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 630), (18, 78, 120))
    draw = ImageDraw.Draw(image)
    for i in range(0, 1200, 60):
        draw.rectangle([i, 520, i + 40, 560], fill=(245, 245, 245))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return SimpleUploadedFile("julbord.jpg", out.getvalue(), content_type="image/jpeg")


def load_publishing_demo() -> None:
    """Rules, and posts in every state a newcomer should see."""
    admin = actor_for(Person.objects.get(user__username="admin"))
    for kind, value, note in RULES:
        check_rule_add(actor=admin, kind=kind, value=value, note=note)

    library = Channel.objects.get(name="Piteå bibliotek")
    mastodon = Channel.objects.get(name="Piteå bibliotek på Mastodon")
    traffic = Channel.objects.get(name="Piteå kommun Samhällsbyggnad")
    editor = Person.objects.get(user__username="info.kultur")
    channel_update(actor=editor, channel=library, post_approval=PostApproval.INFORMATOR)

    anna = actor_for(Person.objects.get(user__username="adm.kultur"))
    sara = actor_for(editor)
    henrik = actor_for(Person.objects.get(user__username="adm.samhall"))

    post_save(
        actor=anna,
        draft=Draft(
            text="Sagostund för de minsta på lördag kl. 11 i barnavdelningen. Ingen anmälan behövs!",
            channel_ids=[library.pk],
        ),
    )
    waiting = post_save(
        actor=anna,
        draft=Draft(
            text=(
                "Julens öppettider på Stadsbiblioteket: julafton och juldagen stängt, "
                "annandag jul 11–15. Frågor? Ring 0911-69 60 00 eller skriv till "
                "biblioteket@pitea.se."
            ),
            link="https://www.pitea.se/bibliotek",
            channel_ids=[library.pk],
            scheduled_at=_at(2, 10),
        ),
    )
    post_submit(actor=anna, post=waiting)  # waits for Sara Holm, the department's informatör

    blocked = post_save(
        actor=anna,
        draft=Draft(
            text=(
                "Grattis till vinnaren av höstens läsutmaning, Elsa Berg (20150612-2389)! "
                "Priset hämtas i informationsdisken."
            ),
            channel_ids=[library.pk],
        ),
    )
    # Stopped by the check, as it should be: the draft shows why.
    with contextlib.suppress(PublishingRefused):
        post_submit(actor=anna, post=blocked)

    scheduled = post_save(
        actor=anna,
        draft=Draft(
            text="Välkommen på julbord för seniorer i Stadshusets matsal. Anmälan senast fredag.",
            channel_ids=[library.pk],
            scheduled_at=_at(4, 9),
            new_images=[(_picture(), "Ett långbord med vita dukar i Stadshusets matsal.")],
        ),
    )
    scheduled = post_submit(actor=anna, post=scheduled)
    post_review(
        actor=sara, post=scheduled, verdict=Verdict.APPROVED, expected_version=scheduled.version
    )

    # No approval on these channels: they go out as soon as the demo's worker runs.
    now = post_save(
        actor=anna,
        draft=Draft(
            text="Nu kan du låna e-böcker dygnet runt med ditt bibliotekskort.",
            link="https://www.pitea.se/bibliotek/e-bocker",
            channel_ids=[mastodon.pk],
        ),
    )
    post_submit(actor=anna, post=now)
    roadworks = post_save(
        actor=henrik,
        draft=Draft(
            text="Storgatan stängs för vattenledningsarbete 7–11 december. Omledning via Sundsgatan.",
            channel_ids=[traffic.pk],
        ),
    )
    post_submit(actor=henrik, post=roadworks)
