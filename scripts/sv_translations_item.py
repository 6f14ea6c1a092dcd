"""Swedish for the inbox item page: thread, sender history, replies, signature rule, saved replies.

Merged by fill_translations.py (helper `item`).
"""

SV_ITEM = {
    # Channels: signature rule and saved replies.
    "Title": "Rubrik",
    "Without the signature: the channel's signature rule is added when sending.": (
        "Utan signatur: kanalens signaturregel läggs till när svaret skickas."
    ),
    "signature rule": "signaturregel",
    "How replies and posts are signed, e.g. /{förnamn}, {funktion} or Hälsningar {namn}, "
    "{funktion}. Leave empty when the channel speaks with the organisation's voice.": (
        "Hur svar och inlägg signeras, till exempel /{förnamn}, {funktion} eller "
        "Hälsningar {namn}, {funktion}. Lämna tomt när kanalen talar med organisationens röst."
    ),
    "saved reply": "sparat svar",
    "saved replies": "sparade svar",
    "Give the saved reply a short title.": "Ge det sparade svaret en kort rubrik.",
    "The title may be at most %(max)d characters.": "Rubriken får vara högst %(max)d tecken.",
    "Write the reply's text.": "Skriv svarets text.",
    "The text may be at most %(max)d characters; it has %(count)d.": (
        "Texten får vara högst %(max)d tecken; den har %(count)d."
    ),
    "The signature rule may be at most %(max)d characters.": (
        "Signaturregeln får vara högst %(max)d tecken."
    ),
    "The signature rule must be one line without control characters.": (
        "Signaturregeln ska vara en rad utan styrtecken."
    ),
    "Every { in the signature rule needs its }, around a placeholder.": (
        "Varje { i signaturregeln behöver sin }, runt en platshållare."
    ),
    "Unknown placeholders: %(unknown)s. Use %(known)s.": (
        "Okända platshållare: %(unknown)s. Använd %(known)s."
    ),
    "The signature must name who speaks: use {förnamn}, {efternamn} or {namn}.": (
        "Signaturen ska säga vem som talar: använd {förnamn}, {efternamn} eller {namn}."
    ),
    "first name": "förnamn",
    "last name": "efternamn",
    "The channel's signature rule (%(rule)s) needs your %(missing)s, which your person "
    "record lacks. Ask the organisation's administrator to add it.": (
        "Kanalens signaturregel (%(rule)s) behöver ditt %(missing)s, som saknas i dina "
        "personuppgifter i Tillit. Be organisationens administratör att lägga till det."
    ),
    "The channel asks every reply to be signed %(signature)s; this text is not.": (
        "Kanalen kräver att varje svar signeras %(signature)s; den här texten är inte det."
    ),
    "Saved replies": "Sparade svar",
    "Signature rule": "Signaturregel",
    "None: the channel speaks with the organisation's voice": (
        "Ingen: kanalen talar med organisationens röst"
    ),
    "Short answers the channel gives often. Moderators choose one in the reply form of the "
    "inbox and may change it before sending; the channel's signature rule is added when the "
    "reply is sent.": (
        "Korta svar som kanalen ofta ger. Moderatorerna väljer ett i svarsformuläret i "
        "inkorgen och kan ändra det innan det skickas; kanalens signaturregel läggs till när "
        "svaret skickas."
    ),
    "Edit": "Ändra",
    "No saved replies yet.": "Inga sparade svar ännu.",
    "New saved reply": "Nytt sparat svar",
    "Edit saved reply": "Ändra sparat svar",
    "The saved reply was added.": "Det sparade svaret lades till.",
    "The saved reply was saved.": "Det sparade svaret sparades.",
    "The saved reply was deleted.": "Det sparade svaret togs bort.",
    # Replies.
    "The reply is empty. Write the reply first.": "Svaret är tomt. Skriv svaret först.",
    "The reply is far longer than any platform allows (%(limit_value)d characters here).": (
        "Svaret är mycket längre än någon plattform tillåter (%(limit_value)d tecken här)."
    ),
    "graphemes": "tecken (grafem)",
    "characters": "tecken",
    "The reply is %(count)d %(unit)s with the signature; %(platform)s allows %(limit)d. "
    "Shorten it by %(over)d.": (
        "Svaret är %(count)d %(unit)s med signaturen; %(platform)s tillåter %(limit)d. "
        "Korta det med %(over)d."
    ),
    "The reply is %(count)d %(unit)s; %(platform)s allows %(limit)d. Shorten it by %(over)d.": (
        "Svaret är %(count)d %(unit)s; %(platform)s tillåter %(limit)d. Korta det med %(over)d."
    ),
    "Saved reply": "Sparat svar",
    "Replace the text you have written with the saved reply?": (
        "Ersätta texten du har skrivit med det sparade svaret?"
    ),
    "Choose a saved reply": "Välj ett sparat svar",
    "Use in the reply": "Använd i svaret",
    "%(platform)s allows %(limit)s graphemes (an emoji counts as one), the signature included.": (
        "%(platform)s tillåter %(limit)s tecken (en emoji räknas som ett), signaturen inräknad."
    ),
    "%(platform)s allows %(limit)s characters, the signature included.": (
        "%(platform)s tillåter %(limit)s tecken, signaturen inräknad."
    ),
    "Tillit knows no length limit for this platform.": (
        "Tillit känner inte till någon längdgräns för den här plattformen."
    ),
    "The channel's signature is added on its own last line:": (
        "Kanalens signatur läggs till på en egen sista rad:"
    ),
    "%%(count)s of %%(limit)s used, %%(left)s left.": (
        "%%(count)s av %%(limit)s använda, %%(left)s kvar."
    ),
    "%%(count)s of %%(limit)s used, %%(over)s too many.": (
        "%%(count)s av %%(limit)s använda, %%(over)s för många."
    ),
    "At most %(limit)s, checked when you send.": "Högst %(limit)s, kontrolleras när du skickar.",
    # Sender, thread and states.
    "Sender": "Avsändare",
    "The platform gave no name": "Plattformen angav inget namn",
    "platform id": "id på plattformen",
    "Conversation": "Konversation",
    "The post": "Inlägget",
    "the post": "inlägget",
    "Show earlier": "Visa tidigare",
    "This item": "Det här",
    "from": "från",
    "Show more": "Visa fler",
    "Deleted": "Raderad",
    "Hidden": "Dold",
    "through the decision form on this page": "genom beslutsformuläret på den här sidan",
    # Sender history (R16).
    "The sender's history on this channel": "Avsändarens historik i den här kanalen",
    "Blocked on this channel since %(since)s; to be reviewed on %(review)s.": (
        "Blockerad i den här kanalen sedan %(since)s; ska omprövas %(review)s."
    ),
    "The latest %(shown)s are shown.": "De senaste %(shown)s visas.",
    "No decision recorded.": "Inget beslut registrerat.",
    "Nothing earlier from this sender on this channel.": (
        "Inget tidigare från den här avsändaren i den här kanalen."
    ),
    # A direct message's registration (records).
    "Registration number not yet received": "Diarienummer ännu inte mottaget",
    "Records system": "Ärendehanteringssystemet",
    "Secrecy": "Sekretess",
    "Marked secret by the registrar": "Markerad som sekretess av registratorn",
    "Waiting for the registrar: a direct message is a received public document, and the "
    "registrar decides whether it is registered or of obviously little importance. There is "
    "no moderation decision for direct messages.": (
        "Väntar på registratorn: ett direktmeddelande är en inkommen allmän handling, och "
        "registratorn avgör om det ska diarieföras eller är av uppenbart ringa betydelse. "
        "Direktmeddelanden modereras inte med beslut."
    ),
}

SV_ITEM_PLURAL = {
    "Item %(first)s–%(last)s of %(total)s in the thread.": (
        "%(first)s–%(last)s av %(total)s i tråden.",
        "%(first)s–%(last)s av %(total)s i tråden.",
    ),
    "%(total)s earlier item from this sender.": (
        "%(total)s tidigare inlägg från den här avsändaren.",
        "%(total)s tidigare inlägg från den här avsändaren.",
    ),
    "%(n)s of those shown was removed or led to a block under a rule.": (
        "%(n)s av de visade togs bort eller ledde till blockering enligt en regel.",
        "%(n)s av de visade togs bort eller ledde till blockering enligt en regel.",
    ),
}
