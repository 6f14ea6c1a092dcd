"""Generated Swedish posts by a municipality, for measuring the pre-publication check (R18).

Two corpora, both reproducible from a seed:

- ``ordinary_posts``: what a kommun publishes every week (library events, road works, snow
  clearing, council meetings, job ads, SMHI warnings ...), full of hard negatives that a check
  must let through: dates and times, prices, bus lines, postal codes and street addresses of
  public buildings, the organisation's own phone numbers and e-mail addresses (``ORG_PHONES``,
  ``ORG_DOMAINS``), public council matters ("ärende 12 på dagordningen"), "sekretariatet",
  officials named in their role, general health advice without a person.
- ``confidential_posts``: the same kind of post with one confidential detail embedded at the
  start, in the middle or at the end, labelled with its category (``CATEGORIES``).

The organisation is Piteå kommun; every person, private address, phone number, e-mail address
and identity number in here is invented. Invariants the tests hold: no ordinary post contains a
ten-digit run that is date-shaped and Luhn-valid (a personnummer or samordningsnummer look-alike),
matches ``CASE_NUMBER_REGEX``, names one of ``PROTECTED_NAMES`` or carries a secrecy marker.

Run ``.venv/bin/python bench/publishing_texts.py`` to print a few of each.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
import re
from collections.abc import Callable
from dataclasses import dataclass

ORG_NAME = "Piteå kommun"
ORG_DOMAINS = ("pitea.se",)
# Switchboard / Kontaktcenter, the water and sewage on-call line, and the on-call mobile of the
# technical services: a mobile-shaped number that only an allow-list tells from a private one.
ORG_PHONES = ("0911-69 60 00", "0911-69 65 00", "070-190 62 00")
CASE_NUMBER_REGEX = r"\b[A-ZÅÄÖ]{2,4}(?: \d{4}/\d{4}|-\d{4}-\d{4})\b"
PROTECTED_NAMES = (
    "Karin Lindqvist",
    "Mikael Öhman",
    "Fatima Hassan",
    "Sven-Erik Backlund",
    "Elin Marklund",
    "Lars-Göran Lundström",
    "Sanna Öberg",
    "Ahmed Yusuf",
    "Linnea Holmgren",
    "Tomas Granberg",
)
CATEGORIES = (
    "personnummer",
    "samordningsnummer",
    "phone",
    "email",
    "health",
    "address",
    "marker",
    "case_number",
    "protected_name",
)
MAX_CHARS = 2000


@dataclass(frozen=True, slots=True)
class OrdinaryPost:
    """One ordinary post and the key of the template it was made from."""

    text: str
    template: str


@dataclass(frozen=True, slots=True)
class ConfidentialPost:
    """A post that must be blocked: its category, the confidential substring, where it sits."""

    text: str
    category: str
    evidence: str
    position: str  # "start", "middle" or "end"


# ---------------------------------------------------------------------------------------------
# Identity numbers


def luhn_pnr(date10_without_check: str) -> str:
    """The Luhn check digit of a personnummer or samordningsnummer.

    Takes the nine digits YYMMDDNNN (or eleven, YYYYMMDDNNN: the century is not part of the
    checksum) and returns the tenth digit as a one-character string.
    """
    digits = date10_without_check
    if not digits.isascii() or not digits.isdigit() or len(digits) not in (9, 11):
        raise ValueError("expected the 9 digits YYMMDDNNN or the 11 digits YYYYMMDDNNN")
    total = 0
    for i, char in enumerate(digits[-9:]):
        value = int(char) * (2 if i % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str(-total % 10)


def _luhn_ok(digits10: str) -> bool:
    return luhn_pnr(digits10[:9]) == digits10[9]


def _date_shaped(digits10: str) -> bool:
    """YYMMDD is a real date (day + 60 for a samordningsnummer) in the 1900s or the 2000s."""
    yy, mm, dd = int(digits10[0:2]), int(digits10[2:4]), int(digits10[4:6])
    if dd > 60:
        dd -= 60
    if not 1 <= mm <= 12 or dd < 1:
        return False
    return any(dd <= calendar.monthrange(century + yy, mm)[1] for century in (1900, 2000))


_DIGIT_RUN = re.compile(r"\d(?:[\d \-–+]*\d)?")


def looks_like_identity_number(text: str) -> bool:
    """True if any ten consecutive digits of a run (spaces, dashes, plus between them ignored)
    form a date-shaped, Luhn-valid number: what a personnummer check could flag."""
    for match in _DIGIT_RUN.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        for start in range(len(digits) - 9):
            window = digits[start : start + 10]
            if _date_shaped(window) and _luhn_ok(window):
                return True
    return False


PNR_FORMS = (
    "YYYYMMDD-XXXX",
    "YYMMDD-XXXX",
    "YYMMDDXXXX",
    "YYYYMMDDXXXX",
    "YYMMDD+XXXX",
    "YYMMDD XXXX",
    "YYYYMMDD XXXX",
    "YYMMDD–XXXX",
    "YY MM DD-XXXX",
    "YYYY-MM-DD-XXXX",
    "YYMMDD - XXXX",
)
SAMORDNING_FORMS = ("YYYYMMDD-XXXX", "YYMMDD-XXXX", "YYMMDDXXXX", "YYYYMMDDXXXX", "YYMMDD XXXX")


def _format_number(year: int, month: int, day: int, last4: str, form: str) -> str:
    yyyy, yy, mm, dd = f"{year:04d}", f"{year % 100:02d}", f"{month:02d}", f"{day:02d}"
    return {
        "YYYYMMDD-XXXX": f"{yyyy}{mm}{dd}-{last4}",
        "YYMMDD-XXXX": f"{yy}{mm}{dd}-{last4}",
        "YYMMDDXXXX": f"{yy}{mm}{dd}{last4}",
        "YYYYMMDDXXXX": f"{yyyy}{mm}{dd}{last4}",
        "YYMMDD+XXXX": f"{yy}{mm}{dd}+{last4}",
        "YYMMDD XXXX": f"{yy}{mm}{dd} {last4}",
        "YYYYMMDD XXXX": f"{yyyy}{mm}{dd} {last4}",
        "YYMMDD–XXXX": f"{yy}{mm}{dd}–{last4}",
        "YY MM DD-XXXX": f"{yy} {mm} {dd}-{last4}",
        "YYYY-MM-DD-XXXX": f"{yyyy}-{mm}-{dd}-{last4}",
        "YYMMDD - XXXX": f"{yy}{mm}{dd} - {last4}",
    }[form]


def _birth_date(rng: random.Random, first_year: int, last_year: int) -> dt.date:
    while True:
        start = dt.date(first_year, 1, 1).toordinal()
        day = dt.date.fromordinal(rng.randint(start, dt.date(last_year, 12, 31).toordinal()))
        if (day.month, day.day) != (2, 29):  # a two-digit year must not change the leap day
            return day


def _identity_number(rng: random.Random, *, coordination: bool) -> str:
    """A valid personnummer (or samordningsnummer: day + 60) in one of the written forms."""
    form = rng.choice(SAMORDNING_FORMS if coordination else PNR_FORMS)
    if form == "YYMMDD+XXXX":  # the plus sign is written from the year one turns 100
        born = _birth_date(rng, 1916, 1926)
    elif coordination:  # mostly adults who work or study here without being registered
        born = _birth_date(rng, 1955, 2008)
    else:
        born = _birth_date(rng, 1930, 2024)
    day = born.day + 60 if coordination else born.day
    serial = f"{rng.randint(1, 999):03d}"
    check = luhn_pnr(f"{born.year % 100:02d}{born.month:02d}{day:02d}{serial}")
    return _format_number(born.year, born.month, day, serial + check, form)


# ---------------------------------------------------------------------------------------------
# Word lists (public places of the organisation; invented private people)


def _items(text: str) -> tuple[str, ...]:
    """A word list written as "a | b | c" across lines."""
    return tuple(item.strip() for item in text.split("|"))


WEEKDAYS = _items("måndag | tisdag | onsdag | torsdag | fredag | lördag | söndag")
MONTHS = _items(
    "januari | februari | mars | april | maj | juni | juli | augusti | september | oktober | "
    "november | december"
)
LIBRARIES = _items(
    "Stadsbiblioteket | biblioteket i Hortlax | biblioteket i Norrfjärden | "
    "biblioteket i Rosvik | biblioteket i Öjebyn | biblioteket i Roknäs"
)
# Where plans and documents are on display: public buildings with their street addresses.
PUBLIC_PLACES = _items(
    "Stadshuset, Storgatan 32, 941 85 Piteå | Stadsbiblioteket, Västergatan 7 | "
    "Medborgarhuset i Hortlax, Centrumvägen 3 | Öjebyns bygdegård, Kyrkvägen 1 | "
    "Kontaktcenter i Stadshuset, Storgatan 32"
)
ROAD_STREETS = _items(
    "Storgatan | Sundsgatan | Västergatan | Olofsgatan | Prästgatan | Timmerleden | "
    "Lillbrogatan | Hamngatan | Svartuddsvägen | Sjövägen | Backgatan | Nygatan"
)
AREAS = _items(
    "Strömnäs | Pitholm | Porsnäs | Munksund | Öjebyn | Hortlax | Norrfjärden | Rosvik | "
    "Bergsviken | Svensbyn | Klubbgärdet | centrala Piteå"
)
SCHOOLS = _items(
    "Strömbackaskolan | Christinaskolan | Pitholmsskolan | Norrmalmia | Porsnässkolan | "
    "Hortlax skola | Öjeby skola | Solanderskolan"
)
ELDERLY_HOMES = _items("Solgården | Lindbacka äldreboende | Furulund | Öjagården | Björkhagen")
PARKS = _items("Stadsparken | Badhusparken | Sjöparken | Norrstrandsparken | Kyrkparken")
SPORTS_HALLS = _items("LF Arena | Strömbackahallen | Pitholmshallen | Hortlax sporthall")
CULTURE_VENUES = _items("Studio Acusticum | Kulturhuset | Medborgarhuset i Hortlax | Nolia City")
# Officials named in their role: public, not personal data in these posts.
RECTORS = _items("Maria Nyström | Håkan Lindström | Anna-Karin Sjölund")
KS_CHAIR = "Helena Stenberg"
DISHES = _items(
    "köttbullar med potatis och gräddsås | fiskgratäng med potatismos | "
    "pasta med tomatsås och bönor | kycklinggryta med ris | potatisbullar med lingon | "
    "falafel med bulgur och yoghurtsås | renskav med mos | grönsakslasagne | "
    "laxbiffar med dillsås | chili sin carne med ris"
)
BANDS = _items("Piteå storband | Norrbottensmusiken | Kulturskolans elever | Öjeby spelmanslag")
ARTISTS = _items("konstnären Ulla Strandberg | fotografen Ola Kemi | skulptören Ingrid Rask")
AUTHORS = _items("Åsa Larsson | Mikael Niemi | Therese Bohman | Bengt Pohjanen")
SEASON_ANIMALS = _items("🦌 | 🌲 | ☀️ | ❄️ | 🍂 | 🌷")
HASHTAGS = _items("#Piteå | #pitea | #PiteåKommun | #norrbotten | #kommun | #Pite")
# Invented private persons for the confidential corpus (surnames of PROTECTED_NAMES excluded).
FIRST_NAMES = _items(
    "Anna | Erik | Maria | Johan | Emma | Oskar | Sara | Anders | Lena | Nils | Ida | "
    "Viktor | Hanna | Björn | Amira | Leo | Alva | Jörgen | Märta | Omar"
)
LAST_NAMES = _items(
    "Karlsson | Berg | Nordström | Lundberg | Isaksson | Wikström | Forsberg | Sundberg | "
    "Lindgren | Eriksson | Bäckström | Öqvist | Strömgren | Hedlund | Ali"
)
PRIVATE_STREETS = _items(
    "Sjövägen | Björkstigen | Rönnvägen | Tallbacken | Granstigen | Lingonvägen | "
    "Hjortronvägen | Älvvägen | Lärkvägen | Furuvägen | Vallmovägen | Kvarnbäcksvägen | "
    "Strandvägen | Skogsbrynet"
)
MAIL_PROVIDERS = _items(
    "gmail.com | hotmail.com | hotmail.se | outlook.com | yahoo.se | icloud.com | live.se | "
    "telia.com | spray.se | bredband.net"
)

# 2026 and early 2027: (under ..., the day, its name, greeting).
HOLIDAYS = (
    ("julhelgen", dt.date(2026, 12, 24), "julafton", "God jul"),
    ("nyårshelgen", dt.date(2026, 12, 31), "nyårsafton", "Gott nytt år"),
    ("påskhelgen", dt.date(2026, 4, 3), "långfredagen", "Glad påsk"),
    ("midsommarhelgen", dt.date(2026, 6, 19), "midsommarafton", "Glad midsommar"),
    ("Kristi himmelsfärdshelgen", dt.date(2026, 5, 14), "Kristi himmelsfärdsdag", "Trevlig helg"),
    ("allhelgonahelgen", dt.date(2026, 10, 31), "alla helgons dag", "Trevlig helg"),
    ("nationaldagen", dt.date(2026, 6, 6), "nationaldagen", "Glad nationaldag"),
    ("trettondagshelgen", dt.date(2027, 1, 6), "trettondedag jul", "Trevlig helg"),
)


def _ascii_local(name: str) -> str:
    return name.lower().translate(str.maketrans("åäöé", "aaoe")).replace(" ", ".")


def _spoken_date(day: dt.date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


# ---------------------------------------------------------------------------------------------
# Slots: each filled once per post, lazily, so that a template may use a slot twice.

Filler = Callable[[random.Random, "_Slots"], str]
_FILLERS: dict[str, Filler] = {}


def _slot(*names: str):
    def register(fn: Filler) -> Filler:
        for name in names:
            _FILLERS[name] = fn
        return fn

    return register


class _Slots(dict):
    """The slot values of one post; a missing slot is drawn from its filler on first use."""

    def __init__(self, rng: random.Random):
        super().__init__()
        self.rng = rng

    def __missing__(self, key: str) -> str:
        value = _FILLERS[key](self.rng, self)
        self[key] = value
        return value


def _choice(name: str, values: tuple[str, ...]) -> None:
    _FILLERS[name] = lambda rng, _slots: rng.choice(values)


for _name, _values in {
    "bibliotek": LIBRARIES,
    "allmän_plats": PUBLIC_PLACES,
    "gata": ROAD_STREETS,
    "gata2": ("Timmerleden", "Hamngatan", "Svartuddsvägen", "Sundsgatan", "Nygatan"),
    "område": AREAS,
    "skola": SCHOOLS,
    "äldreboende": ELDERLY_HOMES,
    "park": PARKS,
    "idrottshall": SPORTS_HALLS,
    "kulturlokal": CULTURE_VENUES,
    "band": BANDS,
    "konstnär": ARTISTS,
    "författare": AUTHORS,
    "rätt": DISHES,
    "emoji": SEASON_ANIMALS,
    "linje": ("1", "2", "3", "5", "9", "14", "21", "41"),
    "tid": ("kl. 10–14", "kl. 13.00–15.00", "kl. 18.30–20.00", "kl. 9–12", "kl. 17–19"),
    "klockslag": ("10.00", "13.30", "14.00", "17.00", "18.00", "18.30", "19.00"),
    "pris": ("60 kr", "80 kr", "120 kr", "150 kr", "200 kr", "250 kr"),
    "org_phone": ORG_PHONES[:2] + ("0911-69 60 00",),
    "org_email": ("kundtjanst@pitea.se", "kontaktcenter@pitea.se", "info@pitea.se"),
    "ämne": ("matematik och NO", "svenska och SO", "engelska", "slöjd", "idrott och hälsa"),
    "lov": ("Sportlovet", "Höstlovet", "Påsklovet", "Jullovet"),
    "sjö": ("Pite älv", "Öjebyträsket", "Lillpiteträsket", "Hemmingsmarksträsket"),
    "badplats": ("Pite Havsbad", "Storsand", "Mjölkudden", "Lillpite badplats"),
    "nämnd_gen": (
        "kommunstyrelsens",
        "barn- och utbildningsnämndens",
        "samhällsbyggnadsnämndens",
        "kultur- och fritidsnämndens",
        "socialnämndens",
    ),
    "ärende_ämne": (
        "budget för 2027",
        "ny översiktsplan",
        "taxa för vatten och avlopp",
        "motion om fler laddstolpar",
        "årsredovisning för 2025",
        "renovering av Badhuset",
    ),
    "hashtag": HASHTAGS,
    "väderfenomen": ("mycket kraftig vind", "snöfall", "kraftigt regn", "höga temperaturer"),
    "varningsfärg": ("gul", "orange", "röd"),
    "plats_träff": ("Rådhustorget", "Stadsbibliotekets entré", "LF Arena", "Norrstrandsskolan"),
}.items():
    _choice(_name, _values)


@_slot("kommun")
def _org(rng, slots):
    return ORG_NAME


@_slot("ks_ordf")
def _chair(rng, slots):
    return KS_CHAIR


@_slot("rätt2", "rätt3")
def _other_dish(rng, slots):
    return rng.choice(DISHES)


_FIRST_DAY, _LAST_DAY = dt.date(2026, 1, 7).toordinal(), dt.date(2027, 6, 30).toordinal()


@_slot("_d")
def _base_date(rng, slots):
    day = dt.date.fromordinal(rng.randint(_FIRST_DAY, _LAST_DAY))
    if day.weekday() >= 5:  # a weekend day moves to the Monday after
        day += dt.timedelta(days=7 - day.weekday())
    return day


@_slot("datum_sommar")
def _summer_date(rng, slots):
    year = rng.choice((2026, 2027))
    return _spoken_date(dt.date(year, 6, 1) + dt.timedelta(days=rng.randint(0, 91)))


@_slot("datum_vinter")
def _winter_date(rng, slots):
    return _spoken_date(dt.date(2026, 11, 15) + dt.timedelta(days=rng.randint(0, 120)))


@_slot("datum")
def _date(rng, slots):
    return _spoken_date(slots["_d"])


@_slot("datum_kort")
def _short_date(rng, slots):
    return f"{slots['_d'].day} {MONTHS[slots['_d'].month - 1]}"


@_slot("datum2")
def _later_date(rng, slots):
    return _spoken_date(slots["_d"] + dt.timedelta(days=rng.randint(14, 42)))


@_slot("iso_datum")
def _iso_date(rng, slots):
    return (slots["_d"] + dt.timedelta(days=rng.randint(10, 30))).isoformat()


@_slot("_h")
def _holiday(rng, slots):
    return rng.choice(HOLIDAYS)


@_slot("helg_namn")
def _holiday_name(rng, slots):
    return slots["_h"][0]


@_slot("helg_datum")
def _holiday_date(rng, slots):
    return f"på {slots['_h'][2]}, {_spoken_date(slots['_h'][1])},"


@_slot("helg_iso")
def _holiday_iso(rng, slots):
    return slots["_h"][1].isoformat()


@_slot("helg_hälsning")
def _holiday_greeting(rng, slots):
    return slots["_h"][3]


@_slot("dag_efter")
def _next_monday(rng, slots):
    holiday = slots["_h"][1]
    return _spoken_date(holiday + dt.timedelta(days=7 - holiday.weekday()))


@_slot("vecka_text")
def _weeks(rng, slots):
    first = rng.randint(16, 40)
    return f"vecka {first}–{first + rng.randint(1, 4)}"


@_slot("rektor")
def _rector(rng, slots):
    return rng.choice(RECTORS)


@_slot("rektor_mejl")
def _rector_mail(rng, slots):
    return _ascii_local(slots["rektor"]) + "@pitea.se"


@_slot("ärendenr")
def _item_no(rng, slots):
    return str(rng.randint(3, 34))


@_slot("antal")
def _count(rng, slots):
    return str(rng.choice((40, 60, 80, 120, 250)))


@_slot("refnr")
def _ref(rng, slots):
    return f"{rng.randint(2025, 2026)}/{rng.randint(10, 480)}"


@_slot("biljettnr")
def _ticket(rng, slots):
    return f"PK-{rng.randint(10_000, 99_999)}"


@_slot("evnr")
def _event_no(rng, slots):
    return str(rng.randint(1000, 9999))


@_slot("gatunr")
def _street_no(rng, slots):
    low = rng.randint(2, 30)
    return f"{low}–{low + rng.randint(4, 20)}"


@_slot("grader")
def _degrees(rng, slots):
    return str(rng.randint(16, 23))


@_slot("lön")
def _wage(rng, slots):
    return rng.choice(("98", "104", "112"))


@_slot("url")
def _url(rng, slots):
    path = rng.choice(("", "/kalender", "/aktuellt", "/nyheter", "/e-tjanster"))
    return rng.choice(("https://www.pitea.se", "www.pitea.se", "pitea.se")) + path


# ---------------------------------------------------------------------------------------------
# Templates, one paragraph each: "key: text", continuation lines indented (joined with a space).
# "{slot}" is filled from the slots above; "[[a|b]]" picks one alternative.

_TEMPLATE_SOURCE = """
library_story_time: [[📚 |]]Sagostund på {bibliotek} {datum} {tid}! Vi läser böcker för barn 3–6
    år[[ och avslutar med pyssel| och sjunger tillsammans]]. Fri entré, ingen föranmälan. Varmt
    välkomna!

