"""Where residents live, in words they know (issue 14, item 2): the council's own list by the
names people use, radios when short and a select when long, with "Somewhere else" and "I'd rather
not say" kept apart from an area and from each other, and no second "type it" box."""

from __future__ import annotations

import re

import pytest

from engagement.areas.custom import load_custom_areas
from engagement.model import AreaSummary
from engagement.surveys.answers import check_answers
from engagement.surveys.definition import parse_definition
from engagement.surveys.representation import counts_by_code, not_placed
from engagement.surveys.store import find_survey
from storage import session_scope
from storage.db import engine_for
from surveys.residents.survey_fields import field_params, listed_areas
from tests.officer_fixtures import sign_in
from tests.surveys.pages import parse, text
from tests.surveys.residents.test_survey_pages import stored
from tests.surveys.survey_helpers import (
    HEATHFIELD,
    SLUG,
    START,
    Visitor,
    errors_on,
    open_example_survey,
)

NEIGHBOURHOOD_PAGE = f"{START}/4"
QUESTION = parse_definition(
    {
        "slug": "where",
        "title": "Where",
        "pages": [{"title": "You", "questions": [{"kind": "neighbourhood"}]}],
    }
).questions[0]


def _on_the_page(visitor: Visitor):
    visitor.answer(1), visitor.answer(2), visitor.answer(3)
    return parse(visitor.client.get(NEIGHBOURHOOD_PAGE))


@pytest.fixture
def castle_visitor(app_factory, sample_url, tmp_path):
    """A resident of the sample borough, whose council has the target area "Castle target
    area" (the ward E05900003)."""
    areas = tmp_path / "areas.yml"
    areas.write_text(
        "areas:\n  - code: sampleton-castle\n    name: Castle target area\n"
        "    local_authority: E06999999\n    members: [E05900003]\n"
    )
    with session_scope(engine_for(sample_url)) as session:
        load_custom_areas(session, areas)
    open_example_survey(sample_url)
    visitor = Visitor(app_factory(sample_url, FAIRER_LOCAL_AUTHORITIES="E06999999").test_client())
    return visitor


def test_a_long_list_is_one_select_of_names_people_use_and_no_box_to_type_in(visitor):
    page = _on_the_page(visitor)

    options = [text(o) for o in page.select("select#neighbourhood option")]
    # Sampleton's 12 neighbourhoods by name; the nine other sample districts' MSOAs have only
    # ONS names ("Ashvale 001"), which residents never see.
    assert "Heathfield & Priory Park" in options and "Mill Cross" in options
    assert not [o for o in options if re.search(r"\d{3}$|^E0\d", o)], options
    assert options[0] == "Choose your neighbourhood"
    assert options[-2:] == ["Somewhere else", "I’d rather not say"]
    assert len(options) == 1 + 12 + 2
    assert text(page.select_one("label[for=neighbourhood]")).startswith(
        "Which neighbourhood do you live or work in?"
    )
    assert page.select_one("select#neighbourhood").has_attr("data-fairer-autocomplete")
    assert not page.select("input[name^=neighbourhood]")


def test_the_council_target_areas_are_named_without_the_jargon(castle_visitor):
    visitor = castle_visitor

    options = {text(o): o["value"] for o in _on_the_page(visitor).select("select option")}

    assert options["Castle"] == "sampleton-castle"
    assert not [name for name in options if "target area" in name.lower()]


def test_a_short_list_is_radios_with_the_two_other_answers_set_apart():
    areas = [
        AreaSummary("sampleton-mill-cross", "Mill Cross target area", "custom"),
        AreaSummary("E02900002", "Mill Cross", "msoa"),
        AreaSummary("E02900001", "Heathfield & Priory Park", "msoa"),
        AreaSummary("E02900050", "Ashvale 001", "msoa"),
    ]

    field = field_params(QUESTION, "", None, heading=True, areas=areas)

    assert field["kind"] == "radios"
    items = field["params"]["items"]
    assert [i.get("text") or i.get("divider") for i in items] == [
        "Heathfield & Priory Park",
        "Mill Cross",
        "or",
        "Somewhere else",
        "I’d rather not say",
    ]
    # "Mill Cross" once: the target area, as a typed "Mill Cross" resolves to it.
    assert items[1]["value"] == "sampleton-mill-cross"
    assert [a.name for a in listed_areas(areas)] == ["Heathfield & Priory Park", "Mill Cross"]


