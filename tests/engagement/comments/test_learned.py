"""The learned reading of comments (issue 14): hardship said plainly is read as a complaint,
its weights are what `fairer comments train` makes, and officers' corrections can feed it."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rapidfuzz import fuzz, process
from sqlalchemy import select

from bot.cli.main import main
from engagement.comments import learned
from engagement.comments.auto_coding import (
    DEFAULT_THEMES,
    classify_sentiment,
    code_comment,
    lexicon_sentiment,
)
from engagement.comments.officer_coding import code_comment_by_officer
from engagement.comments.training import (
    best_settings,
    cross_validate,
    extra_comments,
    labelled_comments,
    officer_corrections,
    read_labelled,
    train_model,
)
from storage import session_scope
from storage.db import engine_for
from storage.survey_models import SurveyAnswer
from tests.engagement.survey_factories import create_example_survey, create_response

LABELLED = Path(__file__).resolve().parents[2] / "data" / "comments_labelled.csv"
EXTRA = Path(__file__).resolve().parents[2] / "data" / "comments_training_extra.csv"
ISSUE_14 = "The cost of energy is crushing us, please help with bills."

# Hardship stated flatly, in none of the labelled comments: written for this test after the
# model's design was settled. One of them showed a praise cue too loose ("came down", now only
# said of bills and prices); nothing else was changed for them.
PLAIN_HARDSHIP = [
    "We keep the curtains shut and the big light off to save the electric",
    "My boy has worn the same trainers for two years",
    "Rent takes everything, the rest is tick at the corner shop",
    "The nearest cash machine charges £1.99 a go",
    "Dad waited four hours on the floor for an ambulance",
    "Our bathroom ceiling came down in March and is still a hole",
    "Only one working streetlight on the whole of Elm Close",
    "I walk my daughter to school because the bus costs more than our dinner",
    "Three letters about the damp, one visit, no work done",
    "The pharmacy closed so now its two buses for a prescription",
]


def development_texts() -> set[str]:
    """Every comment the model is trained on: the labelled file's even rows and the extras."""
    with LABELLED.open(encoding="utf-8", newline="") as f:
        texts = {row["text"] for row in list(csv.DictReader(f))[0::2]}
    return texts | {text for text, _label in extra_comments(EXTRA)}


def test_the_comment_from_the_issue_is_read_as_a_complaint():
    assert classify_sentiment(ISSUE_14).label == "negative"
    assert code_comment(ISSUE_14).sentiment == "negative"
    assert code_comment(ISSUE_14).themes == ["Money and benefits", "Fuel and energy"]
    # The word that fooled TextBlob ("crushing", which it scores as praise) is named.
    assert any(cue.startswith("overwhelmed") for cue in classify_sentiment(ISSUE_14).cues)


def test_the_comment_from_the_issue_was_never_trained_on():
    assert ISSUE_14 not in development_texts()


def test_hardship_said_plainly_is_read_as_a_complaint():
    assert not set(PLAIN_HARDSHIP) & development_texts()
    read = [classify_sentiment(text).label for text in PLAIN_HARDSHIP]
    # Most, not all: these are the hardest comments there are to read (see docs/surveys.md).
    assert read.count("negative") >= 7, list(zip(PLAIN_HARDSHIP, read, strict=True))
    # The plain lexicon reading, beside it, finds half as many.
    plain = [lexicon_sentiment(text).label for text in PLAIN_HARDSHIP]
    assert plain.count("negative") * 2 <= read.count("negative")


@pytest.mark.parametrize(
    "text",
    [
        "cant aford 2 put heatin on",
        "skint again n its only the 10th",
        "no1 listens 2 us",
        "not happy",
        "No help at all",
        "oh great another consultation",
    ],
)
def test_text_speak_negation_and_sarcasm_read_as_complaints(text):
    assert classify_sentiment(text).label == "negative"


@pytest.mark.parametrize(
    "text, label",
    [
        ("Can't fault the staff at the one stop shop", "positive"),
        ("luv the new park, gud job", "positive"),
        ("How do I get on the housing register?", "neutral"),
        ("Could the warm space open on Sundays?", "neutral"),
        ("I get the 36 bus to work", "neutral"),
    ],
)
def test_praise_questions_and_plain_facts_are_not_read_as_complaints(text, label):
    assert classify_sentiment(text).label == label


def test_polarity_runs_from_complaint_to_praise():
    complaint = classify_sentiment("The damp is back and nobody has been out in months")
    praise = classify_sentiment("The warm hub volunteers are brilliant, thank you")
    assert -1 <= complaint.polarity < 0 < praise.polarity <= 1


def test_without_shipped_weights_the_plain_reading_codes_comments(monkeypatch):
    monkeypatch.setattr(learned, "shipped_model", lambda: None)
    text = "The buses are a joke and no one listens"
    assert classify_sentiment(text) == lexicon_sentiment(text)


def test_the_shipped_weights_are_plain_json_made_from_the_development_comments():
    shipped = learned.WEIGHTS.read_text(encoding="utf-8")
    data = json.loads(shipped)  # no pickle: numbers and words only
    assert data["labels"] == ["positive", "neutral", "negative"]
    assert "even rows" in data["trained_on"]
    assert "comments_training_extra.csv" in data["trained_on"]
    assert len(shipped.encode("utf-8")) < 3_000_000
    development, _held_out = labelled_comments(LABELLED)
    # The same comments always make the same weights: retraining reproduces the file.
    rebuilt = train_model(development + extra_comments(EXTRA), trained_on=data["trained_on"])
    assert learned.model_to_json(rebuilt) + "\n" == shipped


