"""Comment coding: what an officer reading the coded comments would notice."""

from __future__ import annotations

import csv
from dataclasses import FrozenInstanceError
from pathlib import Path
from types import SimpleNamespace

import pytest
from textblob import TextBlob

from engagement.comments.auto_coding import (
    DEFAULT_THEMES,
    NEGATIVE_BELOW,
    POSITIVE_ABOVE,
    CommentCode,
    Sentiment,
    classify_sentiment,
    code_comment,
    find_themes,
    keyword_problem,
    lexicon_sentiment,
    taxonomy_from_rows,
)
from engagement.comments.sentiment import label_for

LABELLED = Path(__file__).resolve().parents[2] / "data" / "comments_labelled.csv"
CLASSES = ("positive", "neutral", "negative")


def labelled_rows() -> list[dict]:
    with LABELLED.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def held_out() -> list[dict]:
    """The odd rows: never used to choose cues, weights or thresholds."""
    return labelled_rows()[1::2]


def label_with_thresholds(polarity: float) -> str:
    if polarity > POSITIVE_ABOVE:
        return "positive"
    return "negative" if polarity < NEGATIVE_BELOW else "neutral"


# Sentiment -----------------------------------------------------------------------------------


def test_thresholds_are_the_documented_ones():
    assert (POSITIVE_ABOVE, NEGATIVE_BELOW) == (0.1, -0.05)
    assert (
        "positive when polarity > 0.1, negative when polarity < -0.05" in lexicon_sentiment.__doc__
    )


@pytest.mark.parametrize(
    "polarity, label",
    [
        (1.0, "positive"),
        (0.1001, "positive"),
        (0.1, "neutral"),
        (0.0, "neutral"),
        (-0.05, "neutral"),
        (-0.0501, "negative"),
        (-1.0, "negative"),
    ],
)
def test_labels_follow_the_thresholds_at_their_edges(polarity, label):
    assert label_for(polarity) == label


def test_every_label_agrees_with_its_polarity():
    for row in labelled_rows():
        plain = lexicon_sentiment(row["text"])
        assert -1.0 <= plain.polarity <= 1.0
        assert plain.label == label_with_thresholds(plain.polarity), row["text"]
        # The learned reading's polarity is P(positive) - P(negative), and its label the most
        # likely one: a positive reading is never below zero, a negative one never above.
        learned = classify_sentiment(row["text"])
        assert -1.0 <= learned.polarity <= 1.0
        if learned.label == "positive":
            assert learned.polarity >= 0, row["text"]
        if learned.label == "negative":
            assert learned.polarity <= 0, row["text"]


@pytest.mark.parametrize(
    "text",
    [
        "nothing ever changes round here",
        "the buses are a joke",
        "we've been waiting years for the damp to be fixed",
        "no one listens",
        "Great, another survey.",
        "Not good enough.",
        "Waste of money, the lot of it",
        "I'm fed up of reporting the fly-tipping",
        "We feel forgotten on this estate",
        "The youth club was closed down and nothing has replaced it",
    ],
)
def test_consultation_complaints_read_negative(text):
    assert classify_sentiment(text).label == "negative"


def test_plain_textblob_misses_the_complaints_we_catch():
    # The reason this module exists: TextBlob alone reads these as neutral or positive.
    for text in ("the buses are a joke", "no one listens", "Great, another survey."):
        assert TextBlob(text).sentiment.polarity >= 0
        assert classify_sentiment(text).label == "negative"


@pytest.mark.parametrize(
    "text",
    [
        "The youth club is brilliant, my son loves it",
        "Thank you to the foodbank volunteers, they really helped us",
        "The warm hub has been a lifeline this winter",
        "Well done on the new play park",
        "I couldn't fault the repairs team",
    ],
)
def test_clear_praise_reads_positive(text):
    assert classify_sentiment(text).label == "positive"


@pytest.mark.parametrize(
    "text",
    [
        "The library opens at 9am on Mondays",
        "I live in Lakenham and use the number 21 bus",
        "Could the community centre open on Saturdays?",
        "A list of warm spaces on the website would be useful",
        "No comment",
    ],
)
def test_factual_comments_and_suggestions_read_neutral(text):
    assert classify_sentiment(text).label == "neutral"


