"""An area's page at a glance in Chromium: the sentence, the table, the chart and the map fit the
first 1,400 px of a 1280 px wide screen; on a 375 px phone nothing is clipped or widens the page;
axe finds nothing at either width. On all of England, official figures and ONS boundaries."""

from __future__ import annotations

import shutil

import pytest

from engagement.areas.boundaries import import_boundaries
from storage import session_scope
from storage.db import make_engine
from tests.browser.axe import axe, describe
from tests.browser.conftest import _serving
from tests.conftest import SHARED_DATA
from tests.surveys.conftest import build_app

ENGLAND_BOUNDARIES = (
    SHARED_DATA / "geo" / "boundaries" / "england" / "lsoa11_england_bsc.geojson.gz"
)
AREAS = {
    "E02005587": "Heartsease & Pilling Park",  # MSOA, 7 LSOAs
    "E07000148": "Norwich",  # local authority, 83 LSOAs
    "E01026740": "North Norfolk 012A",  # one LSOA (File 2)
}
AT_A_GLANCE = ("#headline", "#headline-table", "#chart", "#map")
FIRST_SCREENS = 1_400  # px from the top of the page at 1280 px wide
WIDE = {"width": 1280, "height": 800}
PHONE_WIDTH = 375


@pytest.fixture(scope="module")
def site(england_file, tmp_path_factory) -> str:
    """Base URL of the app on all of England with every English LSOA's boundary, built once."""
    path = tmp_path_factory.mktemp("glance-browser") / "england.db"
    shutil.copy(england_file, path)
    engine = make_engine(f"sqlite:///{path}")
    with session_scope(engine) as session:
        import_boundaries(session, ENGLAND_BOUNDARIES)
    engine.dispose()
    with _serving(build_app(f"sqlite:///{path}")) as base_url:
        yield base_url


def open_area(page, site: str, code: str) -> None:
    response = page.goto(f"{site}/areas/{code}")
    assert response.status == 200
    assert page.locator("h1").inner_text() == AREAS[code]


BOTTOMS = """(selectors) => selectors.map((selector) => {
  const element = document.querySelector(selector);
  return element && element.getBoundingClientRect().bottom + window.scrollY;
})"""

# Every element of the glance, the chart and the map whose right edge passes the screen's. Shapes
# inside a drawing are left to its <svg>, which clips them to its own box (overflow hidden): a
# neighbour on the map may run past the frame without anything showing there.
BEYOND_RIGHT = """(width) => {
  const beyond = [];
  const all = document.querySelectorAll(
    '#at-a-glance, #at-a-glance *, #chart, #chart *, #map, #map *');
  for (const element of all) {
    if (element.ownerSVGElement) continue;
    const right = element.getBoundingClientRect().right;
    if (right > width + 0.5) {
      const name = element.className.baseVal ?? element.className;
      beyond.push(`${element.tagName.toLowerCase()} ${name} ${Math.round(right)}`);
    }
  }
  for (const svg of document.querySelectorAll('#at-a-glance svg')) {
    if (getComputedStyle(svg).overflow !== 'hidden') beyond.push(`unclipped svg ${svg.id}`);
  }
  return beyond;
}"""


@pytest.mark.parametrize("code", AREAS)
def test_sentence_table_chart_and_map_fit_the_first_1400_px_at_1280(page, site, code):
    page.set_viewport_size(WIDE)
    open_area(page, site, code)

    bottoms = dict(zip(AT_A_GLANCE, page.evaluate(BOTTOMS, list(AT_A_GLANCE)), strict=True))

    print(f"\n{code} at 1280: bottoms {bottoms}")
    headings = page.locator("#headline-table thead th")
    assert headings.nth(1).inner_text() == AREAS[code]
    assert None not in bottoms.values(), bottoms
    assert max(bottoms.values()) <= FIRST_SCREENS, bottoms


@pytest.mark.parametrize("code", AREAS)
def test_nothing_is_clipped_or_widens_the_page_at_375(phone_page, site, code):
    open_area(phone_page, site, code)

    scroll_width = phone_page.evaluate("document.documentElement.scrollWidth")
    beyond = phone_page.evaluate(BEYOND_RIGHT, PHONE_WIDTH)
    table = phone_page.evaluate(
        """() => {
          const table = document.querySelector('#headline-table');
          return [table.getBoundingClientRect().right, table.scrollWidth, table.clientWidth];
        }"""
    )
    bottom = phone_page.evaluate(BOTTOMS, ["#map"])[0]

    print(f"\n{code} at 375: scrollWidth {scroll_width}, table right/scroll/client {table}")
    print(f"{code} at 375: map bottom {bottom}")
    assert phone_page.locator("#headline-table thead th").nth(1).inner_text() == "This area"
    assert scroll_width <= PHONE_WIDTH
    assert beyond == []
    # The whole table shows: no column is cut off or scrolled out of sight.
    assert table[0] <= PHONE_WIDTH and table[1] <= table[2]


@pytest.mark.parametrize("width", [WIDE["width"], PHONE_WIDTH])
@pytest.mark.parametrize("code", AREAS)
def test_no_accessibility_violations_at_either_width(page, site, code, width):
    page.set_viewport_size({"width": width, "height": 800})
    open_area(page, site, code)

    violations = axe(page)

    assert violations == [], describe(violations)
