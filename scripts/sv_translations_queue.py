"""Swedish for the inbox as a workbench: queue rows, search, filters, assignment, bulk, shortcuts."""

SV_QUEUE = {
    "Words in the text or the sender's name; inflected forms are found too.": (
        "Ord i texten eller avsändarens namn; böjda former hittas också."
    ),
    "Flagged by deadline, then newest": "Flaggade efter tidsfrist, sedan nyaste",
    "Only flagged, nearest deadline first": "Bara flaggade, närmaste tidsfrist först",
    "Only flagged": "Bara flaggade",
    "Assigned to me": "Tilldelade mig",
    "Name of the filter": "Filtrets namn",
    "Assign to": "Tilldela",
    "The whole thread": "Hela tråden",
    "Nobody": "Ingen",
    "assigned to": "tilldelad",
    "filter": "filter",
    "%(name)s holds no mandate on this channel.": "%(name)s har inget mandat för den här kanalen.",
    "Open the item in the inbox to handle it.": "Öppna objektet i inkorgen för att hantera det.",
    "Give the filter a name.": "Ge filtret ett namn.",
    "You have %(n)s saved filters; delete one first.": (
        "Du har %(n)s sparade filter; ta bort något först."
    ),
    "In the inbox": "I inkorgen",
    "Previous item": "Föregående objekt",
    "Next item": "Nästa objekt",
    "Keyboard shortcuts": "Kortkommandon",
    "Assignment": "Tilldelning",
    "Assigned to": "Tilldelad",
    "Not assigned to anyone.": "Inte tilldelad någon.",
    "Assign": "Tilldela",
    "(no text)": "(ingen text)",
    "Flagged": "Flaggad",
    "Saved filters": "Sparade filter",
    "None yet. Filter the inbox, then save the filter under a name.": (
        "Inga ännu. Filtrera inkorgen och spara sedan filtret med ett namn."
    ),
    "Save these filters as": "Spara filtren som",
    "Save filter": "Spara filter",
    "Single keys act only when you are not typing in a field.": (
        "Enskilda tangenter fungerar bara när du inte skriver i ett fält."
    ),
    "Choose the decision to hide (on an item)": "Välj beslutet dölj (på ett objekt)",
    "Choose the decision to keep (on an item)": "Välj beslutet behåll (på ett objekt)",
    "Write a reply (on an item)": "Skriv ett svar (på ett objekt)",
    "Assign (on an item)": "Tilldela (på ett objekt)",
    "Select or unselect the item (in the list)": "Markera eller avmarkera objektet (i listan)",
    "Show this help": "Visa den här hjälpen",
    "Close this help": "Stäng den här hjälpen",
    "Single-key shortcuts on": "Kortkommandon med en tangent på",
    "Turn them off if they get in the way of your screen reader or speech input. "
    "The choice is kept in this browser.": (
        "Stäng av dem om de stör din skärmläsare eller röststyrning. "
        "Valet sparas i den här webbläsaren."
    ),
    "Search and filter the inbox": "Sök och filtrera inkorgen",
    "Filters and order": "Filter och ordning",
    "later page": "senare sida",
    "Back to the first page": "Tillbaka till första sidan",
    "Give the filter a name of at most 80 characters.": ("Ge filtret ett namn på högst 80 tecken."),
    "The filter was saved.": "Filtret har sparats.",
    "The filter was deleted.": "Filtret har tagits bort.",
    "Choose a person who holds a mandate on this channel.": (
        "Välj en person som har mandat för den här kanalen."
    ),
    "The assignment was removed.": "Tilldelningen har tagits bort.",
    "Decide on the selected items": "Besluta om de markerade objekten",
    "Proposed: hide under %(rules)s": "Förslag: dölj enligt %(rules)s",
    "Flagged for a look": "Flaggad för granskning",
    "Select at least one item.": "Markera minst ett objekt.",
    "Choose keep, hide or delete; replies and blocks are decided one by one.": (
        "Välj behåll, dölj eller radera; svar och blockeringar beslutas ett i taget."
    ),
    "Hiding and deleting must cite a rule.": "Att dölja och radera kräver en regel.",
    "The rule %(rule)s is not in the policy of %(channels)s. Decide on those items separately.": (
        "Regeln %(rule)s finns inte i policyn för %(channels)s. Besluta om de objekten var för sig."
    ),
    "Nothing was decided": "Inget beslutades",
    "Each item gets its own decision, recorded with the rule you choose, exactly as if "
    "decided one by one. If any item cannot take the decision, none is decided.": (
        "Varje objekt får ett eget beslut, registrerat med den regel du väljer, precis som om "
        "de beslutats ett i taget. Om något objekt inte kan få beslutet beslutas inget."
    ),
    "Hiding and deleting must cite a rule that every selected channel's policy has.": (
        "Att dölja och radera kräver en regel som finns i policyn för alla markerade kanaler."
    ),
    "Record the decisions": "Registrera besluten",
    "Choose a decision, and a rule where it needs one.": (
        "Välj ett beslut, och en regel där beslutet kräver det."
    ),
}

SV_QUEUE_PLURAL = {
    "%(who)s assigned you an item in %(channel)s": (
        "%(who)s har tilldelat dig ett objekt i %(channel)s",
        "%(who)s har tilldelat dig %(count)s objekt i %(channel)s",
    ),
    "Assigned to %(name)s (%(count)s item).": (
        "Tilldelad %(name)s (%(count)s objekt).",
        "Tilldelad %(name)s (%(count)s objekt).",
    ),
    "%(counter)s new item since the page was loaded – show": (
        "%(counter)s nytt objekt sedan sidan laddades – visa",
        "%(counter)s nya objekt sedan sidan laddades – visa",
    ),
    "Go to the list (%(counter)s item)": (
        "Till listan (%(counter)s objekt)",
        "Till listan (%(counter)s objekt)",
    ),
    "%(n)s of the selected items is not one you may decide on (the mandate may have ended, "
    "or it is gone).": (
        "%(n)s av de markerade objekten får du inte besluta om (mandatet kan ha upphört, "
        "eller så finns det inte längre).",
        "%(n)s av de markerade objekten får du inte besluta om (mandatet kan ha upphört, "
        "eller så finns de inte längre).",
    ),
    "%(n)s selected item is a direct message or the organisation's own post; those are not "
    "moderated.": (
        "%(n)s markerat objekt är ett direktmeddelande eller organisationens eget inlägg; "
        "sådana modereras inte.",
        "%(n)s markerade objekt är direktmeddelanden eller organisationens egna inlägg; "
        "sådana modereras inte.",
    ),
    "%(n)s selected item is not yet completely stored, so it cannot be removed yet.": (
        "%(n)s markerat objekt är inte helt lagrat ännu och kan därför inte tas bort än.",
        "%(n)s markerade objekt är inte helt lagrade ännu och kan därför inte tas bort än.",
    ),
    "%(counter)s selected item": ("%(counter)s markerat objekt", "%(counter)s markerade objekt"),
    "%(n)s decision was recorded.": (
        "%(n)s beslut har registrerats.",
        "%(n)s beslut har registrerats.",
    ),
}
