"""The blind second labelling (tests/data/comments_second_labels.csv) stays a sample of the
labelled comments: the same texts, in the half they were drawn from, with valid labels, drawn
as docs/surveys.md says. bench/comments.py measures the agreement."""

from __future__ import annotations

import csv
import random
from pathlib import Path

from engagement.comments.auto_coding import DEFAULT_THEMES

DATA = Path(__file__).resolve().parents[2] / "data"
CLASSES = ("positive", "neutral", "negative")
# docs/surveys.md: 300 rows of each half, random.Random(14).sample(range(1038), 300), from the
# first 1,038 rows of each half (the halves' size when the sample was drawn).
SEED, DRAWN_FROM, PER_HALF = 14, 1038, 300


def read(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_second_label_is_a_labelled_comment_in_its_half_with_valid_labels():
    labelled = read("comments_labelled.csv")
    half_of = {
        r["text"]: "development" if i % 2 == 0 else "held_out" for i, r in enumerate(labelled)
    }
    second = read("comments_second_labels.csv")
    assert len({r["text"] for r in second}) == len(second)
    for line, row in enumerate(second, start=2):
        assert row["text"] in half_of, f"line {line}: not in comments_labelled.csv"
        assert row["half"] == half_of[row["text"]], f"line {line}: wrong half"
        assert row["sentiment"] in CLASSES, f"line {line}: {row['sentiment']!r}"
        themes = [t for t in row["themes"].split(";") if t]
        assert set(themes) <= set(DEFAULT_THEMES), f"line {line}: {themes}"
        assert len(themes) == len(set(themes)), f"line {line}: a theme twice"


def test_the_sample_is_the_documented_draw():
    labelled = read("comments_labelled.csv")
    second = read("comments_second_labels.csv")
    for half, rows in (("development", labelled[0::2]), ("held_out", labelled[1::2])):
        drawn = {rows[i]["text"] for i in random.Random(SEED).sample(range(DRAWN_FROM), PER_HALF)}
        assert {r["text"] for r in second if r["half"] == half} == drawn, half


def test_two_labellers_agree_on_the_tone_of_held_out_comments():
    # Cohen's kappa, worked from the two files; measured 0.985 (297 of 300 agree).
    first = {r["text"]: r["sentiment"] for r in read("comments_labelled.csv")}
    rows = [r for r in read("comments_second_labels.csv") if r["half"] == "held_out"]
    a = [first[r["text"]] for r in rows]
    b = [r["sentiment"] for r in rows]
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / len(rows)
    chance = sum(a.count(c) * b.count(c) for c in CLASSES) / len(rows) ** 2
    assert (observed - chance) / (1 - chance) >= 0.9
