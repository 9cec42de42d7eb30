"""Community assets where people meet them: the area page's section and map, the area's JSON,
the `/area` reply in Slack and the officers' page and downloads; names that would be markup or a
Slack mention stay text."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from engagement.assets.importing import import_assets
from storage import session_scope
from tests.engagement.areas.boundary_fixtures import HEARTSEASE
from tests.engagement.assets.example_file import MENTION_NAME, SCRIPT_NAME, write_assets
from tests.engagement.assets.fixtures import database_url, norwich_database
from tests.officer_fixtures import sign_in
from tests.slack_helpers import SlackClient
from tests.surveys.pages import parse, text


@pytest.fixture
def assets_url(db_url, official, tmp_path) -> str:
    """The URL of a Norwich database (SQLite, then PostgreSQL) with boundaries and the example
    assets imported."""
    engine = norwich_database(db_url, official, tmp_path, boundaries=True)
    path, _lsoa = write_assets(tmp_path)
    with session_scope(engine) as session:
        import_assets(session, path)
    engine.dispose()
    return database_url(engine)


@pytest.fixture
def app(app_factory, assets_url):
    return app_factory(assets_url)


def test_the_area_page_lists_its_assets_by_kind(app):
    response = app.test_client().get(f"/areas/{HEARTSEASE}")
    assert response.status_code == 200
    page = parse(response)
    section = page.select_one("#assets").find_parent("div")
    headings = [text(h) for h in section.select("h3")]
    # The kinds in their published order; the library in Norwich 005A is not in Heartsease.
    assert headings == ["Food bank (1)", "Advice (1)", "Youth (1)"]
    assert "3 places and services in Heartsease & Pilling Park" in text(section)
    items = [text(li) for li in section.select("li")]
    assert items[0].startswith("Pilling Park food bank (on the map)")
    assert "1 Pilling Park Road, NR1 4PA" in items[0]
    assert "Open: Tuesdays 10am to 12pm" in items[0]
    assert section.select_one("a[href='https://example.org/food']") is not None
    assert items[1].startswith(MENTION_NAME) and "Contact: <b>call</b>" in items[1]
    assert items[2].startswith(SCRIPT_NAME)
    html = response.get_data(as_text=True)
    assert "<script>alert(1)" not in html and "<b>call</b>" not in html
    assert "Mile Cross library" not in text(section)


def test_the_map_marks_the_assets_with_coordinates_and_keys_them(app):
    page = parse(app.test_client().get(f"/areas/{HEARTSEASE}"))
    svg = page.select_one("#map svg")
    markers = svg.select('circle[fill="#ffffff"][stroke="#0b0c0c"]')
    assert len(markers) == 3  # two assets with coordinates, and the key's entry
    assert "Community assets" in [text(t) for t in svg.select("text")]
    description = text(svg.select_one("desc"))
    assert (
        f"White circles mark 2 community assets: {SCRIPT_NAME} and Pilling Park food bank"
        in description
    )
    assert svg.select("script") == [] and svg.select("[style]") == []


def test_the_json_lists_the_assets_name_and_kind(app):
    response = app.test_client().get(f"/areas/{HEARTSEASE}.json")
    assert response.status_code == 200
    assert response.get_json()["assets"] == [
        {"name": "Pilling Park food bank", "kind": "food bank"},
        {"name": MENTION_NAME, "kind": "advice"},
        {"name": SCRIPT_NAME, "kind": "youth"},
    ]
    norwich = app.test_client().get("/areas/E07000148.json").get_json()
    assert len(norwich["assets"]) == 4


def test_area_in_slack_counts_the_assets_by_kind(app):
    message = SlackClient(app.test_client()).command("/area", HEARTSEASE).get_json()
    lines = [
        b["text"]["text"]
        for b in message["blocks"]
        if b["type"] == "section" and b["text"]["text"].startswith("*Community assets*")
    ]
    assert lines == ["*Community assets* (3): 1 food bank, 1 advice service and 1 youth service"]
    assert "<!channel>" not in json.dumps(message)


def test_officers_list_and_download_every_asset(app):
    client = app.test_client()
    assert client.get("/officers/assets").status_code == 302  # not signed in
    sign_in(client)
    page = parse(client.get("/officers/assets"))
    captions = [text(c) for c in page.select("table caption")]
    assert captions == ["Food bank (1)", "Advice (1)", "Youth (1)", "Library (1)"]
    download = client.get("/officers/assets.csv")
    assert download.headers["Content-Disposition"] == 'attachment; filename="community-assets.csv"'
    rows = list(csv.DictReader(io.StringIO(download.get_data().decode("utf-8-sig"))))
    assert [r["name"] for r in rows] == [
        "Pilling Park food bank",
        MENTION_NAME,
        SCRIPT_NAME,
        "Mile Cross library",
    ]
    assert rows[0]["kind"] == "food bank" and rows[0]["postcode"] == "NR1 4PA"
    book = load_workbook(io.BytesIO(client.get("/officers/assets.xlsx").get_data()))
    sheet = book["Assets"]
    assert [c.value for c in sheet[1]][:3] == ["name", "kind", "address"]
    assert sheet.max_row == 5
