"""The default keyword taxonomy: the themes every council starts with, before officers edit them.

Data only. How keywords match (whole words, plurals, "stem*", "-exclusion") is in themes.py;
taxonomy.py seeds the officers' CommentTheme rows from this table. Theme order is the order
officers see them in. Keywords are packed several to a line so the table reads as a list.
"""

from __future__ import annotations

# A themes.Taxonomy (which cannot be imported here: themes.py imports this module).
# fmt: off
DEFAULT_THEMES: dict[str, tuple[str, ...]] = {
    "Money and benefits": (
        "money", "cost of living", "universal credit", "uc", "benefits", "on benefit", "pip", "esa",
        "pension credit", "attendance allowance", "council tax", "debt*", "bills", "afford*",
        "unaffordable", "-love nor money", "skint", "wage*", "low pay", "low paid", "income",
        "poverty", "sanction*", "payday", "loan shark*", "credit union", "arrears", "expensive",
        "price*", "costs", "budget*", "make ends meet", "bill", "borrow*", "bailiff*", "pawn*",
        "overpayment*", "money's tight", "credit card*", "service charge*", "quid", "tenner",
        "gone up", "through the roof", "household support fund", "standing charge*",
        "payday loan*", "welfare",
    ),
    "Work and skills": (
        "job*", "employment", "unemploy*", "employer*", "apprentice*", "training", "skills",
        "qualification*", "college", "cv", "interview*", "work coach", "out of work", "find work",
        "get work", "looking for work", "back to work", "zero hours", "zero-hour contract*",
        "full time", "part time", "adult learning", "english classes", "esol", "numeracy",
        "literacy", "work club", "careers", "shifts", "hours a week", "agency work",
        "self employed",
        "into work", "work part time", "-gud job", "-good job", "-great job",
        "-brilliant job",
    ),
    "Housing": (
        "housing", "house", "flat", "flats", "homes", "homeless*", "landlord*", "tenant*",
        "tenancy", "rent", "rents", "rented", "renting", "damp", "mould*", "mold", "condensation",
        "repair*", "leak*", "boiler*", "council house*", "social housing", "housing association*",
        "overcrowd*", "evict*", "section 21", "bedroom tax", "temporary accommodation",
        "accommodation", "housing list", "housing register", "hmo", "bungalow*", "single glazed",
        "bedroom*", "regenerat*",
        "lift", "lifts", "my home", "our home",
        "-repair cafe*",
    ),
    "Health and wellbeing": (
        "health", "healthy", "wellbeing", "well-being", "gp", "doctor*", "surgery", "nhs",
        "hospital*", "a&e", "dentist*", "mental health", "camhs", "depress*", "anxiety", "anxious",
        "stress*", "asthma", "ill", "carer*", "caring for", "physio*", "docs", "illness", "nurse",
        "pharmac*", "chemist*", "prescription*",
        "stop smoking", "smoking", "obesity", "exercise class*", "gym", "leisure centre",
        "swimming", "disab*", "dementia", "health visitor*", "-police surger*",
        "-councillor surger*",
        "walk in centre", "talking therap*", "diabet*", "blood pressure",
    ),
    "Food": (
        "food", "foodbank*", "food bank*", "food parcel*", "food hub*", "pantry", "pantries",
        "community fridge", "meal*", "free school meals", "hungry", "hunger", "groceries",
        "supermarket*", "fruit", "veg", "vegetables", "eat", "eating", "cook*", "breakfast club*",
        "weekly shop", "big shop", "food shop*", "lidl", "aldi", "asda", "shopping",
        "lunch*", "-lunch club*",
    ),
    "Fuel and energy": (
        "fuel", "fuel poverty", "energy", "gas", "electric", "electricity", "heating", "heater*",
        "heat or eat", "meter*", "prepayment", "pre-payment", "top up", "insulat*", "warm space*",
        "warm hub*", "warm bank*", "cold home*", "freezing", "radiator*", "draught*",
        "solar panel*", "double glazing", "heat", "leccy",
        "heatin", "warm home*", "warm pack*", "standing charge*", "kettle", "hot water bottle*",
    ),
    "Crime and safety": (
        "crime*", "criminals", "asb", "anti-social", "anti-social behaviour", "police", "policing",
        "pcso*", "bobby", "safe", "safer", "safety", "unsafe", "burglar*", "burgled", "theft",
        "stolen", "drug*", "dealing", "dealer*", "vandal*", "graffiti", "knife", "knives",
        "violence", "violent", "gang*", "mugged", "scared", "intimidat*", "street light*",
        "streetlight*", "lighting", "cctv", "scrambler*", "motorbike*", "noise", "101",
        "community warden*", "warden*", "street drinking", "nicked", "broken into", "after dark",
        "neighbourhood watch", "alley gate*", "boy racer*",
    ),
    "Green space and environment": (
        "park", "parks", "-car park*", "-park and ride", "green space*", "greenspace*", "the green",
        "playing field*", "field", "tree*", "grass", "verge*", "allotment*", "community garden*",
        "nature", "wildlife", "woods", "environment*", "litter*", "fly-tip*", "dog mess", "dog poo",
        "dog fouling", "dog walk*", "pollution", "air quality", "recycling", "bin", "bins",
        "bin collection*", "bin day*", "bin store*", "rubbish bag*", "street cleaning", "clean up",
        "climate", "flood*", "river", "open space*", "bench*", "dumped", "dumping",
        "incinerator*",
    ),
    "Children and young people": (
        "child", "children", "childcare", "childminder*", "child poverty", "kid*", "youth*",
        "young people", "young person", "young families", "teen*", "school*", "nursery",
        "nurseries", "pupil*", "family hub*", "sure start", "holiday club*", "holiday activit*",
        "breakfast club*", "after school", "free school meals", "playground*", "play area*",
        "grandson*", "granddaughter*", "nappies", "pram*",
        "play park*", "baby", "babies", "toddler*", "homework", "under 16s", "under 18s", "camhs",
        "grandchild*",
    ),
    "Older people": (
        "older people", "older person", "older residents", "old people", "elderly", "pensioner*",
        "pension", "pension credit", "retired", "retirement", "over 60s", "over 65s", "over 70s",
        "over 80s", "dementia", "care home*", "home care", "care at home", "lunch club*",
        "grandparent*", "grandad*", "grandma", "nan", "gran", "men's shed*", "befriend*", "age uk",
        "grandchild*", "bus pass*",
    ),
    "Transport": (
        "bus", "buses", "bus stop*", "bus pass*", "bus station", "bus shelter*", "bus fare*",
        "fares", "train", "trains", "railway", "transport", "public transport", "taxi*", "cycl*",
        "bike*", "car", "cars", "parking", "parked", "car park*", "roadworks", "road safety",
        "pothole*", "pavement*", "footpath*", "traffic", "speeding", "speed bump*", "20mph",
        "crossing*", "school run", "travel*", "journey*", "timetable*", "commut*", "drive*",
        "driving",
        "park and ride", "minibus*", "tram", "trams", "dial a ride",
    ),
    "Community and belonging": (
        "community", "communities", "neighbour", "neighbours", "neighbourly", "belong*", "lonel*",
        "isolat*", "make friends", "made friends", "friends group", "volunteer*", "church*",
        "mosque*", "faith", "fun day*", "festival*", "street part*", "coffee morning*",
        "social club*", "community centre*", "community hub*", "community group*",
        "residents association*", "tenants association*", "tenants meeting*", "community spirit",
        "look out for each other", "looks out for each other", "befriend*", "refugee*", "migrant*",
        "repair cafe*", "men's shed*", "dementia cafe*", "forgotten", "left behind",
        "election*", "posh", "have a say", "get a say", "new to the area", "whatsapp",
        "-community garden*", "-community nurse*", "-community minibus*",
    ),
    "Access to services and digital": (
        "online", "internet", "wifi", "wi-fi", "broadband", "digital", "computer*", "laptop*",
        "smartphone*", "phone", "phones", "phone line", "on hold", "call centre", "app", "apps",
        "website*", "email*", "text service", "form", "forms", "paper form*", "library",
        "libraries", "library van", "council office*", "customer service*", "contact centre",
        "one stop shop", "face to face", "in person", "opening hours", "help desk", "advice",
        "citizens advice", "signpost*", "interpreter*", "translation*", "other languages",
        "information", "leaflet*", "access", "accessible", "inaccessible", "digital skills",
        "post office*", "get through", "reply",
        "paper copy", "filling this in", "fill this in", "speak to a human", "get hold of",
        "who to call",
    ),
}
# fmt: on
