"""Fitting the learned sentiment reading (learned.py) to labelled comments.

Two linear readings, their scores averaged: one logistic regression per label (that label
against the other two), each over the features scaled by their naive Bayes log-count ratio for
that label (NB-LR, Wang and Manning 2012, "Baselines and bigrams": a feature seen mostly in
complaints starts with a large complaint weight, and the regression, with an L2 penalty,
corrects it), and the plain multinomial logistic regression used before. NB-LR alone is as
accurate on the development folds, but its scaling adds up the weights of the many letter
runs of one word, so "hasn't helped at all" read as praise; the plain regression beside it
spreads them. Both are linear, so the average multiplies out into one weight per feature and
label, and learned.py scores a comment exactly as before: a sum of weights per label.
Fitted by scikit-learn (lbfgs, from zero weights: the same comments always give the same
weights); scikit-learn is needed only here, to fit. Features seen in fewer than
MIN_COUNT training comments are dropped, which keeps the shipped file small and stops one
comment's spelling from becoming a rule.

The training comments are the development half of tests/data/comments_labelled.csv (even
rows; the odd rows are held out for bench/comments.py), the development-only comments of
tests/data/comments_training_extra.csv (never measured on), and, when asked, the comments
whose tone officers have corrected. `fairer comments train` runs it and writes
engagement/comments/sentiment_weights.json; `fairer comments train --cross-validate` prints
the five-fold figures (cross_validate) that chose STRENGTH, SMOOTHING and NEGATIVE_NUDGE.
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from engagement.comments.learned import LABELS, Model, features
from storage.survey_models import CommentCoding, SurveyAnswer

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
LABELLED = DATA / "comments_labelled.csv"
EXTRA = DATA / "comments_training_extra.csv"
MIN_COUNT = 2
# Missing a complaint costs more than reading a plain remark as one (an officer corrects the
# second at a glance; the first sinks out of sight), so complaints count NEGATIVE_WEIGHT times
# in the fit, and the fitted model's complaint score is raised by NEGATIVE_NUDGE after it.
NEGATIVE_WEIGHT = 1.5
# STRENGTH (scikit-learn's C: larger fits the training comments more closely), SMOOTHING (the
# count added to every feature before the log-count ratios are taken: smaller trusts rare
# features more) and NEGATIVE_NUDGE were chosen by five-fold cross-validation within the
# development half of tests/data/comments_labelled.csv (1,038 comments), with every
# comment of comments_training_extra.csv in the training part of each fold and never measured,
# and never on the held-out half, by best_settings. The figures are in docs/surveys.md;
# `fairer comments train --cross-validate` prints them again.
STRENGTH = 1.0
SMOOTHING = 1.0
NEGATIVE_NUDGE = 0.0
STRENGTHS = (1.0, 3.0, 10.0)
SMOOTHINGS = (0.25, 0.5, 1.0)
NUDGES = (0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5)
FOLDS = 5
COMPLAINTS_FOUND = 0.90  # the share of complaints the chosen settings must find on the folds


def read_labelled(path: Path) -> list[tuple[str, str]]:
    """Return the (text, label) pairs of a labelled CSV (columns text, sentiment, themes).

    Raises ValueError naming the file, line and field when a row has no text or a tone that
    is not positive, neutral or negative.
    """
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = {"text", "sentiment"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path.name}: no {' or '.join(sorted(missing))} column")
        rows = []
        for row in reader:
            where = f"{path.name}, line {reader.line_num}"
            if not (row["text"] or "").strip():
                raise ValueError(f"{where}, text: enter the comment")
            if row["sentiment"] not in LABELS:
                raise ValueError(
                    f"{where}, sentiment: {row['sentiment']!r} is not one of {', '.join(LABELS)}"
                )
            rows.append((row["text"], row["sentiment"]))
    return rows


def labelled_comments(path: Path = LABELLED) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Return (development half, held-out half) of a labelled CSV as (text, label) pairs:
    even rows and odd rows."""
    rows = read_labelled(path)
    return rows[0::2], rows[1::2]


def extra_comments(path: Path = EXTRA) -> list[tuple[str, str]]:
    """Return the development-only training comments as (text, label) pairs, or [] when the
    file is missing."""
    return read_labelled(path) if path.exists() else []


def officer_corrections(session: Session) -> list[tuple[str, str]]:
    """Return (comment, tone) for every comment whose tone an officer has corrected."""
    rows = session.execute(
        select(SurveyAnswer.value, CommentCoding.sentiment_override)
        .join(CommentCoding, CommentCoding.answer_id == SurveyAnswer.id)
        .where(CommentCoding.sentiment_override.in_(LABELS), SurveyAnswer.value.is_not(None))
        .order_by(SurveyAnswer.id)
    )
    return [(str(text), tone) for text, tone in rows if str(text).strip()]


