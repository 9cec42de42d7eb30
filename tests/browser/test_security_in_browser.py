"""In Chromium, the Content-Security-Policy blocks nothing the pages need: no page uses inline
script or style, so the console shows no violation. The indicator upload page passes axe."""

from __future__ import annotations

import pytest

from tests.browser.officer_browsing import check, open_admin_site, watch_for_violations

PUBLIC_PAGES = [
    "/",
    "/areas",
    "/areas?q=mill+cross",
    "/areas/sampleton-heathfield",
    "/areas/E02900001",
    "/no-such-page",
]
OFFICER_PAGES = [
    "/officers",
    "/officers/actions",
    "/officers/indicators",
    "/officers/sign-ins",
    "/officers/surveys",
    "/officers/themes",
]


@pytest.fixture
def admin_site(serve, sample_url, page):
    """The base URL of a running app on the sample borough, with page signed in as an admin."""
    return open_admin_site(serve, sample_url, page)


def test_public_pages_break_no_content_security_policy_rule(page, sample_site):
    violations = watch_for_violations(page)

    for path in PUBLIC_PAGES:
        response = page.goto(sample_site + path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("load")

    assert violations == []


def test_officer_pages_break_no_content_security_policy_rule(page, admin_site):
    violations = watch_for_violations(page)

    for path in OFFICER_PAGES:
        response = page.goto(admin_site + path)
        assert response.status == 200, path
        page.wait_for_load_state("load")

    assert violations == []


def test_an_inline_script_would_be_reported(page, sample_site):
    violations = watch_for_violations(page)
    page.goto(sample_site + "/")

    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = '1'; "
        "document.body.append(s); }"
    )
    page.wait_for_timeout(100)

    assert any("Content Security Policy" in v for v in violations)


def test_the_indicator_upload_page_is_accessible_with_and_without_an_error(page, admin_site):
    for path, heading in [("/officers/indicators", "Upload outcome indicators")]:
        page.goto(admin_site + path)
        assert page.locator("h1").inner_text() == heading
        check(page)
    page.get_by_label("CSV file of indicator values").set_input_files(
        files=[
            {
                "name": "bad.csv",
                "mimeType": "text/csv",
                "buffer": b"area_code,indicator,period,value\nE06999999,x,2021,lots\n",
            }
        ]
    )
    page.get_by_role("button", name="Upload and import").click()
    assert "'lots' is not a number" in page.locator(".govuk-error-summary").inner_text()
    check(page)