@pytest.mark.parametrize(
    "praise, negated",
    [
        ("The new bus service is good", "The new bus service isn't good"),
        ("The advice really helped", "The advice hasn't helped at all"),
        ("I feel safe walking home", "I dont feel safe walking home"),
        ("The repairs made a real difference", "The repairs have not made a difference"),
    ],
)
def test_negation_turns_praise_into_complaint(praise, negated):
    assert classify_sentiment(praise).label == "positive"
    assert classify_sentiment(negated).label == "negative"


@pytest.mark.parametrize(
    "text, label",
    [
        ("Oh brilliant, they've closed another library.", "negative"),
        ("Lovely, the council tax is going up again", "negative"),
        ("Great, they fixed our boiler in a day", "positive"),
        ("It looks as if the park has really improved", "positive"),
        ("The staff at the food bank are lovely but it shouldn't have to exist", "negative"),
        ("It's not perfect but the new housing officer is trying her best", "positive"),
    ],
)
def test_sarcasm_and_mixed_comments_read_as_meant(text, label):
    assert classify_sentiment(text).label == label


def test_a_complaint_word_denied_is_not_a_complaint_by_the_plain_reading():
    assert lexicon_sentiment("It was not a waste of money").label == "positive"


def test_the_phrases_that_moved_a_comment_are_named():
    # In the order of the lexicon, each with the weight it added.
    result = classify_sentiment("The buses are a joke and no one listens")
    assert result.cues == ("no one listens (-0.50)", "a joke (-0.60)")
    assert classify_sentiment("The park is nice").cues == ()
    assert classify_sentiment("It hasn't helped").cues == ("not helped (-0.40)",)


def test_the_same_comment_always_gets_the_same_answer():
    text = "Lovely staff but the damp has been there for months"
    assert len({classify_sentiment(text) for _ in range(5)}) == 1


def test_sentiment_cannot_be_altered_after_coding():
    with pytest.raises(FrozenInstanceError):
        classify_sentiment("good").label = "negative"


# Themes --------------------------------------------------------------------------------------


def test_default_themes_are_in_the_agreed_order():
    assert list(DEFAULT_THEMES) == [
        "Money and benefits",
        "Work and skills",
        "Housing",
        "Health and wellbeing",
        "Food",
        "Fuel and energy",
        "Crime and safety",
        "Green space and environment",
        "Children and young people",
        "Older people",
        "Transport",
        "Community and belonging",
        "Access to services and digital",
    ]
    for keywords in DEFAULT_THEMES.values():
        assert all(k == k.lower() and keyword_problem(k) is None for k in keywords)


@pytest.mark.parametrize(
    "text",
    [
        "ASB every night",
        "asb on the green",
        "The anti-social behaviour is constant",
        "antisocial behaviour by the shops",
        "anti social behaviour",
        "ＡＳＢ again",
    ],
)
def test_antisocial_behaviour_in_any_spelling_is_crime_and_safety(text):
    assert "Crime and safety" in find_themes(text)


def test_keywords_match_whole_words_and_plurals_only():
    assert find_themes("The buses are late") == ["Transport"]
    assert "Transport" not in find_themes("Small business rates are too high")
    assert "Transport" not in find_themes("Nobody cares about us")  # "car" is not "cares"
    assert "Crime and safety" not in find_themes("Pass the basbousa")  # "asb" inside a word


def test_stems_find_every_ending():
    for text in ("fly-tipping again", "someone fly tipped a sofa", "flytipping everywhere"):
        assert find_themes(text) == ["Green space and environment"]


def test_exclusions_stop_a_keyword_inside_a_longer_name():
    assert "Green space and environment" not in find_themes("Parking in the car park is full")
    assert "Green space and environment" in find_themes("The car park by the park is full")


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        # The rule of docs/comment-themes.md: the subject, not a venue or who is speaking.
        ("Rough sleepers in the shop doorways every night", ["Housing"]),
        (
            "The mental health drop-in at the community centre is brilliant",
            ["Health and wellbeing"],
        ),
        ("My son is 15", []),
        # Council spending is not residents' money (rule 6).
        ("Where did the money for the new sign come from?", []),
        # Where two themes fit, both (the guide's own examples).
        ("I can't afford the bus into town", ["Money and benefits", "Transport"]),
        ("The boiler is broken and we cannot heat the flat", ["Housing", "Fuel and energy"]),
    ],
)
def test_default_themes_follow_the_labelling_guide(text, themes):
    assert find_themes(text) == themes


