"""Swedish texts for the demo's half-year of history: posts, comments, replies, messages.

Short templates, varied by the generator (history_plan). Every name is made up from the
lists below; the only number that looks like a personnummer is Skatteverket's test number
19121212-1212, and phone numbers are from PTS's range for fiction (070-174 06 05–99).
Rude texts are written to trip the rule they are filed under (test_history checks that
the detectors find that rule in each).
"""

FIRST_NAMES = [
    "Agnes", "Albin", "Alma", "Anders", "Annika", "Arvid", "Astrid", "Axel", "Birgitta",
    "Bo", "Camilla", "Dennis", "Ebba", "Elias", "Ella", "Emil", "Erika", "Filip", "Frida",
    "Gunnar", "Hanna", "Hugo", "Ida", "Inger", "Isak", "Jenny", "Joel", "Julia", "Kerstin",
    "Kim", "Leo", "Linnea", "Lisa", "Lukas", "Maja", "Malin", "Mats", "Moa", "Nora", "Olof",
    "Oskar", "Petra", "Rasmus", "Rut", "Sanna", "Simon", "Siv", "Stina", "Tage", "Tova",
    "Ulf", "Vera", "Viktor", "Wilma", "Yusuf", "Zara", "Amir", "Leyla", "Dragan", "Aino",
]  # fmt: skip
LAST_NAMES = [
    "Albertsson", "Bergkvist", "Blomgren", "Dahlström", "Ekholm", "Fjällström", "Granlund",
    "Hedström", "Holmgren", "Isaksson", "Jonsson", "Karlberg", "Lidström", "Lundmark",
    "Marklund", "Nordlund", "Norberg", "Nyberg", "Öhlund", "Persson", "Renström", "Sandström",
    "Sjölund", "Strömbäck", "Sundqvist", "Wikman", "Vesterlund", "Åström", "Lindgren", "Burman",
]  # fmt: skip

#: Own posts per channel (the channel's key in history_plan.PROFILES).
POSTS = {
    "library": [
        "Sagostund för de minsta på lördag kl. 11 i barnavdelningen. Välkomna!",
        "Veckans boktips: en spännande deckare som utspelar sig i Norrbotten.",
        "Nu finns nya ljudböcker att låna i appen. Logga in med ditt lånekort.",
        "Författarbesök på Stadsbiblioteket på torsdag kl. 18. Fri entré.",
        "Bokcirkeln för vuxna startar igen. Anmäl dig i informationsdisken.",
        "Läxhjälp varje tisdag och torsdag kl. 15–17 för elever i årskurs 4–9.",
        "Vi har fått in nya serieromaner för unga. Kom förbi och bläddra!",
        "Påminnelse: boka dator eller studierum i appen eller i disken.",
        "Digital fixarträff: vi hjälper dig med mobilen och surfplattan.",
        "Nu kan du låna e-böcker dygnet runt med ditt bibliotekskort.",
        "Språkcafé på biblioteket varje onsdag kl. 17. Alla är välkomna att öva svenska.",
        "Filialen i Öjebyn har nya öppettider från och med nästa vecka.",
    ],
    "culture_school": [
        "Terminens första konsert med stråkorkestern. Tack alla som kom!",
        "Öppet hus på kulturskolan på lördag. Prova på instrument, dans och teater.",
        "Nu är anmälan öppen till höstens kurser. Länk i profilen.",
        "Bakom kulisserna: teatergruppen repeterar inför premiären.",
        "Elevkonsert i Studio Acusticum på fredag kl. 18.",
        "Dansgruppen har tränat hela terminen – här är ett smakprov.",
        "Välkommen till vår nya lärare i gitarr och elbas!",
        "Sommarkurs i musikal för dig som är 10–15 år. Få platser kvar.",
    ],
    "youtube": [
        "Kommunfullmäktige i efterhand: hela sammanträdet med kapitelmarkeringar.",
        "Föreläsning på biblioteket: Piteås historia i bilder.",
        "Konsert med kulturskolans storband, inspelad i Studio Acusticum.",
        "Så fungerar biblioteket – en film på lättläst svenska med textning.",
        "Samtal om läsfrämjande med bibliotekens barnbibliotekarier.",
    ],
    "roads": [
        "Vägarbete på Storgatan nästa vecka. Omledning via Sundsgatan.",
        "Snöröjningen pågår i centrum. Flytta bilen från gatan i natt.",
        "Nu byter vi gatubelysning till LED på Norrstrand under oktober.",
        "Samråd om ny detaljplan för Haraholmen. Lämna synpunkter senast den 30:e.",
        "Halkbekämpning på gång- och cykelvägar i hela tätorten.",
        "Vattenavstängning på Öjagatan i morgon kl. 9–13 på grund av läcka.",
        "Ny busshållplats vid Strandnäs klar. Tack för ert tålamod!",
        "Cykelvägen vid Strömnäs stängs för asfaltering i två dagar.",
        "Tömning av slamavskiljare i Roknäs och Jävre denna vecka.",
        "Nu kan du söka bygglov digitalt i e-tjänsten.",
    ],
    "jobs": [
        "Vi söker undersköterskor till hemtjänsten. Välkommen med din ansökan!",
        "Möt våra medarbetare: en dag som lärare på Strömbackaskolan.",
        "Lediga sommarjobb för unga 16–19 år. Ansök senast i mars.",
        "Vi söker en GIS-ingenjör till samhällsbyggnadsförvaltningen.",
        "Välkommen på rekryteringsträff för förskollärare på torsdag.",
        "Traineeprogrammet tar emot ansökningar. Läs mer på vår webbplats.",
    ],
    "mastodon": [
        "Veckans boktips från bibliotekarierna: en roman om ett fiskeläge i norr.",
        "Sagostund på lördag kl. 11. Välkomna!",
        "Nya e-böcker och ljudböcker i appen den här veckan.",
        "Författarsamtal på torsdag kl. 18 på Stadsbiblioteket.",
        "Språkcafé varje onsdag kl. 17.",
    ],
}

