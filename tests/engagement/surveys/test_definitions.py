"""Surveys: definitions, answers in GOV.UK wording, storing once, paper import, erasure, purge."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from engagement.errors import ImportProblem
from engagement.surveys.answers import check_answers
from engagement.surveys.definition import read_definition
from engagement.surveys.store import erase_response, import_paper_responses, purge_free_text
from storage import session_scope
from storage.base import utcnow
from storage.survey_models import SurveyAnswer, SurveyResponse
from tests.engagement.survey_factories import EXAMPLE, create_example_survey, create_response


@pytest.fixture
def example(engine):
    with session_scope(engine) as session:
        survey, definition = create_example_survey(session)
    return engine, survey, definition


def test_a_bad_definition_names_the_line_and_field(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(EXAMPLE.read_text().replace("kind: ranking", "kind: rankng"))
    with pytest.raises(
        ImportProblem, match=r"bad.yml, line \d+, field 'kind': 'rankng' is not a question kind"
    ):
        read_definition(bad)
    line = next(i for i, text in enumerate(bad.read_text().splitlines(), 1) if "rankng" in text)
    with pytest.raises(ImportProblem, match=rf"line {line},"):
        read_definition(bad)


def test_an_option_too_long_to_count_quickly_is_refused_with_a_way_out(tmp_path):
    long_label = (
        "Things for young people to do after school and at weekends and in the holidays " * 2
    )
    bad = tmp_path / "bad.yml"
    bad.write_text(
        EXAMPLE.read_text().replace(
            "Things for young people, Transport", f"{long_label.strip()}, Transport"
        )
    )
    with pytest.raises(
        ImportProblem,
        match=r"bad.yml, line \d+, .*an option's value must be at most 100 characters: "
        r"give it a shorter 'value' beside its label",
    ):
        read_definition(bad)


def test_errors_use_gov_uk_wording_and_hidden_questions_are_dropped():
    definition = read_definition(EXAMPLE)
    checked = check_answers(
        definition,
        {
            "priority_1": "agree",
            "comments": "x" * 2001,
            "heard_before": "yes",
            "why_not_before": ["i_did_not_have_time"],
        },
    )
    assert checked.errors["priority_2"] == "Select how much you agree"
    assert checked.errors["comments"] == "Your answer must be 2,000 characters or fewer"
    assert checked.errors["respondent_type"] == "Select who you are responding as"
    assert "why_not_before" not in checked.answers  # shown only to people who had not taken part
    shown = check_answers(
        definition, {"heard_before": "no", "why_not_before": ["i_did_not_have_time"]}
    )
    assert shown.answers["why_not_before"] == ["i_did_not_have_time"]


def test_forged_options_and_control_characters_are_refused_or_cleaned():
    definition = read_definition(EXAMPLE)
    checked = check_answers(
        definition,
        {
            "priority_1": "totally",
            "comments": "ok\x00\x1b[31m <script>",
            "top_issues": ["housing", "housing"],
        },
    )
    assert checked.errors["priority_1"] == "Select an answer from the list"
    assert checked.errors["top_issues"] == "Choose each option only once"
    assert checked.answers["comments"] == "ok[31m <script>"


def test_joiners_that_spell_words_and_draw_emoji_are_kept_in_free_text():
    definition = read_definition(EXAMPLE)
    persian, family = "می\u200cخواهم", "👨\u200d👩\u200d👧"  # "I want"; a family, as one emoji
    checked = check_answers(definition, {"comments": f"{persian} {family} \u202ehidden\u2066"})
    assert checked.answers["comments"] == f"{persian} {family} hidden"


def test_a_form_submitted_twice_is_stored_once(example):
    engine, survey, definition = example
    with session_scope(engine) as session:
        first = create_response(session, survey=survey, definition=definition, token="tok-1")
        second = create_response(session, survey=survey, definition=definition, token="tok-1")
        other = create_response(session, survey=survey, definition=definition, token="tok-2")
    assert first.created and not second.created and other.created
    assert first.code == second.code != other.code
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(SurveyResponse)) == 2


def test_paper_responses_import_by_label_and_a_bad_row_stores_nothing(example, tmp_path):
    engine, survey, _definition = example
    good = tmp_path / "paper.csv"
    good.write_text(
        "priority_1,priority_2,priority_3,top_issues,heard_before,respondent_type\n"
        "Strongly agree,Agree,Disagree,Housing;Transport,No,A resident\n"
        "agree,agree,dont_know,cost_of_living,yes,business\n"
    )
    with session_scope(engine) as session:
        assert import_paper_responses(session, "draft-priorities", good) == 2
    bad = tmp_path / "bad.csv"
    bad.write_text(good.read_text() + "Agree,Agree,Maybe,Housing,Yes,A resident\n")
    with pytest.raises(
        ImportProblem,
        match=r"bad.csv, line 4, column 'priority_3': Select how much you agree|"
        r"bad.csv, line 4, column 'priority_3': Select an answer from the list",
    ):
        with session_scope(engine) as session:
            import_paper_responses(session, "draft-priorities", bad)
    with session_scope(engine) as session:
        channels = session.scalars(select(SurveyResponse.channel)).all()
        ranked = session.scalars(
            select(SurveyAnswer.value)
            .where(SurveyAnswer.question_key == "top_issues")
            .order_by(SurveyAnswer.response_id, SurveyAnswer.position)
        ).all()
    assert channels == ["paper", "paper"]
    assert ranked == ["housing", "transport", "cost_of_living"]


def test_erasure_by_receipt_code_removes_every_answer(example):
    engine, survey, definition = example
    with session_scope(engine) as session:
        receipt = create_response(
            session, survey=survey, definition=definition, comments="Please fix the damp"
        )
        create_response(session, survey=survey, definition=definition)
    with session_scope(engine) as session:
        assert erase_response(session, receipt.code.lower())
        assert not erase_response(session, receipt.code)
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(SurveyResponse)) == 1
        assert (
            session.scalar(select(func.count()).where(SurveyAnswer.value == "Please fix the damp"))
            == 0
        )


def test_purge_removes_only_free_text_past_the_retention_period(example):
    engine, survey, definition = example
    with session_scope(engine) as session:
        create_response(session, survey=survey, definition=definition, comments="Old comment")
    with session_scope(engine) as session:
        assert purge_free_text(session, now=utcnow() + timedelta(days=364)) == 0
        assert purge_free_text(session, now=utcnow() + timedelta(days=366)) == 1
    with session_scope(engine) as session:
        values = dict(session.execute(select(SurveyAnswer.question_key, SurveyAnswer.value)).all())
    assert values["comments"] is None
    assert values["priority_1"] == "agree"


def test_a_close_date_ends_at_the_end_of_that_day_in_british_time():
    from datetime import UTC, datetime

    from engagement.surveys.definition import parse_definition

    summer = parse_definition(
        {
            "slug": "summer",
            "title": "Summer",
            "opens": "2027-03-01",
            "closes": "2027-03-31",
            "pages": [
                {
                    "title": "Your views",
                    "questions": [{"key": "c", "kind": "text", "prompt": "Anything else?"}],
                }
            ],
        }
    )
    # 31 March 2027 is in British Summer Time (UTC+1): the day ends at 22:59:59 UTC, so the
    # builder and residents both read "31 March 2027 at 11:59pm", never "1 April … 12:59am".
    assert summer.closes_at == datetime(2027, 3, 31, 22, 59, 59, tzinfo=UTC)
    assert summer.opens_at == datetime(2027, 3, 1, 0, 0, tzinfo=UTC)  # GMT: UTC+0
