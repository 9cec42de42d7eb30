"""The theme reference (tests/data/comments_theme_votes.csv) stays what docs/surveys.md says it
is: every labelled comment, in its half, with the file's own themes as the first labelling, two
blind labellings by docs/comment-themes.md, and as reference the themes at least two of the three
chose. bench/comment_themes.py measures the agreement."""

from __future__ import annotations

import csv
from pathlib import Path

from engagement.comments.auto_coding import DEFAULT_THEMES

DATA = Path(__file__).resolve().parents[2] / "data"
LABELLERS = ("first", "second", "third")


def read(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def themes(cell: str) -> list[str]:
    return [t for t in cell.split(";") if t]


def majority(vote: dict) -> set[str]:
    """The themes at least two of the three labellings of a votes row chose."""
    chosen = [set(themes(vote[who])) for who in LABELLERS]
    return {name for name in DEFAULT_THEMES if sum(name in c for c in chosen) >= 2}


def assert_three_labellings_and_their_majority(votes: list[dict], labelled: list[dict]) -> None:
    """Each votes row is its labelled row's text, with the file's themes as the first labelling,
    valid themes in every column, and as reference what two of three labellings chose."""
    assert [v["text"] for v in votes] == [r["text"] for r in labelled]
    for index, (vote, row) in enumerate(zip(votes, labelled, strict=True)):
        line = f"line {index + 2}"
        assert set(themes(vote["first"])) == set(themes(row["themes"])), line
        for column in (*LABELLERS, "themes"):
            names = themes(vote[column])
            assert set(names) <= set(DEFAULT_THEMES), f"{line} {column}: {names}"
            assert len(names) == len(set(names)), f"{line} {column}: a theme twice"
        assert set(themes(vote["themes"])) == majority(vote), line


def test_every_labelled_comment_has_three_labellings_and_their_majority():
    votes = read("comments_theme_votes.csv")
    assert_three_labellings_and_their_majority(votes, read("comments_labelled.csv"))
    halves = [v["half"] for v in votes]
    assert halves == ["development" if i % 2 == 0 else "held_out" for i in range(len(votes))]


def test_every_extra_training_comment_has_three_labellings_and_their_majority():
    # tests/data/comments_extra_theme_votes.csv: the development-only extra comments, labelled
    # blind twice more by the guide; keywords were chosen on these and the development half only.
    assert_three_labellings_and_their_majority(
        read("comments_extra_theme_votes.csv"), read("comments_training_extra.csv")
    )


def test_the_two_blind_labellings_were_made_and_differ_from_the_first():
    # A copy of the first labels, or an empty column, would make the "majority" a single
    # labeller's; the guide's labellers chose independently, so they differ somewhere.
    votes = read("comments_theme_votes.csv")
    for who in ("second", "third"):
        assert sum(bool(v[who]) for v in votes) > len(votes) * 0.8, who
        assert sum(set(themes(v[who])) != set(themes(v["first"])) for v in votes) > 50, who