STORM_POSTS = [
    "Stormvarning i kväll. Säkra lösa föremål och undvik onödiga resor.",
    "Träd har fallit över vägen vid Pitholm. Vägen är avstängd tills vidare.",
    "Läget just nu: flera vägar är stängda och röjning pågår hela natten.",
    "Strömavbrott i delar av Norrfjärden. Nätbolaget arbetar med felet.",
    "Tack för ert tålamod under stormen. Röjningen fortsätter i dag.",
    "Så anmäler du skador på kommunens mark och träd efter stormen.",
]
FESTIVAL_POSTS = [
    "Kulturveckan är här! Se hela programmet på biblioteket och i appen.",
    "Kväll två av kulturveckan: konsert, poesi och film för hela familjen.",
    "Fullt hus på kulturveckans barnteater. Tack alla som kom!",
    "Sista dagen av kulturveckan – avslutning i Stadsparken kl. 16.",
]

# (question, answer) pairs: a question gets a reply most of the time.
QUESTIONS = {
    "library": [
        (
            "Vilka öppettider har biblioteket i helgen?",
            "Hej! I helgen har vi öppet lördag 11–15. Välkommen!",
        ),
        (
            "Kan man låna e-böcker även om man bor i Älvsbyn?",
            "Hej! Ja, alla med lånekort i Norrbotten kan låna e-böcker hos oss.",
        ),
        (
            "Behöver man anmäla sig till sagostunden?",
            "Hej! Nej, ingen anmälan behövs. Kom i god tid, det brukar bli fullt.",
        ),
        (
            "Hur förnyar jag mina lån?",
            "Hej! Logga in i appen eller på webben, så kan du förnya lånen där.",
        ),
        (
            "Finns det parkering nära biblioteket?",
            "Hej! Det finns parkering vid Rådhustorget, två minuters promenad bort.",
        ),
        (
            "Kan jag lämna tillbaka böcker på filialen?",
            "Hej! Ja, du kan lämna på vilket av våra bibliotek du vill.",
        ),
        (
            "Har ni böcker på arabiska för barn?",
            "Hej! Ja, vi har en hylla med barnböcker på arabiska i barnavdelningen.",
        ),
    ],
    "culture_school": [
        (
            "Hur gammal måste man vara för att börja på dans?",
            "Hej! Dans börjar vi med från sex års ålder. Anmälan finns på webben.",
        ),
        (
            "Finns det platser kvar på gitarr?",
            "Hej! Ja, några platser kvar på onsdagar. Anmäl dig på webben.",
        ),
        ("Kostar konserten något?", "Hej! Nej, elevkonserterna är gratis. Välkomna!"),
        ("När är nästa konsert?", "Hej! Nästa konsert är fredag om två veckor kl. 18."),
    ],
    "youtube": [
        (
            "Finns sammanträdet med textning?",
            "Hej! Ja, slå på undertexter i spelaren så visas textningen.",
        ),
        (
            "När läggs nästa sammanträde upp?",
            "Hej! Vi lägger upp sammanträdet dagen efter att det hållits.",
        ),
        (
            "Ljudet är väldigt lågt i början, går det att fixa?",
            "Hej! Tack för tipset, vi har justerat ljudet i den nya versionen.",
        ),
    ],
    "roads": [
        (
            "När börjar snöröjningen på Norrstrand?",
            "Hej! Plogbilarna är på Norrstrand under förmiddagen i dag.",
        ),
        (
            "Varför är cykelbanan vid Strömnäs inte plogad än?",
            "Hej! Cykelbanorna plogas i turordning, Strömnäs står på tur i eftermiddag.",
        ),
        ("Hur länge blir Storgatan avstängd?", "Hej! Arbetet beräknas vara klart på fredag."),
        (
            "Vart ska man vända sig om en gatlykta är trasig?",
            "Hej! Felanmäl i kommunens e-tjänst Felanmälan, så åtgärdar vi det.",
        ),
        (
            "Gäller vattenavstängningen hela Öjagatan?",
            "Hej! Nej, bara numren 1–25. Övriga har vatten som vanligt.",
        ),
        (
            "När kommer sopbilen efter helgen?",
            "Hej! Hämtningen sker som vanligt, en dag senare än ordinarie.",
        ),
        (
            "Kan man få sandlåda till bostadsområdet?",
            "Hej! Ja, beställ via e-tjänsten så kör vi ut en sandlåda.",
        ),
    ],
    "jobs": [
        (
            "Går det att söka utan undersköterskeutbildning?",
            "Hej! Utbildning krävs, men vi har också tjänster som vårdbiträde.",
        ),
        ("Är tjänsten på heltid?", "Hej! Ja, tjänsten är en tillsvidareanställning på heltid."),
        (
            "Hur lång är ansökningstiden?",
            "Hej! Sista ansökningsdag står i annonsen, oftast tre veckor.",
        ),
    ],
    "mastodon": [
        ("Finns boken som e-bok också?", "Hej! Ja, den finns som e-bok i appen."),
        (
            "Är författarsamtalet tillgängligt med hörslinga?",
            "Hej! Ja, hörslinga finns i hörsalen.",
        ),
    ],
}

