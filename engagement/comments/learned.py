"""Sentiment learned from labelled comments: the reading that codes residents' comments.

The lexicon (sentiment.py) hits a ceiling on the way many residents write: hardship stated
flatly with no negative word ("we only heat the front room"), text-speak, complaints in the
words of praise. So a comment is read by a small linear model (two logistic regressions
averaged, see training.py) whose features are

- the words of the comment as sentiment.prepare leaves it (function words such as "the",
  "is", "my", and "new", only within pairs), and each pair of neighbouring words ("no bus",
  "only heat"), each counted once;
- words after a negation, up to the end of its clause, marked: "not" + "happy" gives
  "happy" and "¬happy";
- how many different HARDSHIP_WORDS it holds (up to 3): words residents complain with that
  TextBlob does not score ("since", "still", "damp", "queue", "skint"), and the same count
  again when the lexicon reads praise, for sarcasm;
- the comment's shape: a question, a request opening with "please", "could", "more ..." (a
  "please help" after a complaint is a plea, not a suggestion), a non-answer, a sum of money,
  a number, a short answer;
- the lexicon's own reading: its polarity, its label and each of its cues that fired
  ("sarcasm", "praise despite a negation"), so the model can weigh each kind of phrase.

- the runs of 3 to 5 letters inside each word, the word's edges marked ("heatin" gives
  " he", "hea", ..., "tin "), so a misspelling or text-speak the model never saw ("freezin",
  "evrywhere") still shares most of its runs with the word it stands for.

Its weights were fitted on the development half of tests/data/comments_labelled.csv, the
development-only comments of tests/data/comments_training_extra.csv (and any officers'
corrections) by `fairer comments train` (training.py, with scikit-learn: one regression per
label over naive-Bayes-scaled features, multiplied out into one weight per feature and
label), and ship beside this module as
sentiment_weights.json: plain numbers, read with the json module, no pickle. Scoring is a sum
of weights per label in plain Python, so the same comment always gets the same answer.

classify_sentiment is the one function the project calls. The label is the most likely one;
the polarity is P(positive) - P(negative), in [-1, 1]; the cues named are the lexicon's,
so an officer still sees which phrases moved the reading.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from engagement.comments.sentiment import Sentiment, lexicon_sentiment, prepare
from engagement.comments.sentiment_cues import NEGATORS
from engagement.comments.word_lists import HARDSHIP_WORDS

WEIGHTS = Path(__file__).with_name("sentiment_weights.json")
LABELS = ("positive", "neutral", "negative")
LEXICON = "lexicon "  # the prefix of the features that are the lexicon's reading

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?|£")
_LETTERS = re.compile(r"[^\W\d_]{2,}")  # a comment without two letters together says nothing
# A negation reaches to the end of its clause ("never", "no", "not", ... up to a stop, a comma
# or a "but"): on five folds of the development comments about 0.003 more accurate, at every
# setting tried, than reaching only the next three words.
_CLAUSE_END = re.compile(r"[.!?;,\n]|\bbut\b")
_SHAPES = (
    (
        "question",
        re.compile(
            r"\?|^\W*(?:how|who|what|when|where|why|which|is|are|can|could|will|would|do|does"
            r"|did)\b(?! not)"
        ),
    ),
    (
        "request",
        re.compile(
            r"^\W*(?:please|could|would|can|should|more|less|a|an|some|have|put|use|bring|make"
            r"|extend|print|tell|keep|plant|open|give|add|stop)\b|\b(?:would|could)"
            r" (?:be|help|like)\b|\bshould\b|\bneed (?:a|an|more|some)\b"
        ),
    ),
    (
        "non-answer",
        re.compile(
            r"nothing (?:else |more )?to (?:say|add)|\bno (?:comments?|views?|opinion)\b"
            r"|do not mind|either way|see (?:my )?(?:previous|above|last)|not applicable"
        ),
    ),
    ("money", re.compile(r"£ ?\d|\d ?(?:p|quid)\b")),
    ("number", re.compile(r"\d")),
)
_SHORT = 4  # words
_RUNS = (3, 4, 5)  # lengths of the letter runs read inside each word
# Words that carry no opinion alone: read only in pairs ("not good", "the new"), so the way
# the labelled comments happen to open ("The new ...") does not become a rule.
_NOT_ALONE = frozenset(
    "new the a an is are was were be been it its this that these those to of and or in on at for"
    " by with from i we you they he she my our your their me us them".split()
)
_MOST_HARDSHIP = 3  # hardship words counted
_OPENS_WITH_PRAISE = re.compile(
    r"\W*(?:oh,? |yeah,? |well )?(?:great|brilliant|fantastic|lovely|love|loving|wonderful"
    r"|amazing|superb|super|nice|good|cheers|thanks|thank you|well done|cracking|marvellous"
    r"|perfect|excellent)\b"
)


def _word_pattern(words) -> re.Pattern[str]:
    """Return one pattern finding any of words (a trailing * a stem) as whole words."""
    bodies = sorted(
        (re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in words),
        key=len,
        reverse=True,
    )
    return re.compile(r"(?<![\w'])(?:" + "|".join(bodies) + r")(?![\w'])")


_HARDSHIP = _word_pattern(HARDSHIP_WORDS)


@dataclass(frozen=True)
class Model:
    """A fitted logistic regression: one bias and one weight per feature for each label."""

    labels: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    trained_on: str = ""


def features(text: str, lexicon: Sentiment | None = None) -> dict[str, float]:
    """Return the features of a comment, name → value (see the module docstring).

    lexicon is lexicon_sentiment(text), when the caller has it already.
    """
    prepared = prepare(text)
    lexicon = lexicon or lexicon_sentiment(text)
    found: dict[str, float] = {}
    for clause in _CLAUSE_END.split(prepared):
        words = _WORD.findall(clause)
        negated = False
        for index, word in enumerate(words):
            if word not in _NOT_ALONE:
                found["w:" + word] = 1.0
            if index:
                found[f"b:{words[index - 1]} {word}"] = 1.0
            if negated:
                found["¬" + word] = 1.0
            if word in NEGATORS:
                negated = True
            edged = f" {word} "
            for size in _RUNS:
                for start in range(len(edged) - size + 1):
                    found["c:" + edged[start : start + size]] = 1.0
    for name, pattern in _SHAPES:
        if pattern.search(prepared):
            found["shape " + name] = 1.0
    if "shape question" not in found and "shape request" not in found:
        found["shape statement"] = 1.0
    hardship = len(set(_HARDSHIP.findall(prepared)))
    if hardship:
        found["hardship words"] = float(min(hardship, _MOST_HARDSHIP))
    if hardship and (lexicon.polarity > 0 or _OPENS_WITH_PRAISE.match(prepared)):
        # Praise beside hardship is mostly sarcasm ("Love waiting 40 minutes for a bus").
        found["praise with hardship words"] = float(min(hardship, _MOST_HARDSHIP))
    if len(_WORD.findall(prepared)) <= _SHORT:
        found["shape short"] = 1.0
    found[LEXICON + "polarity"] = lexicon.polarity
    found[LEXICON + lexicon.label] = 1.0
    for cue in lexicon.cues:  # "sarcasm (-1.00)": the cue's note, without its weight
        found[LEXICON + "cue " + cue.rsplit(" (", 1)[0]] = 1.0
    return found


def probabilities(model: Model, found: dict[str, float]) -> dict[str, float]:
    """Return the model's probability of each label for a comment's features."""
    scores = list(model.bias)
    for name, value in found.items():
        weights = model.weights.get(name)
        if weights:
            for index, weight in enumerate(weights):
                scores[index] += weight * value
    top = max(scores)
    exps = [math.exp(score - top) for score in scores]
    total = sum(exps)
    return {label: e / total for label, e in zip(model.labels, exps, strict=True)}


def model_to_json(model: Model) -> str:
    """Return the model as sentiment_weights.json holds it: one feature a line, 4 places."""
    head = {
        "labels": list(model.labels),
        "trained_on": model.trained_on,
        "bias": [round(b, 4) for b in model.bias],
    }
    lines = [
        f"  {json.dumps(name, ensure_ascii=False)}: {json.dumps([round(w, 4) for w in weights])}"
        for name, weights in sorted(model.weights.items())
    ]
    return (
        json.dumps(head, ensure_ascii=False)[:-1] + ', "weights": {\n' + ",\n".join(lines) + "\n}}"
    )


def model_from_json(text: str) -> Model:
    """Return the model held in JSON written by model_to_json."""
    data = json.loads(text)
    return Model(
        labels=tuple(data["labels"]),
        bias=tuple(data["bias"]),
        weights={name: tuple(weights) for name, weights in data["weights"].items()},
        trained_on=data.get("trained_on", ""),
    )


@lru_cache(maxsize=1)
def shipped_model() -> Model | None:
    """Return the model shipped in sentiment_weights.json, or None when there is none."""
    if not WEIGHTS.exists():
        return None
    return model_from_json(WEIGHTS.read_text(encoding="utf-8"))


def learned_sentiment(text: str, model: Model) -> Sentiment:
    """Return model's reading of a comment, naming the lexicon's cues."""
    lexicon = lexicon_sentiment(text)
    chance = probabilities(model, features(text, lexicon))
    label = max(LABELS, key=lambda name: chance[name])
    polarity = round(chance["positive"] - chance["negative"], 4)
    return Sentiment(polarity=polarity, label=label, cues=lexicon.cues)


def classify_sentiment(text: str) -> Sentiment:
    """Return the sentiment of a resident's comment: the shipped model's reading, or the
    lexicon's (sentiment.lexicon_sentiment) when no model is shipped."""
    if not _LETTERS.search(prepare(text)):
        return Sentiment(polarity=0.0, label="neutral")  # nothing to read: "", "?!..."
    model = shipped_model()
    if model is None:
        return lexicon_sentiment(text)
    return learned_sentiment(text, model)