def _fit(
    found: Sequence[dict[str, float]],
    labels: Sequence[str],
    strength: float,
    smoothing: float,
    min_count: int,
):
    """Return (feature names, weights array names × labels, bias per label) fitted to found:
    the average of two readings, (1) for each label a logistic regression of that label against
    the others over the features scaled by their log-count ratio, the scale then multiplied
    into the weights, and (2) one multinomial logistic regression over the plain features."""
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
    present = (x != 0).astype(float)
    y = np.array([LABELS.index(label) for label in labels])
    importance = np.where(y == LABELS.index("negative"), NEGATIVE_WEIGHT, 1.0)
    weights = np.zeros((len(names), len(LABELS)))
    bias = np.zeros(len(LABELS))
    for index in range(len(LABELS)):
        inside = smoothing + np.asarray(present[y == index].sum(axis=0)).ravel()
        outside = smoothing + np.asarray(present[y != index].sum(axis=0)).ravel()
        ratio = np.log(inside / inside.sum()) - np.log(outside / outside.sum())
        fitted = LogisticRegression(C=strength, max_iter=5000)
        fitted.fit(x.multiply(ratio).tocsr(), y == index, sample_weight=importance)
        weights[:, index] = fitted.coef_[0] * ratio
        bias[index] = fitted.intercept_[0]
    plain = LogisticRegression(C=strength, max_iter=5000)
    plain.fit(x, y, sample_weight=importance)
    order = [list(plain.classes_).index(index) for index in range(len(LABELS))]
    # The two readings' scores averaged: still one weight per feature and label.
    return names, (weights + plain.coef_[order].T) / 2, (bias + plain.intercept_[order]) / 2


def train_model(
    comments: Iterable[tuple[str, str]],
    *,
    min_count: int = MIN_COUNT,
    strength: float = STRENGTH,
    smoothing: float = SMOOTHING,
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
        [features(text) for text, _label in comments], labels, strength, smoothing, min_count
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
    extra: Sequence[tuple[str, str]] = (),
    strengths: Sequence[float] = STRENGTHS,
    smoothings: Sequence[float] = SMOOTHINGS,
    nudges: Sequence[float] = NUDGES,
    folds: int = FOLDS,
) -> list[dict]:
    """Return, for each strength, smoothing and nudge, accuracy and the share of complaints
    found when each of `folds` parts of comments (every folds-th comment) is read by a model
    fitted to the others and to every extra comment (extra comments are only ever trained on,
    never measured): [{"strength", "smoothing", "nudge", "accuracy", "recall_negative"}]."""
    found = [features(text) for text, _label in comments]
    found_extra = [features(text) for text, _label in extra]
    gold = np.array([LABELS.index(label) for _text, label in comments])
    negative = LABELS.index("negative")
    results = []
    for strength in strengths:
        for smoothing in smoothings:
            scores = np.zeros((len(comments), len(LABELS)))
            for fold in range(folds):
                train = [i for i in range(len(comments)) if i % folds != fold]
                test = [i for i in range(len(comments)) if i % folds == fold]
                names, weights, bias = _fit(
                    [found[i] for i in train] + found_extra,
                    [comments[i][1] for i in train] + [label for _text, label in extra],
                    strength,
                    smoothing,
                    MIN_COUNT,
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
                        "n": len(comments),
                        "strength": strength,
                        "smoothing": smoothing,
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
    """Return the setting chosen from cross_validate's results: among those that found
    COMPLAINTS_FOUND of complaints (or, when none did, the one that found the most), the
    weakest strength whose best accuracy is within one standard error of the best of all (the
    "one standard error" rule: a plainer fit, as good within the folds' noise), and at that
    strength the most accurate; ties go to more complaints found, then the smaller nudge."""
    enough = [r for r in results if r["recall_negative"] >= COMPLAINTS_FOUND]
    if not enough:
        return max(results, key=lambda r: (r["recall_negative"], r["accuracy"]))
    best = max(r["accuracy"] for r in enough)
    n = max(r.get("n", 0) for r in enough)
    error = math.sqrt(best * (1 - best) / n) if n else 0.0
    strength = min(r["strength"] for r in enough if r["accuracy"] >= best - error - 1e-9)
    return max(
        (r for r in enough if r["strength"] == strength),
        key=lambda r: (r["accuracy"], r["recall_negative"], -r["nudge"]),
    )
