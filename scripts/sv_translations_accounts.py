"""Swedish for local accounts: invitations, password reset, two-step verification and
reactivation (issue 15; merged by fill_translations.py)."""

SV_ACCOUNTS = {
    "Local accounts are off: people sign in with the organisation's account.": (
        "Lokala konton är avstängda: alla loggar in med organisationens konto."
    ),
    "%(name)s has left and cannot be invited.": ("%(name)s har slutat och kan inte bjudas in."),
    "%(name)s has no e-mail address.": "%(name)s har ingen e-postadress.",
    "Your account in Tillit": "Ditt konto i Tillit",
    "Hello %(name)s,\n\nYou have an account in Tillit, %(organisation)s's system for its "
    "social media channels. Your user name is %(username)s.\n\nChoose your password here "
    "(the link works once, for %(days)s days):\n%(link)s\n\nIf you did not expect this "
    "message, ignore it.": (
        "Hej %(name)s!\n\nDu har fått ett konto i Tillit, %(organisation)s system för sina "
        "kanaler i sociala medier. Ditt användarnamn är %(username)s.\n\nVälj ditt lösenord "
        "här (länken fungerar en gång, i %(days)s dagar):\n%(link)s\n\nOm du inte väntade "
        "dig det här meddelandet kan du bortse från det."
    ),
    "The invitation could not be sent by e-mail. Try again later.": (
        "Inbjudan kunde inte skickas med e-post. Försök igen senare."
    ),
    "invited": "inbjuden",
    "Another administrator must reactivate you.": (
        "En annan administratör måste återaktivera dig."
    ),
    "Password": "Lösenord",
    "Set": "Valt",
    "Not set yet; invitation sent %(when)s": "Inte valt ännu; inbjudan skickad %(when)s",
    "Not set; no invitation sent": "Inte valt; ingen inbjudan skickad",
    "Send a new invitation": "Skicka en ny inbjudan",
    "Send an invitation": "Skicka en inbjudan",
    "The invitation is an e-mail with a link that sets the password; it works once and "
    "expires. A new invitation makes the earlier links stop working once the password is "
    "set.": (
        "Inbjudan är ett e-postmeddelande med en länk där personen väljer sitt lösenord; "
        "länken fungerar en gång och slutar gälla efter en tid. När lösenordet väl är valt "
        "slutar alla tidigare länkar att fungera."
    ),
    "Two-step verification": "Tvåstegsverifiering",
    "Deactivate…": "Avaktivera …",
    "Reactivate": "Återaktivera",
    "If the person was deactivated by mistake or has come back, the login can work again. "
    "Roles are kept; mandates for channels are given anew by the manager.": (
        "Om personen avaktiverades av misstag eller har kommit tillbaka kan inloggningen "
        "fungera igen. Rollerna finns kvar; uppdrag för kanaler ges på nytt av chefen."
    ),
    "Deactivate %(name)s": "Avaktivera %(name)s",
    "Deactivate %(name)s?": "Avaktivera %(name)s?",
    "The login stops working and every session ends at once, on every device.": (
        "Inloggningen slutar fungera och alla sessioner avslutas direkt, på alla enheter."
    ),
    "Every mandate for a channel ends; channels left without an administrator or substitute "
    "are flagged and their managers told.": (
        "Alla uppdrag för kanaler upphör; kanaler som blir utan administratör eller "
        "ersättare flaggas och deras chefer meddelas."
    ),
    "What the person did stays in the audit trail and the records.": (
        "Det personen har gjort finns kvar i granskningsloggen och i handlingarna."
    ),
    "Another organisation administrator can undo this from the person's page.": (
        "En annan organisationsadministratör kan ångra det från personens sida."
    ),
    "This is your own account: you will be signed out, and only another administrator can "
    "let you back in.": (
        "Det här är ditt eget konto: du loggas ut, och bara en annan administratör kan "
        "släppa in dig igen."
    ),
    "%(name)s can sign in again.": "%(name)s kan logga in igen.",
    "An invitation to set a password was sent to %(email)s.": (
        "En inbjudan att välja lösenord skickades till %(email)s."
    ),
    "Save the password": "Spara lösenordet",
    "This link no longer works: it has been used, it has expired, or the account is no "
    "longer active.": (
        "Länken fungerar inte längre: den har redan använts, den har gått ut, eller kontot "
        "är inte längre aktivt."
    ),
    "Turn on two-step verification": "Slå på tvåstegsverifiering",
    "Organisation administrators who sign in with a password must use two-step "
    "verification. Turn it on to continue.": (
        "Organisationsadministratörer som loggar in med lösenord måste använda "
        "tvåstegsverifiering. Slå på den för att fortsätta."
    ),
    "Install an authenticator app on your phone (for example Microsoft Authenticator, "
    "Google Authenticator or FreeOTP).": (
        "Installera en autentiseringsapp i din telefon (till exempel Microsoft "
        "Authenticator, Google Authenticator eller FreeOTP)."
    ),
    "Scan the code with the app, or type the key below into it.": (
        "Skanna koden med appen, eller skriv in nyckeln nedan i den."
    ),
    "QR code with the key for the authenticator app": (
        "QR-kod med nyckeln till autentiseringsappen"
    ),
    "Key:": "Nyckel:",
    "Give the six-digit code the app now shows.": "Ange den sexsiffriga kod som appen nu visar.",
    "Turn on": "Slå på",
    "The password is saved": "Lösenordet är sparat",
    "You can sign in with your user name and the new password. The link you used no longer "
    "works.": (
        "Du kan logga in med ditt användarnamn och det nya lösenordet. Länken du använde "
        "fungerar inte längre."
    ),
    "Choose a new password": "Välj ett nytt lösenord",
    "Ask for a new link on the page “Forgot your password?”.": (
        "Be om en ny länk på sidan ”Glömt lösenordet?”."
    ),
    "Forgot your password?": "Glömt lösenordet?",
    "Hello,\n\nSomeone (hopefully you) asked for a new password for the Tillit account "
    "%(username)s. Choose it here; the link works once, for an hour:": (
        "Hej!\n\nNågon (förhoppningsvis du) har bett om ett nytt lösenord för Tillit-kontot "
        "%(username)s. Välj det här; länken fungerar en gång, i en timme:"
    ),
    "If you did not ask for this, ignore this message: your password stays as it is.": (
        "Om det inte var du kan du bortse från meddelandet: ditt lösenord är oförändrat."
    ),
    "Give the e-mail address of your account. If it belongs to an active account with a "
    "password, a link to choose a new password is sent there; it works once, for an hour.": (
        "Ange ditt kontos e-postadress. Om den hör till ett aktivt konto med lösenord "
        "skickas en länk dit där du väljer ett nytt lösenord; den fungerar en gång, i en "
        "timme."
    ),
    "Send the link": "Skicka länken",
    "Check your e-mail": "Titta i din e-post",
    "If the address belongs to an active account, a link to choose a new password is on its "
    "way. It works once, for an hour. Nothing arrived? Check the spam folder, or ask your "
    "organisation's administrator of Tillit.": (
        "Om adressen hör till ett aktivt konto är en länk för att välja nytt lösenord på "
        "väg. Den fungerar en gång, i en timme. Kom inget? Titta i skräpposten, eller fråga "
        "din organisations administratör för Tillit."
    ),
    "A new password for Tillit": "Ett nytt lösenord för Tillit",
    "Open the authenticator app on your phone and give the six-digit code it shows for Tillit.": (
        "Öppna autentiseringsappen i din telefon och ange den sexsiffriga kod som den visar "
        "för Tillit."
    ),
    "Continue": "Fortsätt",
    "Lost your phone? Ask your organisation's administrator of Tillit to remove the "
    "authenticator; you then enrol a new one.": (
        "Har du tappat bort telefonen? Be din organisations administratör för Tillit att ta "
        "bort autentiseringsappen; sedan registrerar du en ny."
    ),
    "Two-step verification for %(name)s": "Tvåstegsverifiering för %(name)s",
    "The person has an authenticator app enrolled. Remove it when the phone is lost or "
    "replaced: every session of the person ends, and at the next sign-in with a password "
    "they enrol a new one (required for organisation administrators).": (
        "Personen har en autentiseringsapp registrerad. Ta bort den när telefonen har "
        "kommit bort eller bytts ut: alla personens sessioner avslutas, och vid nästa "
        "inloggning med lösenord registrerar personen en ny (ett krav för "
        "organisationsadministratörer)."
    ),
    "Remove the authenticator": "Ta bort autentiseringsappen",
    "The person has no authenticator app enrolled.": (
        "Personen har ingen autentiseringsapp registrerad."
    ),
    "Choose your password": "Välj ditt lösenord",
    "Welcome to Tillit": "Välkommen till Tillit",
    "Choose the password for your account <strong>%(username)s</strong>. At least eight "
    "characters; not a common password, not like your name.": (
        "Välj lösenordet för ditt konto <strong>%(username)s</strong>. Minst åtta tecken; "
        "inte ett vanligt lösenord och inte likt ditt namn."
    ),
    "Ask your organisation's administrator of Tillit for a new invitation.": (
        "Be din organisations administratör för Tillit om en ny inbjudan."
    ),
    "Code from the app": "Kod från appen",
    "Too many wrong codes. Try again in %(s)s seconds.": (
        "För många felaktiga koder. Försök igen om %(s)s sekunder."
    ),
    "The code was not right. Check the time on your phone and try again.": (
        "Koden stämde inte. Kontrollera att klockan i telefonen går rätt och försök igen."
    ),
    "The code was not right. Try again in %(s)s seconds.": (
        "Koden stämde inte. Försök igen om %(s)s sekunder."
    ),
    "%(name)s's authenticator was removed; they enrol a new one at the next sign-in.": (
        "Autentiseringsappen för %(name)s togs bort; en ny registreras vid nästa inloggning."
    ),
}
