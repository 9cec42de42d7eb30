"""An area's page and JSON with IoD2019 and IoD2025 loaded: the latest shown and named by default,
the other a plain link away, and the change since 2019 (figures worked by hand in
tests/engagement/areas/test_change.py from the files tests/engagement/areas/edition_files.py
writes)."""

from __future__ import annotations

import pytest

from tests.engagement.areas.edition_files import LSOAS_2019, LSOAS_2025, MSOA, load_two_editions
from tests.surveys.conftest import build_app
from tests.surveys.pages import parse, text


@pytest.fixture
def client(db_url, tmp_path):
    """A test client on each database holding both editions of Norwich 004 and the lookup."""
    load_two_editions(db_url, tmp_path)
    return build_app(db_url).test_client()


def rows_of(table) -> list[list[str]]:
    return [[text(cell) for cell in row.select("th, td")] for row in table.select("tbody tr")]


def test_the_page_shows_the_latest_edition_and_links_to_the_other(client):
    page = parse(client.get(f"/areas/{MSOA}"))
    assert text(page.select_one("#edition-shown")) == (
        "Figures from the English Indices of Deprivation 2025, the latest edition. Show:"
    )
    assert text(page.select_one("#edition")) == "Edition: English Indices of Deprivation 2025"
    current = page.select_one("#editions [aria-current=page]")
    assert text(current) == "English Indices of Deprivation 2025 (latest)"
    [other] = page.select("#editions a")
    assert text(other) == "English Indices of Deprivation 2019"
    assert other["href"] == f"/areas/{MSOA}?edition=2019"
    assert text(page.select_one("#area-summary")).count("9,000")  # 2025's people


def test_the_link_shows_2019_and_links_back_to_the_latest(client):
    response = client.get(f"/areas/{MSOA}?edition=2019")
    assert response.status_code == 200
    page = parse(response)
    assert text(page.select_one("#edition")) == "Edition: English Indices of Deprivation 2019"
    assert text(page.select_one("#edition-shown")).startswith(
        "Figures from the English Indices of Deprivation 2019. "
    )
    [back] = page.select("#editions a")
    assert back["href"] == f"/areas/{MSOA}"
    assert text(back) == "English Indices of Deprivation 2025 (latest)"
    people = sum(row[4] for row in LSOAS_2019)
    assert f"{people:,}" in text(page.select_one("#area-summary"))
    # 2019's neighbourhoods, linked to their own 2019 pages.
    names = [text(a) for a in page.select("#neighbourhoods tbody th")]
    assert sorted(names) == sorted(row[1] for row in LSOAS_2019)
    assert page.select_one("#neighbourhoods a")["href"].endswith("?edition=2019")
    assert page.select_one("#map") is None  # boundaries are drawn for the latest edition only
    assert "English Indices of Deprivation 2019" in text(page.select_one("#chart desc"))


def test_an_edition_not_loaded_is_named_plainly(client):
    response = client.get(f"/areas/{MSOA}?edition=2015")
    assert response.status_code == 404
    assert text(parse(response).select_one("#edition-problem")) == (
        "There is no 2015 edition loaded. Loaded: English Indices of Deprivation 2025 (latest) "
        "and English Indices of Deprivation 2019."
    )
    json_response = client.get(f"/areas/{MSOA}.json?edition=2015")
    assert json_response.status_code == 404
    assert json_response.get_json()["error"].startswith("There is no 2015 edition loaded.")


def test_the_change_section_gives_the_figures_worked_by_hand(client):
    page = parse(client.get(f"/areas/{MSOA}"))
    section = page.select_one("#change")
    assert text(section.select_one("h2")) == "Change since 2019"
    assert text(section.select_one("#change-coverage")) == (
        "Compared over 4 of its 5 neighbourhoods, where 82% of its people live."
    )
    assert '"less directly comparable"' in text(section.select_one("#change-caution"))
    domains = {row[0]: row[1:] for row in rows_of(section.select_one("#change-table"))}
    assert domains["Index of Multiple Deprivation"] == [
        "3,838",
        "2,878",
        "More deprived relative to England",
        "57%",
        "84%",
    ]
    assert domains["Income"][:2] == ["3,848", "2,888"]
    assert len(domains) == 8
    neighbourhoods = {
        row[0]: row[1:] for row in rows_of(section.select_one("#change-neighbourhoods"))
    }
    assert neighbourhoods["Norwich 004A"] == ["Same boundary", "1,000", "1", "1,500", "1"]
    assert neighbourhoods["Norwich 004H"] == [
        "2011 neighbourhoods merged (figures weighted by people)",
        "5,000",
        "2",
        "3,000",
        "1",
    ]
    assert neighbourhoods["Norwich 004J"] == ["Redrawn: not comparable", "Not comparable"] + [
        "25,000",
        "8",
    ]
    chart = section.select_one("#change-chart svg")
    assert text(chart.select_one("title")) == (
        "Change in deprivation by domain, English Indices of Deprivation 2019 to English "
        "Indices of Deprivation 2025"
    )
    assert "Index of Multiple Deprivation: 3,838 to 2,878 (more deprived)." in text(
        chart.select_one("desc")
    )


def test_the_json_names_the_edition_and_carries_the_change(client):
    body = client.get(f"/areas/{MSOA}.json").get_json()
    assert body["edition"] == "IoD2025"
    assert body["edition_title"] == "English Indices of Deprivation 2025"
    assert body["population"] == sum(row[4] for row in LSOAS_2025)
    assert [(e["key"], e["latest"], e["shown"]) for e in body["editions"]] == [
        ("IoD2025", True, True),
        ("IoD2019", False, False),
    ]
    change = body["change"]
    assert (change["from"], change["to"]) == ("IoD2019", "IoD2025")
    assert (change["population"], change["compared_population"]) == (9000, 7400)
    assert change["coverage"]["shown"] == "82%"
    imd = next(d for d in change["domains"] if d["domain"] == "imd")
    assert imd["average_rank"]["before"] == {
        "value": pytest.approx(28_400_000 / 7400),
        "shown": "3,838",
    }
    assert imd["average_rank"]["after"]["shown"] == "2,878"
    assert imd["people_most_deprived_10"]["before"]["value"] == pytest.approx(425_000 / 7400)
    assert imd["direction"] == "more deprived"
    by_code = {n["code"]: n for n in change["neighbourhoods"]}
    assert by_code["E01033404"]["comparable"] is False and by_code["E01033404"]["before"] is None
    assert by_code["E01033403"]["earlier_codes"] == ["E01026703", "E01026704"]
    assert by_code["E01033403"]["before"]["imd_decile"] == 2
    older = client.get(f"/areas/{MSOA}.json?edition=2019").get_json()
    assert older["edition"] == "IoD2019"
    assert older["population"] == sum(row[4] for row in LSOAS_2019)
    assert older["change"] == change


def test_the_chart_picture_follows_the_edition(client):
    latest = client.get(f"/areas/{MSOA}/chart.png")
    older = client.get(f"/areas/{MSOA}/chart.png?edition=2019")
    assert latest.status_code == older.status_code == 200
    assert latest.data != older.data
    assert client.get(f"/areas/{MSOA}/chart.png?edition=2015").status_code == 404
