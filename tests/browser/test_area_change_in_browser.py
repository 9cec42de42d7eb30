"""The edition control and the "Change since 2019" section in Chromium: they pass axe (WCAG 2.2 AA)
on a desktop and a phone, and the control works without JavaScript."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.axe import axe
from tests.browser.conftest import DESKTOP, PHONE
from tests.engagement.areas.edition_files import MSOA, load_two_editions


def test_change_section_and_edition_control_pass_axe(serve, open_browser, sqlite_url, tmp_path):
    load_two_editions(sqlite_url, tmp_path)
    site = serve(sqlite_url)
    for viewport in (DESKTOP, PHONE):
        page = open_browser(viewport=viewport).new_page()
        page.goto(f"{site}/areas/{MSOA}")
        expect(page.locator("#change-chart svg")).to_be_visible()
        page.get_by_text("Each neighbourhood in 2019 and 2025").click()
        expect(page.locator("#change-neighbourhoods")).to_be_visible()
        assert axe(page) == []
        page.close()


def test_the_edition_control_works_without_javascript(serve, open_browser, sqlite_url, tmp_path):
    load_two_editions(sqlite_url, tmp_path)
    site = serve(sqlite_url)
    page = open_browser(viewport=DESKTOP, java_script_enabled=False).new_page()
    page.goto(f"{site}/areas/{MSOA}")
    page.get_by_role("link", name="English Indices of Deprivation 2019").click()
    assert page.url == f"{site}/areas/{MSOA}?edition=2019"
    expect(page.locator("#edition")).to_have_text("Edition: English Indices of Deprivation 2019")
    assert axe(page) == []
    page.get_by_role("link", name="English Indices of Deprivation 2025 (latest)").click()
    assert page.url == f"{site}/areas/{MSOA}"