STORM_QUESTIONS = [
    ("Är vägen till Pitholm öppen igen?", "Hej! Vägen öppnade i morse efter röjning."),
    (
        "När kommer strömmen tillbaka i Norrfjärden?",
        "Hej! Nätbolaget räknar med att felet är åtgärdat i kväll.",
    ),
    (
        "Vem ansvarar för trädet som föll över vår gångväg?",
        "Hej! Anmäl det i e-tjänsten Felanmälan så kommer vi ut och tittar.",
    ),
    (
        "Är skolorna öppna i morgon trots stormen?",
        "Hej! Ja, skolorna är öppna som vanligt. Skolskjutsarna kan bli försenade.",
    ),
    (
        "Finns det sandsäckar att hämta någonstans?",
        "Hej! Ja, vid räddningstjänsten på Nygatan fram till kl. 20.",
    ),
]

PRAISE = {
    "library": [
        "Tack för en fin sagostund, barnen älskade den!",
        "Bästa biblioteket i länet ❤️",
        "Så bra med läxhjälpen, min son går dit varje vecka.",
        "Härligt initiativ med språkcaféet!",
        "Tack för boktipset, jag läste ut den på en kväll.",
    ],
    "culture_school": [
        "Så fint! Min dotter älskar kulturskolan ❤️",
        "Vilken konsert, vi är så stolta!",
        "Fantastiska ungdomar 👏",
        "Tack till alla lärare som gör det här möjligt.",
    ],
    "youtube": [
        "Bra att sammanträdena läggs upp, tack!",
        "Fin konsert, kul att kunna se i efterhand.",
        "Intressant föreläsning.",
    ],
    "roads": [
        "Snabbt och bra jobbat med plogningen i natt!",
        "Tack för informationen.",
        "Äntligen en ny busshållplats, tack!",
        "Bra med tydlig info om omledningen.",
    ],
    "jobs": [
        "Fint reportage, låter som en bra arbetsplats.",
        "Delar vidare till min syster som letar jobb.",
        "Grattis till alla nya medarbetare!",
    ],
    "mastodon": [
        "Tack för tipset! 📚",
        "Härligt att biblioteket finns här.",
    ],
}
STORM_PRAISE = [
    "Stort tack till alla som röjer i natt!",
    "Tack för snabb information under stormen.",
    "Imponerande jobbat av kommunens personal.",
]

