"""Typical comments on a Swedish municipality's pages, generated for the detector benchmark.

Faker's sv_SE locale writes Latin lorem ipsum for paragraphs, which is neither typical nor
Swedish; these sentences are what residents actually write under a municipality's posts
(questions, thanks, complaints, tips), combined with Faker's Swedish names, streets and towns.
Written by the Tillit team for the benchmark; nothing here is real.
"""

from __future__ import annotations

import random

from faker import Faker

SENTENCES = (
    "När öppnar badhuset igen efter renoveringen?",
    "Tack för informationen, det här var precis vad jag letade efter!",
    "Varför har ingen plogat {street} än? Bussen kommer inte fram.",
    "Vi var på biblioteket i {town} i lördags och barnen älskade sagostunden.",
    "Hur söker man plats i förskolan till hösten?",
    "Det är tredje gången den här månaden som soptunnorna inte töms.",
    "Fantastiskt fint jobb med den nya lekplatsen vid skolan.",
    "Kan någon förklara varför parkeringsavgiften höjs igen?",
    "Jag har mejlat kommunen två gånger men inte fått något svar.",
    "Gatubelysningen på {street} har varit släckt i en vecka nu.",
    "Bra att ni lyfter frågan om trafiksäkerheten vid skolan.",
    "Finns det några lediga tider i simhallen på helgerna?",
    "Min mamma fick hjälp av hemtjänsten och personalen var så vänliga.",
    "Vem ska man kontakta om en trasig gatlampa?",
    "Det luktar illa från reningsverket hela kvällen, vad händer?",
    "Skönt att vägarbetet äntligen är klart.",
    "Hur blir det med skolskjutsen när vägen är avstängd?",
    "Grattis till alla som tog studenten i år!",
    "Varför ska vi betala mer i skatt när servicen blir sämre?",
    "Jag håller inte med om beslutet, men tack för att ni förklarar det.",
    "{name} från föreningen frågar om ni kan sätta upp fler soptunnor i parken.",
    "Kommer det att finnas laddstolpar vid nya parkeringen?",
    "Snälla gör något åt gropen i vägen vid återvinningsstationen.",
    "Det var en härlig konsert i stadsparken, mer sånt!",
    "Läste protokollet från kommunfullmäktige och förstår fortfarande inte budgeten.",
    "Är det någon som vet om återvinningscentralen har öppet på söndag?",
    "Bussen till {town} går alldeles för sällan på kvällarna.",
    "Vilken fin bild, det är så vackert här på vintern.",
    "Hur gör man en felanmälan utan BankID?",
    "Tack till personalen på vårdcentralen, ni gör ett fantastiskt jobb.",
    "Ni skrev att cykelbanan skulle vara klar i maj, vad hände?",
    "Ska det verkligen byggas fler hus på den gamla fotbollsplanen?",
    "Jag bor på {street} och vi har haft bullriga byggarbeten sedan sju i morse.",
    "Kan ni publicera menyn för skolmaten här också?",
    "Otroligt dåligt att simhallen stänger hela sommaren.",
    "Hittade en borttappad katt vid {street}, någon som saknar den?",
    "Vad kostar det att hyra idrottshallen en kväll?",
    "Är vattnet tjänligt att dricka igen efter läckan?",
    "Fint initiativ med öppna förskolan på lördagar.",
    "Trafiken genom centrum är ett problem som ingen tar på allvar.",
)
EXTRAS = ("jävla idiot", "tack för infon!", "fan också", "www.example.se", "ring mig")


def swedish_comments(n: int, seed: int = 11, personal=None) -> list[str]:
    """n comments of one to six sentences (at most 500 characters).

    personal: texts with personal data; every third comment gets the next one appended.
    A quarter get a short extra (a rude word, thanks, a link, "ring mig").
    """
    fake = Faker("sv_SE")
    fake.seed_instance(seed)
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    out = []
    for i in range(n):
        parts = [
            rng.choice(SENTENCES).format(
                street=fake.street_name(), town=fake.city(), name=fake.first_name()
            )
            for _ in range(rng.randint(1, 6))
        ]
        text = " ".join(parts)
        if personal is not None and i % 3 == 0:
            text += " " + personal[i % len(personal)]
        if i % 4 == 0:
            text += " " + rng.choice(EXTRAS)
        out.append(text[:500])
    return out