library_author: Författarbesök! {författare} kommer till {bibliotek} {datum} kl. {klockslag}
    och berättar om sin nya bok. Biljetter kostar {pris} och hämtas i lånedisken. Antal
    platser: {antal}. [[Samtalet leds av bibliotekschef Eva Sandström.|Boken finns att låna
    redan nu.]]

library_holiday_hours: Öppettider under {helg_namn}: {bibliotek} har öppet {helg_iso} kl. 10–14
    och håller stängt dagen efter. E-böcker och ljudböcker lånar du som vanligt i appen dygnet
    runt. Alla öppettider: https://www.pitea.se/bibliotek

library_digital_help: Behöver du hjälp med BankID, Swish eller e-tjänster? Varje tisdag {tid}
    finns digitala guider på {bibliotek}. Ingen tidsbokning – kom när det passar dig! 💻

holiday_hours_contact_centre: Så här har vi öppet under {helg_namn}: Kontaktcenter i Stadshuset
    har öppet {helg_datum} kl. 8–12. Akuta fel på vatten och avlopp kan alltid anmälas på
    0911-69 65 00, dygnet runt. {helg_hälsning} önskar vi på {kommun}!

waste_holiday: Sophämtning under {helg_namn}: Hämtningen som skulle ha skett {helg_datum} görs
    i stället {dag_efter}. Ställ ut kärlet senast kl. 06.00 med handtaget utåt. Ditt hämtschema
    hittar du i appen Mina sidor eller på pitea.se/avfall ♻️

