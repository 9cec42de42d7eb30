"""Themes of residents' comments from a keyword taxonomy officers can read and correct.

A taxonomy maps a theme name to keywords. Matching is deliberately plain, so an officer can
predict it from the keyword list alone:

- case does not matter, and a keyword only matches whole words: "bus" finds "bus" and
  "Buses" but not "business";
- a keyword also matches its plural: -es after s, x, z, ch or sh ("bus" finds "buses"),
  -s otherwise ("park" finds "parks", but "car" does not find "cares");
- a trailing * is a stem: "fly-tip*" finds fly-tip, fly-tipping, fly-tipped. A stem needs
  at least 3 letters before the *, so "a*" cannot swallow every word;
- spaces and hyphens inside a phrase are interchangeable and may be left out:
  "anti-social behaviour" finds "antisocial behaviour" and "anti social behaviour";
- a keyword starting with "-" is an exclusion for its theme: "-car park" stops "park"
  from finding "car park". Place names containing a keyword ("Pilling Park") belong here.

No NLTK, no stemming library: a regular expression per theme, built from its keywords.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

Taxonomy = dict[str, tuple[str, ...]]

# Residents write far less than this (a survey answer is at most 10,000 characters); the cap
# keeps a hostile or accidental megabyte from tying up a worker. Shared with sentiment.
MAX_ANALYSED_CHARS = 20_000

DEFAULT_THEMES: Taxonomy = {
    "Money and benefits": (
        "money",
        "cost of living",
        "universal credit",
        "uc",
        "benefits",
        "on benefit",
        "pip",
        "esa",
        "pension credit",
        "attendance allowance",
        "council tax",
        "debt*",
        "bills",
        "afford*",
        "unaffordable",
        "-love nor money",
        "skint",
        "wage*",
        "low pay",
        "low paid",
        "income",
        "poverty",
        "sanction*",
        "payday",
        "loan shark*",
        "credit union",
        "arrears",
        "expensive",
        "price*",
        "costs",
        "budget*",
        "make ends meet",
    ),
    "Work and skills": (
        "job*",
        "employment",
        "unemploy*",
        "employer*",
        "apprentice*",
        "training",
        "skills",
        "qualification*",
        "college",
        "cv",
        "interview*",
        "work coach",
        "out of work",
        "find work",
        "get work",
        "looking for work",
        "back to work",
        "zero hours",
        "zero-hour contract*",
        "full time",
        "part time",
        "adult learning",
        "english classes",
        "esol",
        "numeracy",
        "literacy",
        "work club",
        "careers",
    ),
    "Housing": (
        "housing",
        "house",
        "flat",
        "flats",
        "homes",
        "homeless*",
        "landlord*",
        "tenant*",
        "tenancy",
        "rent",
        "rents",
        "rented",
        "renting",
        "damp",
        "mould*",
        "mold",
        "condensation",
        "repair*",
        "leak*",
        "boiler*",
        "council house*",
        "social housing",
        "housing association*",
        "overcrowd*",
        "evict*",
        "section 21",
        "bedroom tax",
        "temporary accommodation",
        "accommodation",
        "housing list",
        "housing register",
        "hmo",
        "bungalow*",
        "single glazed",
        "-repair cafe*",
    ),
    "Health and wellbeing": (
        "health",
        "healthy",
        "wellbeing",
        "well-being",
        "gp",
        "doctor*",
        "surgery",
        "nhs",
        "hospital*",
        "a&e",
        "dentist*",
        "mental health",
        "camhs",
        "depress*",
        "anxiety",
        "anxious",
        "stress*",
        "asthma",
        "ill",
        "illness",
        "nurse",
        "pharmac*",
        "chemist*",
        "prescription*",
        "stop smoking",
        "smoking",
        "obesity",
        "exercise class*",
        "gym",
        "leisure centre",
        "swimming",
        "disab*",
        "dementia",
        "health visitor*",
        "-police surger*",
        "-councillor surger*",
    ),
    "Food": (
        "food",
        "foodbank*",
        "food bank*",
        "food parcel*",
        "food hub*",
        "pantry",
        "pantries",
        "community fridge",
        "meal*",
        "free school meals",
        "hungry",
        "hunger",
        "groceries",
        "supermarket*",
        "fruit",
        "veg",
        "vegetables",
        "eat",
        "eating",
        "cook*",
        "breakfast club*",
        "lunch*",
        "-lunch club*",
    ),
    "Fuel and energy": (
        "fuel",
        "fuel poverty",
        "energy",
        "gas",
        "electric",
        "electricity",
        "heating",
        "heater*",
        "heat or eat",
        "meter*",
        "prepayment",
        "pre-payment",
        "top up",
        "insulat*",
        "warm space*",
        "warm hub*",
        "warm bank*",
        "cold home*",
        "freezing",
        "radiator*",
        "draught*",
        "solar panel*",
        "double glazing",
    ),
    "Crime and safety": (
        "crime*",
        "criminals",
        "asb",
        "anti-social",
        "anti-social behaviour",
        "police",
        "policing",
        "pcso*",
        "bobby",
        "safe",
        "safer",
        "safety",
        "unsafe",
        "burglar*",
        "burgled",
        "theft",
        "stolen",
        "drug*",
        "dealing",
        "dealer*",
        "vandal*",
        "graffiti",
        "knife",
        "knives",
        "violence",
        "violent",
        "gang*",
        "mugged",
        "scared",
        "intimidat*",
        "street light*",
        "streetlight*",
        "lighting",
        "cctv",
        "scrambler*",
        "motorbike*",
        "noise",
        "101",
        "community warden*",
        "street drinking",
    ),
    "Green space and environment": (
        "park",
        "parks",
        "-car park*",
        "-park and ride",
        "green space*",
        "greenspace*",
        "the green",
        "playing field*",
        "field",
        "tree*",
        "grass",
        "verge*",
        "allotment*",
        "community garden*",
        "nature",
        "wildlife",
        "woods",
        "environment*",
        "litter*",
        "fly-tip*",
        "dog mess",
        "dog poo",
        "dog fouling",
        "dog walk*",
        "pollution",
        "air quality",
        "recycling",
        "bin",
        "bins",
        "bin collection*",
        "bin day*",
        "bin store*",
        "rubbish bag*",
        "street cleaning",
        "clean up",
        "climate",
        "flood*",
        "river",
        "open space*",
        "bench*",
    ),
    "Children and young people": (
        "child",
        "children",
        "childcare",
        "childminder*",
        "child poverty",
        "kid*",
        "youth*",
        "young people",
        "young person",
        "young families",
        "teen*",
        "school*",
        "nursery",
        "nurseries",
        "pupil*",
        "family hub*",
        "sure start",
        "holiday club*",
        "holiday activit*",
        "breakfast club*",
        "after school",
        "free school meals",
        "playground*",
        "play area*",
        "play park*",
        "baby",
        "babies",
        "toddler*",
        "homework",
        "under 16s",
        "under 18s",
        "camhs",
        "grandchild*",
    ),
    "Older people": (
        "older people",
        "older person",
        "older residents",
        "old people",
        "elderly",
        "pensioner*",
        "pension",
        "pension credit",
        "retired",
        "retirement",
        "over 60s",
        "over 65s",
        "over 70s",
        "over 80s",
        "dementia",
        "care home*",
        "home care",
        "care at home",
        "lunch club*",
        "grandparent*",
        "grandad*",
        "grandma",
        "nan",
        "gran",
        "men's shed*",
        "befriend*",
        "age uk",
        "grandchild*",
    ),
    "Transport": (
        "bus",
        "buses",
        "bus stop*",
        "bus pass*",
        "bus station",
        "bus shelter*",
        "bus fare*",
        "fares",
        "train",
        "trains",
        "railway",
        "transport",
        "public transport",
        "taxi*",
        "cycl*",
        "bike*",
        "car",
        "cars",
        "parking",
        "parked",
        "car park*",
        "roadworks",
        "road safety",
        "pothole*",
        "pavement*",
        "footpath*",
        "traffic",
        "speeding",
        "speed bump*",
        "20mph",
        "crossing*",
        "school run",
        "travel*",
        "journey*",
        "timetable*",
        "commut*",
        "drive*",
        "driving",
    ),
    "Community and belonging": (
        "community",
        "communities",
        "neighbour",
        "neighbours",
        "neighbourly",
        "belong*",
        "lonel*",
        "isolat*",
        "make friends",
        "made friends",
        "friends group",
        "volunteer*",
        "church*",
        "mosque*",
        "faith",
        "fun day*",
        "festival*",
        "street part*",
        "coffee morning*",
        "social club*",
        "community centre*",
        "community hub*",
        "community group*",
        "residents association*",
        "tenants association*",
        "tenants meeting*",
        "community spirit",
        "look out for each other",
        "looks out for each other",
        "befriend*",
        "refugee*",
        "migrant*",
        "repair cafe*",
        "men's shed*",
        "dementia cafe*",
    ),
    "Access to services and digital": (
        "online",
        "internet",
        "wifi",
        "wi-fi",
        "broadband",
        "digital",
        "computer*",
        "laptop*",
        "smartphone*",
        "phone",
        "phones",
        "phone line",
        "on hold",
        "call centre",
        "app",
        "apps",
        "website*",
        "email*",
        "text service",
        "form",
        "forms",
        "paper form*",
        "library",
        "libraries",
        "library van",
        "council office*",
        "customer service*",
        "contact centre",
        "one stop shop",
        "face to face",
        "in person",
        "opening hours",
        "help desk",
        "advice",
        "citizens advice",
        "signpost*",
        "interpreter*",
        "translation*",
        "other languages",
        "information",
        "leaflet*",
        "access",
        "accessible",
        "inaccessible",
        "digital skills",
        "post office*",
    ),
}


def normalise(text: str) -> str:
    """Return text folded for matching: Unicode-compatible forms, lower case,
    plain quotes and dashes."""
    text = unicodedata.normalize("NFKC", text[:MAX_ANALYSED_CHARS]).casefold()
    return text.translate(_PLAIN)


# Curly quotes and the several Unicode dashes people paste from word processors.
_PLAIN = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
    }
)


def keyword_problem(keyword: str) -> str | None:
    """Return why a keyword cannot be used (GOV.UK error wording), or None when it is fine."""
    word = keyword.strip().lstrip("-").strip()
    if not word:
        return "Enter a keyword"
    for part in re.split(r"[\s\-]+", word):
        if "*" in part[:-1]:
            return "A * can only come at the end of a word"
        if part.endswith("*") and len(part) < 4:
            return "Put at least 3 letters before a *"
    return None


def _keyword_regex(keyword: str) -> str:
    """Return the regular expression (without word boundaries) for one checked keyword."""
    parts = []
    words = [w for w in re.split(r"[\s\-]+", keyword) if w]
    for word in words:
        if word.endswith("*"):
            parts.append(re.escape(word[:-1]) + r"\w*")
        else:
            parts.append(re.escape(word))
    body = r"[\s\-]*".join(parts)
    last = words[-1]
    if not last.endswith("*"):
        # English plurals: bus → buses, car → cars (not "cares").
        body += r"(?:es)?" if re.search(r"(s|x|z|ch|sh)$", last) else r"s?"
    return body


def _alternation(keywords: Iterable[str]) -> re.Pattern[str] | None:
    """Return one pattern finding any of keywords as whole words, longest first, or None."""
    bodies = sorted({_keyword_regex(k) for k in keywords}, key=len, reverse=True)
    if not bodies:
        return None
    # No IGNORECASE: keywords and the text searched are both casefolded already, and matching
    # case-blind is twice as slow.
    return re.compile(r"(?<!\w)(?:" + "|".join(bodies) + r")(?!\w)")


@lru_cache(maxsize=32)
def _compiled(frozen: tuple[tuple[str, tuple[str, ...]], ...]):
    """Return [(name, include pattern, exclude pattern)] for a taxonomy in hashable form."""
    compiled = []
    for name, keywords in frozen:
        usable = [k.strip().casefold() for k in keywords if keyword_problem(k) is None]
        include = _alternation(k for k in usable if not k.startswith("-"))
        exclude = _alternation(k[1:].strip() for k in usable if k.startswith("-"))
        compiled.append((name, include, exclude))
    return compiled


def find_themes(text: str, taxonomy: Taxonomy | None = None) -> list[str]:
    """Return the names of the themes whose keywords occur in text, in taxonomy order.

    taxonomy defaults to DEFAULT_THEMES. Keywords an officer mistyped (see keyword_problem)
    are skipped rather than allowed to match everything. Markup is treated as plain
    characters: "<b>damp</b>" finds Housing because "damp" is still a whole word.
    """
    taxonomy = DEFAULT_THEMES if taxonomy is None else taxonomy
    folded = normalise(text or "")
    found = []
    for name, include, exclude in _compiled(tuple((n, tuple(k)) for n, k in taxonomy.items())):
        if include is None:
            continue
        searched = exclude.sub(lambda m: " " * len(m.group()), folded) if exclude else folded
        if include.search(searched):
            found.append(name)
    return found


def taxonomy_from_rows(rows: Iterable) -> Taxonomy:
    """Return a taxonomy from stored themes, or DEFAULT_THEMES when there are none.

    rows are (name, keywords) pairs or objects with .name and .keywords (CommentTheme rows);
    objects with a .position are put in position order. Keywords are trimmed, lower-cased and
    de-duplicated; blank names and blank keywords are dropped.
    """
    pairs = []
    for index, row in enumerate(rows):
        if hasattr(row, "name") and hasattr(row, "keywords"):
            name, keywords, position = row.name, row.keywords, getattr(row, "position", None)
        else:
            (name, keywords), position = row, None
        pairs.append((position if position is not None else 0, index, name, keywords))
    pairs.sort(key=lambda p: (p[0], p[1]))
    taxonomy: Taxonomy = {}
    for _position, _index, name, keywords in pairs:
        name = (name or "").strip()
        if not name:
            continue
        if isinstance(keywords, str):
            keywords = [keywords]
        cleaned = dict.fromkeys(k.strip().lower() for k in keywords or () if k and k.strip())
        taxonomy[name] = tuple(cleaned)
    return taxonomy or dict(DEFAULT_THEMES)