COMPLAINTS = {
    "library": [
        (
            "Synd att ni stänger så tidigt på fredagar.",
            "Hej! Tack för synpunkten, vi tar med den när öppettiderna ses över.",
        ),
        (
            "Det är alltid kö till datorerna.",
            "Hej! Tack för att du säger till. Det går att boka dator i appen.",
        ),
    ],
    "culture_school": [
        (
            "Svårt att få plats på piano, vi har stått i kö i ett år.",
            "Hej! Tack för att du hör av dig. Vi försöker öppna fler platser till våren.",
        ),
    ],
    "youtube": [
        ("Bilden hackar hela tiden.", "Hej! Tack för tipset, vi ser över inspelningen."),
    ],
    "roads": [
        (
            "Plogvallen blockerar vår utfart igen.",
            "Hej! Tack för att du säger till. Vi skickar en maskin i dag.",
        ),
        (
            "Varför tar vägarbetet så lång tid?",
            "Hej! Arbetet blev försenat av tjälen i marken. Vi beräknar att vara klara nästa vecka.",
        ),
        (
            "Gatlyktan på Hamngatan har varit trasig i två veckor.",
            "Hej! Tack, vi har lagt in en felanmälan och en elektriker kommer i veckan.",
        ),
    ],
    "jobs": [
        (
            "Jag har inte fått något svar på min ansökan.",
            "Hej! Urvalet pågår fortfarande. Du får besked när rekryteringen är klar.",
        ),
    ],
    "mastodon": [],
}
STORM_COMPLAINTS = [
    (
        "Varför har ingen röjt vår väg än? Vi har varit instängda i ett dygn.",
        "Hej! Vi förstår att det är jobbigt. Röjningen når ert område i eftermiddag.",
    ),
    (
        "Kommunen var helt oförberedd på stormen.",
        "Hej! Tack för synpunkten. Vi gör en utvärdering av arbetet under stormen.",
    ),
]

FOLLOW_UPS = ["Tack för svaret!", "Toppen, tack!", "Tack för snabbt svar 👍", "Okej, tack."]

#: Rule-breaking comments, by the guideline letter they break.
RUDE = {
    "R13a": [
        "Den där handläggaren är en idiot som borde sparkas.",
        "Ni är helt inkompetenta allihop.",
        "Vilka idioter som planerat det här.",
    ],
    "R13b": [
        "Kvinnor ska inte köra plogbil, gå hem och laga mat istället",
    ],
    "R13d": [
        "Någon borde bränna ner kommunhuset",
    ],
    "R13e": [
        "Hela filmen gratis här: magnet:?xt=urn:btih:c9e15763f722f23e98a29decdfae341b98d53056",
    ],
    "R13f": [
        "Vad fan håller ni på med, helvete alltså",
        "Jävla skit, inget fungerar i den här kommunen.",
    ],
    "R13g": [
        "Köp billiga solglasögon här https://rea-solglas.example KAMPANJKOD PITEA50",
        "Tjäna pengar hemifrån! Klicka här https://snabba-pengar.example REA 70 %",
        "Följ mig för gratis följare!!! https://gratis-foljare.example",
    ],
    "R14": [
        "Ring min granne på 070-174 06 12, hon heter Lena och bor på Storgatan 12",
        "Han som jobbar där har personnummer 19121212-1212, skriv till honom.",
    ],
}
#: Flagged by the detectors but meant kindly: the moderator keeps them.
KEPT_ALTHOUGH_FLAGGED = ["Jävligt bra konsert igår!", "Jävligt snyggt jobbat med plogningen!"]
#: Hidden automatically as personal data, restored by the reviewer: it is the library's own number.
FALSE_ALARM = "Ring kundtjänst på 0911-69 60 00 om du har frågor om lånekortet"