def test_themes_come_in_taxonomy_order():
    assert find_themes("The bus to the foodbank, and the damp flat") == [
        "Housing",
        "Food",
        "Transport",
    ]


def test_a_custom_taxonomy_replaces_the_default():
    taxonomy = {"Benefits advice": ("benefit*", "universal credit"), "Buses": ("bus",)}
    assert find_themes("Benefits and buses", taxonomy) == ["Benefits advice", "Buses"]
    assert find_themes("The damp is awful", taxonomy) == []
    assert code_comment("My benefit claim", taxonomy).themes == ["Benefits advice"]


def test_mistyped_keywords_are_reported_and_never_match_everything():
    assert keyword_problem("") == "Enter a keyword"
    assert keyword_problem("a*") == "Put at least 3 letters before a *"
    assert keyword_problem("b*s") == "A * can only come at the end of a word"
    assert keyword_problem("benefit*") is None
    assert find_themes("anything at all", {"Broken": ("a*", "*")}) == []


def test_taxonomy_from_stored_rows():
    rows = [
        SimpleNamespace(name="Transport", keywords=[" Bus ", "bus", "TRAIN"], position=2),
        SimpleNamespace(name="Housing", keywords=["damp"], position=1),
        SimpleNamespace(name="  ", keywords=["ignored"], position=0),
    ]
    assert taxonomy_from_rows(rows) == {"Housing": ("damp",), "Transport": ("bus", "train")}
    assert taxonomy_from_rows([("Food", ["foodbank*"])]) == {"Food": ("foodbank*",)}


def test_no_stored_themes_falls_back_to_the_defaults():
    assert taxonomy_from_rows([]) == DEFAULT_THEMES
    assert (
        taxonomy_from_rows([]) is not DEFAULT_THEMES
    )  # a caller's edits don't leak into the default


# code_comment and hostile input --------------------------------------------------------------


def test_code_comment_combines_sentiment_and_themes():
    code = code_comment("The buses are a joke")
    assert isinstance(code, CommentCode)
    assert (code.sentiment, code.themes) == ("negative", ["Transport"])
    assert code.polarity == classify_sentiment("The buses are a joke").polarity < NEGATIVE_BELOW


@pytest.mark.parametrize("text", ["", "   \n\t ", "?!...", "\x00\x07\x1b[31m"])
def test_empty_or_meaningless_comments_are_neutral_with_no_themes(text):
    assert code_comment(text) == CommentCode(polarity=0.0, sentiment="neutral", themes=[])


def test_a_megabyte_comment_is_coded():
    code = code_comment("The buses are a joke. " * 50_000)
    assert code.sentiment == "negative" and code.themes == ["Transport"]


@pytest.mark.parametrize(
    "text",
    [
        "🚌🚌 buses 😡",
        "الحافلات bus",
        "a\u200dbus",
        "e\u0301 park",
        "\ud800 bus \udfff",
        "Ｔｈｅ ｂｕｓ",
        "bus\u2028stop",
        "\ufeffbus",
    ],
)
def test_odd_unicode_is_coded_without_error(text):
    code = code_comment(text)
    assert code.sentiment in CLASSES
    assert "Transport" in code.themes or "Green space and environment" in code.themes


def test_markup_is_read_as_text_not_interpreted():
    # An HTML comment or script is not hidden or run: its words are read like any others.
    assert code_comment("<!-- nothing ever changes -->").sentiment == "negative"
    code = code_comment(
        "<script>alert('damp')</script><b>The buses</b> are a joke &amp; <!channel>"
    )
    assert code.sentiment == "negative"
    assert code.themes == ["Housing", "Transport"]
    assert all(isinstance(cue, str) and "<" not in cue for cue in code.cues)


def test_sentiment_is_a_plain_value():
    assert lexicon_sentiment("good") == Sentiment(polarity=0.7, label="positive", cues=())
    learned = classify_sentiment("good")
    assert learned == Sentiment(polarity=learned.polarity, label="positive", cues=())
