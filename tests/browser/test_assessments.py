"""A full impact assessment in Chromium: an officer starts one for an action, marks rows (a
negative impact with its mitigation), saves, is refused sign-off until the mitigation is there,
signs off and reads the history; and the same without JavaScript for a committee decision.
Every page passes axe-core's WCAG 2.2 AA rules at 1280 and 375 pixels, without sideways scroll."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.action_fixtures import make_plan
from tests.browser.officer_browsing import check, open_admin_site, watch_for_violations

ASSESSOR = "Sam Patel, Community development officer"
MITIGATION = "Meetings at 2pm as well, with transport offered."


def row(page, title: str):
    """Return the fieldset of one template row, found by its legend."""
    return page.get_by_role("group", name=title, exact=True)


def fill_details(page) -> None:
    page.get_by_label("Assessed by").fill(ASSESSOR)
    for field, (day, month, year) in {
        "assessed_on": ("1", "12", "2026"),
        "review_on": ("1", "6", "2027"),
    }.items():
        page.locator(f"#{field}-day").fill(day)
        page.locator(f"#{field}-month").fill(month)
        page.locator(f"#{field}-year").fill(year)


def test_an_officer_fills_in_signs_off_and_reads_the_history(page, serve, sample_url):
    make_plan(sample_url)
    site = open_admin_site(serve, sample_url, page)
    violations = watch_for_violations(page)

    page.goto(f"{site}/officers/assessments")
    expect(page.locator("h1")).to_have_text("Impact assessments")
    check(page)
    page.get_by_role("button", name="Start an impact assessment").click()
    expect(page.locator("h1")).to_have_text("Start an impact assessment")
    check(page)
    choose_action = page.get_by_label("Action", exact=True)
    expect(choose_action).to_be_hidden()  # revealed only when "An action" is chosen
    page.get_by_label("An action in the plan").check()
    choose_action.select_option(label="HP-02: Participatory budgeting round")
    page.get_by_role("button", name="Start the assessment").click()
    expect(page.locator("h1")).to_have_text("Participatory budgeting round")
    expect(page.locator("#evidence-heading")).to_be_visible()
    check(page)

    fill_details(page)
    row(page, "Finance (value for money)").get_by_label("Positive").check()
    age = row(page, "Age")
    mitigation = age.get_by_label("How will it be mitigated, or why is it accepted?")
    expect(mitigation).to_be_hidden()
    age.get_by_label("Negative").check()
    expect(mitigation).to_be_visible()
    page.get_by_label("Comments on Age", exact=True).fill(
        "Evening meetings are hard for older residents."
    )
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your changes are saved")
    check(page)

    page.get_by_label("Name and role of who signs it off").fill("Alex Reed, Director")
    page.get_by_role("button", name="Sign off").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text(
        "Enter how the negative impact on Age will be mitigated, or why it is accepted"
    )
    check(page)
    summary.get_by_role("link").click()
    expect(mitigation).to_be_focused()
    mitigation.fill(MITIGATION)
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_label("Name and role of who signs it off").fill("Alex Reed, Director")
    page.get_by_role("button", name="Sign off").click()
    expect(page.locator("#status")).to_contain_text("signed off by Alex Reed, Director")
    expect(page.locator("#read-protected_characteristics")).to_contain_text(MITIGATION)
    expect(page.get_by_role("button", name="Start a new version")).to_be_visible()
    check(page)

    page.get_by_role("link", name="History of every version").click()
    expect(page.locator("h1")).to_have_text("History")
    expect(page.locator("#history tbody tr")).to_have_count(4)  # started, saved twice, signed
    check(page)
    page.locator("#history tbody tr").last.get_by_role("link").click()
    expect(page.locator("#version-note")).to_contain_text("Version 1 as it stood on")
    check(page)
    assert violations == []


def test_a_decision_is_assessed_without_javascript(open_browser, serve, sample_url):
    page = open_browser(java_script_enabled=False).new_page()
    site = open_admin_site(serve, sample_url, page)

    page.goto(f"{site}/officers/assessments/new")
    # Without JavaScript every choice's fields are shown; only the chosen one is checked.
    expect(page.get_by_label("Title of the decision")).to_be_visible()
    page.get_by_label("A decision").check()
    page.get_by_role("button", name="Start the assessment").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the title of the decision")
    page.wait_for_load_state("load")
    check(page)
    page.get_by_label("Title of the decision").fill("Closing the Castle library on Saturdays")
    page.get_by_label("Committee (optional)").fill("Cabinet")
    page.get_by_role("button", name="Start the assessment").click()
    expect(page.locator("h1")).to_have_text("Closing the Castle library on Saturdays")
    page.wait_for_load_state("load")
    check(page)

    fill_details(page)
    sex = row(page, "Sex")
    sex.get_by_label("Negative").check()
    sex.get_by_label("How will it be mitigated, or why is it accepted?").fill(MITIGATION)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your changes are saved")
    page.get_by_label("Name and role of who signs it off").fill("Alex Reed, Director")
    page.get_by_role("button", name="Sign off").click()
    expect(page.locator("#status")).to_contain_text("Signed off")
    page.wait_for_load_state("load")
    check(page)
