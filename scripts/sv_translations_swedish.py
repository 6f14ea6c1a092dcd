"""Swedish for the connectors, stored problem messages, detector names and error pages.

Merged by fill_translations.py. The connector texts are marked in the connector package with
``tillit.core.messages.marked`` (a Django-free gettext_noop) and translated where shown.
"""

SV_SWEDISH = {
    # --- connector settings and validation (connectors/base.py) -----------------------
    "%(platform)s does not take these settings: %(names)s.": (
        "%(platform)s har inte de här inställningarna: %(names)s."
    ),
    "%(platform)s: %(label)s must be filled in.": "%(platform)s: %(label)s måste fyllas i.",
    "%(platform)s: %(label)s must be text.": "%(platform)s: %(label)s måste vara text.",
    "%(platform)s does not allow this action.": "%(platform)s tillåter inte den här åtgärden.",
    "The platform refused: %(reason)s (the platform's code: %(code)s)": (
        "Plattformen sa nej: %(reason)s (plattformens kod: %(code)s)"
    ),
    "The platform refused: %(reason)s": "Plattformen sa nej: %(reason)s",
    "%(platform)s: %(label)s must be a web address (http or https).": (
        "%(platform)s: %(label)s måste vara en webbadress (http eller https)."
    ),
    "%(platform)s: %(label)s must not contain a user name or password.": (
        "%(platform)s: %(label)s får inte innehålla användarnamn eller lösenord."
    ),
    # --- connector errors (connectors/errors.py, http.py, parsing.py) -------------------
    "The platform could not be used: %(detail)s": "Plattformen gick inte att använda: %(detail)s",
    "The platform could not be used.": "Plattformen gick inte att använda.",
    "The platform's answer could not be read: %(detail)s": (
        "Plattformens svar gick inte att läsa: %(detail)s"
    ),
    "The address is not allowed: %(reason)s": "Adressen är inte tillåten: %(reason)s",
    "Tillit did not connect: the address points to an internal or local server "
    "(%(reason)s).": "Tillit anslöt inte: adressen pekar på en intern eller lokal server "
    "(%(reason)s).",
    "The address changed: enter %(parameters)s again.": (
        "Adressen har ändrats: fyll i %(parameters)s igen."
    ),
    "The answer repeats the field %(key)s.": "Svaret innehåller fältet %(key)s två gånger.",
    "The answer contains a value JSON does not allow (%(name)s).": (
        "Svaret innehåller ett värde som JSON inte tillåter (%(name)s)."
    ),
    "The answer is not valid JSON (%(kind)s).": "Svaret är inte giltig JSON (%(kind)s).",
    "The answer is too large (%(size)s bytes, the limit is %(limit)s).": (
        "Svaret är för stort (%(size)s byte, gränsen är %(limit)s)."
    ),
    "The answer is larger than the limit of %(limit)s bytes.": (
        "Svaret är större än gränsen på %(limit)s byte."
    ),
    "The platform's address could not be looked up (%(reason)s).": (
        "Plattformens adress gick inte att slå upp (%(reason)s)."
    ),
    "The platform did not answer in time.": "Plattformen svarade inte i tid.",
    "The network connection to the platform failed (%(kind)s).": (
        "Nätverksanslutningen till plattformen misslyckades (%(kind)s)."
    ),
    "The platform answered with an unexpected redirect (HTTP %(status)s).": (
        "Plattformen svarade med en oväntad omdirigering (HTTP %(status)s)."
    ),
    "The platform answered HTTP %(status)s. The platform's answer: %(answer)s": (
        "Plattformen svarade HTTP %(status)s. Plattformens svar: %(answer)s"
    ),
    "The platform answered HTTP %(status)s.": "Plattformen svarade HTTP %(status)s.",
    "The saved reading position is not one this connector wrote.": (
        "Den sparade läspositionen kommer inte från den här kopplingen."
    ),
    "%(where)s: the field %(key)s is missing.": "%(where)s: fältet %(key)s saknas.",
    "%(where)s: expected %(expected)s, got %(got)s.": (
        "%(where)s: väntade %(expected)s, fick %(got)s."
    ),
    "an object": "ett objekt",
    "a list": "en lista",
    "a string": "text",
    "an id": "ett id",
    "%(where)s: the id is empty.": "%(where)s: id:t är tomt.",
    "true or false": "sant eller falskt",
    "a non-negative integer": "ett heltal som inte är negativt",
    "a timestamp": "en tidpunkt",
    "%(where)s: %(value)s is not an ISO 8601 timestamp.": (
        "%(where)s: %(value)s är inte en tidpunkt enligt ISO 8601."
    ),
    "%(where)s: the timestamp %(value)s has no time zone.": (
        "%(where)s: tidpunkten %(value)s saknar tidszon."
    ),
    "a number of seconds since 1970": "ett antal sekunder sedan 1970",
    "%(where)s: the time is out of range.": "%(where)s: tiden ligger utanför det möjliga.",
    # --- connector names, settings and what each platform cannot do ---------------------
    "Bluesky": "Bluesky",
    "Handle or DID, e.g. kommun.bsky.social": "Användarnamn eller DID, t.ex. kommun.bsky.social",
    "App password (with direct-message access)": "Applösenord (med åtkomst till direktmeddelanden)",
    "PDS URL": "PDS-adress (URL)",
    "Bluesky posts live in their authors' repositories; nobody else can delete them. "
    "Hide the reply (thread gate, threads the organisation started), block the author, or "
    "report the post to Bluesky moderation.": "Inlägg på Bluesky ligger i författarens eget "
    "arkiv; ingen annan kan radera dem. Dölj svaret (trådspärr, i trådar som organisationen "
    "startat), blockera författaren eller anmäl inlägget till Blueskys moderering.",
    "The post no longer exists.": "Inlägget finns inte längre.",
    "Only replies can be hidden on Bluesky.": "På Bluesky kan bara svar döljas.",
    "Bluesky only lets the thread's author hide its replies.": (
        "Bluesky låter bara den som startade tråden dölja svaren i den."
    ),
    "Only the account's own posts can be deleted.": "Bara kontots egna inlägg kan raderas.",
    "Bluesky needs the author's account id (DID) to block them.": (
        "Bluesky behöver författarens konto-id (DID) för att blockera."
    ),
    "%(value)s is not a Bluesky address (AT URI).": (
        "%(value)s är inte en Bluesky-adress (AT URI)."
    ),
    "%(where)s: the author is missing. Has the Page token been given the "
    "pages_read_user_content permission?": "%(where)s: författaren saknas. Har sidans token "
    "fått behörigheten pages_read_user_content?",
    "Facebook (Page)": "Facebook (sida)",
    "Page id": "Sidans id",
    "Page access token": "Sidans åtkomsttoken",
    "App secret (webhooks, appsecret_proof)": "Apphemlighet (webhooks, appsecret_proof)",
    "Webhook verify token": "Verifieringstoken för webhooks",
    "Graph API version": "Version av Graph API",
    "The Graph API cannot report content to Meta. Report it in Facebook itself (the "
    "comment's menu, 'Report'); hiding is available here at once.": "Graph API kan inte "
    "anmäla innehåll till Meta. Anmäl det i Facebook (kommentarens meny, ”Anmäl”); att dölja "
    "går att göra här direkt.",
    "Facebook did not confirm the block.": "Facebook bekräftade inte blockeringen.",
    "Facebook did not confirm that it was done (%(where)s).": (
        "Facebook bekräftade inte att det blev gjort (%(where)s)."
    ),
    "Instagram (professional account)": "Instagram (professionellt konto)",
    "Instagram user id": "Instagram-användarens id",
    "Access token": "Åtkomsttoken",
    "Linked Facebook Page id (direct messages)": "Id för kopplad Facebooksida (direktmeddelanden)",
    "App secret (webhooks)": "Apphemlighet (webhooks)",
    "The Instagram API cannot block or restrict accounts. Block or 'Restrict' the account "
    "in the Instagram app; hiding and deleting comments work here.": "Instagrams API kan inte "
    "blockera eller begränsa konton. Blockera eller ”Begränsa” kontot i Instagram-appen; att "
    "dölja och radera kommentarer går här.",
    "The Instagram API cannot report content. Report it in the Instagram app.": (
        "Instagrams API kan inte anmäla innehåll. Anmäl det i Instagram-appen."
    ),
    "Instagram posts need an image or video container; text-only publishing is not "
    "possible through the API.": "Inlägg på Instagram behöver en bild eller video; att "
    "publicera enbart text går inte genom API:et.",
    "%(value)s is not a LinkedIn comment id.": "%(value)s är inte ett kommentars-id på LinkedIn.",
    "LinkedIn (organisation page)": "LinkedIn (organisationssida)",
    "Organisation id (numeric)": "Organisationens id (siffror)",
    "Access token (r/w_organization_social)": "Åtkomsttoken (r/w_organization_social)",
    "LinkedIn-Version (YYYYMM)": "LinkedIn-version (ÅÅÅÅMM)",
    "LinkedIn has no way to hide a comment, neither in the API nor on the page. Delete it "
    "here (capture comes first) or leave it and reply.": "LinkedIn kan inte dölja kommentarer, "
    "varken i API:et eller på sidan. Radera den här (den bevaras först) eller låt den vara "
    "och svara.",
    "LinkedIn has no hiding, so there is nothing to undo.": (
        "LinkedIn kan inte dölja, så det finns inget att ångra."
    ),
    "Organisation pages cannot block members through the API. A page admin can report the "
    "member in LinkedIn; deleting the comment works here.": "Organisationssidor kan inte "
    "blockera medlemmar genom API:et. En sidadministratör kan anmäla medlemmen i LinkedIn; "
    "att radera kommentaren går här.",
    "The API cannot report content; report it in LinkedIn itself.": (
        "API:et kan inte anmäla innehåll; anmäl det i LinkedIn."
    ),
    "This is not a LinkedIn post or comment.": "Det här är inte ett inlägg eller en kommentar "
    "på LinkedIn.",
    "Mastodon": "Mastodon",
    "Instance URL, e.g. https://mastodon.social": "Serverns adress, t.ex. https://mastodon.social",
    "Mastodon cannot hide other people's replies: they live on their authors' servers. Block "
    "the author (their replies disappear for this account), report the post to the instance "
    "moderators, or delete the organisation's own post.": "Mastodon kan inte dölja andras svar: "
    "de ligger på författarnas egna servrar. Blockera författaren (svaren försvinner för det "
    "här kontot), anmäl inlägget till serverns moderatorer eller radera organisationens eget "
    "inlägg.",
    "Mastodon has no hiding, so there is nothing to undo.": (
        "Mastodon kan inte dölja, så det finns inget att ångra."
    ),
    "Mastodon cannot delete other people's posts. Report the post to the instance "
    "moderators (they can remove it), block the author, or delete the organisation's own "
    "post the reply hangs on.": "Mastodon kan inte radera andras inlägg. Anmäl inlägget till "
    "serverns moderatorer (de kan ta bort det), blockera författaren eller radera "
    "organisationens eget inlägg som svaret hör till.",
    "Mastodon rejected the access token.": "Mastodon godtog inte åtkomsttoken.",
    "Mastodon asks Tillit to slow down.": "Mastodon ber Tillit att sakta ner.",
    "Mastodon could not be reached (%(kind)s).": "Mastodon gick inte att nå (%(kind)s).",
    "Not found on the Mastodon server.": "Finns inte på Mastodon-servern.",
    "Mastodon's answer could not be read.": "Mastodons svar gick inte att läsa.",
    "Mastodon's answer could not be read (%(kind)s).": (
        "Mastodons svar gick inte att läsa (%(kind)s)."
    ),
    "Visibility on Mastodon: %(visibility)s": "Synlighet på Mastodon: %(visibility)s",
    "The Mastodon server did not confirm the block.": (
        "Mastodon-servern bekräftade inte blockeringen."
    ),
    "A feed is read only; act on the site that publishes it.": (
        "Ett flöde kan bara läsas; gör ändringar på webbplatsen som publicerar det."
    ),
    "The feed is not well-formed (%(reason)s).": "Flödet är inte korrekt uppbyggt (%(reason)s).",
    "The address does not give an RSS or Atom feed.": (
        "Adressen ger inte något RSS- eller Atom-flöde."
    ),
    "RSS/Atom feed": "RSS/Atom-flöde",
    "Feed URL": "Flödets adress (URL)",
    "X (Twitter)": "X (Twitter)",
    "User id (numeric)": "Användarens id (siffror)",
    "OAuth 2.0 user access token": "Åtkomsttoken för användaren (OAuth 2.0)",
    "API base URL": "API:ets basadress (URL)",
    "X cannot delete other people's posts. Hide the reply (it moves behind 'hidden "
    "replies'), block the author, or report the post in the X app.": "X kan inte radera andras "
    "inlägg. Dölj svaret (det flyttas till ”dolda svar”), blockera författaren eller anmäl "
    "inlägget i X-appen.",
    "The X API cannot report posts; report them in the X app.": (
        "X:s API kan inte anmäla inlägg; anmäl dem i X-appen."
    ),
    "X did not confirm the change.": "X bekräftade inte ändringen.",
    "X did not confirm the deletion.": "X bekräftade inte raderingen.",
    "X did not confirm the block.": "X bekräftade inte blockeringen.",
    "YouTube": "YouTube",
    "Channel id (UC...)": "Kanalens id (UC…)",
    "OAuth access token (youtube.force-ssl)": "Åtkomsttoken för OAuth (youtube.force-ssl)",
    "The Data API no longer lets apps report comments (markAsSpam is retired). Report in "
    "YouTube Studio; 'delete' here rejects the comment instead.": "Data API låter inte längre "
    "appar anmäla kommentarer (markAsSpam finns inte kvar). Anmäl i YouTube Studio; ”radera” "
    "här avvisar kommentaren i stället.",
    "YouTube needs one of the author's comments to block them.": (
        "YouTube behöver en av författarens kommentarer för att kunna blockera."
    ),
    # --- stored messages (core/messages.py, inbox services) ----------------------------
    "Recorded text: %(text)s": "Registrerad text: %(text)s",
    "Unexpected fault (%(kind)s: %(detail)s).": "Oväntat fel (%(kind)s: %(detail)s).",
    "%(field)s is missing.": "Uppgiften %(field)s saknas.",
    "%(field)s is not text.": "Uppgiften %(field)s är inte text.",
    "%(field)s has %(length)s characters, over the limit of %(limit)s.": (
        "Uppgiften %(field)s har %(length)s tecken, över gränsen på %(limit)s."
    ),
    "%(field)s contains control or invalid characters.": (
        "Uppgiften %(field)s innehåller styrtecken eller ogiltiga tecken."
    ),
    "platform id": "plattformens id",
    "author id": "författarens id",
    "parent id": "id för det som besvaras",
    "thread id": "trådens id",
    "The kind %(kind)s is unknown.": "Typen %(kind)s är okänd.",
    "Could not be stored (%(kind)s: %(detail)s).": ("Kunde inte lagras (%(kind)s: %(detail)s)."),
    "The text of %(length)s characters was stored cut at %(limit)s; the raw payload keeps "
    "it whole.": "Texten på %(length)s tecken lagrades avkortad vid %(limit)s; "
    "originaldatat bevarar den hel.",
    "The platform asks Tillit to slow down: %(reason)s": (
        "Plattformen ber Tillit att sakta ner: %(reason)s"
    ),
    "Temporary failure: %(reason)s": "Tillfälligt fel: %(reason)s",
    "Gave up after %(attempts)s attempts: %(reason)s": (
        "Gav upp efter %(attempts)s försök: %(reason)s"
    ),
    "Unexpected fault in Tillit (%(kind)s: %(detail)s).": (
        "Oväntat fel i Tillit (%(kind)s: %(detail)s)."
    ),
    "The platform asks Tillit to slow down (next try in %(seconds)s s): %(reason)s": (
        "Plattformen ber Tillit att sakta ner (nästa försök om %(seconds)s s): %(reason)s"
    ),
    "Unknown connector": "Okänd koppling",
    # --- detector names (moderation/choices.py) ---------------------------------------
    "unlawful threat": "olaga hot",
    "threat of violence": "hot om våld",
    "incitement": "uppvigling",
    "harassment": "trakasserier",
    "attack on a group": "angrepp på en grupp",
    "sexism": "sexism",
    "personal identity number": "personnummer",
    "coordination number": "samordningsnummer",
    "phone number": "telefonnummer",
    "e-mail address": "e-postadress",
    "postal address": "postadress",
    "bank account (IBAN)": "bankkonto (IBAN)",
    "bank account number": "bankkontonummer",
    "health information": "hälsouppgifter",
    "discount code": "rabattkod",
    "sales link": "försäljningslänk",
    "sales pitch": "säljprat",
    "repeated links": "upprepade länkar",
    "link to pirated material": "länk till piratkopierat material",
    "file-sharing link": "fildelningslänk",
    "offer of copied material": "erbjudande om kopierat material",
    "long copied text": "lång kopierad text",
    "Defamation, personal attacks or insults": "Förtal, personliga angrepp eller förolämpningar",
    "Agitation against a group, sexist remarks or other harassment": (
        "Hets mot folkgrupp, sexistiska yttranden eller andra trakasserier"
    ),
    "Unlawful depictions of violence or pornography": (
        "Olovliga våldsskildringar eller pornografi"
    ),
    "Incitement to crime or other criminal activity": (
        "Uppmaningar till brott eller annan brottslig verksamhet"
    ),
    "Unlawful use of copyrighted material": "Olovligt bruk av upphovsrättsligt skyddat material",
    "Profanity or obscene words": "Svordomar eller obscena ord",
    "Commercial messages or advertising": "Kommersiella budskap eller reklam",
    "Offending personal data": "Kränkande personuppgifter",
    "other content": "annat innehåll",
    "other check": "annan kontroll",
    "another language": "annat språk",
    # --- error pages (web/errors.py) --------------------------------------------------
    "The form could not be sent": "Formuläret kunde inte skickas",
    "The page had been open too long, or you signed in again in another window. Go back, "
    "reload the page and send the form again.": "Sidan hade varit öppen för länge, eller så "
    "loggade du in på nytt i ett annat fönster. Gå tillbaka, ladda om sidan och skicka "
    "formuläret igen.",
}
