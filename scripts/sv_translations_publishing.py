"""Swedish for publishing: the composer, the check before publishing, approval, the calendar (issue 13; merged by fill_translations.py)."""

SV_PUBLISHING = {
    # Approval on a channel
    "No approval: administrators publish directly": (
        "Inget godkännande: administratörer publicerar direkt"
    ),
    "Another administrator of the channel": "En annan administratör för kanalen",
    "The department's communications officer (informatör)": "Förvaltningens informatör",
    "approval of posts": "godkännande av inlägg",
    "Approval of posts": "Godkännande av inlägg",
    # Publishing: states and notices
    "Publish": "Publicera",
    "An image is too large to publish.": "En bild är för stor för att publiceras.",
    "Tillit stopped while publishing this post and could not check whether it arrived "
    "(%(reason)s). It is not sent again: check the platform.": (
        "Tillit avbröts medan inlägget publicerades och kunde inte kontrollera om det kom fram "
        "(%(reason)s). Det skickas inte igen: kontrollera på plattformen."
    ),
    "%(channel)s: check whether a post was published": (
        "%(channel)s: kontrollera om ett inlägg publicerades"
    ),
    "Publishing": "Publicering",
    "Waiting for approval": "Väntar på godkännande",
    "Approved, scheduled": "Godkänt, schemalagt",
    "Being published": "Publiceras",
    "Published": "Publicerat",
    "Publishing failed": "Publiceringen misslyckades",
    "Held: needs the author": "Stoppat: väntar på författaren",
    "Rejected": "Avslaget",
    "Not yet sent": "Inte skickat än",
    "Sent to the platform": "Skickat till plattformen",
    "Approved": "Godkänt",
    "Sent back to the author": "Skickat tillbaka till författaren",
    # Kinds of check rule
    "Word or phrase that marks confidential text": (
        "Ord eller fras som markerar sekretessbelagd text"
    ),
    "Pattern (regular expression), e.g. a case number": (
        "Mönster (reguljärt uttryck), t.ex. ett diarienummer"
    ),
    "Name of a person with protected identity (kept hashed)": (
        "Namn på en person med skyddad identitet (sparas hashat)"
    ),
    "The organisation's own e-mail domain (may be published)": (
        "Organisationens egen e-postdomän (får publiceras)"
    ),
    "The organisation's own phone number (may be published)": (
        "Organisationens eget telefonnummer (får publiceras)"
    ),
    # The composer's form
    "Active channels where you hold a mandate.": "Aktiva kanaler där du har ett uppdrag.",
    "The channel's signature is added on its own last line where the channel asks for one.": (
        "Kanalens signatur läggs till på en egen sista rad där kanalen kräver det."
    ),
    "Link": "Länk",
    "Publish at": "Publiceringstid",
    "Leave empty to publish as soon as it is approved.": (
        "Lämna tomt för att publicera så snart inlägget är godkänt."
    ),
    "Add an image": "Lägg till en bild",
    "JPEG, PNG, GIF or WebP. Location and camera data are removed.": (
        "JPEG, PNG, GIF eller WebP. Plats- och kamerauppgifter tas bort."
    ),
    "Alt text of the new image": "Alternativtext för den nya bilden",
    "Describe what the image shows, for people who cannot see it.": (
        "Beskriv vad bilden visar, för den som inte kan se den."
    ),
    "Comment to the author": "Kommentar till författaren",
    "Required when you send the post back or reject it.": (
        "Krävs när du skickar tillbaka eller avslår inlägget."
    ),
    "Why may the post go out anyway?": "Varför får inlägget gå ut ändå?",
    "Kept with the post and in the audit trail.": "Sparas med inlägget och i granskningsloggen.",
    "New time": "Ny tid",
    "Value": "Värde",
    "Shown beside a finding, e.g. “Case number of social services”.": (
        "Visas bredvid ett fynd, t.ex. ”Diarienummer hos socialtjänsten”."
    ),
    "blocks": "stoppar",
    "noted": "noterat",
    "Signature: %(s)s": "Signatur: %(s)s",
    "May be published.": "Får publiceras.",
    "Blocked:": "Stoppat:",
    # Model names
    "link": "länk",
    "publish at": "publiceringstid",
    "post": "inlägg",
    "posts": "inlägg",
    "(empty post)": "(tomt inlägg)",
    "alt text": "alternativtext",
    # The check
    "Before approval": "Före godkännande",
    "At publishing": "Vid publicering",
    "While writing": "Under skrivandet",
    "value": "värde",
    "check rule": "kontrollregel",
    "check rules": "kontrollregler",
    "Protected name": "Skyddat namn",
    "Personal identity number": "Personnummer",
    "Co-ordination number": "Samordningsnummer",
    "Phone number": "Telefonnummer",
    "E-mail address": "E-postadress",
    "Home address": "Hemadress",
    "Bank details": "Bankuppgifter",
    "Health or other sensitive detail about a person": (
        "Hälsouppgift eller annan känslig uppgift om en person"
    ),
    "Confidentiality marker": "Sekretessmarkering",
    "Configured pattern": "Inställt mönster",
    "Name of a person with protected identity": "Namn på en person med skyddad identitet",
    "Against the comment policy": "Strider mot kommentarspolicyn",
    "Markup (shown as written)": "Märkkod (visas som den skrivits)",
    "%(what)s found: “%(evidence)s”. Remove it, or ask for an exception.": (
        "%(what)s hittades: ”%(evidence)s”. Ta bort det, eller be om ett undantag."
    ),
    "A configured pattern (%(note)s) could not be checked; the post is held.": (
        "Ett inställt mönster (%(note)s) kunde inte kontrolleras; inlägget stoppas."
    ),
    "%(channel)s is not active; nothing can be published there.": (
        "%(channel)s är inte aktiv; inget kan publiceras där."
    ),
    "%(channel)s has no platform connection; publish there by hand.": (
        "%(channel)s har ingen plattformskoppling; publicera där för hand."
    ),
    "The platform does not allow publishing through its API.": (
        "Plattformen tillåter inte publicering via sitt API."
    ),
    "%(channel)s: %(why)s": "%(channel)s: %(why)s",
    "%(channel)s: the platform connection no longer works (the token expired or was revoked). "
    "An administrator must connect it again.": (
        "%(channel)s: plattformskopplingen fungerar inte längre (token har gått ut eller "
        "återkallats). En administratör måste koppla den på nytt."
    ),
    "%(channel)s asks every post to be signed %(rule)s; this text is not.": (
        "%(channel)s kräver att varje inlägg signeras %(rule)s; den här texten är inte det."
    ),
    "%(channel)s allows %(limit)s %(unit)s; the post is %(count)s with the signature and "
    "link. Shorten it by %(over)s.": (
        "%(channel)s tillåter %(limit)s %(unit)s; inlägget blir %(count)s med signatur och länk. "
        "Korta det med %(over)s."
    ),
    "Describe the image in an alt text: people who cannot see it need the words.": (
        "Beskriv bilden i en alternativtext: den som inte kan se bilden behöver orden."
    ),
    "The alt text may be at most %(max)d characters.": (
        "Alternativtexten får vara högst %(max)d tecken."
    ),
    "The image %(name)s is %(size)s MB; at most %(max)s MB can be uploaded.": (
        "Bilden %(name)s är %(size)s MB; högst %(max)s MB kan laddas upp."
    ),
    "%(name)s is not an image Tillit can read. Use JPEG, PNG, GIF or WebP.": (
        "%(name)s är inte en bild som Tillit kan läsa. Använd JPEG, PNG, GIF eller WebP."
    ),
    "%(name)s is a %(format)s file; use JPEG, PNG, GIF or WebP.": (
        "%(name)s är en %(format)s-fil; använd JPEG, PNG, GIF eller WebP."
    ),
    "%(name)s is %(w)d × %(h)d pixels; make it smaller than 40 megapixels.": (
        "%(name)s är %(w)d × %(h)d pixlar; gör den mindre än 40 megapixlar."
    ),
    "The text contains invisible control or direction characters. Remove them (they often "
    "come with text copied from elsewhere).": (
        "Texten innehåller osynliga styr- eller riktningstecken. Ta bort dem (de följer ofta med "
        "text som kopierats från någon annanstans)."
    ),
    "The text may be at most %(max)s characters.": "Texten får vara högst %(max)s tecken.",
    "Enter a complete web address starting with https:// (at most %(max)s characters).": (
        "Ange en fullständig webbadress som börjar med https:// (högst %(max)s tecken)."
    ),
    "The time has passed. Choose a time in the future, or leave it empty to publish as soon "
    "as possible.": (
        "Tiden har passerat. Välj en tid i framtiden, eller lämna fältet tomt för att publicera "
        "så snart som möjligt."
    ),
    # Writing and submitting
    "Only the author can change a post.": "Bara författaren kan ändra ett inlägg.",
    "The post is %(state)s and can no longer be changed.": (
        "Inlägget är %(state)s och kan inte längre ändras."
    ),
    "The post was changed in another window since you opened it. Your text is kept below: "
    "copy it, reload the page and make your change again.": (
        "Inlägget har ändrats i ett annat fönster sedan du öppnade det. Din text finns kvar "
        "nedan: kopiera den, ladda om sidan och gör ändringen igen."
    ),
    "You can only publish on active channels where you hold a mandate today.": (
        "Du kan bara publicera i aktiva kanaler där du har ett uppdrag i dag."
    ),
    "A post can have at most %(max)s images.": "Ett inlägg kan ha högst %(max)s bilder.",
    "Changed after it was submitted: submit it again for the check and the approval.": (
        "Ändrat efter att det skickades in: skicka in det igen för kontroll och godkännande."
    ),
    "The post cannot go out as it is. See what the check found below.": (
        "Inlägget kan inte gå ut som det är. Se nedan vad kontrollen hittade."
    ),
    "Only the author can submit a post.": "Bara författaren kan skicka in ett inlägg.",
    "The post has already been submitted.": "Inlägget har redan skickats in.",
    "Choose at least one channel to publish on.": "Välj minst en kanal att publicera i.",
    "The post is empty. Write the text first.": "Inlägget är tomt. Skriv texten först.",
    "The time has passed. Choose a new time, or clear it to publish as soon as possible.": (
        "Tiden har passerat. Välj en ny tid, eller töm fältet för att publicera så snart som "
        "möjligt."
    ),
    "A post by %(author)s waits for your approval": (
        "Ett inlägg av %(author)s väntar på ditt godkännande"
    ),
    "“%(start)s”": "”%(start)s”",
    "Only the author can move the post.": "Bara författaren kan flytta inlägget.",
    "The post can no longer be moved.": "Inlägget kan inte längre flyttas.",
    "Only the author can cancel the post.": "Bara författaren kan dra tillbaka inlägget.",
    "The post has gone to the platforms and cannot be cancelled.": (
        "Inlägget har gått till plattformarna och kan inte dras tillbaka."
    ),
    "Not published: the approval had not come when the post was due. Choose a new time and "
    "submit it again.": (
        "Inte publicerat: godkännandet hade inte kommit när inlägget skulle ut. Välj en ny tid "
        "och skicka in det igen."
    ),
    "Your post was held and not published": "Ditt inlägg stoppades och publicerades inte",
    "Changed after approval: submit it again.": "Ändrat efter godkännandet: skicka in det igen.",
    "Stopped at publishing by the check: %(reason)s": (
        "Stoppat av kontrollen vid publiceringen: %(reason)s"
    ),
    "%(channel)s: a post could not be published": "%(channel)s: ett inlägg kunde inte publiceras",
    # Approval
    "Choose approve, send back or reject.": "Välj godkänn, skicka tillbaka eller avslå.",
    "You cannot approve your own post: another person must.": (
        "Du kan inte godkänna ditt eget inlägg: det måste någon annan göra."
    ),
    "You are not the one who approves posts on these channels.": (
        "Du är inte den som godkänner inlägg i de här kanalerna."
    ),
    "The post is not waiting for approval.": "Inlägget väntar inte på godkännande.",
    "The post was changed since you opened it. Read it again before you decide.": (
        "Inlägget har ändrats sedan du öppnade det. Läs det igen innan du beslutar."
    ),
    "Say what the author should change, or why it is rejected.": (
        "Skriv vad författaren ska ändra, eller varför inlägget avslås."
    ),
    "The comment may be at most %(max)s characters.": "Kommentaren får vara högst %(max)s tecken.",
    "Your post was approved by %(person)s": "Ditt inlägg godkändes av %(person)s",
    "Sent back by %(person)s: %(comment)s": "Skickat tillbaka av %(person)s: %(comment)s",
    "Your post was sent back by %(person)s": "Ditt inlägg skickades tillbaka av %(person)s",
    "Rejected by %(person)s: %(comment)s": "Avslaget av %(person)s: %(comment)s",
    "Your post was rejected by %(person)s": "Ditt inlägg avslogs av %(person)s",
    # Exceptions
    "You cannot make an exception for your own post: ask the informatör or the manager.": (
        "Du kan inte göra undantag för ditt eget inlägg: be informatören eller chefen."
    ),
    "Only the informatör or the manager of the channels can make an exception.": (
        "Bara kanalernas informatör eller chef kan göra ett undantag."
    ),
    "The post was changed since you opened it. Read it again.": (
        "Inlägget har ändrats sedan du öppnade det. Läs det igen."
    ),
    "Write why the post may go out anyway (at least %(min)s characters).": (
        "Skriv varför inlägget får gå ut ändå (minst %(min)s tecken)."
    ),
    "The reason may be at most %(max)s characters.": "Motiveringen får vara högst %(max)s tecken.",
    "The check finds nothing to make an exception for.": (
        "Kontrollen hittar inget att göra undantag för."
    ),
    "%(person)s made an exception for your post": "%(person)s gjorde ett undantag för ditt inlägg",
    "Only the author can ask for an exception.": "Bara författaren kan be om ett undantag.",
    "Nobody can make an exception for these channels.": (
        "Ingen kan göra undantag för de här kanalerna."
    ),
    "%(author)s asks for an exception for a blocked post": (
        "%(author)s ber om undantag för ett stoppat inlägg"
    ),
    # Check rules
    "Fill in the value.": "Fyll i värdet.",
    "At most %(max)s characters.": "Högst %(max)s tecken.",
    "The pattern is not a valid regular expression: %(error)s": (
        "Mönstret är inte ett giltigt reguljärt uttryck: %(error)s"
    ),
    "The pattern matches empty text; it would find nothing useful.": (
        "Mönstret matchar tom text; det skulle inte hitta något användbart."
    ),
    "Enter first and last name, as the name is written.": (
        "Ange för- och efternamn, så som namnet skrivs."
    ),
    "Enter a domain such as kommun.se.": "Ange en domän, till exempel kommun.se.",
    "Enter the phone number with its area code.": "Ange telefonnumret med riktnummer.",
    "Choose what kind of rule it is.": "Välj vilken sorts regel det är.",
    "That rule is already there.": "Den regeln finns redan.",
    # The calendar
    "Post": "Inlägg",
    "As soon as approved": "Så snart det är godkänt",
    "Publishing calendar": "Publiceringskalender",
    "Choose what the calendar shows": "Välj vad kalendern visar",
    "View": "Vy",
    "Month": "Månad",
    "Week": "Vecka",
    "List": "Lista",
    "From date": "Från datum",
    "All channels": "Alla kanaler",
    "The whole organisation": "Hela organisationen",
    "Show": "Visa",
    "Earlier and later": "Tidigare och senare",
    "Earlier": "Tidigare",
    "Today": "I dag",
    "Later": "Senare",
    "Posts in the period": "Inlägg under perioden",
    "No posts in the period.": "Inga inlägg under perioden.",
    "Week %(a)s – %(b)s": "Vecka %(a)s – %(b)s",
    # The composer
    "Change the post": "Ändra inlägget",
    "Write a post": "Skriv ett inlägg",
    "You hold no mandate on an active channel today, so there is nowhere to publish. Ask your "
    "manager for a mandate.": (
        "Du har inget uppdrag i någon aktiv kanal i dag, så det finns ingenstans att publicera. "
        "Be din chef om ett uppdrag."
    ),
    "A change of the text, link, images or channels sends the post back to draft: it must "
    "pass the check and be approved again.": (
        "Om du ändrar text, länk, bilder eller kanaler blir inlägget ett utkast igen: det måste "
        "klara kontrollen och godkännas på nytt."
    ),
    "Limits on each channel": "Gränser i varje kanal",
    "Limit": "Gräns",
    "Signature added": "Signatur läggs till",
    "%(n)s graphemes": "%(n)s grafem",
    "%(n)s characters": "%(n)s tecken",
    "(a link counts as %(n)s)": "(en länk räknas som %(n)s)",
    "No limit known": "Ingen känd gräns",
    "Needs an image": "Kräver en bild",
    "None (the organisation's voice)": "Ingen (organisationens röst)",
    "Checked when you save.": "Kontrolleras när du sparar.",
    "Images": "Bilder",
    "Alt text of image %(n)s": "Alternativtext för bild %(n)s",
    "Remove this image": "Ta bort den här bilden",
    "Draft saved automatically at %%(at)s.": "Utkastet sparades automatiskt %%(at)s.",
    "Not saved automatically; use Save draft.": "Sparas inte automatiskt; använd Spara utkast.",
    "Save draft": "Spara utkast",
    "Save and preview": "Spara och förhandsgranska",
    "Check and submit": "Kontrollera och skicka in",
    "Calendar": "Kalender",
    "Published %(at)s": "Publicerat %(at)s",
    # The post
    "Version": "Version",
    "approved as it reads now": "godkänt i nuvarande lydelse",
    "The check before publishing": "Kontrollen före publicering",
    "Nothing stops the post: it may go out.": "Inget stoppar inlägget: det får gå ut.",
    "The post cannot go out as it is": "Inlägget kan inte gå ut som det är",
    "The text, with what the check found marked": "Texten, med det som kontrollen hittade markerat",
    "Findings": "Fynd",
    "What": "Vad",
    "Found": "Hittat",
    "Where": "Var",
    "Stops the post": "Stoppar inlägget",
    "No: exception made": "Nej: undantag gjort",
    "No: noted": "Nej: noterat",
    "Preview on each channel": "Förhandsvisning i varje kanal",
    "%(count)s of %(limit)s": "%(count)s av %(limit)s",
    "Approval": "Godkännande",
    "On the platforms": "På plattformarna",
    "Details": "Detaljer",
    "See it on the platform": "Se det på plattformen",
    "What you can do": "Vad du kan göra",
    "Ask for an exception: why should it go out as it is?": (
        "Be om ett undantag: varför ska inlägget gå ut som det är?"
    ),
    "Ask the informatör or the manager": "Fråga informatören eller chefen",
    "Your decision": "Ditt beslut",
    "Record the decision": "Registrera beslutet",
    "Make an exception": "Gör ett undantag",
    "Let it go out with this reason": "Låt det gå ut med den här motiveringen",
    "Move": "Flytta",
    "Cancel the post": "Dra tillbaka inlägget",
    "version %(v)s": "version %(v)s",
    "Exception made by %(person)s (version %(v)s)": "Undantag gjort av %(person)s (version %(v)s)",
    "passed": "gick igenom",
    "blocked": "stoppades",
    # Lists
    "Check rules": "Kontrollregler",
    "Waiting for your approval": "Väntar på ditt godkännande",
    "Nothing waits for your approval.": "Inget väntar på ditt godkännande.",
    "Your drafts and held posts": "Dina utkast och stoppade inlägg",
    "No drafts.": "Inga utkast.",
    "No post has failed.": "Inget inlägg har misslyckats.",
    "Waiting and scheduled": "Väntande och schemalagda",
    "Nothing is scheduled.": "Inget är schemalagt.",
    "Nothing published from Tillit yet.": "Inget har publicerats från Tillit än.",
    # The check rules page
    "Check rules for publishing": "Kontrollregler för publicering",
    "Every post and reply is checked before it goes out for personal identity numbers, other "
    "personal data and the comment policy. Here the organisation adds its own: words and "
    "patterns that mark confidential text, names of people with protected identity (kept only "
    "as a keyed hash; the name itself is never stored), and its own e-mail domains and phone "
    "numbers, which may be published.": (
        "Varje inlägg och svar kontrolleras före publicering mot personnummer, andra "
        "personuppgifter och kommentarspolicyn. Här lägger organisationen till sina egna regler: "
        "ord och mönster som markerar sekretessbelagd text, namn på personer med skyddad "
        "identitet (sparas bara som en nyckelhash; själva namnet lagras aldrig) samt "
        "organisationens egna e-postdomäner och telefonnummer, som får publiceras."
    ),
    "Rules in force": "Gällande regler",
    "Added": "Tillagd",
    "(hidden)": "(dold)",
    "No rules of the organisation's own yet.": "Organisationen har inga egna regler än.",
    "Add a rule": "Lägg till en regel",
    # Messages
    "The draft is saved.": "Utkastet är sparat.",
    "The post passed the check and waits for approval.": (
        "Inlägget klarade kontrollen och väntar på godkännande."
    ),
    "The post passed the check and is scheduled.": "Inlägget klarade kontrollen och är schemalagt.",
    "Not saved: check the form.": "Inte sparat: kontrollera formuläret.",
    "Your decision is recorded.": "Ditt beslut är registrerat.",
    "Write why the post may go out anyway.": "Skriv varför inlägget får gå ut ändå.",
    "The exception is recorded; the author can submit the post.": (
        "Undantaget är registrerat; författaren kan skicka in inlägget."
    ),
    "Asked %(count)s people who may make an exception.": (
        "Frågan har gått till %(count)s personer som får göra undantag."
    ),
    "Enter the date and time as YYYY-MM-DD HH:MM.": "Ange datum och tid som ÅÅÅÅ-MM-DD TT:MM.",
    "The post is moved.": "Inlägget är flyttat.",
    "The post is cancelled; it is kept for the record.": (
        "Inlägget är tillbakadraget; det sparas som dokumentation."
    ),
    "Publishing on %(channel)s is tried again.": "Tillit försöker publicera i %(channel)s igen.",
    "The rule is removed.": "Regeln är borttagen.",
    "The rule is added.": "Regeln är tillagd.",
    # Added with the day move, deletion and the reply check
    "Move to another day (same time)": "Flytta till en annan dag (samma klockslag)",
    "The reply cannot go out: %(what)s found: “%(evidence)s”. Take it out.": (
        "Svaret kan inte skickas: %(what)s hittades: ”%(evidence)s”. Ta bort det."
    ),
    "The post has no time yet: set one first.": "Inlägget har ingen tid än: ange en först.",
    "Nothing is published on that channel to delete.": (
        "Inget är publicerat i den kanalen att radera."
    ),
    "Delete on the platform": "Radera på plattformen",
    "Move to that day": "Flytta till den dagen",
    "Enter the day as YYYY-MM-DD.": "Ange dagen som ÅÅÅÅ-MM-DD.",
    "Deleting the post on %(channel)s is queued.": (
        "Raderingen av inlägget i %(channel)s är köad."
    ),
    # Approval of replies
    "replies need approval too": "svar behöver också godkännas",
    "Replies written in the inbox wait for the approver named above.": (
        "Svar som skrivs i inkorgen väntar på den som godkänner enligt ovan."
    ),
    "replies in the inbox too": "även svar i inkorgen",
    "The reply waits for approval before it is sent; follow it there.": (
        "Svaret väntar på godkännande innan det skickas; följ det här."
    ),
    "A reply cannot carry images.": "Ett svar kan inte ha bilder.",
    "Reply to": "Svar på",
    "a comment": "en kommentar",
}
