"""Swedish for follow-up reports and the compliance view (issue 14)."""

SV_REPORTS = {
    "Report covers": "Omfattning",
    "Change from before": "Förändring",
    "w. %(week)d": "v. %(week)d",
    "Activity": "Aktivitet",
    "Profile": "Profil",
    "Connection": "Koppling",
    "Overdue moderation": "Försenad moderering",
    "Not checked yet": "Inte kontrollerad än",
    "Administrator and substitute": "Administratör och ersättare",
    "Dormant: nothing published for a long time": "Vilande: inget publicerat på länge",
    "In use": "Används",
    "%(count)d past the deadline": "%(count)d efter tidsgränsen",
    "None": "Inga",
    "Not connected": "Inte kopplad",
    "Running channels": "Kanaler i drift",
    "Falling short: %(what)s": "Brister: %(what)s",
    "count": "antal",
    "hours": "timmar",
    "per cent": "procent",
    "days": "dagar",
    "Section": "Avsnitt",
    "Measure": "Mått",
    "This period": "Denna period",
    "Previous period": "Föregående period",
    "Unit": "Enhet",
    "Follow-up report: %(scope)s": "Uppföljningsrapport: %(scope)s",
    "Period %(period)s": "Period %(period)s",
    "Period %(period)s, compared with %(previous)s. Made %(made)s.": (
        "Period %(period)s, jämförd med %(previous)s. Framtagen %(made)s."
    ),
    "Report on": "Rapport för",
    "From (first day)": "Från (första dagen)",
    "To (last day)": "Till (sista dagen)",
    "No such scope: write org, department:ID or channel:ID.": (
        "Omfattningen finns inte: skriv org, department:ID eller channel:ID."
    ),
    "The file could not be written: %(reason)s": "Filen kunde inte skrivas: %(reason)s",
    "Written: %(path)s": "Skrev: %(path)s",
    "The period ends before it starts.": "Perioden slutar innan den börjar.",
    "The period lies in the future: there is nothing to report yet.": (
        "Perioden ligger i framtiden: det finns inget att rapportera än."
    ),
    "The period is cut at today: the rest has not happened yet.": (
        "Perioden slutar i dag: resten har inte hänt än."
    ),
    "A report covers at most %(days)d days; choose a shorter period.": (
        "En rapport omfattar högst %(days)d dagar; välj en kortare period."
    ),
    "Write the date as YYYY-MM-DD (for example 2026-01-31).": (
        "Skriv datumet som ÅÅÅÅ-MM-DD (till exempel 2026-01-31)."
    ),
    "The organisation": "Organisationen",
    "Within an hour": "Inom en timme",
    "1–4 hours": "1–4 timmar",
    "4–24 hours": "4–24 timmar",
    "1–3 days": "1–3 dagar",
    "Longer": "Längre",
    "Own posts": "Egna inlägg",
    "Comments from the public": "Kommentarer från allmänheten",
    "Replies by the organisation": "Svar från organisationen",
    "Direct messages received": "Mottagna direktmeddelanden",
    "Direct messages sent": "Skickade direktmeddelanden",
    "Comments": "Kommentarer",
    "Direct messages": "Direktmeddelanden",
    "Activity per week": "Aktivitet per vecka",
    "Comments from the public, own posts and direct messages received, per week of the period "
    "(weeks begin on Monday).": (
        "Kommentarer från allmänheten, egna inlägg och mottagna direktmeddelanden per vecka "
        "under perioden (veckorna börjar på måndag)."
    ),
    "Time to first reply, median (hours)": "Tid till första svar, median (timmar)",
    "Time to first reply, 90th percentile (hours)": "Tid till första svar, 90:e percentilen (timmar)",
    "Comments answered (%)": "Besvarade kommentarer (%)",
    "Time to moderation decision, median (hours)": "Tid till modereringsbeslut, median (timmar)",
    "Time to moderation decision, 90th percentile (hours)": (
        "Tid till modereringsbeslut, 90:e percentilen (timmar)"
    ),
    "Flagged comments decided within the deadline (%)": (
        "Flaggade kommentarer beslutade inom tidsgränsen (%)"
    ),
    "Flagged comments whose deadline has come": "Flaggade kommentarer vars tidsgräns har kommit",
    "Response times": "Svarstider",
    "How soon comments were answered": "Hur snart kommentarer besvarades",
    "The number of answered comments by the time to the first reply.": (
        "Antal besvarade kommentarer efter tiden till första svar."
    ),
    "Answered comments": "Besvarade kommentarer",
    "Moderation decisions": "Modereringsbeslut",
    "Kept": "Behållna",
    "Shown or restored again": "Visade eller återställda igen",
    "Authors blocked": "Blockerade skribenter",
    "Hidden automatically": "Dolda automatiskt",
    "Automatic hides upheld on review": "Automatiska döljanden som stod sig vid granskning",
    "Automatic hides changed on review": "Automatiska döljanden som ändrades vid granskning",
    "Automatic hides not yet reviewed": "Automatiska döljanden som inte granskats än",
    "Decisions by rule": "Beslut per regel",
    "The number of decisions citing each rule of the comment policy.": (
        "Antal beslut som hänvisar till varje regel i kommentarspolicyn."
    ),
    "Direct messages registered": "Registrerade direktmeddelanden",
    "Direct messages of obviously little importance": (
        "Direktmeddelanden av uppenbart ringa betydelse"
    ),
    "Direct messages of the period not yet decided": (
        "Direktmeddelanden från perioden som inte beslutats än"
    ),
    "Time to the registrar's decision, median (hours)": "Tid till registratorns beslut, median (timmar)",
    "Access requests received": "Mottagna begäranden om allmän handling",
    "Access requests closed": "Avslutade begäranden om allmän handling",
    "Access requests open at the end of the period": (
        "Öppna begäranden om allmän handling vid periodens slut"
    ),
    "Access requests concern the whole organisation and are counted there.": (
        "Begäranden om allmän handling gäller hela organisationen och räknas där."
    ),
    "Captures taken": "Tagna skärmdumpar",
    "Captures failed": "Misslyckade skärmdumpar",
    "Disposal runs": "Gallringskörningar",
    "Documents disposed of": "Gallrade handlingar",
    "Captures and disposal": "Skärmdumpar och gallring",
    "Channels whose capture is overdue now": "Kanaler vars skärmdump är försenad nu",
    "Compliance now": "Efterlevnad nu",
    "Compliance is the state when the report was made, not during the period.": (
        "Efterlevnaden är läget när rapporten togs fram, inte under perioden."
    ),
    "Per channel": "Per kanal",
    "Reports": "Rapporter",
    "Compliance": "Efterlevnad",
    "Every running channel against the guideline, as it stands now. Each cell links to the page "
    "where it is put right.": (
        "Varje kanal i drift mot riktlinjen, som läget är nu. Varje cell länkar till sidan där "
        "det rättas till."
    ),
    "%(n)s running channel": "%(n)s kanal i drift",
    "%(n)s running channels": "%(n)s kanaler i drift",
    "%(n)s falls short somewhere": "%(n)s brister någonstans",
    "%(n)s fall short somewhere": "%(n)s brister någonstans",
    "Compliance per channel": "Efterlevnad per kanal",
    "Check": "Kontrollera",
    "No running channels.": "Inga kanaler i drift.",
    "Follow-up: %(scope)s": "Uppföljning: %(scope)s",
    "Follow-up reports": "Uppföljningsrapporter",
    "Activity, response times, moderation by rule, records and compliance for a period, "
    "compared with the period before it.": (
        "Aktivitet, svarstider, moderering per regel, registrering och efterlevnad för en "
        "period, jämfört med perioden före."
    ),
    "Show the report": "Visa rapporten",
    "Period %(period)s, compared with %(previous)s.": "Period %(period)s, jämförd med %(previous)s.",
    "Download PDF": "Ladda ner PDF",
    "Download CSV": "Ladda ner CSV",
    "The numbers in “%(title)s”": "Siffrorna i ”%(title)s”",
    "Category": "Kategori",
    "Nothing in this period.": "Inget under perioden.",
    "The platform gave no figures for this day.": "Plattformen gav inga siffror för den här dagen.",
    "Followers at the end of the period": "Följare vid periodens slut",
    "Views": "Visningar",
    "Reach (added up per day)": "Räckvidd (summerad per dag)",
    "Interactions": "Interaktioner",
    "Own posts counted by the platform": "Egna inlägg som plattformen räknat",
    "Channel days the platform gave no figures for": "Kanaldagar som plattformen inte gav siffror för",
    "Reach and engagement": "Räckvidd och engagemang",
    "%(count)d running channels have no figures for the period: not connected, or their platform gives none.": "%(count)d kanaler i drift saknar siffror för perioden: inte kopplade, eller så ger deras plattform inga.",
    "Channel's profile checked": "Kanalens profil kontrollerad",
    "Profile audit": "Profilkontroll",
    "Reach and engagement of a day": "Räckvidd och engagemang för en dag",
    "Activity per month": "Aktivitet per månad",
    "Comments from the public, own posts and direct messages received, per month of the period.": "Kommentarer från allmänheten, egna inlägg och mottagna direktmeddelanden per månad under perioden.",
    "send me the monthly follow-up report": "skicka månadsrapporten för uppföljning till mig",
    "Only the person can change their own e-mail reports.": "Bara personen själv kan ändra sina e-postrapporter.",
    "Follow-up for %(department)s, %(period)s": "Uppföljning för %(department)s, %(period)s",
    "You can turn these e-mails off under Follow-up → Monthly report.": "Du kan stänga av de här e-breven under Uppföljning → Månadsrapport.",
    "Monthly report": "Månadsrapport",
    "At the start of each month, managers get last month's follow-up for their department by e-mail: the key figures and a link to the whole report.": "I början av varje månad får chefer förra månadens uppföljning för sin förvaltning med e-post: de viktigaste siffrorna och en länk till hela rapporten.",
    "You manage no department, so no monthly report is sent to you.": "Du är inte chef för någon förvaltning, så ingen månadsrapport skickas till dig.",
    "Send me the monthly follow-up report by e-mail": "Skicka månadsrapporten för uppföljning till mig med e-post",
    "You will get the monthly report by e-mail.": "Du får månadsrapporten med e-post.",
    "You will no longer get the monthly report by e-mail.": "Du får inte längre månadsrapporten med e-post.",
    "Monthly report setting changed": "Inställning för månadsrapport ändrad",
    "previous period": "föregående period",
    "Demo history loaded": "Demons historik inläst",
    "Demo history": "Demons historik",
    "The server name in the channel's address could not be found.": "Servernamnet i kanalens adress gick inte att hitta.",
    "Comments kept": "Behållna kommentarer",
    "Comments hidden": "Dolda kommentarer",
    "Comments deleted": "Raderade kommentarer",
    "Choose what to report on from the list.": "Välj vad rapporten ska gälla i listan.",
}
