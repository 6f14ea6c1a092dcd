"""Swedish for follow-up (issue 14): the profile audit's checks and the text to paste
(merged by fill_translations.py)."""

SV_FOLLOWUP = {
    "Says who is behind the channel": "Säger vem som står bakom kanalen",
    "This channel is run by %(sender)s.": "Kanalen drivs av %(sender)s.",
    "States the channel's purpose": "Anger kanalens syfte",
    "Links to the comment rules": "Länkar till kommentarsreglerna",
    "Comment rules: %(url)s": "Kommentarsregler: %(url)s",
    "Links to the organisation's website": "Länkar till organisationens webbplats",
    "Website: %(url)s": "Webbplats: %(url)s",
    "Links to the collection of all channels": "Länkar till samlingssidan för alla kanaler",
    "All our channels: %(url)s": "Alla våra kanaler: %(url)s",
    "The profile says who is behind the channel, its purpose and rules, and links to the "
    "website and the link collection.": (
        "Profilen anger vem som står bakom kanalen, dess syfte och regler och länkar till "
        "webbplatsen och samlingssidan."
    ),
    "The profile lacks: %(missing)s. Add this to the profile: %(paste)s": (
        "Profilen saknar: %(missing)s. Lägg till det här i profilen: %(paste)s"
    ),
}
