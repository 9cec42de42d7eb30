"""Finding an area by name or code from the web."""

from __future__ import annotations

import pandas as pd

from tests.surveys.pages import parse, text


def test_a_single_match_goes_straight_to_the_area(sample_client):
    response = sample_client.get("/areas?q=heathfield")

    assert response.status_code == 302
    assert response.headers["Location"].endswith("/areas/E02900001")


def test_several_matches_are_listed_to_choose_from(sample_client):
    page = parse(sample_client.get("/areas?q=mill+cross"))

    links = {a["href"]: text(a) for a in page.select("main ul.govuk-list a")}
    assert text(page.select_one("#search-result")) == "More than one area matches ‘mill cross’"
    assert set(links) == {"/areas/E02900002", "/areas/E05900002"}


def test_an_empty_search_asks_for_a_name(sample_client):
    response = sample_client.get("/areas?q=+")

    assert response.status_code == 400
    page = parse(response)
    assert text(page.select_one(".govuk-error-summary")).startswith("There is a problem")
    assert "Enter the name or code of an area" in text(page.select_one(".govuk-error-message"))
    assert page.title.get_text().startswith("Error: ")


def test_nothing_found_says_so_and_escapes_the_query(sample_client):
    response = sample_client.get("/areas?q=<b>zzqqxx</b>")

    html = response.get_data(as_text=True)
    assert "<b>zzqqxx</b>" not in html
    assert "No area matches ‘<b>zzqqxx</b>’" == text(parse(response).select_one("#search-result"))


def test_the_front_page_leads_to_the_search(sample_client):
    response = sample_client.get("/")

    assert response.status_code == 200
    form = parse(response).select_one("form:has(input#q)")
    assert form["action"] == "/areas" and form["method"] == "get"
    assert text(form.select_one("label[for=q]")) == "Find an area"


def test_the_web_search_lists_every_match_slack_had_no_room_for(england_client, official):
    # /area offers five buttons and links here for the rest: every English ward and MSOA named
    # exactly "Castle" is listed.
    wards = pd.read_csv(official["wards"], encoding="utf-8-sig")
    msoas = pd.read_csv(official["msoa_names"], encoding="utf-8-sig")
    castle_wards = wards[(wards["WD19NM"] == "Castle") & wards["LSOA11CD"].str.startswith("E")]
    expected = {f"/areas/{c}" for c in castle_wards["WD19CD"]} | {
        f"/areas/{c}" for c in msoas[msoas["MSOA11HCLNM"] == "Castle"]["MSOA11CD"]
    }

    page = parse(england_client.get("/areas?q=castle"))

    links = {a["href"] for a in page.select("main ul.govuk-list a")}
    assert len(expected) > 5
    assert links == expected
