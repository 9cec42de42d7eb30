"""Fitting the learned sentiment reading (learned.py) to labelled comments.

A multinomial logistic regression with an L2 penalty, fitted by scikit-learn (lbfgs, from zero
weights: the same comments always give the same weights). scikit-learn is needed only here, to
fit; coding a comment reads the shipped weights in plain Python. Features seen in fewer than
MIN_COUNT training comments are dropped, which keeps the shipped file small and stops one
comment's spelling from becoming a rule.

The training comments are the development half of tests/data/comments_labelled.csv (even
rows; the odd rows are held out for bench/comments.py) and, when asked, the comments whose
tone officers have corrected. `fairer comments train` runs it and writes
engagement/comments/sentiment_weights.json; `fairer comments train --cross-validate` prints
the five-fold figures (cross_validate) that chose STRENGTH and NEGATIVE_NUDGE.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from engagement.comments.learned import LABELS, Model, features
from storage.survey_models import CommentCoding, SurveyAnswer

LABELLED = Path(__file__).resolve().parents[2] / "tests" / "data" / "comments_labelled.csv"
MIN_COUNT = 2
# Missing a complaint costs more than reading a plain remark as one (an officer corrects the
# second at a glance; the first sinks out of sight), so complaints count NEGATIVE_WEIGHT times
# in the fit, and the fitted model's complaint score is raised by NEGATIVE_NUDGE after it.
NEGATIVE_WEIGHT = 1.5
# STRENGTH (scikit-learn's C: larger fits the training comments more closely) and
# NEGATIVE_NUDGE were chosen by five-fold cross-validation within the development half of the
# 2,076-row file (1,038 comments), never on the held-out half: the most accurate pair of
# STRENGTHS and NUDGES whose folds found at least 0.90 of complaints. The figures are in
# docs/surveys.md; `fairer comments train --cross-validate` prints them again.
STRENGTH = 1.0
NEGATIVE_NUDGE = 1.0
STRENGTHS = (0.3, 1.0, 3.0)
NUDGES = (0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5)
FOLDS = 5
COMPLAINTS_FOUND = 0.90  # the share of complaints the chosen settings must find on the folds


def labelled_comments(path: Path = LABELLED) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Return (development half, held-out half) of a labelled CSV as (text, label) pairs:
    even rows and odd rows."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = [(row["text"], row["sentiment"]) for row in csv.DictReader(f)]
    return rows[0::2], rows[1::2]


def officer_corrections(session: Session) -> list[tuple[str, str]]:
    """Return (comment, tone) for every comment whose tone an officer has corrected."""
    rows = session.execute(
        select(SurveyAnswer.value, CommentCoding.sentiment_override)
        .join(CommentCoding, CommentCoding.answer_id == SurveyAnswer.id)
        .where(CommentCoding.sentiment_override.in_(LABELS), SurveyAnswer.value.is_not(None))
        .order_by(SurveyAnswer.id)
    )
    return [(str(text), tone) for text, tone in rows if str(text).strip()]


def _fit(found: Sequence[dict[str, float]], labels: Sequence[str], strength: float, min_count: int):
    """Return (feature names, weights array names × labels, bias per label) fitted to found."""
    # Only fitting needs scikit-learn (and SciPy, which it brings).
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts = Counter(name for row in found for name in row)
    names = sorted(name for name, n in counts.items() if n >= min_count)
    column = {name: index for index, name in enumerate(names)}
    cells = [
        (row_index, column[name], value)
        for row_index, row in enumerate(found)
        for name, value in row.items()
        if name in column
    ]
    rows, columns, values = zip(*cells, strict=True) if cells else ((), (), ())
    x = csr_matrix((values, (rows, columns)), shape=(len(found), len(names)))
    y = np.array([LABELS.index(label) for label in labels])
    importance = np.where(y == LABELS.index("negative"), NEGATIVE_WEIGHT, 1.0)
    fitted = LogisticRegression(C=strength, max_iter=5000)
    fitted.fit(x, y, sample_weight=importance)
    order = [list(fitted.classes_).index(index) for index in range(len(LABELS))]
    return names, fitted.coef_[order].T, fitted.intercept_[order]


def train_model(
    comments: Iterable[tuple[str, str]],
    *,
    min_count: int = MIN_COUNT,
    strength: float = STRENGTH,
    negative_nudge: float = NEGATIVE_NUDGE,
    trained_on: str = "",
) -> Model:
    """Return a model fitted to (text, label) pairs, labels from learned.LABELS."""
    comments = list(comments)
    labels = [label for _text, label in comments]
    missing = set(LABELS) - set(labels)
    if missing:
        raise ValueError(f"No training comments labelled {', '.join(sorted(missing))}")
    names, weights, bias = _fit(
        [features(text) for text, _label in comments], labels, strength, min_count
    )
    bias[LABELS.index("negative")] += negative_nudge
    return Model(
        labels=LABELS,
        bias=tuple(float(b) for b in bias),
        weights={
            name: tuple(float(w) for w in weights[index])
            for index, name in enumerate(names)
            if np.abs(weights[index]).max() >= 5e-5
        },
        trained_on=trained_on,
    )


def cross_validate(
    comments: Sequence[tuple[str, str]],
    strengths: Sequence[float] = STRENGTHS,
    nudges: Sequence[float] = NUDGES,
    folds: int = FOLDS,
) -> list[dict]:
    """Return, for each strength and nudge, accuracy and the share of complaints found when
    each of `folds` parts of comments (every folds-th comment) is read by a model fitted to the
    others: [{"strength", "nudge", "accuracy", "recall_negative"}]."""
    found = [features(text) for text, _label in comments]
    gold = np.array([LABELS.index(label) for _text, label in comments])
    negative = LABELS.index("negative")
    results = []
    for strength in strengths:
        scores = np.zeros((len(comments), len(LABELS)))
        for fold in range(folds):
            train = [i for i in range(len(comments)) if i % folds != fold]
            test = [i for i in range(len(comments)) if i % folds == fold]
            names, weights, bias = _fit(
                [found[i] for i in train], [comments[i][1] for i in train], strength, MIN_COUNT
            )
            column = {name: index for index, name in enumerate(names)}
            for i in test:
                scores[i] = bias + sum(
                    weights[column[name]] * value
                    for name, value in found[i].items()
                    if name in column
                )
        for nudge in nudges:
            nudged = scores.copy()
            nudged[:, negative] += nudge
            read = nudged.argmax(axis=1)
            results.append(
                {
                    "strength": strength,
                    "nudge": nudge,
                    "accuracy": round(float((read == gold).mean()), 3),
                    "recall_negative": round(
                        float(((read == negative) & (gold == negative)).sum())
                        / max(1, int((gold == negative).sum())),
                        3,
                    ),
                }
            )
    return results


def best_settings(results: Sequence[dict]) -> dict:
    """Return the most accurate of cross_validate's results that found COMPLAINTS_FOUND of
    complaints (or, when none did, the one that found the most)."""
    enough = [r for r in results if r["recall_negative"] >= COMPLAINTS_FOUND]
    if not enough:
        return max(results, key=lambda r: (r["recall_negative"], r["accuracy"]))
    return max(enough, key=lambda r: (r["accuracy"], r["recall_negative"], -r["nudge"]))