recycling_centre_hours: Återvinningscentralen på Bredviken har nya öppettider från och med den
    {datum_kort}: måndag–torsdag kl. 10–19, fredag kl. 10–16 och lördag kl. 10–14. Farligt
    avfall lämnar du i miljöboden vid infarten. #återvinning {hashtag}

recycling_textiles: Visste du att textilavfall ska sorteras separat sedan 1 januari 2025? Lämna
    trasiga kläder och lakan i behållarna för textil på återvinningscentralen. Hela plagg gör
    mest nytta på second hand. 👕

food_waste_bags: Slut på papperspåsar till matavfallet? Nya påsar hämtar du gratis på
    biblioteken och i Kontaktcenter. En påse med matavfall blir biogas som räcker för att köra
    bussen cirka två kilometer. 🚌

road_works: 🚧 Vägarbete på {gata} {vecka_text}. Gatan stängs av för biltrafik vid nummer
    {gatunr} och trafiken leds om via {gata2}. Busslinje {linje} får en tillfällig hållplats.
    Vi ber om överseende med störningarna!

bridge_closed: Trafikinformation: Lillbron är avstängd för biltrafik {datum} {tid} på grund av
    beläggningsarbete. Gång- och cykeltrafik kan passera. Omledning är skyltad via {gata2}. Mer
    information: https://www.pitea.se/trafik

