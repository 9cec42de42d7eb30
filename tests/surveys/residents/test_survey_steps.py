"""A survey's pages as steps: a question shown only for an answer on its own page moves to the
next."""

from __future__ import annotations

from engagement.surveys.definition import parse_definition, read_definition
from surveys.residents.survey_steps import (
    next_step,
    previous_step,
    shown_questions,
    survey_steps,
    without_hidden,
)
from tests.engagement.survey_factories import EXAMPLE


def test_the_example_survey_has_five_steps_the_equality_questions_last():
    steps = survey_steps(read_definition(EXAMPLE))

    assert [[q.key for q in s.questions] for s in steps] == [
        ["priority_1", "priority_2", "priority_3"],
        ["top_issues", "heard_before"],
        ["why_not_before", "comments"],
        ["respondent_type", "neighbourhood"],
        ["age_band", "sex", "disability", "ethnicity"],
    ]
    assert [s.title for s in steps][1:3] == ["What matters most to you"] * 2
    assert [s.skippable for s in steps] == [False, False, False, False, True]


def test_equality_questions_on_a_page_with_others_get_a_step_of_their_own():
    definition = parse_definition(
        {
            "slug": "mixed",
            "title": "Mixed",
            "pages": [
                {
                    "title": "About you",
                    "questions": [
                        {"kind": "respondent_type"},
                        {"kind": "age_band"},
                        {"kind": "sex"},
                        {"key": "more", "kind": "text", "prompt": "More?"},
                    ],
                }
            ],
        }
    )

    steps = survey_steps(definition)

    assert [([q.key for q in s.questions], s.title) for s in steps] == [
        (["respondent_type"], "About you"),
        (["age_band", "sex"], "Equality questions"),
        (["more"], "About you"),
    ]


def test_a_step_with_nothing_to_ask_is_skipped_both_ways():
    definition = parse_definition(
        {
            "slug": "skip-test",
            "title": "Skip",
            "pages": [
                {
                    "title": "One",
                    "questions": [
                        {
                            "key": "pets",
                            "kind": "single",
                            "prompt": "Pets?",
                            "options": ["Yes", "No"],
                        }
                    ],
                },
                {
                    "title": "Two",
                    "questions": [
                        {
                            "key": "which",
                            "kind": "text",
                            "prompt": "Which?",
                            "show_if": {"question": "pets", "equals": "yes"},
                        }
                    ],
                },
                {
                    "title": "Three",
                    "questions": [
                        {"key": "more", "kind": "text", "prompt": "More?", "required": False}
                    ],
                },
            ],
        }
    )
    steps = survey_steps(definition)

    assert next_step(steps, 1, {"pets": "no"}).title == "Three"
    assert next_step(steps, 1, {"pets": "yes"}).title == "Two"
    assert previous_step(steps, 3, {"pets": "no"}).title == "One"
    assert next_step(steps, 3, {}) is None and previous_step(steps, 1, {}) is None
    assert shown_questions(steps[1], {"pets": "no"}) == []
    assert without_hidden(definition, {"pets": "no", "which": "A cat", "more": "x"}) == {
        "pets": "no",
        "more": "x",
    }
