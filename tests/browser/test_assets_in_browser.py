"""Community assets in Chromium: the area page's section and map markers and the officers' list,
with no axe (WCAG 2.2 AA) violations at 1280 and 375 px, no Content-Security-Policy violations,
and an asset named like a script that stays text."""

from __future__ import annotations

import pytest

from engagement.assets.importing import import_assets
from storage import session_scope
from tests.browser.officer_browsing import check, open_admin_site, watch_for_violations
from tests.engagement.areas.boundary_fixtures import HEARTSEASE
from tests.engagement.assets.example_file import SCRIPT_NAME, write_assets
from tests.engagement.assets.fixtures import norwich_database


@pytest.fixture
def assets_db(sqlite_url, official, tmp_path) -> str:
    """A SQLite database with Norwich's figures, boundaries and the example assets."""
    engine = norwich_database(sqlite_url, official, tmp_path, boundaries=True)
    with session_scope(engine) as session:
        import_assets(session, write_assets(tmp_path)[0])
    engine.dispose()
    return sqlite_url


def test_assets_on_the_area_page_and_the_officers_page_are_accessible(serve, assets_db, page):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    violations = watch_for_violations(page)
    base_url = open_admin_site(serve, assets_db, page)

    page.goto(f"{base_url}/areas/{HEARTSEASE}")
    section = page.locator("#assets").locator("xpath=..")
    assert page.locator("#assets").inner_text() == "Community assets and services"
    assert SCRIPT_NAME in section.inner_text()
    assert page.locator('#map svg circle[fill="#ffffff"]').count() == 3
    check(page)

    page.goto(f"{base_url}/officers/assets")
    assert page.locator("h1").inner_text() == "Community assets"
    assert page.locator("table caption").count() == 4
    check(page)

    assert dialogs == [] and violations == []