street_lights: Vi byter gatubelysningen till LED på {gata} och i {område}. Arbetet pågår
    {vecka_text} och kan ge kortare avbrott i belysningen kvällstid. Den nya belysningen sänker
    energiförbrukningen med ungefär 60 procent. 💡

snow_clearing_night: ❄️ Snöröjning pågår! I natt plogar vi i {område}. Flytta gärna bilen från
    gatan så att plogbilarna kommer fram. Huvudgator och busslinjer plogas först, därefter
    gång- och cykelvägar och bostadsgator. Felanmälan: {org_phone} eller pitea.se/felanmalan

snow_sanding: Halt ute i dag! Vi har sandat gång- och cykelvägar i centrum och vid skolorna
    sedan kl. 04.00[[ och fortsätter under dagen|]]. Använd broddar och ta det försiktigt.
    #halka {hashtag}

snow_parking_ban: Nattparkering är förbjuden på {gata} natten mot {datum_vinter} kl. 00–06 för
    snöröjning. Fordon som står kvar kan flyttas på ägarens bekostnad. Tack för att du hjälper
    plogförarna! 🚜

school_holiday: Påminnelse: {lov} närmar sig! Fritids har öppet för barn som behöver omsorg –
    anmäl behovet senast {datum} i e-tjänsten Skola24. Trevligt lov önskar vi alla elever och
    vårdnadshavare! ☀️

school_meals: Veckans skolmat: måndag {rätt}, tisdag pannkakor med sylt, onsdag {rätt2},
    torsdag ärtsoppa, fredag {rätt3}. Vegetariskt alternativ finns varje dag. Hela matsedeln
    finns i appen Skolmaten. 🍽️

school_open_house: Tack till alla som kom på öppet hus på {skola} i går! Över {antal} besökare
    fick se de nya lokalerna, träffa lärare och prova på slöjd och kemi. Ansökan till
    förskoleklass görs senast {datum}.

preschool_queue: Söker du plats i förskola? Ansök senast fyra månader före önskat startdatum i
    e-tjänsten på pitea.se. Förskola erbjuds barn från ett års ålder. Frågor om köplatser:
    barnomsorg@pitea.se eller {org_phone}.

election_date: 🗳️ Valet till riksdag, region och kommun är söndagen den 13 september 2026.
    Förtidsröstningen öppnar onsdagen den 26 augusti i Stadshuset, Storgatan 32. Ta med giltig
    id-handling och röstkortet. Frågor om valet: valkansliet@pitea.se eller {org_phone}.

election_workers: Vill du arbeta som röstmottagare? Inför nästa val söker vi [[cirka 300|fler
    än 250]] röstmottagare till vallokaler och förtidsröstning. Du får utbildning och ett
    arvode på 1 800 kr per dag. Intresseanmälan senast {datum} på {url}

