"""Swedish for the platform's truth, the outbox's people's moves, one decision at a time and
presence on the item page (issue 11; merged by fill_translations.py)."""

SV_TRUTH = {
    # Action states
    "Cancelled before it reached the platform": "Avbruten innan den nådde plattformen",
    "Done by hand on the platform": "Gjord för hand på plattformen",
    # The displayed state
    "Decision: hide – waiting for the platform": "Beslut: dölj – väntar på plattformen",
    "Decision: show again – waiting for the platform": (
        "Beslut: visa igen – väntar på plattformen"
    ),
    "Decision: delete – waiting for the platform": "Beslut: radera – väntar på plattformen",
    "Reply – waiting for the platform": "Svar – väntar på plattformen",
    "Decision: block the author – waiting for the platform": (
        "Beslut: blockera avsändaren – väntar på plattformen"
    ),
    "Waiting for the platform": "Väntar på plattformen",
    "Hidden on the platform %(time)s": "Dold på plattformen %(time)s",
    "Visible again on the platform %(time)s": "Synlig igen på plattformen %(time)s",
    "Deleted on the platform %(time)s": "Raderad på plattformen %(time)s",
    "Reply published on the platform %(time)s": "Svaret publicerat på plattformen %(time)s",
    "Author blocked on the platform %(time)s": "Avsändaren blockerad på plattformen %(time)s",
    "Done on the platform %(time)s": "Utfört på plattformen %(time)s",
    "Hidden by hand on the platform – confirmed by %(person)s %(time)s": (
        "Dold för hand på plattformen – bekräftat av %(person)s %(time)s"
    ),
    "Made visible by hand on the platform – confirmed by %(person)s %(time)s": (
        "Synliggjord för hand på plattformen – bekräftat av %(person)s %(time)s"
    ),
    "Deleted by hand on the platform – confirmed by %(person)s %(time)s": (
        "Raderad för hand på plattformen – bekräftat av %(person)s %(time)s"
    ),
    "Replied by hand on the platform – confirmed by %(person)s %(time)s": (
        "Besvarad för hand på plattformen – bekräftat av %(person)s %(time)s"
    ),
    "Blocked by hand on the platform – confirmed by %(person)s %(time)s": (
        "Blockerad för hand på plattformen – bekräftat av %(person)s %(time)s"
    ),
    "Done by hand on the platform – confirmed by %(person)s %(time)s": (
        "Utfört för hand på plattformen – bekräftat av %(person)s %(time)s"
    ),
    "Failed – still visible": "Misslyckades – syns fortfarande",
    "Failed – still hidden": "Misslyckades – fortfarande dold",
    "Failed – the reply is not published": "Misslyckades – svaret är inte publicerat",
    "Failed – the author is not blocked": "Misslyckades – avsändaren är inte blockerad",
    "Failed": "Misslyckades",
    "Outcome unknown – check on the platform": "Utfallet okänt – kontrollera på plattformen",
    "a person": "en person",
    # Reasons
    "The platform could not be reached (network or server error).": (
        "Plattformen gick inte att nå (nätverks- eller serverfel)."
    ),
    "The platform asked Tillit to wait (rate limit).": (
        "Plattformen bad Tillit att vänta (för många anrop)."
    ),
    "The channel's access to the platform has expired or been revoked; an administrator "
    "must connect the channel again.": (
        "Kanalens åtkomst till plattformen har gått ut eller återkallats; en administratör "
        "behöver koppla kanalen på nytt."
    ),
    "The platform refused the action.": "Plattformen vägrade åtgärden.",
    "The platform does not let Tillit do this; do it by hand on the platform and confirm here.": (
        "Plattformen låter inte Tillit göra detta; gör det för hand på plattformen och "
        "bekräfta här."
    ),
    "Tillit stopped while sending and could not check whether it arrived.": (
        "Tillit avbröts under sändningen och kunde inte kontrollera om den kom fram."
    ),
    "Reading the platform back did not show the effect.": (
        "När Tillit läste av plattformen syntes ingen verkan."
    ),
    "A later decision replaced it.": "Ett senare beslut ersatte den.",
    "Tillit gave up after %(attempts)d attempts.": "Tillit gav upp efter %(attempts)d försök.",
    "Check on the platform whether it happened.": "Kontrollera på plattformen om det skedde.",
    "Next attempt %(time)s. %(reason)s": "Nästa försök %(time)s. %(reason)s",
    # Outbox details (shown as the platform's own message)
    "Found done on the platform when checked after a restart or retry.": (
        "Redan utfört på plattformen när det kontrollerades efter en omstart eller ett nytt försök."
    ),
    "Looking on the platform for the reply again.": "Letar efter svaret på plattformen igen.",
    "The platform does not show the effect; Tillit sends it again.": (
        "Plattformen visar ingen verkan; Tillit skickar igen."
    ),
    "The platform still does not show the effect after %(times)d attempts.": (
        "Plattformen visar fortfarande ingen verkan efter %(times)d försök."
    ),
    # The item page
    "State on the platform": "Läget på plattformen",
    "checked on the platform": "kontrollerat på plattformen",
    "The platform's own message": "Plattformens eget meddelande",
    "Try again": "Försök igen",
    "Done by hand on the platform – confirm": "Gjort för hand på plattformen – bekräfta",
    "I have done this on the platform myself": "Jag har gjort detta på plattformen själv",
    "What you did (optional)": "Vad du gjorde (frivilligt)",
    "Confirm": "Bekräfta",
    "Also open for:": "Även öppen för:",
    "since %(since)s": "sedan %(since)s",
    "Queued again; the platform is asked first where it can say.": (
        "Köad igen; plattformen tillfrågas först där den kan svara."
    ),
    "Tick that you have done it on the platform before confirming.": (
        "Kryssa i att du har gjort det på plattformen innan du bekräftar."
    ),
    "Recorded as done by hand on the platform.": "Registrerat som gjort för hand på plattformen.",
    "This action is not waiting for a retry: nothing was queued.": (
        "Åtgärden väntar inte på ett nytt försök: ingenting köades."
    ),
    "This action is done or being sent right now: there is nothing to confirm.": (
        "Åtgärden är utförd eller skickas just nu: det finns inget att bekräfta."
    ),
    "The note is %(length)d characters; at most %(limit)d fit.": (
        "Anteckningen har %(length)d tecken; högst %(limit)d får plats."
    ),
    # One decision at a time
    "the policy (automatically)": "policyn (automatiskt)",
    "someone": "någon",
    "The item changed while you had the page open. Check it and decide again.": (
        "Inlägget ändrades medan du hade sidan öppen. Kontrollera det och besluta igen."
    ),
    "%(who)s decided '%(what)s' at %(when)s while you had the page open. Check the item and "
    "decide again; your text is kept.": (
        "%(who)s beslutade '%(what)s' %(when)s medan du hade sidan öppen. Kontrollera "
        "inlägget och besluta igen; din text finns kvar."
    ),
    "still waiting for the platform": "väntar fortfarande på plattformen",
    "nothing to do on the platform": "inget att göra på plattformen",
    "%(who)s decided '%(what)s' at %(when)s (%(state)s). To replace that decision, tick "
    "'Replace the earlier decision' and give a reason.": (
        "%(who)s beslutade '%(what)s' %(when)s (%(state)s). Kryssa i 'Ersätt det tidigare "
        "beslutet' och ange ett skäl om du vill ersätta det beslutet."
    ),
    "The item has been deleted on the platform, or may have been: a deletion cannot be "
    "undone, so this decision was not recorded.": (
        "Inlägget har raderats på plattformen, eller kan ha raderats: en radering kan inte "
        "ångras, så beslutet registrerades inte."
    ),
    "The text is %(length)d characters; at most %(limit)d fit.": (
        "Texten har %(length)d tecken; högst %(limit)d får plats."
    ),
    "A rule is the ground for hiding, deleting or blocking; '%(what)s' cites none. Choose "
    "'No rule', or another decision.": (
        "En regel är grunden för att dölja, radera eller blockera; '%(what)s' hänvisar inte "
        "till någon. Välj 'Ingen regel' eller ett annat beslut."
    ),
    "The review date of a block cannot be in the past.": (
        "Datumet för omprövning av en blockering kan inte ligga bakåt i tiden."
    ),
    "Give a reason for replacing the earlier decision.": (
        "Ange ett skäl till att det tidigare beslutet ersätts."
    ),
    "At most %(limit_value)d characters fit and the text has %(show_value)d; shorten it "
    "(it is kept below).": (
        "Högst %(limit_value)d tecken får plats och texten har %(show_value)d; korta den "
        "(den finns kvar nedan)."
    ),
    "Choose a decision.": "Välj ett beslut.",
    "Choose one of the decisions in the list.": "Välj ett av besluten i listan.",
    "Replace the earlier decision": "Ersätt det tidigare beslutet",
    "Why the earlier decision is replaced": "Varför det tidigare beslutet ersätts",
    "Write the date as YYYY-MM-DD.": "Skriv datumet som ÅÅÅÅ-MM-DD.",
    "reason for replacing the earlier decision": "skäl till att det tidigare beslutet ersattes",
    "You can no longer decide on this item: it is not in a channel you moderate (your "
    "mandate may have ended). Nothing was recorded.": (
        "Du kan inte längre besluta om det här inlägget: det finns inte i en kanal du "
        "modererar (ditt uppdrag kan ha upphört). Ingenting registrerades."
    ),
    "At most %(limit)s characters.": "Högst %(limit)s tecken.",
    "Needed when a decision is still waiting for the platform, or when you show what was "
    "recently removed (or the other way round). A waiting action is withdrawn; one already "
    "carried out is reversed where the platform allows it.": (
        "Behövs när ett beslut fortfarande väntar på plattformen, eller när du visar det som "
        "nyss togs bort (eller tvärtom). En väntande åtgärd dras tillbaka; en som redan är "
        "utförd återställs där plattformen tillåter det."
    ),
    "Replaced an earlier decision:": "Ersatte ett tidigare beslut:",
    # Escalation
    "Not done on the platform in %(channel)s: %(state)s": (
        "Inte utfört på plattformen i %(channel)s: %(state)s"
    ),
    "A decision on an item has not taken effect on the platform. %(reason)s The item stays "
    "in the queue: try again, or do it by hand on the platform and confirm it in Tillit.": (
        "Ett beslut om ett inlägg har inte fått verkan på plattformen. %(reason)s Inlägget "
        "ligger kvar i inkorgen: försök igen, eller gör det för hand på plattformen och "
        "bekräfta det i Tillit."
    ),
}
