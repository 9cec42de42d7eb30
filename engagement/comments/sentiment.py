"""The plain reading of a comment's sentiment: TextBlob's polarity, corrected by a lexicon.

This is the readable path: every step is a table or arithmetic an officer can follow. The
learned reading that codes comments (learned.py) takes this one's polarity as one of its
features, and names the same cues.

TextBlob scores the adjectives it knows ("good" +0.7, "terrible" -1.0) and averages them. On
comments about a neighbourhood it misses most complaints, which are made with phrases rather
than adjectives ("nothing ever changes round here", "the buses are a joke", "we've been
waiting years"), and it reads sarcasm ("great, another survey") as praise. So:

1. The text is prepared: Unicode folded, lower case, text-speak and common misspellings
   spelt out ("cant aford 2 put heatin on" → "can not afford to put heating on", TEXT_SPEAK),
   contractions spelt out ("isn't" → "is not") so TextBlob's own negation handling sees them,
   markup characters blanked.
2. Suggestions are not praise: "would be good", "would help" are blanked before TextBlob
   reads the text, and words that carry no opinion in a consultation ("more", "new",
   "free", "young", "old", "mental") are left out of TextBlob's average. What comes before
   a "but" counts half: "the staff are lovely but it shouldn't have to exist" is a complaint.
3. Phrases residents use to complain or to praise (CUES, in sentiment_cues.py) each add a
   fixed weight. A longer phrase listed earlier wins over a shorter one it overlaps. Praise
   cues preceded by a negation ("has not helped", "do not feel safe") count against instead,
   and TextBlob no longer reads their words; complaint cues preceded by a negation ("not a
   waste of money") are dropped, except hardship stated flatly ("no dentist in the whole
   city", Cue.kept_after_negation).
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

from engagement.comments.sentiment_cues import CUES, NEGATORS, NO_OPINION
from engagement.comments.themes import MAX_ANALYSED_CHARS, normalise
from engagement.comments.word_lists import TEXT_SPEAK

# TextBlob reads its lexicon on first use, and a thread arriving while another is reading it
# finds it half made (the adverbs, "terribly" and the like, come last). Read it now, while this
# module is imported (one thread at a time), and not during a resident's first submission.
if not dict.__len__(_textblob_lexicon):
    _textblob_lexicon.load()

# Chosen on the development half of tests/data/comments_labelled.csv (even rows); see
# lexicon_sentiment and bench/comments.py for the figures on the held-out half.
POSITIVE_ABOVE = 0.1
NEGATIVE_BELOW = -0.05

# Residents often soften a complaint first: "the staff are lovely but ...".
BEFORE_BUT = 0.5

# Suggestions and non-answers: read, but not as praise or complaint.
_NEUTRAL_FRAMES = re.compile(
    r"\b(?:would|could|might|will|should) (?:be |really |also |help )*(?:good|nice|great|useful"
    r"|helpful|better|best|sensible|handy)\b"
    r"|\b(?:would|could|might|it'?d) (?:really )?help\b"
    r"|\b(?:i'?m |am )?not sure\b|\bno strong (?:feelings?|views?)\b|\bno (?:comment|view)\b"
    r"|\bfor love n?or money\b"
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
_TEXT_SPEAK = re.compile(r"(?<![\w'])(?:" + "|".join(map(re.escape, TEXT_SPEAK)) + r")(?![\w'])")
# "bus 2 work", "waiting 4 a repair": a digit between two words stands for a word.
_DIGIT_WORDS = re.compile(r"(?<=[a-z] )([24])(?= [a-z])")
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
    text = _TEXT_SPEAK.sub(lambda m: TEXT_SPEAK[m[0]], text)
    text = _DIGIT_WORDS.sub(lambda m: " to " if m[1] == "2" else " for ", text)
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
            if negated and cue.weight < 0 and not cue.kept_after_negation:
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


def lexicon_sentiment(text: str) -> Sentiment:
    """Return the lexicon-and-TextBlob sentiment of a resident's comment (the plain reading).

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
