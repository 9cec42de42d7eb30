"""The pages pass axe-core's WCAG 2.2 AA rules at desktop and phone widths, in real Chromium."""

from __future__ import annotations

import pytest

from tests.browser.axe import axe, describe

SAMPLE_MSOA = "E02900001"
PAGES = [
    f"/areas/{SAMPLE_MSOA}",
    "/areas/sampleton-heathfield",
    "/areas/E99999999",
    "/areas",
    "/areas?q=mill+cross",
    "/areas?q=",
]


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_wcag_22_aa_violations(page, sample_site, path):
    page.goto(sample_site + path)

    violations = axe(page)

    assert violations == [], describe(violations)


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_wcag_22_aa_violations_on_a_phone(phone_page, sample_site, path):
    phone_page.goto(sample_site + path)

    violations = axe(phone_page)

    assert violations == [], describe(violations)
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{path} is {overflow}px wider than a 375px screen"
