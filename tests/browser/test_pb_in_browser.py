"""Voting in a participatory budgeting round in Chromium: no WCAG 2.2 AA violations at 1280 and
375 px, no Content-Security-Policy violations, and the budget checked with JavaScript off."""

from __future__ import annotations

from sqlalchemy import select

from engagement.pb.publish import publish_results
from engagement.pb.rounds import load_round
from storage import session_scope
from storage.db import engine_for
from storage.pb_models import PbBallot
from tests.browser.officer_browsing import check, watch_for_violations


def _round(sample_url, tmp_path) -> None:
    from tests.engagement.pb.rounds import round_file

    with session_scope(engine_for(sample_url)) as session:
        load_round(session, round_file(tmp_path))


def test_voting_checking_the_total_and_reading_the_results(page, serve, sample_url, tmp_path):
    _round(sample_url, tmp_path)
    site = serve(sample_url)
    violations = watch_for_violations(page)
    page.goto(f"{site}/pb/castle-fund")
    assert page.locator("h1").inner_text() == "Castle community fund"
    check(page)

    page.get_by_label("Play area repairs – £8,000").check()
    page.get_by_label("Youth club kit – £5,000").check()
    page.get_by_role("button", name="Check total").click()
    assert "more than the £10,000 budget" in page.locator(".govuk-error-summary").inner_text()
    check(page)

    page.get_by_label("Youth club kit – £5,000").uncheck()
    page.get_by_label("Benches on the green – £1,000").check()
    # With JavaScript the total follows the boxes before "Check total" is pressed.
    assert page.locator("#running-total").inner_text().strip() == (
        "Your choices cost £9,000 of £10,000. £1,000 left."
    )
    page.get_by_role("button", name="Check total").click()
    assert page.locator("#running-total").inner_text().strip() == (
        "Your choices cost £9,000 of £10,000. £1,000 left."
    )
    page.get_by_label("Castle Green").check()
    page.get_by_role("button", name="Send my vote").click()
    assert page.locator(".govuk-panel__title").inner_text() == "Vote sent"
    assert page.locator("#receipt-code").inner_text().startswith("FP-")
    check(page)

    with session_scope(engine_for(sample_url)) as session:
        publish_results(session, "castle-fund", published_by="U1")
    page.goto(f"{site}/pb/castle-fund/results")
    assert page.locator("h1").inner_text() == "Results: Castle community fund"
    check(page)
    page.goto(f"{site}/pb/castle-fund")
    assert page.locator("h1").inner_text() == "Voting has closed"
    check(page)
    assert violations == []


def test_over_budget_is_refused_without_javascript(open_browser, serve, sample_url, tmp_path):
    _round(sample_url, tmp_path)
    site = serve(sample_url)
    page = open_browser(java_script_enabled=False).new_page()
    page.goto(f"{site}/pb/castle-fund")
    page.get_by_label("Play area repairs – £8,000").check()
    page.get_by_label("Community garden – £3,000").check()
    page.get_by_label("Lakeside & Tudor Way").check()
    page.get_by_role("button", name="Send my vote").click()
    assert (
        "cost £11,000, more than the £10,000 budget"
        in page.locator(".govuk-error-summary").inner_text()
    )
    page.wait_for_load_state("load")  # the stylesheet too, before axe measures targets
    check(page)
    with session_scope(engine_for(sample_url)) as session:
        assert session.scalars(select(PbBallot)).all() == []


def test_the_officers_round_page(page, serve, sample_url, tmp_path):
    from tests.browser.officer_browsing import open_admin_site

    _round(sample_url, tmp_path)
    site = open_admin_site(serve, sample_url, page)
    violations = watch_for_violations(page)
    page.goto(f"{site}/officers/pb/castle-fund")
    assert page.locator("h1").inner_text() == "Castle community fund"
    check(page)
    page.get_by_role("button", name="Upload and import").click()
    assert "Select a CSV file of paper ballots" in page.locator(".govuk-error-summary").inner_text()
    check(page)
    page.get_by_role("button", name="Close the round").click()
    page.get_by_label("Slack channel ID (optional)").fill("#general")
    page.get_by_role("button", name="Publish the results").click()
    assert "Enter a Slack channel ID" in page.locator(".govuk-error-summary").inner_text()
    assert page.locator("#channel-error").count() == 1  # the message sits by its field
    check(page)
    assert violations == []
