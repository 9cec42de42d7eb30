"""Officer tables on a 375px phone: every action's status, due date and owner on screen, the
results tables in a scrollable region reachable by keyboard, and no axe violations."""

from __future__ import annotations

from tests.action_fixtures import make_plan
from tests.browser.conftest import PHONE
from tests.browser.officer_browsing import check, open_admin_site
from tests.surveys.residents.test_you_said_we_did import add_responses

CELLS_IN_VIEW = """table => [...table.querySelectorAll('tbody td, tbody th')].map(cell => {
  const box = cell.getBoundingClientRect();
  return box.width > 0 && box.left >= 0 && box.right <= window.innerWidth;
})"""


def test_each_action_is_a_card_with_everything_on_screen(page, serve, sample_url):
    make_plan(sample_url)
    base_url = open_admin_site(serve, sample_url, page)
    page.goto(f"{base_url}/officers/actions")
    check(page)
    page.set_viewport_size(PHONE)
    table = page.locator("table#actions")
    in_view = table.evaluate(CELLS_IN_VIEW)
    assert in_view and all(in_view), in_view
    labels = table.locator("tbody tr").first.evaluate(
        "row => [...row.cells].map(c => getComputedStyle(c, '::before').content)"
    )
    # Each cell is headed by its column's name, the row's own header (the reference) excepted.
    assert labels[1:] == ['"Action"', '"Areas"', '"Owner"', '"Due"', '"Status"', '"Last update"']
    # Still a table to a screen reader, with its column headings.
    assert page.get_by_role("columnheader", name="Status").count() == 1
    assert page.get_by_role("row").count() == 1 + table.locator("tbody tr").count()


def test_officer_results_tables_scroll_inside_a_focusable_region(page, serve, sample_url):
    add_responses(sample_url, 40)
    base_url = open_admin_site(serve, sample_url, page)
    page.goto(f"{base_url}/officers/surveys/draft-priorities")
    check(page)
    page.set_viewport_size(PHONE)
    regions = page.locator(".fairer-table-scroll")
    assert regions.count() > 0
    for index in range(regions.count()):
        region = regions.nth(index)
        assert region.get_attribute("tabindex") == "0"
        assert region.get_attribute("role") == "region"
        box = region.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
