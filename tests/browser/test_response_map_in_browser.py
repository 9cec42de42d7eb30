"""The map of who was heard in Chromium: it fits its column at desktop and phone widths, the
results pages keep no WCAG 2.2 AA violations, and nothing breaks the Content-Security-Policy."""

from __future__ import annotations

from tests.browser.conftest import PHONE
from tests.browser.officer_browsing import check, open_admin_site, watch_for_violations
from tests.engagement.surveys.norwich_survey import SLUG, build_norwich_survey


def test_the_map_fits_both_results_pages_without_violations(
    page, serve, official, sqlite_template, tmp_path
):
    url = build_norwich_survey(tmp_path / "norwich", official, sqlite_template)
    violations = watch_for_violations(page)
    base_url = open_admin_site(serve, url, page)

    for path in (f"/s/{SLUG}/results", f"/officers/surveys/{SLUG}"):
        page.goto(base_url + path)
        drawing = page.locator("#response-map svg")
        for width in (1280, PHONE["width"]):
            page.set_viewport_size({"width": width, "height": 900})
            box = drawing.bounding_box()
            column = page.locator("#who-was-heard").bounding_box()
            assert 0 < box["width"] <= min(640, column["width"]) + 0.5
            assert abs(box["height"] / box["width"] - 480 / 640) < 0.01
        check(page)
    assert violations == []
