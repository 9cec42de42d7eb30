"""The area profile page, read as a person reads it."""

from __future__ import annotations

import csv
import gzip
import math
from pathlib import Path

import pytest

from engagement.areas.iod_store import store_edition
from engagement.areas.sample import sample_tables
from storage import session_scope
from storage.db import make_engine
from tests.surveys.conftest import build_app
from tests.surveys.pages import domain_table, parse, summary, text

HEARTSEASE = "E02005587"  # "Heartsease & Pilling Park", MSOA Norwich 004
NORWICH = "E07000148"
SAMPLE_MSOA = "E02900001"  # "Heathfield & Priory Park" in the sample borough


def test_sample_area_page_names_the_area_and_its_figures(sample_client):
    response = sample_client.get(f"/areas/{SAMPLE_MSOA}")

    assert response.status_code == 200
    page = parse(response)
    assert text(page.h1) == "Heathfield & Priory Park"
    assert text(page.select_one(".govuk-caption-l")) == "Middle layer area (MSOA)"
    rows = summary(page)
    assert rows["Area code"] == SAMPLE_MSOA
    assert rows["Local authority"] == "Sampleton"
    assert rows["Neighbourhoods (LSOAs)"] == "4"
    assert rows["Population"].replace(",", "").isdigit() and "," in rows["Population"]
    imd = domain_table(page, "imd")
    assert imd["Measure"] == ["Heathfield & Priory Park", "Sampleton", "England"]
    assert imd["LSOAs in most deprived 10%"][2] == "10%"
    assert text(page.select_one("#domain-imd caption")) == "Index of Multiple Deprivation"
    # Every measure of every domain sits behind "More figures"; the headline table comes first.
    assert len(page.select("#more-figures table.govuk-table")) == 8
    first_table = page.select_one("table.govuk-table")
    assert first_table.get("id") == "headline-table"


def test_sample_data_carries_a_warning(sample_client):
    page = parse(sample_client.get(f"/areas/{SAMPLE_MSOA}"))

    warning = page.select_one(".govuk-warning-text")
    assert warning is not None
    assert "Sample data — not official figures" in text(warning)
    assert "not official figures" in text(page.select_one("#source"))


def test_tables_have_captions_and_header_scopes(sample_client):
    page = parse(sample_client.get(f"/areas/{SAMPLE_MSOA}"))

    for table in page.select("table.govuk-table"):
        assert table.caption is not None and text(table.caption)
        assert all(th.get("scope") == "col" for th in table.select("thead th"))
        assert all(row.th.get("scope") == "row" for row in table.select("tbody tr"))


def test_area_codes_are_read_in_any_case(sample_client):
    response = sample_client.get(f"/areas/{SAMPLE_MSOA.lower()}")

    assert response.status_code == 200
    assert text(parse(response).h1) == "Heathfield & Priory Park"


@pytest.mark.parametrize("path", ["/areas/E99999999", "/areas/" + "E" * 500, "/no-such-page"])
def test_unknown_pages_are_a_gov_uk_page_not_found(sample_client, path):
    response = sample_client.get(path)

    assert response.status_code == 404
    page = parse(response)
    assert text(page.h1) == "Page not found"
    assert page.title.get_text().startswith("Page not found")
    assert page.select_one("a.govuk-skip-link[href='#main-content']") is not None


def test_area_page_before_any_import_is_not_found(sqlite_url):
    response = build_app(sqlite_url).test_client().get(f"/areas/{SAMPLE_MSOA}")

    assert response.status_code == 404


def test_a_failure_shows_the_problem_page_not_a_traceback(tmp_path):
    # A database with no tables: the query fails inside the view.
    app = build_app(f"sqlite:///{tmp_path / 'empty.db'}", PROPAGATE_EXCEPTIONS=False)

    response = app.test_client().get(f"/areas/{SAMPLE_MSOA}")

    # Not a 500: the database is not ready (issue 15), which a 503 says and a retry may fix.
    assert response.status_code == 503
    page = parse(response)
    assert text(page.h1) == "Sorry, the service is unavailable"
    assert "Traceback" not in page.get_text() and "sqlite" not in page.get_text().lower()


def test_text_from_the_data_is_escaped(sqlite_url):
    tables = sample_tables()
    tables.msoas.loc[tables.msoas["code"] == SAMPLE_MSOA, "name"] = (
        '<script>alert("owned")</script> & Co'
    )
    engine = make_engine(sqlite_url)
    with session_scope(engine) as session:
        store_edition(session, tables)
    engine.dispose()

    response = build_app(sqlite_url).test_client().get(f"/areas/{SAMPLE_MSOA}")

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;owned&#34;)&lt;/script&gt; &amp; Co" in html
    assert text(parse(response).h1) == '<script>alert("owned")</script> & Co'


# --- Official figures: the page against sums worked out here from the published files ---


