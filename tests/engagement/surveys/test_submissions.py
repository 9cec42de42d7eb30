"""Storing a submission: once per submission token even when two race, all or nothing, and the
neighbourhood resolved from a code or a name."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import func, select

from engagement.areas.lookup import resolve_area_code
from engagement.comments.auto_coding import DEFAULT_THEMES
from engagement.comments.taxonomy import themes_taxonomy
from engagement.surveys.answers import check_answers
from engagement.surveys.store import prepare_response, store_responses
from engagement.surveys.summary import summarise_survey
from storage import session_scope
from storage.survey_models import CommentCoding, SurveyAnswer, SurveyResponse
from tests.concurrency import run_at_once
from tests.engagement.survey_factories import create_example_survey, create_response


@pytest.fixture
def example(engine):
    with session_scope(engine) as session:
        survey, definition = create_example_survey(session)
    return engine, survey, definition


def store_one(session, survey, definition, answers: dict, **how):
    """Store one response (a batch of one) and return its Receipt."""
    prepared = prepare_response(session, survey, definition, answers, **how)
    return store_responses(session.connection(), [prepared])[0]


def counts(engine) -> tuple[int, int, int]:
    with session_scope(engine) as session:
        return tuple(
            session.scalar(select(func.count()).select_from(table))
            for table in (SurveyResponse, SurveyAnswer, CommentCoding)
        )


def test_two_twins_racing_with_one_token_store_one_response(example):
    engine, survey, definition = example

    def send():
        with session_scope(engine) as session:
            return create_response(
                session,
                survey=survey,
                definition=definition,
                token="twin-token-0001",
                comments="Same form, sent twice",
            )

    receipts = run_at_once([send, send])

    assert sorted(r.created for r in receipts) == [False, True]
    assert receipts[0].code == receipts[1].code
    assert counts(engine)[0] == 1 and counts(engine)[2] == 1


def test_a_submission_is_stored_all_or_nothing(example):
    engine, survey, definition = example

    with pytest.raises(RuntimeError, match="after storing"):
        with session_scope(engine) as session:
            create_response(
                session, survey=survey, definition=definition, token="undone-0001", comments="Kept?"
            )
            raise RuntimeError("something failed after storing")

    assert counts(engine) == (0, 0, 0)


def test_every_answer_is_stored_with_its_rank_and_the_comment_coded(example):
    engine, survey, definition = example
    with session_scope(engine) as session:
        create_response(
            session,
            survey=survey,
            definition=definition,
            comments="The damp in our flat is awful",
            top_issues=["housing", "transport"],
        )

    with session_scope(engine) as session:
        ranked = session.execute(
            select(SurveyAnswer.value, SurveyAnswer.position)
            .where(SurveyAnswer.question_key == "top_issues")
            .order_by(SurveyAnswer.position)
        ).all()
        coded = session.execute(
            select(SurveyAnswer.value, CommentCoding.sentiment, CommentCoding.themes).join(
                CommentCoding, CommentCoding.answer_id == SurveyAnswer.id
            )
        ).one()
    assert [tuple(r) for r in ranked] == [("housing", 1), ("transport", 2)]
    assert coded.value == "The damp in our flat is awful" and coded.sentiment == "negative"
    assert "Housing" in coded.themes


def test_the_neighbourhood_is_resolved_from_a_code_or_a_name(sample_url):
    from storage.db import make_engine

    engine = make_engine(sample_url)
    with session_scope(engine) as session:
        assert resolve_area_code(session, "e02900001") == "E02900001"
        assert (
            resolve_area_code(session, "Heathfield & Priory Park", scope=("E06999999",))
            == "E02900001"
        )
        mill_cross = resolve_area_code(session, "Mill Cross")
        assert mill_cross is not None and mill_cross.startswith("E02")  # the MSOA before the ward
        assert resolve_area_code(session, "The flats behind the Co-op") is None
        assert themes_taxonomy(session) == DEFAULT_THEMES
    engine.dispose()


def test_a_response_without_a_token_is_always_new(example):
    engine, survey, definition = example
    with session_scope(engine) as session:
        first = store_one(session, survey, definition, {"priority_1": "agree"}, channel="paper")
        second = store_one(session, survey, definition, {"priority_1": "agree"}, channel="paper")

    assert first.created and second.created and first.code != second.code
    assert counts(engine)[0] == 2


def test_each_of_several_comments_is_coded_on_its_own_text(engine):
    from engagement.surveys.definition import parse_definition
    from engagement.surveys.store import find_survey, save_definition

    definition = parse_definition(
        {
            "slug": "two-comments",
            "title": "Two comments",
            "pages": [
                {
                    "title": "Tell us",
                    "questions": [
                        {
                            "key": "best",
                            "kind": "text",
                            "prompt": "What is best about where you live?",
                        },
                        {"key": "worst", "kind": "text", "prompt": "What is worst?"},
                    ],
                }
            ],
        }
    )
    with session_scope(engine) as session:
        save_definition(session, definition)
        survey, definition = find_survey(session, "two-comments")
        store_one(
            session,
            survey,
            definition,
            {
                "best": "The community garden is lovely, thank you",
                "worst": "Rats and fly-tipping on the estate",
            },
        )

    with session_scope(engine) as session:
        coded = dict(
            (key, (sentiment, themes))
            for key, sentiment, themes in session.execute(
                select(
                    SurveyAnswer.question_key, CommentCoding.sentiment, CommentCoding.themes
                ).join(CommentCoding, CommentCoding.answer_id == SurveyAnswer.id)
            )
        )
    assert coded["best"][0] == "positive" and "Green space and environment" in coded["best"][1]
    assert coded["worst"][0] == "negative" and "Green space and environment" in coded["worst"][1]
    assert counts(engine) == (1, 2, 2)


def test_responses_stored_together_keep_their_own_answers_and_a_twin_in_the_batch_is_stored_once(
    example,
):
    engine, survey, definition = example

    def prepared(comments: str, token: str, priority: str):
        checked = check_answers(
            definition,
            {
                "priority_1": priority,
                "priority_2": "agree",
                "priority_3": "agree",
                "top_issues": ["housing", "transport"],
                "heard_before": "yes",
                "respondent_type": "resident",
                "comments": comments,
            },
        )
        assert checked.ok, checked.errors
        with session_scope(engine) as session:
            return prepare_response(
                session, survey, definition, checked.answers, submission_token=token
            )

    batch = [
        prepared("Thank you, the new youth club is a lifeline", "batch-0001", "agree"),
        prepared("The damp in our flat is awful and nobody listens", "batch-0002", "disagree"),
        prepared("The damp in our flat is awful and nobody listens", "batch-0002", "disagree"),
    ]
    with engine.begin() as connection:
        receipts = store_responses(connection, batch)

    assert [r.created for r in receipts] == [True, True, False]
    assert receipts[1].code == receipts[2].code != receipts[0].code
    with session_scope(engine) as session:
        rows = session.execute(
            select(
                SurveyResponse.receipt_code,
                SurveyAnswer.question_key,
                SurveyAnswer.value,
                CommentCoding.sentiment,
            )
            .join(SurveyAnswer, SurveyAnswer.response_id == SurveyResponse.id)
            .outerjoin(CommentCoding, CommentCoding.answer_id == SurveyAnswer.id)
        ).all()
    stored = {(code, key): (value, sentiment) for code, key, value, sentiment in rows}
    assert counts(engine) == (2, 16, 2)  # eight answers each
    assert stored[receipts[0].code, "priority_1"] == ("agree", None)
    assert stored[receipts[0].code, "comments"] == (
        "Thank you, the new youth club is a lifeline",
        "positive",
    )
    assert stored[receipts[1].code, "priority_1"] == ("disagree", None)
    assert stored[receipts[1].code, "comments"] == (
        "The damp in our flat is awful and nobody listens",
        "negative",
    )


def test_a_long_comment_in_any_script_is_stored_and_counted(example):
    # 2,000 characters of Chinese are about 6,000 bytes: more than a PostgreSQL index entry holds.
    engine, survey, definition = example
    shuffled = random.Random(7)
    comment = "".join(
        chr(shuffled.randint(0x4E00, 0x9FFF))
        for _ in range(definition.questions_by_key["comments"].max_length)
    )
    with session_scope(engine) as session:
        create_response(
            session, survey=survey, definition=definition, comments=comment, priority_1="disagree"
        )
        create_response(
            session,
            survey=survey,
            definition=definition,
            comments="Short and sweet",
            priority_1="agree",
        )

    with session_scope(engine) as session:
        stored = session.scalars(
            select(SurveyAnswer.value).where(SurveyAnswer.question_key == "comments")
        ).all()
        summary = summarise_survey(session, survey.slug)
    questions = {q.key: q for q in summary.questions}
    assert comment in stored
    assert questions["comments"].n == summary.comments.n == 2
    assert (
        questions["priority_1"].counts["agree"] == questions["priority_1"].counts["disagree"] == 1
    )
