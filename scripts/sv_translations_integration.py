"""Swedish for texts that met when the issue-11 branches were merged (merged by
fill_translations.py)."""

SV_INTEGRATION = {
    "Tillit does not yet read a Bluesky post's state back; check the post in Bluesky.": (
        "Tillit kan ännu inte läsa av ett inläggs läge på Bluesky; kontrollera inlägget i Bluesky."
    ),
    "Graph API address": "Graph API-adress",
    "Tillit does not yet read an Instagram comment's state back; check the comment in Instagram.": (
        "Tillit kan ännu inte läsa av en kommentars läge på Instagram; kontrollera kommentaren "
        "i Instagram."
    ),
    "LinkedIn's API gives Tillit no way to read a comment's state back; check it on LinkedIn.": (
        "LinkedIns API ger Tillit inget sätt att läsa av en kommentars läge; kontrollera den "
        "på LinkedIn."
    ),
    "A feed cannot be acted on, so there is no state to read back.": (
        "Ett flöde går inte att åtgärda, så det finns inget läge att läsa av."
    ),
    "Tillit does not yet read a post's state back from X; check the post on X.": (
        "Tillit kan ännu inte läsa av ett inläggs läge på X; kontrollera inlägget på X."
    ),
    "Tillit does not yet read a YouTube comment's moderation state back; check it in YouTube "
    "Studio.": (
        "Tillit kan ännu inte läsa av en kommentars modereringsläge på YouTube; kontrollera den "
        "i YouTube Studio."
    ),
    "Replaced by a newer decision: %(reason)s": "Ersatt av ett nyare beslut: %(reason)s",
    "The platform still does not show the effect after %(times)s attempts.": (
        "Plattformen visar fortfarande inte åtgärden efter %(times)s försök."
    ),
}
