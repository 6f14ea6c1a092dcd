"""Swedish for the connectors' reach and engagement figures (issue 14, R23): what each
platform's figures mean, and why one is missing (merged by fill_translations.py)."""

SV_INSIGHTS = {
    # The figures' names, used inside the sentences below.
    "the follower count": "antalet följare",
    "views": "visningar",
    "reach": "räckvidd",
    "engagements": "engagemang",
    "the figures per post": "siffrorna per inlägg",
    "the figures for the period": "siffrorna för perioden",
    "Tillit could not get %(figure)s from %(platform)s: %(reason)s": (
        "Tillit kunde inte hämta %(figure)s från %(platform)s: %(reason)s"
    ),
    "%(platform)s did not send %(figure)s.": "%(platform)s skickade inte %(figure)s.",
    "%(platform)s sent %(count)s figures that are not counts (text, negative or too large); "
    "they are left out.": (
        "%(platform)s skickade %(count)s värden som inte är antal (text, negativa eller för "
        "stora); de är utelämnade."
    ),
    "Only the %(count)s most recent posts in the period were counted; older ones are left out.": (
        "Bara periodens %(count)s senaste inlägg räknades; äldre inlägg är utelämnade."
    ),
    "Tillit reads no reach or engagement figures from %(platform)s.": (
        "Tillit hämtar inga siffror om räckvidd eller engagemang från %(platform)s."
    ),
    "Tillit reads no reach or engagement figures from this platform.": (
        "Tillit hämtar inga siffror om räckvidd eller engagemang från den här plattformen."
    ),
    # What each platform's figures mean (the report's footnote).
    "Facebook: views are how many times the Page's content was on someone's screen; reach is "
    "how many people it reached, added up day by day (someone reached on two days counts "
    "twice); engagements are reactions, comments, shares and other interactions with the "
    "Page's posts during the period. Followers are the Page's followers when the figures were "
    "fetched; per post, its reactions, comments and shares so far. Facebook counts its days "
    "in Pacific time, updates the figures about once a day and gives them only for Pages with "
    "at least 100 likes.": (
        "Facebook: visningar är hur många gånger sidans innehåll har synts på någons skärm; "
        "räckvidd är hur många personer det nådde, sammanlagt dag för dag (den som nåddes två "
        "dagar räknas två gånger); engagemang är reaktioner, kommentarer, delningar och andra "
        "interaktioner med sidans inlägg under perioden. Följare är sidans följare när "
        "siffrorna hämtades; per inlägg visas dess reaktioner, kommentarer och delningar "
        "hittills. Facebook räknar sina dygn i Stillahavstid, uppdaterar siffrorna ungefär en "
        "gång per dygn och ger dem bara för sidor med minst 100 gillamarkeringar."
    ),
    "Instagram: views are how many times the account's posts, stories and reels were seen; "
    "reach is how many accounts saw them, as Instagram counts it for each stretch of up to 30 "
    "days, added up; engagements are the likes, comments, saves, shares and replies Instagram "
    "counts as interactions. Followers are the account's followers when the figures were "
    "fetched; per post, its likes and comments so far. Instagram keeps account figures for "
    "two years and may take up to two days to count them.": (
        "Instagram: visningar är hur många gånger kontots inlägg, berättelser och reels har "
        "setts; räckvidd är hur många konton som såg dem, så som Instagram räknar det för "
        "varje avsnitt om högst 30 dagar, sammanlagt; engagemang är de gillamarkeringar, "
        "kommentarer, sparningar, delningar och svar som Instagram räknar som interaktioner. "
        "Följare är kontots följare när siffrorna hämtades; per inlägg visas dess "
        "gillamarkeringar och kommentarer hittills. Instagram sparar kontots siffror i två år "
        "och kan behöva upp till två dygn för att räkna dem."
    ),
    "YouTube: the Data API gives no views or reach for a period (that needs the YouTube "
    "Analytics API, which Tillit does not use yet). Engagements are the likes and comments so "
    "far on the videos published in the period; per video, its views, likes and comments so "
    "far. Followers are the channel's subscribers when the figures were fetched, which "
    "YouTube rounds to three significant figures.": (
        "YouTube: Data API ger inga visningar eller någon räckvidd för en period (det kräver "
        "YouTube Analytics API, som Tillit ännu inte använder). Engagemang är "
        "gillamarkeringar och kommentarer hittills på videorna som publicerades under "
        "perioden; per video visas dess visningar, gillamarkeringar och kommentarer hittills. "
        "Följare är kanalens prenumeranter när siffrorna hämtades, avrundade av YouTube till "
        "tre värdesiffror."
    ),
    "Mastodon counts no views or reach: no server knows who read a post on the others. "
    "Engagements are the favourites, boosts and replies so far on the account's own public "
    "posts published in the period (not its replies or boosts of others' posts). Followers "
    "are the account's followers when the figures were fetched, as its own server knows "
    "them.": (
        "Mastodon räknar inga visningar eller någon räckvidd: ingen server vet vem som läst "
        "ett inlägg på de andra. Engagemang är favoritmarkeringar, boostar och svar hittills "
        "på kontots egna offentliga inlägg som publicerades under perioden (inte dess svar "
        "eller boostar av andras inlägg). Följare är kontots följare när siffrorna hämtades, "
        "så som dess egen server känner till dem."
    ),
    "Bluesky counts no views or reach. Engagements are the likes, reposts, replies and quotes "
    "so far on the account's own posts published in the period (not its replies or "
    "reposts). Followers are the account's followers when the figures were fetched.": (
        "Bluesky räknar inga visningar eller någon räckvidd. Engagemang är gillamarkeringar, "
        "reposter, svar och citat hittills på kontots egna inlägg som publicerades under "
        "perioden (inte dess svar eller reposter). Följare är kontots följare när siffrorna "
        "hämtades."
    ),
    "X: views are the impressions X counts so far on the account's own posts published in "
    "the period (not its replies or reposts); engagements are their likes, reposts, replies "
    "and quotes so far. X gives no reach. Followers are the account's followers when the "
    "figures were fetched. X's access tiers limit what an app may read: a free tier may "
    "refuse, and only the 3,200 most recent posts can be read.": (
        "X: visningar är de visningar som X hittills har räknat på kontots egna inlägg som "
        "publicerades under perioden (inte dess svar eller reposter); engagemang är deras "
        "gillamarkeringar, reposter, svar och citat hittills. X ger ingen räckvidd. Följare är "
        "kontots följare när siffrorna hämtades. X:s åtkomstnivåer begränsar vad en app får "
        "läsa: med gratisnivån kan X säga nej, och bara de 3 200 senaste inläggen går att läsa."
    ),
    "LinkedIn: views are the impressions of the organisation's posts during the period; "
    "reach is the members they reached, added up day by day (a member reached on two days "
    "counts twice); engagements are reactions, comments and shares (clicks are not counted). "
    "Followers are the page's followers when the figures were fetched. LinkedIn keeps these "
    "figures for the last 12 months and counts unpaid activity only.": (
        "LinkedIn: visningar är visningarna av organisationens inlägg under perioden; "
        "räckvidd är de medlemmar de nådde, sammanlagt dag för dag (en medlem som nåddes två "
        "dagar räknas två gånger); engagemang är reaktioner, kommentarer och delningar (klick "
        "räknas inte). Följare är sidans följare när siffrorna hämtades. LinkedIn sparar "
        "siffrorna för de senaste 12 månaderna och räknar bara obetald aktivitet."
    ),
    "A feed has no figures for reach or engagement. The statistics of the site that "
    "publishes it (its web analytics) show how many read it.": (
        "Ett flöde har inga siffror om räckvidd eller engagemang. Statistiken för webbplatsen "
        "som publicerar det (dess webbanalys) visar hur många som läser det."
    ),
    # Why a figure is missing.
    "Mastodon has no views or reach: no server knows who read a post.": (
        "Mastodon har inga visningar eller någon räckvidd: ingen server vet vem som läst ett "
        "inlägg."
    ),
    "Bluesky has no views or reach: the network does not count who read a post.": (
        "Bluesky har inga visningar eller någon räckvidd: nätverket räknar inte vem som läst "
        "ett inlägg."
    ),
    "X gives no reach, only views per post.": "X ger ingen räckvidd, bara visningar per inlägg.",
    "X's access tier for this app does not include this (%(answer)s).": (
        "Appens åtkomstnivå hos X omfattar inte detta (%(answer)s)."
    ),
    "YouTube's Data API gives no views or reach for a period; that needs the YouTube "
    "Analytics API, which Tillit does not use yet.": (
        "YouTubes Data API ger inga visningar eller någon räckvidd för en period; det kräver "
        "YouTube Analytics API, som Tillit ännu inte använder."
    ),
    "The channel hides its number of subscribers.": "Kanalen döljer sitt antal prenumeranter.",
    "YouTube did not say where the channel's videos are.": (
        "YouTube talade inte om var kanalens videor finns."
    ),
    "Tillit does not fetch LinkedIn's figures per post.": (
        "Tillit hämtar inte LinkedIns siffror per inlägg."
    ),
    "LinkedIn keeps these figures for 12 months only, and this period is older.": (
        "LinkedIn sparar de här siffrorna i bara 12 månader, och perioden är äldre än så."
    ),
    "LinkedIn keeps these figures for 12 months only: the first days of the period are not "
    "counted.": (
        "LinkedIn sparar de här siffrorna i bara 12 månader: periodens första dagar är inte "
        "medräknade."
    ),
}