def test_somewhere_else_and_rather_not_say_are_stored_apart_and_placed_nowhere(
    app_factory, sample_url
):
    open_example_survey(sample_url)
    app = app_factory(sample_url)
    shown = {}
    for value in ("somewhere_else", "prefer_not_to_say", HEATHFIELD):
        visitor = Visitor(app.test_client())
        visitor.answer_all({4: {"respondent_type": "resident", "neighbourhood": value}})
        rows = {
            text(r.select_one("dt")): text(r.select_one("dd"))
            for r in parse(visitor.check_answers_page()).select(".govuk-summary-list__row")
        }
        shown[value] = rows["Which neighbourhood do you live or work in?"]
        assert visitor.send().status_code == 303

    assert shown == {
        "somewhere_else": "Somewhere else",
        "prefer_not_to_say": "I’d rather not say",
        HEATHFIELD: "Heathfield & Priory Park",
    }
    responses = stored(app)
    assert [(r.area_code, a["neighbourhood"]) for r, a in responses] == [
        (None, ["somewhere_else"]),
        (None, ["prefer_not_to_say"]),
        (HEATHFIELD, [HEATHFIELD]),
    ]
    with session_scope(engine_for(sample_url)) as session:
        survey, _definition = find_survey(session, SLUG)
        assert not_placed(session, counts_by_code(session, survey.id)) == 2


def test_rather_not_say_is_an_answer_not_a_problem(visitor):
    _on_the_page(visitor)

    response = visitor.answer(
        4, {"respondent_type": "resident", "neighbourhood": "prefer_not_to_say"}
    )

    assert response.status_code == 302 and errors_on(response) == []


def test_a_neighbourhood_not_in_the_list_is_refused_and_the_list_shown_again(visitor):
    _on_the_page(visitor)

    response = visitor.answer(
        4, {"respondent_type": "resident", "neighbourhood": "The flats behind the Co-op"}
    )

    assert errors_on(response) == ["Select your neighbourhood from the list"]
    page = parse(response)
    assert page.select_one(".govuk-error-summary__list a")["href"] == "#neighbourhood"
    assert page.select_one("select#neighbourhood")


def test_paper_forms_and_csv_rows_may_write_the_other_answers_in_words():
    definition = parse_definition(
        {
            "slug": "where",
            "title": "Where",
            "pages": [{"title": "You", "questions": [{"kind": "neighbourhood"}]}],
        }
    )

    said = {
        words: check_answers(definition, {"neighbourhood": words}).answers["neighbourhood"]
        for words in ("Somewhere else", "I'd rather not say", "Prefer not to say", "Mill Cross")
    }

    assert said == {
        "Somewhere else": "somewhere_else",
        "I'd rather not say": "prefer_not_to_say",
        "Prefer not to say": "prefer_not_to_say",
        "Mill Cross": "Mill Cross",
    }


def test_staff_typing_in_a_paper_form_choose_from_the_same_list(app_factory, sample_url):
    open_example_survey(sample_url, opens=-60, closes=-1)
    client = app_factory(sample_url).test_client()
    sign_in(client)
    officer = Visitor(client, start=f"/officers/surveys/{SLUG}/paper", form_page="/upload")
    officer.answer_all({4: {"respondent_type": "resident", "neighbourhood": "somewhere_else"}})

    page = parse(client.get(f"/officers/surveys/{SLUG}/paper/4"))
    officer.send()

    assert page.select_one("select#neighbourhood option[selected]")["value"] == "somewhere_else"
    [(response, answers)] = stored(client.application)
    assert response.channel == "paper" and answers["neighbourhood"] == ["somewhere_else"]


def test_a_target_area_chosen_is_named_the_same_way_on_check_your_answers(castle_visitor):
    visitor = castle_visitor
    visitor.answer_all({4: {"respondent_type": "resident", "neighbourhood": "sampleton-castle"}})

    rows = {
        text(r.select_one("dt")): text(r.select_one("dd"))
        for r in parse(visitor.check_answers_page()).select(".govuk-summary-list__row")
    }

    assert rows["Which neighbourhood do you live or work in?"] == "Castle"
