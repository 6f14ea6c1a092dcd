"""Records' section of the inbox item page: where a direct message stands with the registrar.

A direct message is a public document once received (OSL/TF); the moderator answering it
sees whether it is registered, judged of little importance or still waiting, exactly as
the records app holds it, instead of guessing from the inbox's own status.
"""

from tillit.inbox.choices import ItemKind
from tillit.inbox.panels import ItemPanel

from .models import Registration


def _context(item) -> dict:
    registration = (
        Registration.objects.filter(item_id=item.pk).select_related("case", "decided_by").first()
    )
    return {"dm_registration": registration}


PANEL = ItemPanel(
    template="records/item_panel.html",
    context=_context,
    shows=lambda item: item.kind == ItemKind.DIRECT_MESSAGE and not item.is_own,
)