def _official_lsoas(official, keep) -> list[dict]:
    """Return the LSOAs (as dicts of IMD rank, decile and population) whose File 2 row passes
    keep."""
    with gzip.open(official["population"], "rt", encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        population = {row[0]: int(row[4].replace(",", "")) for row in reader}
    with gzip.open(official["domains"], "rt", encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        return [
            {"rank": int(row[4]), "decile": int(row[5]), "pop": population[row[0]]}
            for row in reader
            if keep(row)
        ]


def _expected_imd(lsoas: list[dict], total: int = 32844) -> dict[str, float]:
    pop = sum(lsoa["pop"] for lsoa in lsoas)
    pop_in_most_deprived_10 = sum(lsoa["pop"] for lsoa in lsoas if lsoa["decile"] == 1)
    pop_in_most_deprived_20 = sum(lsoa["pop"] for lsoa in lsoas if lsoa["decile"] <= 2)

    def extent_weight(rank: int) -> float:
        percentile = math.ceil(rank * 100 / total)
        return 1.0 if percentile <= 10 else min(max((30 - percentile) / 20, 0.0), 1.0)

    return {
        "population": pop,
        "lsoas": len(lsoas),
        "Average rank": sum(lsoa["rank"] * lsoa["pop"] for lsoa in lsoas) / pop,
        "LSOAs in most deprived 10%": 100 * sum(lsoa["decile"] == 1 for lsoa in lsoas) / len(lsoas),
        "LSOAs in most deprived 20%": 100 * sum(lsoa["decile"] <= 2 for lsoa in lsoas) / len(lsoas),
        "People in most deprived 10%": 100 * pop_in_most_deprived_10 / pop,
        "People in most deprived 20%": 100 * pop_in_most_deprived_20 / pop,
        "Extent": 100 * sum(extent_weight(lsoa["rank"]) * lsoa["pop"] for lsoa in lsoas) / pop,
    }


def _number(figure: str) -> float:
    if figure == "<1%":
        return 0.5
    return float(figure.rstrip("%").replace(",", ""))


def test_official_area_page_matches_the_published_files(england_client, official):
    lsoas = _official_lsoas(official, lambda row: row[1][:-1] == "Norwich 004")
    city = _official_lsoas(official, lambda row: row[2] == NORWICH)
    area, lad = _expected_imd(lsoas), _expected_imd(city)

    page = parse(england_client.get(f"/areas/{HEARTSEASE}"))

    assert text(page.h1) == "Heartsease & Pilling Park"
    rows = summary(page)
    assert rows["Local authority"] == "Norwich"
    assert rows["Also known as"] == "Norwich 004"
    assert rows["Population"] == f"{area['population']:,}"
    assert rows["Neighbourhoods (LSOAs)"] == str(area["lsoas"])
    imd = domain_table(page, "imd")
    assert imd["Measure"] == ["Heartsease & Pilling Park", "Norwich", "England"]
    for heading, figures in imd.items():
        if heading == "Measure":
            continue
        # One unit of slack: the stored profile is itself rounded before the page rounds it.
        assert _number(figures[0]) == pytest.approx(area[heading], abs=1), heading
        assert _number(figures[1]) == pytest.approx(lad[heading], abs=1), heading
    assert imd["LSOAs in most deprived 10%"][2] == "10%"
    assert imd["LSOAs in most deprived 20%"][2] == "20%"
    assert page.select_one(".govuk-warning-text") is None
    assert "Open Government Licence" in text(page.select_one("#source"))


def test_a_single_neighbourhood_shows_its_population_with_a_thousands_separator(england_client):
    page = parse(england_client.get("/areas/E01000001"))

    assert text(page.h1) == "City of London 001A"
    assert summary(page)["Population"] == "1,296"
    imd = domain_table(page, "imd")
    assert imd["Average rank"][0] == "29,199"
    assert imd["LSOAs in most deprived 10%"][0] == "0%"


def test_england_is_compared_with_nothing(england_client):
    page = parse(england_client.get("/areas/E92000001"))

    assert text(page.h1) == "England"
    assert domain_table(page, "imd")["Measure"] == ["England"]
    assert domain_table(page, "income")["LSOAs in most deprived 10%"] == ["10%"]


def test_a_council_target_area_has_its_own_page(england_copy_url):
    from engagement.areas.custom import load_custom_areas

    engine = make_engine(england_copy_url)
    with session_scope(engine) as session:
        load_custom_areas(session, Path(__file__).resolve().parents[3] / "examples" / "areas.yml")
    engine.dispose()
    client = build_app(england_copy_url).test_client()

    page = parse(client.get("/areas/norwich-heartsease"))

    assert text(page.h1) == "Heartsease target area"
    # examples/areas.yml gives this area `type: Reducing Inequality Target Area`; Mile Cross has
    # no type and reads as what it is.
    assert summary(page)["Type of area"] == "Reducing Inequality Target Area"
    mile_cross = parse(client.get("/areas/norwich-mile-cross"))
    assert summary(mile_cross)["Type of area"] == "Target area"
    assert domain_table(page, "imd")["Measure"] == ["Heartsease target area", "Norwich", "England"]
