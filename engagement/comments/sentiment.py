"""Sentiment of residents' comments: TextBlob's polarity, corrected for consultation language.

TextBlob scores the adjectives it knows ("good" +0.7, "terrible" -1.0) and averages them. On
comments about a neighbourhood it misses most complaints, which are made with phrases rather
than adjectives ("nothing ever changes round here", "the buses are a joke", "we've been
waiting years"), and it reads sarcasm ("great, another survey") as praise. So:

1. The text is prepared: Unicode folded, lower case, contractions spelt out ("isn't" →
   "is not") so TextBlob's own negation handling sees them, markup characters blanked.
2. Suggestions are not praise: "would be good", "would help" are blanked before TextBlob
   reads the text, and words that carry no opinion in a consultation ("more", "new",
   "free", "young", "old", "mental") are left out of TextBlob's average. What comes before
   a "but" counts half: "the staff are lovely but it shouldn't have to exist" is a complaint.
3. Phrases residents use to complain or to praise (CUES below) each add a fixed weight.
   A longer phrase listed earlier wins over a shorter one it overlaps. Praise cues preceded
   by a negation ("has not helped", "do not feel safe") count against instead, and TextBlob
   no longer reads their words; complaint cues preceded by a negation ("not a waste of
   money") are dropped.
4. polarity = TextBlob's average + the sum of the cue weights, clipped to [-1, 1].

Everything is a fixed table and arithmetic: the same comment always gets the same answer,
and Sentiment.cues says which phrases moved it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from textblob import TextBlob

# The lexicon TextBlob's default PatternAnalyzer scores with. Called directly it returns the
# per-word assessments in one pass (TextBlob.sentiment_assessments scores the text twice).
from textblob.en import sentiment as _textblob_lexicon

from engagement.comments.themes import MAX_ANALYSED_CHARS, normalise

# TextBlob reads its lexicon on first use, and a thread arriving while another is reading it
# finds it half made (the adverbs, "terribly" and the like, come last). Read it now, while this
# module is imported (one thread at a time), and not during a resident's first submission.
if not dict.__len__(_textblob_lexicon):
    _textblob_lexicon.load()

# Chosen on the development half of tests/data/comments_labelled.csv (even rows); see
# classify_sentiment and bench/comments.py for the figures on the held-out half.
POSITIVE_ABOVE = 0.1
NEGATIVE_BELOW = -0.05

# Adjectives TextBlob scores that, in a comment on a neighbourhood, describe rather than judge:
# "more bins", "new homes", "free school meals", "young people", "mental health".
NO_OPINION = frozenset(
    {
        "more",
        "most",
        "many",
        "much",
        "new",
        "old",
        "older",
        "young",
        "younger",
        "free",
        "high",
        "first",
        "social",
        "mental",
        "long",
        "other",
        "own",
        "full",
        "real",
        "whole",
        "main",
        "early",
        "general",
        "certain",
        "single",
        "able",
        "sure",
        "right",
        "clear",
        "special",
        "empty",
        "public",
        "local",
        "little",
        "last",
        "past",
        "spare",
        "available",
        "mostly",
        "round",
        "spent",
        "warm",
        "fly",
        "ok",
        "okay",
        "behind",
        "green",
        "live",
    }
)

# Residents often soften a complaint first: "the staff are lovely but ...".
BEFORE_BUT = 0.5

NEGATORS = frozenset({"not", "never", "no", "nobody", "hardly", "without", "nothing"})

# Suggestions and non-answers: read, but not as praise or complaint.
_NEUTRAL_FRAMES = re.compile(
    r"\b(?:would|could|might|will|should) (?:be |really |also |help )*(?:good|nice|great|useful"
    r"|helpful|better|best|sensible|handy)\b"
    r"|\b(?:would|could|might|it'?d) (?:really )?help\b"
    r"|\b(?:i'?m |am )?not sure\b|\bno strong (?:feelings?|views?)\b|\bno (?:comment|view)\b"
    r"|\bfor love n?or money\b"
)


@dataclass(frozen=True)
class Cue:
    """A phrase pattern with its weight; note is what an officer sees when it fires."""

    pattern: str
    weight: float
    note: str
    negatable: bool = False


# Order matters: earlier (more specific) cues claim their words before later ones are looked
# for. Weights are round numbers on purpose; they were set on the development half only.
CUES: tuple[Cue, ...] = (
    # Praise phrased with a negation, and sarcasm, before the plain words they contain.
    Cue(
        r"can ?not thank \w+ enough|could ?not (?:have )?(?:asked for|fault)|can ?not fault"
        r"|(?:no|nothing) (?:was )?too much trouble",
        0.6,
        "praise despite a negation",
    ),
    Cue(
        r"thanks? (?:you )?for nothing|yeah,? right(?=\s*(?:$|[.!,]))"
        r"|like that'?(?:ll| will) (?:ever )?happen|^\W*as if",
        -1.0,
        "sarcasm",
    ),
    Cue(
        r"^\W*(?:oh,? )?(?:great|brilliant|fantastic|lovely|wonderful|perfect|marvellous"
        r"|super|nice one)\s*[,.!]+[^.!?]*\b(?:another|again|yet more)\b",
        -1.2,
        "sarcasm (praise word opening a complaint)",
    ),
    # Complaints.
    Cue(
        r"nothing (?:ever |really |much )?(?:changes|changed|happens|happened|improves"
        r"|gets? done|(?:is|was|has been) done|else|(?:is |was )?available|left)",
        -0.5,
        "nothing changes",
    ),
    Cue(
        r"(?:no one|nobody) (?:ever |really )?(?:listens|listened|cares|cared|bothers|answers"
        r"|comes|came|uses|knows)",
        -0.5,
        "no one listens",
    ),
    Cue(r"(?:what'?s|what is|whats) the point|no point", -0.5, "what's the point"),
    Cue(r"(?:a|an) (?:\w+ )?joke\b|\bjoke\b", -0.6, "a joke"),
    Cue(r"(?:waste|waist) of (?:money|time|space|effort|paper)", -0.6, "waste of money"),
    Cue(
        r"(?:waiting|waited|wait) (?:for )?(?:weeks|months|years|ages|forever)"
        r"|(?:weeks?|months?|years?) (?:on|of) (?:the |a )?waiting"
        r"|\bwaiting list|still (?:waiting|not|no|nothing)"
        r"|(?:takes?|took|taking) (?:\w+ )?(?:ages|weeks|months|years|hours|forever)",
        -0.4,
        "kept waiting",
    ),
    Cue(
        r"fed up|sick (?:and tired )?of|had enough|at the end of (?:my|our) tether", -0.5, "fed up"
    ),
    Cue(
        r"rip[- ]?off|extortionate|daylight robbery|scandal\w*|disgrace\w*|shambles|shameful"
        r"|diabolical|atrocious|pathetic|rubbish|nightmare|crippling|unacceptable|ridiculous"
        r"|useless|killing us|out of control|no way to live|death trap|dreading",
        -0.5,
        "strong complaint word",
    ),
    Cue(
        r"(?:can ?not|unable to|could ?not|struggl\w+ to) (?:afford|cope|pay|manage"
        r"|make ends meet|get (?:a|an|to|through|seen|in))",
        -0.4,
        "cannot afford or get",
    ),
    Cue(r"struggl\w+|skipping meals|go(?:ing)? without|prey on", -0.3, "struggling"),
    Cue(
        r"forgotten|left behind|ignored|abandoned|let down|left to rot|fobbed off"
        r"|round in circles|pillar to post|\bstuck\b",
        -0.5,
        "left behind",
    ),
    Cue(
        r"scared|frightened|afraid|terrified|intimidat\w+|unsafe|not safe|dangerous", -0.4, "afraid"
    ),
    Cue(
        r"never (?:once |ever )?(?:turns? up|comes?|came|on time|answers?|answered|there"
        r"|open|see|seen|knocked|hear|heard|bothered)",
        -0.4,
        "never turns up",
    ),
    Cue(
        r"cancelled|cut off|cut back|\bcuts\b|(?:was|were|got|been) cut|closed down|shut down"
        r"|sold off|boarded up|(?:gone|going|went) downhill|taken away|(?:closed|shut) (?:the|our)",
        -0.4,
        "cut or closed",
    ),
    Cue(
        r"\b(?:no|not much|not any|little|of no) (?:help|support|response|reply|answer|use|care"
        r"|one|way)\b|non[- ]?existent",
        -0.4,
        "no help",
    ),
    Cue(
        r"(?:not|never|still not) (?:been )?(?:fixed|sorted|repaired|resolved|dealt with)",
        -0.4,
        "not fixed",
    ),
    Cue(r"(?:got|get|getting) nowhere|nowhere (?:to go|for)", -0.4, "nowhere"),
    Cue(
        r"same old|empty promises|heard it all before|all talk|tick[- ]?box|talking shop",
        -0.4,
        "heard it before",
    ),
    Cue(
        r"(?:another|yet another) (?:survey|consultation|questionnaire)",
        -0.4,
        "consultation fatigue",
    ),
    Cue(r"not (?:\w+ )?enough|nowhere near enough", -0.4, "not enough"),
    Cue(
        r"too (?:expensive|slow|dear|far|much|many|long)|so (?:expensive|slow|dear|far)"
        r"|costs? too",
        -0.3,
        "too much",
    ),
    Cue(
        r"should not (?:have to|need to|be (?:allowed|happening|like this))",
        -0.5,
        "should not have to",
    ),
    Cue(r"freezing|rotten|filthy|falling apart", -0.3, "in bad repair"),
    Cue(
        r"(?:gone|going|goes|put|went) up (?:again|every)|(?:keeps?|keep) going up",
        -0.3,
        "prices rising",
    ),
    Cue(
        r"(?:nothing|nowhere) (?:to do|for (?:the )?(?:kids|young|us|them))",
        -0.4,
        "nothing for the kids",
    ),
    Cue(r"(?:do|does|did) not (?:help|work|listen|care)", -0.4, "does not help"),
    Cue(r"\bdisagree|(?:do|does) not agree|against (?:this|the plan|these)", -0.4, "disagrees"),
    Cue(
        r"\b(?:rats|mice|cockroaches|mould|mold|damp|leaking|dripping|fly[- ]?tipp\w*"
        r"|dog (?:mess|poo|fouling)|litter|graffiti|vandal\w*|drug dealing|speeding|potholes"
        r"|broken glass)\b",
        -0.15,
        "problem named",
    ),
    Cue(
        "[\U0001f620\U0001f621\U0001f92c\U0001f44e\U0001f61e\U0001f622\U0001f62d\U0001f612"
        "\U0001f644\U0001f92e]",
        -0.4,
        "unhappy emoji",
    ),
    # Praise.
    Cue(
        "[\U0001f600-\U0001f60d\U0001f642\U0001f44d\U0001f44f\u2764\U0001f64f\U0001f970]",
        0.4,
        "happy emoji",
    ),
    Cue(r"thank(?:s| ?you)|cheers|grateful|appreciate\w*|thankful", 0.4, "thanks", True),
    Cue(
        r"made (?:a |such a |all the )?(?:real |huge |big |massive |world of )?difference"
        r"|makes? (?:a |such a )?(?:real |huge |big )?difference|changed (?:my|our|his|her|their)"
        r" li(?:fe|ves)",
        0.5,
        "made a difference",
        True,
    ),
    Cue(
        r"lifeline|godsend|heroes|\bhero\b|first class|spot on|\bace\b|\bfab\b|top notch"
        r"|second to none|above and beyond|\bchampion\b|highlight of",
        0.5,
        "strong praise word",
        True,
    ),
    Cue(
        r"well done|good work|great work|keep (?:it )?up|hats off|credit to|thrilled|chuffed"
        r"|delighted",
        0.5,
        "well done",
        True,
    ),
    Cue(
        r"(?:really |so |a (?:huge |big |great |real )?)?help(?:ed|ful)\b|a (?:huge |big |great"
        r" |real )help",
        0.4,
        "helped",
        True,
    ),
    Cue(
        r"(?:feel|feels|felt) (?:much |a lot |so )?(?:safer|safe|welcome|at home|listened to"
        r"|valued|part of)",
        0.4,
        "feel safe or welcome",
        True,
    ),
    Cue(
        r"improved|improvement|(?:much|so much|a lot|far) (?:better|nicer|cleaner|safer|easier"
        r"|warmer)|\b(?:safer|cleaner|warmer|easier)\b",
        0.3,
        "improved",
        True,
    ),
    Cue(
        r"(?:i|we) (?:fully |strongly |totally |really )?(?:support|agree|back)\b"
        r"|fully support|in favour|^\W*agree\b|agree with (?:all|this|the|these|everything)"
        r"|sounds (?:sensible|good|great|like a good)|what \w+ needs",
        0.4,
        "agrees",
        True,
    ),
    Cue(
        r"\b(?:i|we|they|he|she|kids|children) (?:really |all )?(?:like|love|enjoy)\b|\bloves\b"
        r"|\benjoys\b",
        0.4,
        "likes it",
        True,
    ),
    Cue(
        r"saved (?:us|me|my|our)|better off|looks? forward|staying open|open again|reopen\w*"
        r"|coming back|(?:gave|given|giving) (?:me|him|her|them|us) (?:\w+ )?(?:confidence"
        r"|independence|hope)",
        0.3,
        "good news",
        True,
    ),
    Cue(r"welcoming|polite|caring|really care|straight away|sorted", 0.3, "kind service", True),
)


# Cues match whole words: "ace" is not found in "space".
def _whole_words(pattern: str) -> str:
    return rf"(?<!\w)(?:{pattern})(?!\w)"


_COMPILED = tuple((cue, re.compile(_whole_words(cue.pattern), re.MULTILINE)) for cue in CUES)
# Looking for each cue in turn costs a call per cue, and most find nothing. So the cues are
# looked for a handful at a time first, with one pattern per handful (which matches exactly
# where one of its cues would), and one by one only within the handfuls that matched.
_HANDFUL = 7
_HANDFULS = tuple(
    (
        re.compile(
            _whole_words("|".join(f"(?:{cue.pattern})" for cue in CUES[start : start + _HANDFUL])),
            re.MULTILINE,
        ),
        _COMPILED[start : start + _HANDFUL],
    )
    for start in range(0, len(CUES), _HANDFUL)
)


_CONTRACTIONS = (
    (
        re.compile(r"\b(ca|wo|sha)n'?t\b"),
        lambda m: {"ca": "can", "wo": "will", "sha": "shall"}[m[1]] + " not",
    ),
    (re.compile(r"\bain'?t\b"), lambda m: "is not"),
    (
        re.compile(
            r"\b(do|does|did|is|are|was|were|has|have|had|could|would|should|must|need)n'?t\b"
        ),
        lambda m: m[1] + " not",
    ),
    (re.compile(r"\bno[- ]one\b|\bnoone\b"), lambda m: "no one"),
)
# Characters of markup and formatting: blanked, never interpreted.
_MARKUP = re.compile(r"[<>/\\\[\]{}|=*_#~^`\"@]+")


@dataclass(frozen=True)
class Sentiment:
    """A comment's polarity in [-1, 1], its label, and the phrases that moved it from TextBlob's."""

    polarity: float
    label: str  # "positive", "neutral" or "negative"
    cues: tuple[str, ...] = ()


def prepare(text: str) -> str:
    """Return the comment as the classifier reads it (see the module docstring, step 1)."""
    text = normalise(text or "")
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return re.sub(r"[ \t]+", " ", _MARKUP.sub(" ", text))


def textblob_polarity(prepared: str) -> float:
    """Return TextBlob's average polarity of prepared text, read as step 2 of the module docstring
    says.

    Suggestions and NO_OPINION words are left out; what comes before a "but" counts half.
    """
    blanked = _NEUTRAL_FRAMES.sub(" ", prepared)
    segments = re.split(r"\bbut\b", blanked)
    total, count = 0.0, 0
    for index, segment in enumerate(segments):
        weight = BEFORE_BUT if index < len(segments) - 1 else 1.0
        for words, polarity, _subjectivity, _label in _textblob_lexicon(segment).assessments:
            if words[-1] not in NO_OPINION:
                total += weight * polarity
                count += 1
    return total / count if count else 0.0


def _cue_matches(prepared: str) -> list[tuple[str, float, tuple[int, int] | None]]:
    """Return (note, weight, span of a negated praise cue or None) for each cue found."""
    candidates = [
        compiled for any_of, handful in _HANDFULS if any_of.search(prepared) for compiled in handful
    ]
    taken: list[tuple[int, int]] = []
    found = []
    for cue, pattern in candidates:
        for match in pattern.finditer(prepared):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            clause = re.split(r"[.!?;,\n]", prepared[max(0, start - 30) : start])[-1]
            before = re.findall(r"[\w']+", clause)[-3:]
            negated = any(word in NEGATORS for word in before)
            if negated and cue.weight < 0:
                continue  # "not a waste of money" is rarely praise: drop, don't flip
            if negated and cue.negatable:
                found.append((f"not {cue.note}", -cue.weight, (start, end)))
            else:
                found.append((cue.note, cue.weight, None))
    return found


def label_for(polarity: float) -> str:
    """Return the label for a polarity: positive above POSITIVE_ABOVE,
    negative below NEGATIVE_BELOW."""
    if polarity > POSITIVE_ABOVE:
        return "positive"
    if polarity < NEGATIVE_BELOW:
        return "negative"
    return "neutral"


def classify_sentiment(text: str) -> Sentiment:
    """Return the sentiment of a resident's comment.

    Thresholds: positive when polarity > 0.1, negative when polarity < -0.05, otherwise
    neutral. On the development half (even rows of tests/data/comments_labelled.csv) any
    positive threshold from 0 to 0.1 with a negative one of -0.05 or -0.1 gave the same,
    best accuracy of a 0.05-step grid, because few comments score near zero once the cues
    apply. Within that plateau: -0.05 lets a single named problem (-0.15: "damp",
    "fly-tipping", "potholes") make a comment negative while TextBlob's faint scores on
    description ("electric storage heaters" -0.025) stay neutral; 0.1 keeps the same faint
    leftovers from counting as praise, while the weakest praise cue (+0.3) still does.
    bench/comments.py reports the held-out half.

    Only the first 20,000 characters are read (a survey answer is at most 10,000).
    """
    prepared = prepare(text)
    matches = _cue_matches(prepared)
    # A negated praise cue already counts against; TextBlob must not also read "safe" in
    # "do not feel safe" as praise.
    for _note, _weight, span in matches:
        if span:
            prepared = prepared[: span[0]] + " " * (span[1] - span[0]) + prepared[span[1] :]
    cues = [(note, weight) for note, weight, _span in matches]
    polarity = textblob_polarity(prepared) + sum(weight for _note, weight in cues)
    polarity = round(max(-1.0, min(1.0, polarity)), 4)
    return Sentiment(
        polarity=polarity,
        label=label_for(polarity),
        cues=tuple(f"{note} ({weight:+.2f})" for note, weight in cues),
    )


def plain_textblob(text: str) -> Sentiment:
    """Return TextBlob's unaltered polarity with the same thresholds:
    the baseline we compare with."""
    polarity = TextBlob((text or "")[:MAX_ANALYSED_CHARS]).sentiment.polarity
    return Sentiment(polarity=round(polarity, 4), label=label_for(polarity))
