"""Issue 14's targets, on the held-out half of tests/data/comments_labelled.csv (its odd rows,
never used to choose cues, keywords, weights or settings): the expected labels are the
labellers', never the coder's own output: tones from the file; themes from the reference of
tests/data/comments_theme_votes.csv. bench/comments.py and bench/comment_themes.py print the same
figures."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from rapidfuzz import fuzz, process
from textblob import TextBlob

from engagement.comments.auto_coding import (
    DEFAULT_THEMES,
    NEGATIVE_BELOW,
    POSITIVE_ABOVE,
    classify_sentiment,
    find_themes,
)

LABELLED = Path(__file__).resolve().parents[2] / "data" / "comments_labelled.csv"
VOTES = LABELLED.with_name("comments_theme_votes.csv")
CLASSES = ("positive", "neutral", "negative")
# Measured on the held-out half of 2,076 comments (bench/comments.py): 0.905, the second
# measurement of issue 14's last round, after 1,201 more development-only training comments (the
# first, with 981 of them, was 0.894; 0.849 with the reading fitted to the even rows alone, 0.822
# with the reading of before the file grew). Issue 14's 0.90 is met by 4 comments in 1,038 (see
# the test below). The floor leaves a small margin for another TextBlob release nudging a few
# scores. A blind second labelling of 300 held-out rows agrees on 297 tones (kappa 0.985;
# test_second_labels.py), and on those 297 the coder reads 0.909 right.
ACCURACY_FLOOR = 0.88


def labelled_rows() -> list[dict]:
    with LABELLED.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def held_out() -> list[dict]:
    """The odd rows: never used to choose cues, keywords, weights or settings."""
    return labelled_rows()[1::2]


def label_with_thresholds(polarity: float) -> str:
    if polarity > POSITIVE_ABOVE:
        return "positive"
    return "negative" if polarity < NEGATIVE_BELOW else "neutral"


def test_labelled_sample_is_large_balanced_and_uses_known_themes():
    rows = labelled_rows()
    assert len(rows) >= 2_000
    for name in CLASSES:
        assert sum(r["sentiment"] == name for r in rows) >= 300
        assert sum(r["sentiment"] == name for r in held_out()) >= 150
    assert {t for r in rows for t in r["themes"].split(";") if t} <= set(DEFAULT_THEMES)
    assert len({r["text"] for r in rows}) == len(rows)


def test_no_held_out_comment_is_a_near_copy_of_a_development_one():
    def folded(text: str) -> str:
        return " ".join(re.sub(r"[^\w£ ]+", " ", text.casefold()).split())

    development = [folded(r["text"]) for r in labelled_rows()[0::2]]
    for row in held_out():
        _match, similarity, _index = process.extractOne(
            folded(row["text"]), development, scorer=fuzz.ratio
        )
        assert similarity < 90, row["text"]


def held_out_reading() -> tuple[list[str], list[str]]:
    """The human labels of the held-out comments, and how the coder reads them."""
    rows = held_out()
    return [r["sentiment"] for r in rows], [classify_sentiment(r["text"]).label for r in rows]


def recall(gold: list[str], read: list[str], name: str) -> float:
    return sum(g == r == name for g, r in zip(gold, read, strict=True)) / gold.count(name)


def test_on_held_out_comments_we_find_nine_complaints_in_ten():
    # Issue 14's target; measured 0.925 (bench/comments.py; 0.912 at the first measurement).
    gold, read = held_out_reading()
    assert recall(gold, read, "negative") >= 0.90


def test_on_held_out_comments_we_beat_plain_textblob_and_the_floor():
    gold, ours = held_out_reading()
    plain = [label_with_thresholds(TextBlob(r["text"]).sentiment.polarity) for r in held_out()]
    ours_accuracy = sum(g == o for g, o in zip(gold, ours, strict=True)) / len(gold)
    plain_accuracy = sum(g == p for g, p in zip(gold, plain, strict=True)) / len(gold)
    assert ours_accuracy > plain_accuracy
    assert ours_accuracy >= ACCURACY_FLOOR
    for name in CLASSES:  # no class bought at the expense of another
        assert recall(gold, ours, name) >= 0.85, name  # measured 0.906, 0.877 and 0.925


def test_on_held_out_comments_nine_in_ten_are_read_right():
    # Issue 14's target; measured 0.905, 939 of 1,038 (0.894 at the first measurement).
    gold, read = held_out_reading()
    assert sum(g == r for g, r in zip(gold, read, strict=True)) / len(gold) >= 0.90


def test_negative_comments_are_found_far_more_often_than_by_plain_textblob():
    rows = [r for r in held_out() if r["sentiment"] == "negative"]
    ours = sum(classify_sentiment(r["text"]).label == "negative" for r in rows)
    plain = sum(
        label_with_thresholds(TextBlob(r["text"]).sentiment.polarity) == "negative" for r in rows
    )
    assert ours >= plain * 1.5


def held_out_themes(labels: str = "themes") -> tuple[float, float]:
    """Precision and recall of the default themes on the held-out comments, against the
    reference (labels="themes": what two of three blind labellers chose,
    tests/data/comments_theme_votes.csv) or against the file's first labels alone ("first")."""
    with VOTES.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["half"] == "held_out"]
    found = wrong = missed = 0
    for row in rows:
        gold = set(filter(None, row[labels].split(";")))
        got = set(find_themes(row["text"]))
        found += len(gold & got)
        wrong += len(got - gold)
        missed += len(gold - got)
    return found / (found + wrong), found / (found + missed)


def test_themes_on_held_out_comments_meet_the_target():
    # Issue 14's target, against the themes two of three labellers chose (docs/surveys.md);
    # measured once, after the keywords were chosen on development comments only: precision
    # 0.884, recall 0.859 (bench/comment_themes.py). The last round's keywords scored 0.852 and
    # 0.798 against the same reference.
    precision, recall_ = held_out_themes()
    assert precision >= 0.85
    assert recall_ >= 0.85


def test_themes_against_the_first_labels_alone_do_not_fall_back():
    # One labeller's themes, the measure of earlier rounds: 0.804 and 0.808 before, 0.794 and
    # 0.829 now. The first labeller gave fewer themes than the two guide labellers, who agree with
    # each other far more (0.987 / 0.971) than with the first (about 0.83 / 0.90).
    precision, recall_ = held_out_themes("first")
    assert precision >= 0.78
    assert recall_ >= 0.80
