"""Swedish for OpenID Connect sign-in (issue 15, tillit.signin; merged by fill_translations.py)."""

SV_OIDC = {
    "Sign-in": "Inloggning",
    "issuer": "utfärdare",
    "subject": "subjekt",
    "created": "skapad",
    "last sign-in": "senaste inloggning",
    "sign-in identity": "inloggningsidentitet",
    "sign-in identities": "inloggningsidentiteter",
    "You could not be signed in": "Du kunde inte loggas in",
    "You are not known in Tillit, or your account here is no longer active.": (
        "Du är inte känd i Tillit, eller så är ditt konto här inte längre aktivt."
    ),
    "Contact the administrator of Tillit at %(name)s: they can add you or reactivate your "
    "account, and give you your roles.": (
        "Kontakta administratören för Tillit på %(name)s. Hen kan lägga till dig eller "
        "återaktivera ditt konto och ge dig dina roller."
    ),
    "Contact your organisation's administrator of Tillit: they can add you or reactivate "
    "your account, and give you your roles.": (
        "Kontakta din organisations administratör för Tillit. Hen kan lägga till dig eller "
        "återaktivera ditt konto och ge dig dina roller."
    ),
    "If you were signing in and something went wrong on the way, you can try again.": (
        "Om något gick fel på vägen när du loggade in kan du försöka igen."
    ),
    "Back to sign-in": "Tillbaka till inloggningen",
    "Sign-in is not available right now": "Inloggningen är inte tillgänglig just nu",
    "Your organisation's sign-in service did not answer. Nothing was changed. Try again in "
    "a while.": (
        "Organisationens inloggningstjänst svarar inte. Inget har ändrats. Försök igen om en stund."
    ),
    "If it goes on, contact the administrator of Tillit at %(name)s.": (
        "Om det fortsätter, kontakta administratören för Tillit på %(name)s."
    ),
    "If it goes on, contact your organisation's administrator of Tillit.": (
        "Om det fortsätter, kontakta din organisations administratör för Tillit."
    ),
    "Sign in with %(label)s": "Logga in med %(label)s",
    "Sign in with your organisation's account": "Logga in med organisationens konto",
}
