"""The demo's reply tools: a signature rule (R12) and saved replies on the running pages."""

from tillit.channels.models import Channel
from tillit.channels.services import channel_update
from tillit.channels.services.saved_replies import saved_reply_create
from tillit.organisation.models import Person

SIGNATURE = "/{förnamn}, {funktion}"
SAVED = [
    (
        "Öppettider",
        "Hej! Aktuella öppettider finns på pitea.se/oppettider. Välkommen!",
    ),
    (
        "Tack för synpunkten",
        "Tack för att du hör av dig. Vi har tagit emot synpunkten och lämnar den vidare till "
        "dem som ansvarar för frågan.",
    ),
    (
        "Ärenden i direktmeddelande",
        "Hej! Personliga ärenden tar vi inte i kommentarerna. Skicka ett direktmeddelande "
        "eller mejla kommunen@pitea.se så hjälper vi dig.",
    ),
]


def load_reply_demo(channel: Channel, *, editor: Person, administrator: Person) -> None:
    """Sign the channel's replies with name and function, and give it a few saved replies."""
    channel_update(actor=editor, channel=channel, signature_template=SIGNATURE)
    for title, text in SAVED:
        saved_reply_create(actor=administrator, channel=channel, title=title, text=text)
