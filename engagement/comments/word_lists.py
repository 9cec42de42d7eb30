"""Word lists the readings of comments share, as data.

TEXT_SPEAK is spelt out by sentiment.prepare before anything reads a comment. HARDSHIP_WORDS are
counted by the learned reading (learned.py) and not scored by the lexicon: no one of them is a
complaint, but a comment holding several usually is. Keywords follow themes.py's rules: whole
words, a trailing * for a stem.
"""

from __future__ import annotations

# Text-speak and common misspellings, read as the words they stand for before anything else.
TEXT_SPEAK = {
    "u": "you", "r": "are", "ur": "your", "n": "and", "luv": "love", "gud": "good",
    "gr8": "great", "nite": "night", "wen": "when", "wot": "what", "wots": "what is",
    "nowt": "nothing", "nuthin": "nothing", "nothin": "nothing", "nuffin": "nothing",
    "no1": "no one", "sum1": "someone", "every1": "everyone", "agen": "again", "4ever": "forever",
    "coz": "because", "cos": "because", "pls": "please", "plz": "please", "ppl": "people",
    "aford": "afford", "afford2": "afford to", "apointment": "appointment", "da": "the",
    "dat": "that", "wiv": "with", "yr": "year", "yrs": "years", "leccy": "electric",
    "im": "i am", "ive": "i have", "thx": "thanks", "ta": "thanks", "waitin": "waiting",
    "heatin": "heating", "sortin": "sorting", "takin": "taking", "missin": "missing",
    "dealin": "dealing", "throwin": "throwing", "goin": "going", "doin": "doing",
    "gettin": "getting", "lookin": "looking", "livin": "living", "workin": "working",
    "comin": "coming", "sayin": "saying", "definately": "definitely", "everywere": "everywhere",
}  # fmt: skip

# Words of hardship and complaint that residents use without any word TextBlob scores: a
# comment holding them and not asking a question reads as a complaint far more often than not.
# Written from what residents of deprived neighbourhoods say to councils (and what advice
# services hear), not drawn from the labelled comments: the learned reading counts them.
HARDSHIP_WORDS = (
    # money
    "afford", "afford*", "arrears", "debt*", "owe", "owed", "owing", "overdrawn", "overdraft",
    "overpayment", "sanction*", "skint", "broke", "bailiff*", "loan*", "borrow*", "pawn*",
    "struggl*", "scrimp*", "rationing", "cut back", "cutting back", "can not pay", "behind",
    "tripled", "doubled", "gone up", "through the roof", "runs out", "ran out", "run out",
    "to save on", "to save the", "lasts", "nowhere", "starving", "no replies",
    # home
    "damp", "mould*", "mold*", "condensation", "leak*", "leaking", "drip*", "rot*", "cold",
    "colder", "freezing", "frozen", "draught*", "broken", "boarded", "smashed", "overcrowd*",
    "sofa", "floor", "evict*", "homeless*", "sofa surfing", "temporary", "hostel", "b&b",
    "bedsit", "rats", "mice", "cockroach*", "infest*", "lift", "stairs", "out of order",
    # going without
    "without", "skip*", "hungry", "hunger", "coats", "blanket*", "hot water bottle", "bed early",
    "one room", "front room", "food bank*", "foodbank*", "parcel*", "voucher*", "cheapest",
    # health and strain
    "ill", "illness", "sick", "poorly", "pain", "wheez*", "inhaler*", "asthma", "worse",
    "worsening", "worried", "worry", "worrying", "stress*", "anxious", "anxiety", "depress*",
    "lonely", "loneliness", "alone", "isolat*", "exhausted", "tired", "crying", "suicid*",
    "can not sleep", "do not sleep", "no sleep",
    # waiting and being let down
    "waiting", "waited", "wait", "queue*", "on hold", "months", "years", "weeks", "since",
    "still", "again", "every time", "chased", "chasing", "promised", "promises", "reported",
    "complained", "no reply", "no answer", "never", "nobody", "no one", "nothing", "nowhere",
    "anyone", "anything", "shut", "closed", "closure", "cut", "cuts", "cancelled", "late",
    "gone", "lost", "moved", "stopped", "taken away", "turned down", "refused", "rejected",
    "election", "posh", "consultants", "box ticking", "tick box", "survey*", "consultation*",
    # street
    "dumped", "fly-tip*", "litter*", "overflowing", "stink*", "smell*", "filthy", "dirty",
    "needles", "drug*", "dealer*", "dealing", "scrambler*", "stabbed", "mugged", "burgled",
    "broken into", "nicked", "stolen", "shouting", "fighting", "noise", "speeding", "pothole*",
    "dark", "after dark", "all night", "every night",
    # being made to, or refused
    "can not", "could not", "will not", "would not", "has not", "have not", "had to",
    "have to", "forced", "told", "fob*", "excuse*", "blame*", "bother*", "trouble", "problem*",
    "complain*", "hours", "minutes", "ages", "all day", "half", "whole", "even", "only",
    "twice", "times",
    # making do: the cold, small rooms, cheap food, distance, the clock
    "jumpers", "indoors", "wet", "rain", "share", "sharing", "single bed", "box room", "bunk*",
    "toast", "tins", "pasta", "noodles", "cereal", "miles", "walk", "till", "until", "after",
    "last bus", "agency", "shift*", "zero hours", "hard", "difficult", "tough", "impossible",
    "mess", "muck", "excluded", "exclusion", "taped off", "fenced off", "derelict", "empty",
    "same", "as if", "pointless", "point", "wasted", "charge*", "charged", "fees",
)  # fmt: skip
