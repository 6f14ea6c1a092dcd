"""Swedish for the audit trail's pages (issue 14, part 4): the codes' labels, the filters, the
chain's status and the export (merged by fill_translations.py)."""

SV_AUDIT = {
    "Follow-up": "Uppföljning",
    # Areas of action codes.
    "Accessibility": "Tillgänglighet",
    "Archive captures and packages": "Arkivkopior och arkivpaket",
    "Platform connections": "Plattformskopplingar",
    "Actions on platforms": "Åtgärder på plattformar",
    "Comment policy": "Kommentarspolicy",
    # What happened.
    "Decision made through the API": "Beslut fattat via API:t",
    "Registration number set through the API": "Diarienummer satt via API:t",
    "API key issued": "API-nyckel utfärdad",
    "API key revoked": "API-nyckel återkallad",
    "Capture finished": "Arkivkopia klar",
    "Capture failed": "Arkivkopia misslyckades",
    "Capture overdue": "Arkivkopia försenad",
    "Capture requested": "Arkivkopia begärd",
    "Capture checked": "Arkivkopia kontrollerad",
    "Archival package failed": "Arkivpaket misslyckades",
    "Archival package requested": "Arkivpaket begärt",
    "Archival package made": "Arkivpaket skapat",
    "Capture schedule set": "Schema för arkivkopior ändrat",
    "Audit trail exported": "Granskningsloggen exporterad",
    "Audit trail key replaced": "Granskningsloggens nyckel bytt",
    "Audit trail verified": "Granskningsloggen kontrollerad",
    "Channel created": "Kanal skapad",
    "Channel changed": "Kanal ändrad",
    "Channel flagged as dormant": "Kanal flaggad som vilande",
    "Channel in use again": "Kanal används igen",
    "Channel's staffing flagged": "Kanalens bemanning flaggad",
    "Channel's staffing restored": "Kanalens bemanning återställd",
    "Channel proposed": "Kanal föreslagen",
    "Channel returned to the proposer": "Kanal skickad tillbaka till förslagsställaren",
    "Channel approved": "Kanal godkänd",
    "Channel acknowledged by the communications officer": "Kanal bekräftad av informatören",
    "Link sent to the webmaster": "Länk skickad till webbredaktören",
    "Channel published and activated": "Kanal publicerad och aktiverad",
    "Channel paused": "Kanal pausad",
    "Channel resumed": "Kanal återupptagen",
    "Channel closed": "Kanal stängd",
    "Channel archived": "Kanal arkiverad",
    "Platform connection set": "Plattformskoppling sparad",
    "Platform connection no longer valid": "Plattformskopplingen gäller inte längre",
    "Assigned to someone": "Tilldelad någon",
    "Queue filter saved": "Filter för inkorgen sparat",
    "Queue filter removed": "Filter för inkorgen borttaget",
    "Mandate granted": "Uppdrag givet",
    "Mandate revoked": "Uppdrag återkallat",
    "Decision on several items": "Beslut om flera poster",
    "Escalated": "Eskalerad",
    "Automatic decision confirmed": "Automatiskt beslut bekräftat",
    "Decided: keep": "Beslut: behåll",
    "Decided: hide": "Beslut: dölj",
    "Decided: show again": "Beslut: visa igen",
    "Decided: delete": "Beslut: radera",
    "Decided: restore": "Beslut: återställ",
    "Decided: reply": "Beslut: svara",
    "Decided: block the author": "Beslut: blockera avsändaren",
    "Organisation's settings changed": "Organisationens inställningar ändrade",
    "Hiding queued for the platform": "Döljning köad till plattformen",
    "Showing again queued for the platform": "Visa igen köad till plattformen",
    "Deletion queued for the platform": "Radering köad till plattformen",
    "Reply queued for the platform": "Svar köat till plattformen",
    "Block queued for the platform": "Blockering köad till plattformen",
    "Report queued for the platform": "Anmälan köad till plattformen",
    "Publication queued for the platform": "Publicering köad till plattformen",
    "Action queued": "Åtgärd köad",
    "Action being sent": "Åtgärd skickas",
    "Action to be tried again": "Åtgärd ska försökas igen",
    "Action done on the platform": "Åtgärd utförd på plattformen",
    "Action refused by the platform": "Åtgärd nekad av plattformen",
    "Action not supported by the platform": "Åtgärden stöds inte av plattformen",
    "Action failed": "Åtgärd misslyckades",
    "Action's outcome unknown": "Åtgärdens utfall okänt",
    "Action cancelled": "Åtgärd avbruten",
    "Action done by hand": "Åtgärd utförd för hand",
    "Action confirmed on the platform": "Åtgärd bekräftad på plattformen",
    "Action reopened": "Åtgärd öppnad igen",
    "Person added": "Person tillagd",
    "Person has left": "Person har slutat",
    "Person invited": "Person inbjuden",
    "Person back again": "Person tillbaka igen",
    "Decision on a platform": "Beslut om en plattform",
    "Comment policy published": "Kommentarspolicy publicerad",
    "Comment policy applied to a channel": "Kommentarspolicy tillämpad på en kanal",
    "Exception asked for": "Undantag begärt",
    "Post approved": "Inlägg godkänt",
    "Post sent back to the author": "Inlägg skickat tillbaka till skribenten",
    "Post rejected": "Inlägg avslaget",
    "Post cancelled": "Inlägg avbrutet",
    "Post checked": "Inlägg kontrollerat",
    "Post written": "Inlägg skrivet",
    "Post held back": "Inlägg hållet tillbaka",
    "Check overridden": "Kontroll åsidosatt",
    "Post released for publishing": "Inlägg släppt för publicering",
    "Post rescheduled": "Inlägg flyttat till en ny tid",
    "Post saved": "Inlägg sparat",
    "Post scheduled": "Inlägg schemalagt",
    "Post sent for approval": "Inlägg skickat för godkännande",
    "Check rule added": "Kontrollregel tillagd",
    "Check rule removed": "Kontrollregel borttagen",
    "Published post to be deleted": "Publicerat inlägg ska raderas",
    "Post published on a channel": "Inlägg publicerat i en kanal",
    "Documents added to an access request": "Handlingar tillagda i en begäran om handlingar",
    "Access request closed": "Begäran om handlingar avslutad",
    "Documents released": "Handlingar utlämnade",
    "Passage masked": "Avsnitt maskerat",
    "Access request opened": "Begäran om handlingar registrerad",
    "Document removed from an access request": "Handling borttagen ur en begäran om handlingar",
    "Document withheld": "Handling undantagen från utlämnande",
    "Attachment withheld": "Bilaga undantagen från utlämnande",
    "Case opened": "Ärende skapat",
    "Case number set": "Diarienummer satt",
    "Erasure request decided": "Begäran om radering avgjord",
    "Case exported for the records system": "Ärende exporterat till ärendehanteringssystemet",
    "Handed over to the records system": "Överlämnat till ärendehanteringssystemet",
    "Handover to the records system failed": (
        "Överlämning till ärendehanteringssystemet misslyckades"
    ),
    "Marked as of little importance": "Markerat som av ringa betydelse",
    "Marked as confidential": "Markerat som sekretess",
    "Request for one's personal data recorded": "Begäran om registerutdrag registrerad",
    "Request for erasure recorded": "Begäran om radering registrerad",
    "Personal data extract made": "Registerutdrag skapat",
    "Message registered": "Meddelande registrerat",
    "Replies joined to the case": "Svar tillförda ärendet",
    "Disposal batch cancelled": "Gallringsomgång avbruten",
    "Disposal batch confirmed": "Gallringsomgång bekräftad",
    "Disposal batch carried out": "Gallringsomgång genomförd",
    "Disposal batch proposed": "Gallringsomgång föreslagen",
    "Hold placed": "Gallringsstopp infört",
    "Hold released": "Gallringsstopp hävt",
    "Disposal decision recorded": "Gallringsbeslut registrerat",
    "Disposal decision withdrawn": "Gallringsbeslut återkallat",
    "Disposal run failed": "Gallringskörning misslyckades",
    "Disposal run finished": "Gallringskörning klar",
    "Disposal run started": "Gallringskörning startad",
    "Role given": "Roll tilldelad",
    "Role removed": "Roll borttagen",
    "Saved reply added": "Sparat svar tillagt",
    "Saved reply removed": "Sparat svar borttaget",
    "Saved reply changed": "Sparat svar ändrat",
    "Signed in with the organisation's account": "Inloggad med organisationens konto",
    "Sign-in with the organisation's account refused": (
        "Inloggning med organisationens konto nekad"
    ),
    "Password reset": "Lösenord återställt",
    "Password chosen from an invitation": "Lösenord valt från en inbjudan",
    "Two-step verification turned on": "Tvåstegsverifiering påslagen",
    "Two-step verification failed": "Tvåstegsverifiering misslyckades",
    "Two-step verification passed": "Tvåstegsverifiering godkänd",
    "Two-step verification reset": "Tvåstegsverifiering återställd",
    # Kinds of object.
    "Accessibility report": "Anmälan om tillgänglighet",
    "Archive capture": "Arkivkopia",
    "Capture schedule": "Schema för arkivkopior",
    "Audit entry": "Loggpost",
    "Audit trail head": "Granskningsloggens huvud",
    "Audit trail key": "Granskningsloggens nyckel",
    "Channel event": "Kanalhändelse",
    "Mandate": "Uppdrag",
    "Periodic job": "Schemalagt jobb",
    "Run of a periodic job": "Körning av ett schemalagt jobb",
    "Background process": "Bakgrundsprocess",
    "Action on a platform": "Åtgärd på en plattform",
    "Sender on a platform": "Avsändare på en plattform",
    "Problem fetching from a platform": "Problem vid hämtning från en plattform",
    "Inbox item": "Post i inkorgen",
    "Someone on an item's page": "Någon på en posts sida",
    "Version of an inbox item": "Version av en post i inkorgen",
    "Saved queue filter": "Sparat filter för inkorgen",
    "Assessment": "Bedömning",
    "Channel's comment policy": "Kanalens kommentarspolicy",
    "Moderation decision": "Modereringsbeslut",
    "Rule of the comment policy": "Regel i kommentarspolicyn",
    "Version of the comment policy": "Version av kommentarspolicyn",
    "Notice": "Notis",
    "Role assignment": "Rolltilldelning",
    "Check rule": "Kontrollregel",
    "Check of a post": "Kontroll av ett inlägg",
    "Image in a post": "Bild i ett inlägg",
    "Overridden check of a post": "Åsidosatt kontroll av ett inlägg",
    "Approval of a post": "Godkännande av ett inlägg",
    "Post on a channel": "Inlägg i en kanal",
    "Document in an access request": "Handling i en begäran om handlingar",
    "Masking of an attachment": "Maskering av en bilaga",
    "Handover to the records system": "Överlämning till ärendehanteringssystemet",
    "Personal data request": "Begäran om personuppgifter",
    "Search text": "Söktext",
    "Disposal batch": "Gallringsomgång",
    "Entry in the disposal log": "Post i gallringsloggen",
    "Disposal decision": "Gallringsbeslut",
    "Disposal run": "Gallringskörning",
    "Hold": "Gallringsstopp",
    "Sign-in identity": "Inloggningsidentitet",
    "Session": "Session",
    # Automatic actors.
    "The comment policy (automatic)": "Kommentarspolicyn (automatiskt)",
    "Tillit's scheduler (automatic)": "Tillits schemaläggare (automatiskt)",
    "The platform": "Plattformen",
    "A member of the public": "En medborgare",
    "The operator (command line)": "Driftansvarig (kommandorad)",
    "Not signed in": "Ej inloggad",
    # What a failed verification found.
    "An entry is missing: it was deleted.": "En post saknas: den har raderats.",
    "The link to the entry before it is broken.": "Länken till posten före är bruten.",
    "It is sealed with a key Tillit does not know.": (
        "Den är förseglad med en nyckel som Tillit inte känner till."
    ),
    "It has no key although entries before it have one: it was forged.": (
        "Den saknar nyckel fast poster före den har en: den är förfalskad."
    ),
    "It has no key although it came after keys were taken into use: it was forged.": (
        "Den saknar nyckel fast den kom efter att nycklar togs i bruk: den är förfalskad."
    ),
    "Its content does not match its seal: it was changed afterwards.": (
        "Innehållet stämmer inte med förseglingen: posten har ändrats i efterhand."
    ),
    "It differs from a signed checkpoint kept outside the database: the chain was rewritten.": (
        "Den skiljer sig från en signerad kontrollpunkt som sparas utanför databasen: "
        "kedjan har skrivits om."
    ),
    "The newest entries are missing: they were deleted.": (
        "De senaste posterna saknas: de har raderats."
    ),
    "A signed checkpoint does not hold: it was altered.": (
        "En signerad kontrollpunkt håller inte: den har ändrats."
    ),
    "The chain does not hold there.": "Kedjan håller inte där.",
    # Words for codes without a label.
    "(no action)": "(ingen händelse)",
    "%(area)s: %(action)s": "%(area)s: %(action)s",
    "(no object)": "(inget objekt)",
    "%(kind)s %(id)s": "%(kind)s %(id)s",
    # Durations.
    "less than a second": "mindre än en sekund",
    "%(seconds)s s": "%(seconds)s s",
    "%(minutes)s min %(seconds)s s": "%(minutes)s min %(seconds)s s",
    # The filters.
    "Write the date as year-month-day, for example 2026-03-31.": (
        "Skriv datumet som år-månad-dag, till exempel 2026-03-31."
    ),
    "Who": "Vem",
    "Or a name containing": "Eller ett namn som innehåller",
    "As the name was recorded, also for someone no longer in the list.": (
        "Som namnet registrerades, även för någon som inte längre finns i listan."
    ),
    "Kind of object": "Typ av objekt",
    "Object id": "Objekt-id",
    "The number in the object column; choose the kind of object too.": (
        "Numret i kolumnen Objekt; välj typ av objekt också."
    ),
    "To date (inclusive)": "Till och med datum",
    "Anyone": "Vem som helst",
    "Everything": "Allt",
    "Any kind": "Alla typer",
    "Automatic": "Automatiskt",
    "Give a date between %(first)s and %(last)s.": "Ange ett datum mellan %(first)s och %(last)s.",
    "The period ends before it starts: choose a to date on or after the from date.": (
        "Perioden slutar innan den börjar: välj ett till-datum som är samma som eller "
        "efter från-datumet."
    ),
    "Choose the kind of object the id belongs to.": "Välj vilken typ av objekt id:t hör till.",
    # The chain's status.
    "Chain status": "Kedjans status",
    "The recorded result of the last verification (entry #%(seq)s) does not match its own "
    "seal, so it cannot be trusted. Verify the chain again.": (
        "Det sparade resultatet av den senaste kontrollen (post #%(seq)s) stämmer inte med "
        "sin egen försegling och går inte att lita på. Kontrollera kedjan igen."
    ),
    "Intact": "Hel",
    "Broken at entry #%(seq)s.": "Bruten vid post #%(seq)s.",
    "Broken.": "Bruten.",
    "Broken": "Bruten",
    "Show the entries from there": "Visa posterna därifrån",
    "Entries #1 to #%(last)s match the signed checkpoint of %(when)s, kept outside the database.": (
        "Post #1 till #%(last)s stämmer med den signerade kontrollpunkten från %(when)s, som "
        "sparas utanför databasen."
    ),
    "No signed checkpoint covers the chain yet.": (
        "Ingen signerad kontrollpunkt täcker kedjan ännu."
    ),
    "Entries #1 to #%(last)s were sealed before keys were used (a plain hash only).": (
        "Post #1 till #%(last)s förseglades innan nycklar användes (bara en enkel hash)."
    ),
    "The whole chain has not been verified from this page yet.": (
        "Hela kedjan har inte kontrollerats från den här sidan ännu."
    ),
    "A verification is under way. Reload the page in a while to see its result.": (
        "En kontroll pågår. Ladda om sidan om en stund för att se resultatet."
    ),
    "Verify the whole chain now": "Kontrollera hela kedjan nu",
    "Every entry's seal and link is checked, and the signed checkpoints; on a long trail "
    "this takes a while. The result is recorded in the trail.": (
        "Varje posts försegling och länk kontrolleras, och de signerade kontrollpunkterna; "
        "en lång logg tar en stund. Resultatet registreras i loggen."
    ),
    # The list.
    "Every change in Tillit: who made it, what it was, when, and to which object. Each entry "
    "is sealed and linked to the one before, so none can be changed or removed unseen.": (
        "Varje ändring i Tillit: vem som gjorde den, vad det var, när och på vilket objekt. "
        "Varje post är förseglad och länkad till den före, så ingen kan ändras eller tas "
        "bort utan att det syns."
    ),
    "Filter the trail": "Filtrera loggen",
    "Show entries": "Visa poster",
    "Clear the filters": "Rensa filtren",
    "Entries that match": "Poster som matchar",
    "All entries": "Alla poster",
    "Export these entries as CSV": "Exportera de här posterna som CSV",
    "Export the whole trail as CSV": "Exportera hela loggen som CSV",
    "Oldest first, with seals, up to the newest entry now. The export is recorded in the trail.": (
        "Äldst först, med förseglingar, fram till den senaste posten just nu. Exporten "
        "registreras i loggen."
    ),
    "Older entries": "Äldre poster",
    "Newer entries": "Nyare poster",
    "History of %(kind)s %(object_id)s": "Historik för %(kind)s %(object_id)s",
    "Open %(name)s": "Öppna %(name)s",
    "Open its page": "Öppna dess sida",
    "Every entry about this object, oldest first, with what each one recorded.": (
        "Alla poster om det här objektet, äldst först, med vad var och en registrerade."
    ),
    "Earlier entries": "Tidigare poster",
    "Later entries": "Senare poster",
    "Pages of the audit trail": "Sidor i granskningsloggen",
    "Back to the first entries": "Tillbaka till de första posterna",
    "Back to the newest entries": "Tillbaka till de senaste posterna",
    "Audit entries, newest first": "Loggposter, senaste först",
    "Audit entries, oldest first": "Loggposter, äldst först",
    "entries #%(first)s to #%(last)s": "post #%(first)s till #%(last)s",
    "No.": "Nr",
    "Object": "Objekt",
    "Seal": "Försegling",
    "More keys than shown; the CSV export has them all.": (
        "Fler nycklar än som visas; CSV-exporten har alla."
    ),
    "No entries.": "Inga poster.",
    # Messages.
    "The chain is being verified. On a long trail this takes a while: the result appears "
    "under Chain status when it is done.": (
        "Kedjan kontrolleras. En lång logg tar en stund: resultatet visas under Kedjans "
        "status när kontrollen är klar."
    ),
    "The chain has been verified: see Chain status.": (
        "Kedjan har kontrollerats: se Kedjans status."
    ),
    "A verification is already under way.": "En kontroll pågår redan.",
    "The verification could not be run. Try again, or ask the operator.": (
        "Kontrollen kunde inte köras. Försök igen eller kontakta driftansvarig."
    ),
    # The export's columns.
    "Number": "Nummer",
    "Person id": "Person-id",
    "Action code": "Händelsekod",
    "Kind of object (code)": "Typ av objekt (kod)",
    "Detail (JSON)": "Detaljer (JSON)",
    "Previous seal": "Föregående försegling",
    "Key id": "Nyckel-id",
}

SV_AUDIT_PLURAL = {
    "%(counter)s entry verified on %(when)s by %(who)s; the walk took %(took)s.": (
        "%(counter)s post kontrollerad %(when)s av %(who)s; genomgången tog %(took)s.",
        "Alla %(counter)s poster kontrollerade %(when)s av %(who)s; genomgången tog %(took)s.",
    ),
    "Found on %(when)s by %(who)s, after %(counter)s entry that holds.": (
        "Upptäckt %(when)s av %(who)s, efter %(counter)s post som håller.",
        "Upptäckt %(when)s av %(who)s, efter %(counter)s poster som håller.",
    ),
    "%(counter)s entry was recorded after the last verified one and has not been verified yet.": (
        "%(counter)s post har registrerats efter den senast kontrollerade och har inte "
        "kontrollerats ännu.",
        "%(counter)s poster har registrerats efter den senast kontrollerade och har inte "
        "kontrollerats ännu.",
    ),
}
