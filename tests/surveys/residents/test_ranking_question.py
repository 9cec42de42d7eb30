"""Ranking without three dropdowns (issue 14, item 3): choose up to N with checkboxes, then put
the choices in order with buttons that are real form buttons, so no JavaScript is needed."""

from __future__ import annotations

from tests.surveys.pages import parse, text
from tests.surveys.residents.test_survey_pages import stored
from tests.surveys.survey_helpers import START, errors_on

RANKING_PAGE = f"{START}/2"


def _order_on(page) -> list[str]:
    return [text(li.select_one("span")) for li in page.select("#top_issues-order ol > li")]


def _check_answers_rows(visitor) -> dict[str, str]:
    page = parse(visitor.check_answers_page())
    return {
        text(r.select_one("dt")): text(r.select_one("dd"))
        for r in page.select(".govuk-summary-list__row")
    }


def test_the_question_is_checkboxes_to_choose_up_to_three(visitor):
    visitor.answer(1)

    page = parse(visitor.client.get(RANKING_PAGE))

    fieldset = page.select_one("#top_issues").find_parent("fieldset")
    assert text(fieldset.select_one("legend")) == (
        "If you were in charge of your area, what would matter most?"
    )
    assert text(fieldset.select_one(".govuk-hint")) == "Choose and order your top 3."
    assert len(fieldset.select("input[type=checkbox][name=top_issues]")) == 8
    assert not page.select("select") and not page.select("#top_issues-order")


def test_two_choices_lead_to_putting_them_in_order_on_the_same_page(visitor):
    visitor.answer(1)

    chosen = visitor.answer(2, {"top_issues": ["housing", "transport"], "heard_before": "yes"})
    page = parse(visitor.client.get(chosen.location))

    assert chosen.status_code == 302
    assert chosen.location == f"{RANKING_PAGE}#top_issues-order"
    assert text(page.select_one("#top_issues-order h2")) == "Put your choices in order"
    assert _order_on(page) == ["Housing", "Transport"]
    buttons = [text(b) for b in page.select("#top_issues-order button")]
    assert buttons == ["Move Housing down", "Move Transport up"]
    # The other answer on the page is kept too.
    assert page.select_one("input[name=heard_before][value=yes]").has_attr("checked")


def test_moving_a_choice_up_changes_the_order_and_checks_nothing_yet(visitor):
    visitor.answer(1)
    form = {
        "top_issues": ["housing", "transport", "cost_of_living"],
        "top_issues-order": ["housing", "transport", "cost_of_living"],
    }

    moved = visitor.answer(2, {**form, "top_issues-move": "up:cost_of_living"})

    page = parse(moved)
    assert moved.status_code == 200 and errors_on(moved) == []  # heard_before not answered yet
    assert _order_on(page) == ["Housing", "Cost of living", "Transport"]
    button = page.select_one("button[value='up:cost_of_living']")
    assert button["type"] == "submit" and button["formaction"].endswith(
        "#top_issues-rank-cost_of_living"
    )


def test_the_order_given_is_kept_shown_and_stored(visitor, survey_app):
    visitor.answer(1)
    order = ["transport", "cost_of_living", "housing"]
    visitor.answer(2, {"top_issues": order[::-1], "top_issues-order": order, "heard_before": "yes"})
    visitor.answer(3), visitor.answer(4)

    again = parse(visitor.client.get(RANKING_PAGE))
    rows = _check_answers_rows(visitor)
    visitor.send()

    assert _order_on(again) == ["Transport", "Cost of living", "Housing"]
    assert rows["If you were in charge of your area, what would matter most?"] == (
        "1st: Transport 2nd: Cost of living 3rd: Housing"
    )
    assert stored(survey_app)[0][1]["top_issues"] == order


def test_one_choice_needs_no_ordering(visitor):
    visitor.answer(1)

    response = visitor.answer(2, {"top_issues": ["housing"], "heard_before": "yes"})

    assert response.status_code == 302 and response.location == f"{START}/3"


def test_a_new_choice_added_after_ordering_is_put_in_order_too(visitor):
    visitor.answer(1)
    form = {"top_issues-order": ["transport", "housing"], "heard_before": "yes"}

    added = visitor.answer(2, {**form, "top_issues": ["housing", "transport", "jobs_and_skills"]})
    shown = _order_on(parse(visitor.client.get(RANKING_PAGE)))
    removed = visitor.answer(2, {**form, "top_issues": ["housing"]})

    assert added.location == f"{RANKING_PAGE}#top_issues-order"
    assert shown == ["Transport", "Housing", "Jobs and skills"]
    assert removed.location == f"{START}/3"


def test_more_than_three_choices_is_an_error_naming_the_question(visitor):
    visitor.answer(1)
    four = ["housing", "transport", "cost_of_living", "jobs_and_skills"]

    response = visitor.answer(2, {"top_issues": four, "heard_before": "yes"})

    page = parse(response)
    assert errors_on(response) == ["Choose no more than 3 for what would matter most"]
    assert page.select_one(".govuk-error-summary__list a")["href"] == "#top_issues"
    assert page.select_one("#top_issues")  # the link's target: the first checkbox
    assert len(page.select("input[name=top_issues][checked]")) == 4


def test_enter_in_the_form_continues_rather_than_moving_a_choice(visitor):
    visitor.answer(1)
    visitor.answer(2, {"top_issues": ["housing", "transport"], "heard_before": "yes"})

    page = parse(visitor.client.get(RANKING_PAGE))

    # A browser submits with the form's first submit button when Enter is pressed in a field.
    first = page.select_one("form[method=post] button[type=submit]")
    assert first.get("name") is None and first.has_attr("hidden")
