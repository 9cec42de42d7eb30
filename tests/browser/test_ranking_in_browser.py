"""Ranking and the neighbourhood list in Chromium (issue 14, items 2 and 3): choices put in
order with the keyboard alone, 0 axe violations at 1280 and 375 px, the neighbourhood list as a
plain select without JavaScript and as GOV.UK's accessible autocomplete with it."""

from __future__ import annotations

import pytest

from surveys.residents.survey_guard import reset_rate_limits
from tests.browser.conftest import PHONE
from tests.browser.test_survey_pages_in_browser import check, tab_to
from tests.surveys.survey_helpers import SLUG, open_example_survey

START = f"/s/{SLUG}"
CONTINUE = "form > .govuk-button-group > button.govuk-button"
NORWICH = "E07000148"
HEARTSEASE = "E02005587"  # MSOA "Norwich 004", named "Heartsease & Pilling Park"


@pytest.fixture
def sampleton(serve, sample_url):
    """The base URL of the app on the sample borough with the example survey open."""
    reset_rate_limits()
    open_example_survey(sample_url)
    return serve(sample_url)


@pytest.fixture
def norwich(serve, england_copy_url):
    """The base URL of the app for Norwich (official data) with the example survey open."""
    reset_rate_limits()
    open_example_survey(england_copy_url)
    return serve(england_copy_url, FAIRER_LOCAL_AUTHORITIES=NORWICH)


def _answer_first_page(page, base_url: str) -> None:
    page.goto(f"{base_url}{START}/1")
    for key in ("priority_1", "priority_2", "priority_3"):
        page.locator(f"input[name={key}][value=agree]").check()
    page.locator(CONTINUE).click()
    page.wait_for_url(f"**{START}/2")


def _order(page) -> list[str]:
    return [t.strip() for t in page.locator("#top_issues-order ol > li > span").all_inner_texts()]


def _focused(page) -> str:
    return page.evaluate("() => document.activeElement.textContent.trim()")


def test_choices_are_chosen_and_put_in_order_with_the_keyboard_alone(page, sampleton):
    _answer_first_page(page, sampleton)

    for checkbox in ("#top_issues-3", "#top_issues-8", "#top_issues"):  # Housing, Transport, Cost
        tab_to(page, checkbox)
        page.keyboard.press("Space")
    tab_to(page, "input[name=heard_before]")
    page.keyboard.press("Space")  # "Yes"
    tab_to(page, CONTINUE)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{START}/2#top_issues-order")
    chosen = _order(page)

    tab_to(page, "button[value='up:transport']")
    page.keyboard.press("Enter")
    page.wait_for_url("**#top_issues-rank-transport")
    once = _order(page)
    # The page comes back at the choice moved: the next Tab reaches its "move up" button again.
    page.keyboard.press("Tab")
    refocused = _focused(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    twice = _order(page)
    tab_to(page, CONTINUE)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{START}/3")
    page.goto(f"{sampleton}{START}/2")

    assert chosen == ["Cost of living", "Housing", "Transport"]
    assert once == ["Cost of living", "Transport", "Housing"]
    assert refocused == "Move Transport up"
    assert twice == ["Transport", "Cost of living", "Housing"]
    assert _order(page) == twice


def test_enter_in_a_field_continues_rather_than_moving_a_choice(page, sampleton):
    _answer_first_page(page, sampleton)
    page.locator("#top_issues-3").check()
    page.locator("#top_issues-8").check()
    page.get_by_label("Yes", exact=True).check()
    page.locator(CONTINUE).click()
    page.wait_for_url("**#top_issues-order")

    page.locator("input[name=heard_before][value=yes]").focus()
    page.keyboard.press("Enter")

    page.wait_for_url(f"**{START}/3")


def test_the_ranking_pages_have_no_accessibility_violations(page, sampleton):
    _answer_first_page(page, sampleton)
    check(page, "What matters most to you")
    for box in ("#top_issues", "#top_issues-2", "#top_issues-3", "#top_issues-8"):
        page.locator(box).check()
    page.locator(CONTINUE).click()
    check(page, "What matters most to you")  # more than 3: an error
    page.locator("#top_issues-2").uncheck()
    page.get_by_label("No", exact=True).check()
    page.locator(CONTINUE).click()
    page.wait_for_url("**#top_issues-order")
    check(page, "What matters most to you")  # putting them in order
    page.locator("button[value='down:cost_of_living']").click()
    page.wait_for_url("**#top_issues-rank-cost_of_living")
    check(page, "What matters most to you")  # after a move


def test_without_javascript_the_neighbourhood_list_is_a_select_that_works(open_browser, norwich):
    page = open_browser(viewport=PHONE, java_script_enabled=False).new_page()
    page.goto(f"{norwich}{START}/4")

    select = page.get_by_label("Which neighbourhood do you live or work in?")
    names = page.locator("select#neighbourhood option").all_inner_texts()
    select.select_option(label="Heartsease & Pilling Park")
    page.get_by_label("A resident").check()
    page.locator(CONTINUE).click()
    page.wait_for_url(f"**{START}/5")
    page.goto(f"{norwich}{START}/4")

    assert "Heartsease & Pilling Park" in names and "Mile Cross" in names
    assert not [n for n in names if n.startswith("Norwich 0")]
    assert names[-2:] == ["Somewhere else", "I’d rather not say"]
    assert page.locator("select#neighbourhood").input_value() == HEARTSEASE


def test_with_javascript_typing_hearts_finds_heartsease(page, norwich):
    blocked = []
    page.on(
        "console",
        lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(f"{norwich}{START}/4")
    page.wait_for_selector("input#neighbourhood.autocomplete__input")

    check(page, "About you")
    tab_to(page, "input#neighbourhood")
    page.keyboard.type("hearts")
    option = page.locator(".autocomplete__option").first
    found = option.inner_text()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    chosen = page.locator("select#neighbourhood-select").input_value()
    check(page, "About you")  # with the list open and a choice made
    page.get_by_label("A resident").check()
    page.locator(CONTINUE).click()
    page.wait_for_url(f"**{START}/5")

    assert found.startswith("Heartsease & Pilling Park")
    assert chosen == HEARTSEASE
    assert blocked == []


def test_without_javascript_choices_are_put_in_order(open_browser, sampleton):
    page = open_browser(viewport=PHONE, java_script_enabled=False).new_page()
    _answer_first_page(page, sampleton)

    page.get_by_label("Housing").check()
    page.get_by_label("Transport").check()
    page.get_by_label("Yes", exact=True).check()
    page.locator(CONTINUE).click()
    page.wait_for_url("**#top_issues-order")
    page.get_by_role("button", name="Move Transport up").click()
    page.wait_for_url("**#top_issues-rank-transport")
    moved = _order(page)
    page.locator(CONTINUE).click()
    page.wait_for_url(f"**{START}/3")
    page.goto(f"{sampleton}{START}/2")

    assert moved == ["Transport", "Housing"]
    assert _order(page) == ["Transport", "Housing"]
