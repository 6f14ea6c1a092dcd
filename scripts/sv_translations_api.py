"""Swedish for the integration API: keys, scopes, service accounts, the docs page and the
API's refusals (issue 15; merged by fill_translations.py)."""

SV_API = {
    "Integration API": "Integrations-API",
    "The call is wrong; the fields say what.": "Fel i anropet; fälten säger vad.",
    "No API key, or one that is not valid.": "Ingen API-nyckel, eller en som inte gäller.",
    "The key lacks the scope the call needs.": "Nyckeln saknar behörigheten som anropet kräver.",
    "Not there, or outside what the person behind the key may see.": (
        "Finns inte, eller ligger utanför vad personen bakom nyckeln får se."
    ),
    "It changed since it was read; read it again and try once more.": (
        "Det har ändrats sedan det lästes; läs om och försök igen."
    ),
    "Too many calls; wait and try again.": "För många anrop; vänta och försök igen.",
    "What the key is for, for example 'Diariet' or 'Statistik i Power BI'.": (
        "Vad nyckeln ska användas till, till exempel ”Diariet” eller ”Statistik i Power BI”."
    ),
    "Give the key a name that says what it is for.": (
        "Ge nyckeln ett namn som säger vad den används till."
    ),
    "May": "Får",
    "Choose at least one scope.": "Välj minst en behörighet.",
    "Valid for (days)": "Giltig (dagar)",
    "Write a whole number of days.": "Skriv ett helt antal dagar.",
    "A key lives at least one day.": "En nyckel gäller minst en dag.",
    "Service account": "Tjänstekonto",
    "Choose one of the service accounts.": "Välj ett av tjänstekontona.",
    "System": "System",
    "For example 'Diariesystemet Public 360'.": "Till exempel ”Diariesystemet Public 360”.",
    "Name the system that will use the account.": "Skriv namnet på systemet som ska använda kontot.",
    "Used for": "Används till",
    "Personal": "Personlig",
    "Service": "Tjänst",
    "scopes": "behörigheter",
    "expires": "går ut",
    "last used": "senast använd",
    "API key": "API-nyckel",
    "API keys": "API-nycklar",
    "Read the channel register": "Läsa kanalregistret",
    "Read the queue: items, proposals and decisions": ("Läsa inkorgen: inlägg, förslag och beslut"),
    "Record decisions on items": "Fatta beslut om inlägg",
    "Read registrations and captures": "Läsa registreringar och arkivbilder",
    "Store registration numbers (diarienummer)": "Spara diarienummer",
    "Read reports": "Läsa rapporter",
    "The API key does not have the scope this call needs.": (
        "API-nyckeln har inte behörigheten som det här anropet kräver."
    ),
    "Your new key": "Din nya nyckel",
    "Copy it now: it is shown only this once and Tillit keeps only a fingerprint of it.": (
        "Kopiera den nu: den visas bara den här gången och Tillit sparar bara ett "
        "fingeravtryck av den."
    ),
    "Key": "Nyckel",
    "Acts as": "Agerar som",
    "Expires": "Går ut",
    "Last used": "Senast använd",
    "Expired": "Har gått ut",
    "No keys yet.": "Inga nycklar än.",
    "Other systems (the records system, the website, a statistics tool) read the register, "
    "the queue, the records and the reports here, and record decisions, with the same rights "
    "as the person or service account behind their key.": (
        "Andra system (diariet, webbplatsen, ett statistikverktyg) läser här registret, "
        "inkorgen, diariet och rapporterna och fattar beslut, med samma rättigheter som "
        "personen eller tjänstekontot bakom nyckeln."
    ),
    "The OpenAPI schema (JSON)": "OpenAPI-schemat (JSON)",
    "Keys": "Nycklar",
    "Create a personal key under API keys in the menu, or, as the organisation's "
    "administrator, a key for a service account. A key is shown once, lives at most "
    "%(max_days)s days and is sent in every call:": (
        "Skapa en personlig nyckel under API-nycklar i menyn, eller, som organisationens "
        "administratör, en nyckel för ett tjänstekonto. En nyckel visas en gång, gäller i "
        "högst %(max_days)s dagar och skickas med i varje anrop:"
    ),
    "A key can do no more than its person: the roles and mandates decide what is seen, "
    "exactly as on the pages. A person who leaves takes their keys along.": (
        "En nyckel kan inte mer än sin person: rollerna och uppdragen avgör vad som syns, "
        "precis som på sidorna. När en person slutar slutar också personens nycklar att gälla."
    ),
    "Scopes": "Behörigheter",
    "Calls": "Anrop",
    "Method": "Metod",
    "Scope": "Behörighet",
    "What it does": "Vad det gör",
    "Pages and limits": "Sidor och gränser",
    "Lists come newest first in pages of 50 (page_size up to 200). The answer's next and "
    "previous are whole addresses with an opaque cursor: follow them, do not build them.": (
        "Listor kommer med det nyaste först, 50 per sida (page_size upp till 200). Svarets "
        "next och previous är hela adresser med en markör: följ dem, bygg dem inte själv."
    ),
    "Each key may make %(count)s calls per %(period)s; beyond that the answer is 429 with "
    "Retry-After.": (
        "Varje nyckel får göra %(count)s anrop per %(period)s; därutöver blir svaret 429 med "
        "Retry-After."
    ),
    "second": "sekund",
    "minute": "minut",
    "hour": "timme",
    "day": "dygn",
    "Errors": "Fel",
    "Every refusal says why in its detail field; nothing is changed by a refused call. Every "
    "change made through the API is in the audit trail with the key that made it.": (
        "Varje nekat anrop säger varför i fältet detail; ett nekat anrop ändrar ingenting. "
        "Varje ändring genom API:t står i granskningsloggen med nyckeln som gjorde den."
    ),
    "A personal key lets a program of yours call Tillit's API as you: it sees only what you "
    "see. It stops working when it expires, when you revoke it, or when you leave.": (
        "Med en personlig nyckel kan ett program anropa Tillits API som du: det ser bara det "
        "du ser. Nyckeln slutar gälla när den går ut, när du återkallar den eller när du slutar."
    ),
    "How to use the API": "Så använder du API:t",
    "Your keys": "Dina nycklar",
    "New key": "Ny nyckel",
    "Create key": "Skapa nyckel",
    "Service accounts and API keys": "Tjänstekonton och API-nycklar",
    "A service account is another system (the records system, the website, a statistics "
    "tool). It never signs in; it acts through keys with the roles you give it on its person "
    "page.": (
        "Ett tjänstekonto är ett annat system (diariet, webbplatsen, ett statistikverktyg). "
        "Det loggar aldrig in; det agerar genom nycklar, med de roller du ger det på dess "
        "personsida."
    ),
    "Service accounts": "Tjänstekonton",
    "no roles yet": "inga roller än",
    "No service accounts yet.": "Inga tjänstekonton än.",
    "New service account": "Nytt tjänstekonto",
    "Create service account": "Skapa tjänstekonto",
    "New key for a service account": "Ny nyckel för ett tjänstekonto",
    "Every key in use": "Alla nycklar som gäller",
    "Personal keys too, so that a lost key can be stopped by someone other than its holder.": (
        "Även personliga nycklar, så att en borttappad nyckel kan stoppas av någon annan än "
        "den som har den."
    ),
    "The API key is malformed. Send it as 'Authorization: Bearer <key>'.": (
        "API-nyckeln har fel form. Skicka den som ”Authorization: Bearer <nyckel>”."
    ),
    "The API key is not valid.": "API-nyckeln gäller inte.",
    "The API key has been revoked.": "API-nyckeln har återkallats.",
    "The API key has expired. Create a new one.": "API-nyckeln har gått ut. Skapa en ny.",
    "The person or service account behind the API key is no longer active.": (
        "Personen eller tjänstekontot bakom API-nyckeln är inte längre aktiv."
    ),
    "A key lives between 1 and %(limit)d days.": "En nyckel gäller mellan 1 och %(limit)d dagar.",
    "Unknown scope.": "Okänd behörighet.",
    "Unknown kind of key.": "Okänd sorts nyckel.",
    "%(name)s is no longer active.": "%(name)s är inte längre aktiv.",
    "The channels in the register the person may see.": (
        "Kanalerna i registret som personen får se."
    ),
    "One channel, its state and who speaks for it.": (
        "En kanal, dess läge och vilka som talar för den."
    ),
    "Items in the queue with the checks' proposals and decisions.": (
        "Inlägg i inkorgen med kontrollernas förslag och besluten."
    ),
    "One item with its proposal and every decision on it.": (
        "Ett inlägg med förslaget och alla beslut om det."
    ),
    "Record a decision on an item, as the inbox's form does.": (
        "Fatta ett beslut om ett inlägg, som formuläret i inkorgen gör."
    ),
    "Decisions on items the person may moderate.": ("Beslut om inlägg som personen får moderera."),
    "Registrations ready for the records system.": "Registreringar som är klara för diariet.",
    "One registration as the records system receives it.": (
        "En registrering så som diariet får den."
    ),
    "Store the registration number (diarienummer).": "Spara diarienumret.",
    "Captures of channels for the archive.": "Arkivbilder av kanaler.",
    "One capture and its checksums.": "En arkivbild och dess kontrollsummor.",
    "The moderation report per channel for a period.": (
        "Modereringsrapporten per kanal för en period."
    ),
    "Unknown status or kind.": "Okänt läge eller okänd sort.",
    "Unknown hand-over state.": "Okänt överlämningsläge.",
    "This registration is not a document.": "Den här registreringen är ingen handling.",
    "The first day is after the last.": "Första dagen ligger efter den sista.",
    "A report covers at most %(days)d days.": "En rapport omfattar högst %(days)d dagar.",
    "The service account %(name)s was created. Give it the roles the system needs, then "
    "create a key for it.": (
        "Tjänstekontot %(name)s har skapats. Ge det rollerna som systemet behöver och skapa "
        "sedan en nyckel åt det."
    ),
    "The key %(name)s was revoked.": "Nyckeln %(name)s har återkallats.",
    "%(name)s is a service account: it uses API keys and never signs in.": (
        "%(name)s är ett tjänstekonto: det använder API-nycklar och loggar aldrig in."
    ),
    "service account": "tjänstekonto",
    "Service account: another system using API keys; it never signs in.": (
        "Tjänstekonto: ett annat system som använder API-nycklar; det loggar aldrig in."
    ),
    "Not found.": "Hittades inte.",
    "Give this parameter once.": "Ange parametern en gång.",
    "Choose a day between %(first)d and %(last)d.": "Välj en dag mellan %(first)d och %(last)d.",
    "A service account cannot be an organisation administrator.": (
        "Ett tjänstekonto kan inte vara organisationsadministratör."
    ),
}