NOTES = {
    "R13a": "Personangrepp på medarbetare.",
    "R13b": "Sexistiskt yttrande.",
    "R13d": "Uppmaning till brott. Polisanmält.",
    "R13e": "Länk till piratkopierat material.",
    "R13f": "Svordomar.",
    "R13g": "Reklam från okänt konto.",
    "R14": "Personuppgifter om en tredje person.",
}
RESTORE_REASON = "Numret är kommunens eget växelnummer, inga personuppgifter om någon enskild."
BLOCK_REASONS = {
    "troll": "Upprepade personangrepp och uppmaning till brott efter två tidigare borttagna kommentarer.",
    "spam": "Kontot publicerar bara reklam; tre tidigare kommentarer dolda.",
}

#: Direct messages: (text, a registrar's subject, "case" or "trivial").
MESSAGES = {
    "library": [
        (
            "Hej! Jag har tappat bort mitt lånekort, hur får jag ett nytt?",
            "Nytt lånekort",
            "trivial",
        ),
        (
            "Jag vill klaga på bemötandet jag fick i informationsdisken i går.",
            "Klagomål på bemötande",
            "case",
        ),
        (
            "Kan ni köpa in en bok om samisk historia? Titeln skickar jag gärna.",
            "Inköpsförslag",
            "case",
        ),
        ("Tack för hjälpen i dag!", "", "trivial"),
        (
            "Hej, jag har en påminnelse om en bok jag redan lämnat tillbaka.",
            "Felaktig påminnelse",
            "case",
        ),
    ],
    "culture_school": [
        (
            "Hej! Min son vill byta från trumpet till trummor, hur gör vi?",
            "Byte av instrument",
            "case",
        ),
        ("Vi vill säga upp platsen i dansgruppen.", "Uppsägning av plats", "case"),
        ("Vilken tid börjar konserten?", "", "trivial"),
    ],
    "roads": [
        (
            "Hej! Jag vill överklaga beslutet om bygglov för vår carport. Hur gör jag?",
            "Överklagande av bygglov",
            "case",
        ),
        ("Vår brevlåda blev nerplogad i natt. Vem ersätter den?", "Skadeanmälan, brevlåda", "case"),
        ("Jag vill anmäla en trasig gatlykta på Hamngatan.", "Felanmälan, gatubelysning", "case"),
        ("Hej, när kommer ni och tömmer slamavskiljaren?", "", "trivial"),
        (
            "Jag vill lämna synpunkter på detaljplanen för Haraholmen.",
            "Synpunkt på detaljplan",
            "case",
        ),
        ("Tack för snabb hjälp med vattenläckan!", "", "trivial"),
    ],
    "mastodon": [
        ("Hej! Kan jag reservera en bok via er här?", "", "trivial"),
    ],
}
STORM_MESSAGES = [
    (
        "Ett av kommunens träd har fallit över vårt garage. Vem ansvarar?",
        "Skadeanmälan efter storm, garage",
        "case",
    ),
    (
        "Vi har ingen ström och min mamma har hemtjänst. Kan någon komma?",
        "Hemtjänst under strömavbrott",
        "case",
    ),
    ("Vägen till vårt hus är blockerad av träd.", "Röjning efter storm", "case"),
    ("Tack för att ni röjde så snabbt!", "", "trivial"),
]
FOLLOW_UP_MESSAGES = [
    "Här kommer bilderna på skadan.",
    "Jag skickar kvittot i ett separat meddelande.",
]
DM_REPLIES = {
    "case": "Hej! Tack för ditt meddelande. Vi har registrerat det och en handläggare återkommer.",
    "trivial": "Hej! Tack för att du hör av dig.",
}
