"""/survey through the real POST /slack/events: the protected summary an officer sees in Slack."""

from __future__ import annotations

import json

from engagement.statistics import wilson_interval
from storage import session_scope
from storage.db import make_engine
from tests.block_kit import block_kit_problems
from tests.engagement.survey_factories import create_example_survey, create_response


def _with_responses(sample_url, **answers_by_count):
    engine = make_engine(sample_url)
    with session_scope(engine) as session:
        survey, definition = create_example_survey(session)
        for count, answers in answers_by_count.values():
            for _ in range(count):
                create_response(session, survey=survey, definition=definition, **answers)
    engine.dispose()


def test_survey_by_name_shows_agreement_with_its_interval(slack, sample_url):
    _with_responses(
        sample_url,
        agree=(54, {"priority_1": "agree"}),
        disagree=(8, {"priority_1": "disagree"}),
        councillors=(
            3,
            {"respondent_type": "councillor", "comments": "<!channel> nothing ever changes"},
        ),
    )
    reply = slack.command("/survey", "draft priorities").get_json()
    assert block_kit_problems(reply) == []
    text = json.dumps(reply["blocks"], ensure_ascii=False)
    low, high = wilson_interval(57, 65)  # 54 + 3 councillors agreed, 8 disagreed
    assert (
        f"{round(100 * 57 / 65)}% agreed, "
        f"95% CI {round(100 * low)}–{round(100 * high)}%, from 65 respondents" in text
    )
    assert "<!channel>" not in text  # comments never appear, and nothing from people pings anyone
    assert "65 respondents" in text


def test_survey_without_a_name_lists_surveys_and_an_unknown_name_says_so(slack, sample_url):
    _with_responses(sample_url, some=(2, {}))
    listing = slack.command("/survey", "").get_json()
    assert "Our draft priorities for a fairer city" in json.dumps(listing)
    assert "2 respondents" in json.dumps(listing)
    unknown = slack.command("/survey", "<@U123> parking").get_json()
    assert unknown["text"].startswith("No survey matches")
    assert "&lt;@U123&gt;" in json.dumps(unknown["blocks"])


def test_a_survey_links_to_its_officer_results_page(slack, sample_url):
    _with_responses(sample_url, some=(1, {}))
    reply = slack.command("/survey", "draft priorities").get_json()
    assert block_kit_problems(reply) == []
    links = [
        e for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"] if e.get("url")
    ]
    assert [(e["text"]["text"], e["url"]) for e in links] == [
        ("Officer results", "https://fairer.example.org/officers/surveys/draft-priorities")
    ]
    assert reply["text"].startswith("Our draft priorities for a fairer city: 1 respondent")
