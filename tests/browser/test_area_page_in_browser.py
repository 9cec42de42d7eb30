"""The area page in Chromium: assets load from the app itself, with and without JavaScript."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP

SAMPLE_MSOA = "E02900001"


def test_area_page_loads_only_local_assets_and_runs_govuk_frontend(page, sample_site):
    requests, failures, errors = [], [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("requestfailed", lambda request: failures.append(request.url))
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )

    response = page.goto(f"{sample_site}/areas/{SAMPLE_MSOA}")
    page.wait_for_load_state("networkidle")

    assert response.status == 200
    assert failures == [] and errors == []
    assert all(url.startswith(sample_site) for url in requests), requests
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    font = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert "GDS Transport" not in font and "system-ui" in font
    assert page.locator("h1").inner_text() == "Heathfield & Priory Park"
    assert (
        page.locator(".govuk-warning-text").inner_text().count("Sample data — not official figures")
        == 1
    )


def test_area_page_works_without_javascript(open_browser, sample_site):
    page = open_browser(viewport=DESKTOP, java_script_enabled=False).new_page()

    page.goto(f"{sample_site}/areas")
    page.get_by_label("Find an area").fill("heathfield & priory")
    page.get_by_role("button", name="Search").click()

    assert page.url == f"{sample_site}/areas/{SAMPLE_MSOA}"
    assert page.locator("h1").inner_text() == "Heathfield & Priory Park"
    # The answer, its table and chart need nothing; every other figure opens without script.
    expect(page.locator("#headline")).to_be_visible()
    expect(page.locator("#chart svg")).to_be_visible()
    expect(page.get_by_text("Extent is the share of people")).not_to_be_visible()
    page.get_by_text("More figures: every measure for each domain").click()
    expect(page.get_by_text("Extent is the share of people")).to_be_visible()
    expect(page.locator("#domain-income")).to_be_visible()


def test_skip_link_moves_to_the_main_content(page, sample_site):
    page.goto(f"{sample_site}/areas/{SAMPLE_MSOA}")

    page.keyboard.press("Tab")
    skip = page.locator(".govuk-skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.inner_text() == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main-content")