def test_the_extra_training_comments_are_new_and_labelled_like_the_file():
    def folded(text: str) -> str:
        return " ".join(re.sub(r"[^\w£ ]+", " ", text.casefold()).split())

    with LABELLED.open(encoding="utf-8", newline="") as f:
        labelled = [folded(row["text"]) for row in csv.DictReader(f)]
    with EXTRA.open(encoding="utf-8", newline="") as f:
        extra = list(csv.DictReader(f))
    assert len(extra) >= 900
    for name in ("positive", "neutral", "negative"):
        assert sum(row["sentiment"] == name for row in extra) >= 200
    themes = {t for row in extra for t in row["themes"].split(";") if t}
    assert themes <= set(DEFAULT_THEMES)
    # None is within 90 (rapidfuzz ratio, case and punctuation folded) of a labelled comment,
    # held out or not, nor of another extra comment.
    seen: list[str] = []
    for row in extra:
        text = folded(row["text"])
        for others in (labelled, seen):
            if others:
                _match, similarity, _index = process.extractOne(text, others, scorer=fuzz.ratio)
                assert similarity < 90, row["text"]
        seen.append(text)


def test_a_bad_labelled_row_is_named_by_file_line_and_field(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("text,sentiment,themes\nLovely park,positive,\nBins,cross,\n", "utf-8")
    with pytest.raises(ValueError, match=r"mine.csv, line 3, sentiment: 'cross' is not one of"):
        read_labelled(path)
    result = CliRunner().invoke(main, ["comments", "train", "--extra", str(path)])
    assert result.exit_code != 0
    assert "mine.csv, line 3, sentiment" in result.output


def test_train_command_writes_weights_that_code_comments(tmp_path):
    output = tmp_path / "weights.json"
    result = CliRunner().invoke(main, ["comments", "train", "--output", str(output)])
    assert result.exit_code == 0, result.output
    development, _held_out = labelled_comments(LABELLED)
    assert f"even rows ({len(development)})" in result.output
    model = learned.model_from_json(output.read_text(encoding="utf-8"))
    assert learned.learned_sentiment(ISSUE_14, model).label == "negative"


def test_officers_corrections_can_feed_the_model(sample_url, monkeypatch, tmp_path):
    text = "The estate fun day clashed with Eid"
    with session_scope(engine_for(sample_url)) as session:
        survey, definition = create_example_survey(session)
        create_response(session, survey=survey, definition=definition, comments=text)
        create_response(session, survey=survey, definition=definition, comments="Nothing to add")
        answer_id = session.scalar(select(SurveyAnswer.id).where(SurveyAnswer.value == text))
        errors = code_comment_by_officer(
            session,
            survey.id,
            answer_id,
            sentiment="negative",
            themes=[],
            redacted_text="",
            publish=False,
            officer="U0OFFICER",
        )
        assert errors == {}
        assert officer_corrections(session) == [(text, "negative")]

    monkeypatch.setenv("DATABASE_URL", sample_url)
    output = tmp_path / "weights.json"
    result = CliRunner().invoke(
        main, ["comments", "train", "--with-corrections", "--output", str(output)]
    )
    assert result.exit_code == 0, result.output
    assert "and 1 officers' corrections" in result.output


def test_cross_validation_reports_each_setting_and_a_nudge_finds_more_complaints():
    development, _held_out = labelled_comments(LABELLED)
    results = cross_validate(
        development[:300],
        extra_comments(EXTRA)[:100],
        strengths=(1.0,),
        smoothings=(0.5,),
        nudges=(0.0, 2.0),
        folds=3,
    )
    assert [(r["strength"], r["smoothing"], r["nudge"]) for r in results] == [
        (1.0, 0.5, 0.0),
        (1.0, 0.5, 2.0),
    ]
    assert all(0 <= r["accuracy"] <= 1 and 0 <= r["recall_negative"] <= 1 for r in results)
    assert results[1]["recall_negative"] >= results[0]["recall_negative"]
    # The most accurate setting that finds nine complaints in ten is the one chosen.
    chosen = best_settings(
        [
            {"strength": 1.0, "nudge": 0.0, "accuracy": 0.86, "recall_negative": 0.85},
            {"strength": 1.0, "nudge": 1.0, "accuracy": 0.84, "recall_negative": 0.91},
            {"strength": 3.0, "nudge": 1.0, "accuracy": 0.83, "recall_negative": 0.93},
        ]
    )
    assert (chosen["strength"], chosen["nudge"]) == (1.0, 1.0)


def test_training_needs_every_label():
    with pytest.raises(ValueError, match="negative"):
        train_model([("Lovely park", "positive"), ("I live on Elm Road", "neutral")])


@pytest.mark.parametrize(
    "text",
    [
        "bins r overflowing agen n nobodys bin",
        "the flat is freezin and the windows r rotten",
        "waitin 6 munths 4 a repair",
    ],
)
def test_misspelt_complaints_are_read_as_complaints(text):
    # Written for this test, in none of the labelled comments: misspellings the model never saw
    # share most of their letter runs with the words they stand for.
    assert text not in development_texts()
    assert classify_sentiment(text).label == "negative"
