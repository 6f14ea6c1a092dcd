"""Swedish for publishing through the connectors (merged by fill_translations.py)."""

SV_PUBCONN = {
    # The post rules every publishing connector checks before anything is uploaded.
    "A post on %(platform)s needs at least one image.": (
        "Ett inlägg på %(platform)s måste ha minst en bild."
    ),
    "Too many images for %(platform)s: a post takes %(count)s at most.": (
        "För många bilder för %(platform)s: ett inlägg får ha högst %(count)s."
    ),
    "%(platform)s cannot take a link with a post.": (
        "%(platform)s kan inte ta emot en länk i ett inlägg."
    ),
    "%(platform)s does not take images of the type %(type)s.": (
        "%(platform)s tar inte emot bilder av typen %(type)s."
    ),
    "The image %(name)s is larger than %(platform)s allows "
    "(%(size)s bytes, the limit is %(limit)s).": (
        "Bilden %(name)s är större än %(platform)s tillåter (%(size)s byte, gränsen är %(limit)s)."
    ),
    # Instagram.
    "Instagram fetches each image from a public web address, and an image in this post has none.": (
        "Instagram hämtar varje bild från en offentlig webbadress, och en bild i det här "
        "inlägget saknar en sådan."
    ),
    "%(where)s: the id is not one Tillit can use.": (
        "%(where)s: id:t går inte att använda i Tillit."
    ),
    # Mastodon.
    "Mastodon is still processing the image; try again later.": (
        "Mastodon bearbetar fortfarande bilden; försök igen senare."
    ),
    "Mastodon gave the image an id Tillit cannot use.": (
        "Mastodon gav bilden ett id som Tillit inte kan använda."
    ),
    # X.
    "X gave the image an id that is not a number.": ("X gav bilden ett id som inte är ett nummer."),
    # LinkedIn.
    "LinkedIn gave the image an id Tillit cannot use: %(id)s": (
        "LinkedIn gav bilden ett id som Tillit inte kan använda: %(id)s"
    ),
    "LinkedIn answered with an upload address outside LinkedIn: %(url)s": (
        "LinkedIn svarade med en uppladdningsadress utanför LinkedIn: %(url)s"
    ),
    # Why YouTube and a feed cannot publish.
    "YouTube has no API for community posts, and videos are uploaded in YouTube Studio. "
    "Publish there; Tillit reads the comments that follow.": (
        "YouTube har inget API för communityinlägg, och videor laddas upp i YouTube Studio. "
        "Publicera där; Tillit läser kommentarerna som kommer."
    ),
    "A feed is read only: write the news item or blog post in the system that publishes "
    "the site, and the feed shows it.": (
        "Ett flöde går bara att läsa: skriv nyheten eller blogginlägget i systemet som "
        "publicerar webbplatsen, så visar flödet det."
    ),
}