concert_park: 🎶 Gratis konsert i {park} {datum_sommar} kl. {klockslag}! {band} spelar allt från
    svensk visa till jazz. Ta med en filt och fika. Vid regn flyttas konserten till
    {kulturlokal}. Välkomna!

art_exhibition: Ny utställning i Konsthallen: {konstnär} visar måleri och skulptur från {datum}
    till {datum2}. Vernissage på öppningsdagen kl. {klockslag}. Öppet tisdag–söndag kl. 11–16.
    Fri entré för alla. 🎨

theatre_tickets: Familjeteater på {kulturlokal} {datum} kl. {klockslag}! Biljetter: {pris} för
    vuxna och 50 kr för barn under 16 år. Ange evenemangsnummer {evnr} när du bokar via
    Kontaktcenter. Ditt biljettnummer (t.ex. {biljettnr}) står i bekräftelsen på mejlen.

culture_school: Anmälan till kulturskolans kurser i höst är öppen! Välj bland piano, gitarr,
    dans, teater och bild. Terminsavgiften är 600 kr och syskonrabatt ges. Sista anmälningsdag
    är {datum}. 🎻 {url}

water_leak: ⚠️ Vattenläcka på {gata} i {område}. Boende i närheten kan få lågt tryck eller vara
    helt utan vatten några timmar. En tankvagn med dricksvatten står vid {plats_träff}. Vi
    arbetar för fullt med att laga läckan och uppdaterar här.

boil_water: Kokningsrekommendation för {område}: Koka dricksvattnet i minst en minut innan du
    dricker det eller använder det i matlagning. Rekommendationen gäller tills vidare. Frågor
    om dricksvattnet: ring 0911-69 65 00.

water_saving: Värmebölja! För att vattnet ska räcka till alla ber vi dig att inte vattna
    gräsmattan med spridare och att duscha kort. Fyll gärna en kanna på kvällen och vattna i
    rabatterna. Tack för hjälpen! 💧

job_teacher: Lediga jobb: Vi söker en lärare i {ämne} till {skola}, heltid, tillsvidare.
    Tillträde enligt överenskommelse. Sista ansökningsdag {iso_datum}. Upplysningar lämnas av
    rektor {rektor}, {rektor_mejl}, eller via växeln {org_phone}. Ansök på pitea.se/jobb
    (ref.nr {refnr}).

job_care: Vill du göra skillnad varje dag? Vi söker undersköterskor till hemtjänsten och till
    {äldreboende}. Hos oss är heltid norm och du får betald introduktion. Välkommen med din
    ansökan senast {datum}! #ledigajobb {hashtag}

job_manager_linkedin: Är du vår nya [[enhetschef|avdelningschef|verksamhetschef]]? {kommun}
    växer och vi söker en engagerad ledare som vill utveckla verksamheten tillsammans med 80
    medarbetare. Läs mer och ansök senast {iso_datum}: https://www.pitea.se/jobb #rekrytering
    #offentligsektor

summer_jobs: ☀️ Feriejobb för ungdomar! Är du född 2009 eller 2010 och folkbokförd i Piteå? Sök
    feriejobb senast {datum}. Jobben är tre veckor under juni–augusti och lönen är {lön} kr i
    timmen. Läs mer på pitea.se/feriejobb

detailed_plan_consultation: Samråd om ny detaljplan för bostäder i {område}. Planförslaget
    finns på {url} från {datum}. Du kan också läsa det i {allmän_plats}. Lämna synpunkter
    skriftligt senast {datum2} till samhallsbyggnad@pitea.se. Välkommen till samrådsmöte i
    Medborgarhuset!

survey: Tyck till om [[framtidens centrum|nya cykelvägar|lekplatserna i {område}]]! Vi vill
    veta vad du tycker innan politikerna fattar beslut. Enkäten tar ungefär fem minuter och är
    öppen till och med {datum}. 👉 {url}

council_meeting: Kommunfullmäktige sammanträder {datum} kl. {klockslag} i fullmäktigesalen i
    Stadshuset. Sammanträdet är öppet för allmänheten och sänds på webben. På dagordningen
    finns bland annat ärende {ärendenr}, {ärende_ämne}. Kallelse och handlingar:
    https://www.pitea.se/fullmaktige

council_budget_quote: [[”Budgeten satsar på skolan, äldreomsorgen och tryggheten i hela
    kommunen”, säger kommunstyrelsens ordförande {ks_ordf}.|Kommunstyrelsens ordförande
    {ks_ordf}: ”Vi satsar på skolan och äldreomsorgen.”]] Fullmäktige behandlar budgeten som
    ärende {ärendenr} på dagordningen {datum}. Följ sändningen på webben från kl. {klockslag}.

council_secretariat: Frågor om fullmäktiges sammanträde besvaras av sekretariatet på
    kommunstyrelsen@pitea.se eller via växeln {org_phone}. Protokollet justeras {datum} och
    anslås därefter på kommunens digitala anslagstavla. Besöksadress: Stadshuset, Storgatan 32,
    941 85 Piteå.

protocol_posted: Protokollet från {nämnd_gen} sammanträde {datum} är justerat och anslaget på
    den digitala anslagstavlan. Beslut kan överklagas inom tre veckor från anslagsdagen. Läs
    protokollet på pitea.se/anslagstavla

sports_hall_booking: Nu kan föreningar söka träningstider i {idrottshall} för säsongen
    2026/2027. Ansök i bokningssystemet senast {datum}. Hyran för ungdomsverksamhet är 95 kr
    per timme. Frågor besvaras av fritidsenheten på fritid@pitea.se.

sports_event: Den {datum_kort} går [[Piteloppet|Älvloppet|Midnattsloppet]] av stapeln! Första
    start sker kl. {klockslag} vid LF Arena. Observera att {gata} är avstängd under loppet och
    att busslinje {linje} går en annan väg. Heja alla löpare! 🏃‍♀️

pool_summer_closed: 🏊 Badhuset har sommarstängt vecka 27–31 för årligt underhåll och öppnar
    igen måndag 3 augusti kl. 06.30. Under tiden är du välkommen att bada på Pite Havsbad.
    Entré för vuxna: 75 kr.

swim_school: Anmälan till simskolan öppnar {datum} kl. {klockslag}! Kurserna är för barn från
    fem år och pågår i åtta veckor i Badhuset. Avgiften är {pris}. Anmäl dig på {url}

beach_water: Badsäsongen är här! Vi tar vattenprover vid {badplats} varannan vecka. Senaste
    provet visade tjänligt vatten och en temperatur på {grader} grader. Badvakter finns på
    plats kl. 11–17 under juli. 🏖️

ice_safety: Isen har lagt sig på {sjö} men är fortfarande tunn på flera ställen. Gå aldrig
    ensam ut på isen och ha alltid isdubbar och ispik med dig. Den plogade skridskobanan öppnar
    när isen är minst 10 cm tjock. ⛸️

