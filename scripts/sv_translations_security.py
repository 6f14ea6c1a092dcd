"""Swedish for the audit checkpoints and the sign-in lockout (merged by fill_translations.py)."""

SV_SECURITY = {
    "Tillit signed the head of its audit trail. Keep this message: it lets "
    "`tillit audit verify --checkpoints FILE` prove that entries up to #%(seq)s "
    "have not been changed or deleted since.\n\n%(line)s": "Tillit har signerat den senaste "
    "posten i granskningsloggen. Spara det här meddelandet: med det kan "
    "`tillit audit verify --checkpoints FIL` visa att posterna till och med #%(seq)s "
    "inte har ändrats eller raderats sedan dess.\n\n%(line)s",
    "Audit trail checkpoint #%(seq)s": "Kontrollpunkt för granskningsloggen #%(seq)s",
}

SV_SECURITY_PLURAL = {
    "Too many failed sign-ins. Try again in %(minutes)d minute.": (
        "För många misslyckade inloggningar. Försök igen om %(minutes)d minut.",
        "För många misslyckade inloggningar. Försök igen om %(minutes)d minuter.",
    ),
}