tourist_info: Välkommen till Piteå! Turistbyrån i Stadshuset har öppet alla dagar kl. 10–18 i
    sommar. Tips: ta en tur i skärgården, ät pitepalt och besök kyrkstaden i Öjebyn.
    #visitpitea {hashtag}

city_festival: Inför stadsfesten {datum_sommar}: {gata} och Rådhustorget är avstängda för
    biltrafik från kl. 12.00 och busslinje {linje} går via {gata2}. Parkering finns vid LF
    Arena, 20 kr per timme. Ha en riktigt härlig fest! 🎉

smhi_warning: SMHI har utfärdat en {varningsfärg} varning för {väderfenomen} i Norrbottens
    kustland {datum}. Undvik onödiga resor, säkra lösa föremål på balkongen och håll dig
    uppdaterad via SMHI och Sveriges Radio P4 Norrbotten. ⚠️

vma_crisis: Viktigt meddelande till allmänheten (VMA) för {område}: Gå inomhus och stäng
    dörrar, fönster och ventilation. Lyssna på Sveriges Radio P4. Ring inte 112 om det inte
    gäller ett nödsamtal. Allmän information om läget får du på 113 13.

crisis_preparedness: Krisberedskapsveckan: Har du vatten, mat och värme för en vecka? Läs
    broschyren ”Om krisen eller kriget kommer” och kom till vår informationsträff {datum} kl.
    {klockslag} i Medborgarhuset. Räddningschef Jonas Berglund berättar om kommunens beredskap.
    🕯️

elderly_visiting_hours: Besökstider på {äldreboende} under {helg_namn}: du är välkommen att
    hälsa på dina närstående mellan kl. 10 och 19. Stanna hemma om du är förkyld. Vid frågor
    når du äldreboendet via växeln {org_phone}.

elderly_meeting_place: På träffpunkten i {område} blir det allsång, fika och bingo varje onsdag
    kl. 14.00. Träffpunkten är öppen för alla som är 65 år eller äldre. Fikat kostar 20 kr.
    Välkommen, ensam eller med en vän! ☕

flu_vaccination: Nu är det dags för influensavaccination! Är du 65 år eller äldre, eller
    tillhör du en riskgrupp, är vaccinet kostnadsfritt. Boka tid via 1177 eller på din
    vårdcentral. Personalen på kommunens äldreboenden erbjuds vaccin på arbetsplatsen.

building_permit_info: Ska du bygga altan, attefallshus eller byta fasadfärg? Ta reda på om du
    behöver bygglov innan du börjar. Handläggningstiden är normalt högst tio veckor. Ansök i
    e-tjänsten eller boka rådgivning via bygglov@pitea.se eller {org_phone}. 🏡

building_permit_fees: Från och med den {datum_kort} gäller en ny taxa för bygglov. Ett bygglov
    för ett nytt enbostadshus kostar från 24 500 kr. Taxan beslutades av kommunfullmäktige som
    ärende {ärendenr} på dagordningen. Hela taxan finns på pitea.se/bygglov

youth_centre: Ungdomens hus har öppet fredagar kl. 18–23 för dig mellan 13 och 19 år. Spel,
    musik, film och fika – och alltid vuxna fritidsledare på plats. Du hittar oss på Nygatan 12
    mitt i stan! 🎮

parking_fees: Gatuparkering i centrum kostar 15 kr per timme vardagar kl. 9–18. Betala i appen
    eller i automaten. Boendeparkering ansöker du om på pitea.se/parkering. Första timmen är
    alltid gratis vid Rådhustorget på lördagar!

bus_timetable: Från {datum} gäller nya tidtabeller i stadstrafiken. Linje {linje} får fler
    turer på morgonen och linje 14 går även på lördagar. Ungdomar under 20 år åker gratis med
    skolkort. Se tidtabellerna på {url}

litter_picking: Var med och städa Piteå! Under skräpplockardagen {datum} delar vi ut handskar
    och påsar vid {plats_träff}. Skolklasser och föreningar är extra välkomna. 🌱 #hållpiteårent

national_day: Välkommen att fira nationaldagen den 6 juni i {park}! Kl. 14.00 hälsar
    kommunstyrelsens ordförande {ks_ordf} välkommen och därefter välkomnar vi kommunens nya
    svenska medborgare. Musik av {band}. 🇸🇪

tax_rate: Kommunalskatten i Piteå blir oförändrad nästa år: 22,40 kronor per hundralapp går
    till kommunen. Läs om hur skattepengarna används i årsredovisningen på
    https://www.pitea.se/ekonomi

district_heating: Planerat avbrott i fjärrvärmen i {område} {datum} {tid}. Avbrottet behövs för
    att ansluta nya ledningar, och varmvattnet kan bli ljummet under tiden. Frågor? Ring
    kundservice via växeln {org_phone}.

staff_survey_linkedin: Stolta arbetsgivare! I årets medarbetarundersökning svarar 87 procent av
    våra medarbetare att de trivs på jobbet. Tack alla kollegor för ert engagemang – ni gör
    Piteå till en bättre plats att leva på. #arbetsgivare {hashtag}

new_residents: Ny i Piteå? Välkommen! Hämta vår välkomstpåse i Kontaktcenter i Stadshuset,
    Storgatan 32, vardagar kl. 8–16.30. Där får du information om förskola, kollektivtrafik,
    fritidsaktiviteter och mycket mer. Frågor: {org_email}
"""


def _parse_templates(source: str) -> tuple[tuple[str, str], ...]:
    templates = []
    for paragraph in source.strip().split("\n\n"):
        first, *rest = paragraph.split("\n")
        key, text = first.split(": ", 1)
        templates.append((key, " ".join([text, *(line.strip() for line in rest)])))
    return tuple(templates)


TEMPLATES = _parse_templates(_TEMPLATE_SOURCE)
TEMPLATE_KEYS = tuple(key for key, _text in TEMPLATES)

_ALTERNATIVES = re.compile(r"\[\[(.*?)\]\]")


def _render(template: str, rng: random.Random) -> str:
    text = _ALTERNATIVES.sub(lambda m: rng.choice(m.group(1).split("|")), template)
    return text.format_map(_Slots(rng))


def _join(parts: list[str]) -> str:
    """Sentences joined by a space, or by an empty line after a link or a hashtag."""
    text = parts[0]
    for part in parts[1:]:
        ended = text[-1] in ".!?”)" or ord(text[-1]) > 0x2000  # punctuation or an emoji
        text += (" " if ended else "\n\n") + part
    return text


_HASHTAG_TAIL = re.compile(r"(?:\s+#\w+)+$")


def _split_hashtags(text: str) -> tuple[str, str]:
    match = _HASHTAG_TAIL.search(text)
    return (text[: match.start()], match.group()) if match else (text, "")


def _decorate(text: str, rng: random.Random) -> str:
    """What social media managers add: a leading emoji, a contact line, hashtags."""
    body, hashtags = _split_hashtags(text)
    if body[0].isalpha() and rng.random() < 0.15:
        body = rng.choice(("📣 ", "ℹ️ ", "👋 ")) + body
    if "rågor" not in body and rng.random() < 0.2:  # no second contact line
        contact = rng.choice(
            (
                "Frågor? Kontakta Kontaktcenter på 0911-69 60 00 eller kundtjanst@pitea.se.",
                "Har du frågor är du välkommen att ringa oss på 0911-69 60 00.",
                "Vid akuta fel på gator och vägar efter kontorstid: ring 070-190 62 00.",
            )
        )
        body = _join([body, contact])
    if rng.random() < 0.3:
        extra = [tag for tag in rng.sample(HASHTAGS, rng.randint(1, 3)) if tag not in hashtags]
        hashtags += "".join(" " + tag for tag in extra)
    if hashtags:
        body += rng.choice(("\n\n", " ")) + hashtags.strip()
    return body


def _ordinary(rng: random.Random, key: str, template: str) -> OrdinaryPost:
    for _attempt in range(50):
        text = _decorate(_render(template, rng), rng)
        if not looks_like_identity_number(text) and len(text) <= MAX_CHARS:
            return OrdinaryPost(text=text, template=key)
    raise RuntimeError(f"template {key} keeps producing an identity-number look-alike")


def ordinary_records(n: int = 500, seed: int = 0) -> list[OrdinaryPost]:
    """n ordinary posts with their template keys; every template is used before any repeats."""
    if n < 0:
        raise ValueError("n must not be negative")
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    order: list[tuple[str, str]] = []
    posts = []
    for _ in range(n):
        if not order:
            order = list(TEMPLATES)
            rng.shuffle(order)
        key, template = order.pop()
        posts.append(_ordinary(rng, key, template))
    return posts


def ordinary_posts(n: int = 500, seed: int = 0) -> list[str]:
    """n ordinary posts as a Swedish municipality publishes them; none must be blocked."""
    return [post.text for post in ordinary_records(n, seed)]


# ---------------------------------------------------------------------------------------------
# Confidential details: each builder returns (sentence, evidence).


def _person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)


def _mobile(rng: random.Random) -> str:
    while True:
        prefix = rng.choice(("070", "072", "073", "076", "079"))
        rest = f"{rng.randint(0, 9_999_999):07d}"
        digits = prefix + rest
        if _date_shaped(digits) and _luhn_ok(digits):
            continue  # would also read as an identity number
        number = f"{prefix}-{rest[:3]} {rest[3:5]} {rest[5:]}"
        if number in ORG_PHONES:
            continue
        return rng.choice(
            (
                number,
                number,
                number,
                f"{prefix} {rest[:3]} {rest[3:5]} {rest[5:]}",
                digits,
                f"+46 {prefix[1:]} {rest[:3]} {rest[3:5]} {rest[5:]}",
                f"{prefix}-{rest}",
            )
        )


def _private_mail(rng: random.Random, first: str, last: str) -> str:
    f, la = _ascii_local(first), _ascii_local(last)
    local = rng.choice(
        (
            f"{f}.{la}{rng.randint(60, 99)}",
            f"{f}{la}",
            f"{f[0]}.{la}",
            f"{la}.{f}",
            f"{f}_{la[0]}{rng.randint(1970, 2005)}",
            f"{f}.{la}",
        )
    )
    return f"{local}@{rng.choice(MAIL_PROVIDERS)}"


def _pnr_detail(rng: random.Random, coordination: bool) -> tuple[str, str]:
    number = _identity_number(rng, coordination=coordination)
    first, last = _person(rng)
    label = "samordningsnummer" if coordination else rng.choice(("personnummer", "pnr", "personnr"))
    if "+" in number:  # a centenarian
        home = rng.choice(ELDERLY_HOMES)
        return rng.choice(
            (
                f"Grattis till {first} {last} ({number}) på {home}, som firas med tårta i dag!",
                f"Vi hälsar {first} {last}, {label} {number}, välkommen till {home}.",
            )
        ), number
    sentence = rng.choice(
        (
            f"Grattis till {first} {last} ({number}) som vann vår fototävling!",
            f"Följande elev har beviljats skolskjuts: {first} {last}, {number}.",
            f"Hittegods: en plånbok med id-kort för {number} har lämnats in i Kontaktcenter.",
            f"{first} {last}, {label} {number}, har fått plats på förskolan från 1 augusti.",
            f"Beslutet skickas till {first} {last} med {label} {number}.",
            f"Anmäld deltagare: {number} {first} {last}.",
            f"Vinnaren i lottdragningen är {first} ({label} {number}), grattis!",
        )
    )
    return sentence, number


def _phone_detail(rng: random.Random) -> tuple[str, str]:
    number = _mobile(rng)
    first, last = _person(rng)
    sentence = rng.choice(
        (
            f"Frågor om loppisen? Ring {first} på {number} efter kl. 17.",
            f"Kontaktperson för föreningen är {first} {last}, {number}.",
            f"Vill du anmäla dig? Sms:a {first} på {number}.",
            f"Har du hittat en svart katt i området? Ring ägaren {first} på {number}.",
            f"{first} {last} nås enklast på sin mobil {number}.",
            f"Samåkning till träffen ordnas av {first}, ring {number}.",
        )
    )
    return sentence, number


def _email_detail(rng: random.Random) -> tuple[str, str]:
    first, last = _person(rng)
    address = _private_mail(rng, first, last)
    sentence = rng.choice(
        (
            f"Mejla {first} på {address} om du vill vara med.",
            f"Anmälan görs till {first} {last}, {address}.",
            f"Frågor om föreningens verksamhet besvaras av {first} ({address}).",
            f"Skicka dina bilder till {address} så sammanställer {first} dem.",
            f"Kontakta vår volontär {first} {last} på {address}.",
        )
    )
    return sentence, address


HEALTH_DETAILS = (
    ("är sjukskriven för depression", "sjukskriven för depression"),
    ("är sjukskriven för utmattningssyndrom", "sjukskriven för utmattningssyndrom"),
    ("har fått en cancerdiagnos och är inlagd på sjukhus", "cancerdiagnos"),
    ("har epilepsi och får ibland anfall", "epilepsi"),
    ("har diabetes typ 1", "diabetes typ 1"),
    ("återhämtar sig efter en hjärtinfarkt", "hjärtinfarkt"),
    ("är sjukskriven efter en operation i ryggen", "sjukskriven efter en operation"),
    ("har diagnosen bipolär sjukdom", "diagnosen bipolär sjukdom"),
)
CHILD_DIAGNOSES = ("ADHD", "autism", "dyslexi", "en svår allergi mot nötter", "typ 1-diabetes")


def _health_detail(rng: random.Random) -> tuple[str, str]:
    first, last = _person(rng)
    detail, evidence = rng.choice(HEALTH_DETAILS)
    diagnosis = rng.choice(CHILD_DIAGNOSES)
    school = rng.choice(SCHOOLS)
    choices = (
        (f"{first} {last} {detail} och leder därför inte kursen den här terminen.", evidence),
        (f"Vår kollega {first} {detail}, så kontakta Kontaktcenter i stället.", evidence),
        (f"Eleven i klass 4B på {school} har diagnosen {diagnosis} och behöver stöd.", diagnosis),
        (f"Hon {detail}, därför ställs träffen in.", evidence),
        (
            f"En boende på {rng.choice(ELDERLY_HOMES)}, {first}, har demens och Parkinsons sjukdom.",
            "demens och Parkinsons sjukdom",
        ),
        (f"{first}s son har {diagnosis}, så han deltar med assistent.", diagnosis),
    )
    return rng.choice(choices)


def _address_detail(rng: random.Random) -> tuple[str, str]:
    first, last = _person(rng)
    address = f"{rng.choice(PRIVATE_STREETS)} {rng.randint(1, 48)}"
    choices = (
        (f"Familjen {last} bor på {address} och har tagit emot flera besök.", address),
        (
            f"Vinnaren {first} {last}, {address}, 941 {rng.randint(30, 69)} Piteå, får priset"
            " hemskickat.",
            address,
        ),
        (f"Cykeln kan hämtas hemma hos {first} på {address}.", address),
        (f"Eleven bor på {address} och åker skolskjuts från hållplatsen vid infarten.", address),
        (f"{first} {last}, som bor på {address}, var den som larmade.", address),
        (f"Hon bor på {address} i {rng.choice(AREAS)} sedan flera år.", address),
    )
    return rng.choice(choices)


MARKERS = (
    ("Sekretess enligt OSL 26 kap.", "Sekretess enligt OSL 26 kap."),
    ("SEKRETESSBELAGD – får inte spridas.", "SEKRETESSBELAGD"),
    ("Uppgifterna omfattas av sekretess.", "omfattas av sekretess"),
    ("Personen har skyddad identitet.", "skyddad identitet"),
    ("OBS: Skyddad identitet – lämna inte ut några uppgifter.", "Skyddad identitet"),
    ("Sekretess gäller enligt 21 kap. 3 § OSL.", "21 kap. 3 § OSL"),
    ("Handlingen är sekretessbelagd.", "sekretessbelagd"),
    ("[Internt] Sekretessbelagd uppgift, enligt 26 kap. 1 § OSL.", "Sekretessbelagd"),
    ("Uppgiften omfattas av sekretess enligt 23 kap. 2 § OSL.", "omfattas av sekretess"),
)


def _marker_detail(rng: random.Random) -> tuple[str, str]:
    return rng.choice(MARKERS)


def _case_detail(rng: random.Random) -> tuple[str, str]:
    prefix = rng.choice(("SN", "KS", "BUN", "MBN", "SBN", "KFN", "ÖFN"))
    year, serial = rng.randint(2023, 2026), rng.randint(1, 2999)
    number = rng.choice((f"{prefix} {year}/{serial:04d}", f"{prefix}-{year}-{serial:04d}"))
    sentence = rng.choice(
        (
            f"Ärendet handläggs under diarienummer {number}.",
            f"Dnr {number}.",
            f"(Se ärende {number} för bakgrunden.)",
            f"Ref: {number} – utredningen pågår fortfarande.",
            f"{number}: beslut väntas inom kort.",
        )
    )
    return sentence, number


def _protected_detail(rng: random.Random) -> tuple[str, str]:
    name = rng.choice(PROTECTED_NAMES)
    form = rng.choice((str, str, str.lower, str.upper))(name)
    possessive = form + ("S" if form.isupper() else "s")
    choices = (
        (f"Grattis till {form} som vann publikens pris!", form),
        (f"{possessive} bild valdes till årets omslag.", possessive),
        (f"Tack till {form} som hjälpte till vid evenemanget.", form),
        (f"Årets kulturstipendium går till {form}.", form),
        (f"På bilden syns {possessive} klass från {rng.choice(SCHOOLS)}.", possessive),
        (f"{form} berättar om sin sommar som feriearbetare.", form),
    )
    return rng.choice(choices)


DETAIL_BUILDERS: dict[str, Callable[[random.Random], tuple[str, str]]] = {
    "personnummer": lambda rng: _pnr_detail(rng, coordination=False),
    "samordningsnummer": lambda rng: _pnr_detail(rng, coordination=True),
    "phone": _phone_detail,
    "email": _email_detail,
    "health": _health_detail,
    "address": _address_detail,
    "marker": _marker_detail,
    "case_number": _case_detail,
    "protected_name": _protected_detail,
}

# A sentence ends at . ! ? before a capital, not after "t.ex." and never before a digit ("kl. 10").
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!t\.ex\.)\s+(?=[A-ZÅÄÖ”(\[])")


def confidential_records(n: int = 300, seed: int = 0) -> list[ConfidentialPost]:
    """n posts that must be blocked, the categories in equal shares (±1), in shuffled order."""
    if n < 0:
        raise ValueError("n must not be negative")
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    categories = [CATEGORIES[i % len(CATEGORIES)] for i in range(n)]
    rng.shuffle(categories)
    posts = []
    for category in categories:
        posts.append(_confidential(rng, category))
    return posts


def _confidential(rng: random.Random, category: str) -> ConfidentialPost:
    """An ordinary body with the detail inserted between its sentences, then decorated."""
    numbered = category in ("personnummer", "samordningsnummer")
    for _attempt in range(50):
        _key, template = rng.choice(TEMPLATES)
        body, hashtags = _split_hashtags(_render(template, rng))
        if looks_like_identity_number(body):
            continue
        sentence, evidence = DETAIL_BUILDERS[category](rng)
        parts = _SENTENCE_END.split(body)
        position = rng.choice(("start", "middle", "end")) if len(parts) > 1 else "end"
        at = {"start": 0, "middle": rng.randint(1, len(parts) - 1), "end": len(parts)}[position]
        text = _decorate(_join(parts[:at] + [sentence] + parts[at:]) + hashtags, rng)
        if len(text) <= MAX_CHARS and (numbered or not looks_like_identity_number(text)):
            return ConfidentialPost(text, category, evidence, position)
    raise RuntimeError(f"cannot build a clean {category} post")


def confidential_posts(n: int = 300, seed: int = 0) -> list[tuple[str, str]]:
    """n (text, category) pairs: municipal posts with one confidential detail each."""
    return [(post.text, post.category) for post in confidential_records(n, seed)]


if __name__ == "__main__":
    for post in ordinary_posts(5):
        print("ordinary:", post, "\n")
    for text, category in confidential_posts(9):
        print(f"{category}:", text, "\n")
