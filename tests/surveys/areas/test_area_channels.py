"""One area, three channels: the Slack /area reply, the web page /areas/<code> and the open data
/areas/<code>.json show every deprivation figure in the same words.

Expected values come from the official IoD2019 files (File 2 ranks and deciles, File 6
population, the ONS LSOA→ward lookup) with pandas; the measures are MHCLG's summaries for larger
areas (IoD2019 technical report, section 3.8 and Appendix N): population-weighted average rank,
and the share of LSOAs / of people in the most deprived 10% and 20% (deciles 1 and 1-2).
"""

from __future__ import annotations

import html
import math
import shutil
from pathlib import Path

import pandas as pd
import pytest

from engagement.areas.custom import load_custom_areas
from storage import session_scope
from storage.db import make_engine
from tests.official_lsoas import FILE_2_DOMAINS, read_official_lsoas
from tests.slack_helpers import SlackClient
from tests.surveys.pages import domain_table, parse

REPO = Path(__file__).resolve().parents[3]
DOMAINS = FILE_2_DOMAINS
# JSON measure -> the row heading the page and the Slack table give it.
ROWS = {
    "average_rank": "Average rank",
    "extent": "Extent",
    "lsoas_most_deprived_10": "LSOAs in most deprived 10%",
    "people_most_deprived_10": "People in most deprived 10%",
    "lsoas_most_deprived_20": "LSOAs in most deprived 20%",
    "people_most_deprived_20": "People in most deprived 20%",
}
LSOA = "E01026740"  # North Norfolk 012A: the LSOA the issue found wrong
HEARTSEASE = "E02005587"  # MSOA Norwich 004
CATTON_GROVE = "E05012902"  # ward, Norwich
NORWICH = "E07000148"
ENGLAND = "E92000001"
TARGET_AREA = "norwich-heartsease"  # examples/areas.yml: the MSOA Norwich 004 as a target area
AREAS = (LSOA, HEARTSEASE, CATTON_GROVE, NORWICH, ENGLAND, TARGET_AREA)


@pytest.fixture(scope="module")
def database_url(england_file, tmp_path_factory) -> str:
    """All of England from the official files, with the example Norwich target areas."""
    path = tmp_path_factory.mktemp("channels") / "england.db"
    shutil.copy(england_file, path)
    engine = make_engine(f"sqlite:///{path}")
    with session_scope(engine) as session:
        load_custom_areas(session, REPO / "examples" / "areas.yml")
    engine.dispose()
    return f"sqlite:///{path}"


@pytest.fixture
def app(app_factory, database_url):
    return app_factory(database_url)


@pytest.fixture(scope="module")
def lsoas(official) -> pd.DataFrame:
    """Every LSOA in England: ranks and deciles (File 2), population (File 6), 2019 ward."""
    return read_official_lsoas(official)


def members(lsoas: pd.DataFrame, code: str) -> pd.DataFrame:
    """Return the LSOAs that make up the area with this code."""
    if code == ENGLAND:
        return lsoas
    if code in (HEARTSEASE, TARGET_AREA):
        return lsoas[lsoas["name"].str[:-1] == "Norwich 004"]  # the MSOA's name plus a letter
    column = {"E01": "lsoa", "E05": "ward", "E07": "lad"}[code[:3]]
    return lsoas[lsoas[column] == code]


def official_values(frame: pd.DataFrame, domain: str) -> dict[str, float]:
    """Return MHCLG's summary measures of a set of LSOAs on one domain (percentages 0-100)."""
    pop = frame["population"]
    rank = frame[f"{DOMAINS[domain]} Rank (where 1 is most deprived)"]
    decile = frame[f"{DOMAINS[domain]} Decile (where 1 is most deprived 10% of LSOAs)"]
    return {
        "average_rank": (rank * pop).sum() / pop.sum(),
        "lsoas_most_deprived_10": 100 * (decile == 1).mean(),
        "people_most_deprived_10": 100 * pop[decile == 1].sum() / pop.sum(),
        "lsoas_most_deprived_20": 100 * (decile <= 2).mean(),
        "people_most_deprived_20": 100 * pop[decile <= 2].sum() / pop.sum(),
    }


def written(value: float, measure: str) -> str:
    """Return how a value reads when rounded once, half up: ranks whole with separators,
    percentages whole, never "0%" for some nor "100%" for not all."""
    whole = math.floor(value + 0.5)
    if measure == "average_rank":
        return f"{whole:,}"
    if 0 < value and whole == 0:
        return "<1%"
    if value < 100 and whole == 100:
        return ">99%"
    return f"{whole}%"


def slack_tables(message: dict, columns: int) -> dict[str, dict[str, list[str]]]:
    """Return {domain heading: {row heading: [figure per column]}} from an /area reply's tables,
    as a person reads them (mrkdwn entities such as &lt; shown as the characters they stand for)."""
    tables = {}
    for block in message["blocks"]:
        if block["type"] != "section" or "```" not in block["text"]["text"]:
            continue
        heading, table, _rest = block["text"]["text"].split("```")
        rows = html.unescape(table).strip("\n").split("\n")[1:]
        tables[html.unescape(heading.strip().strip("*"))] = {
            " ".join(row.split()[:-columns]): row.split()[-columns:] for row in rows
        }
    return tables


def headline_cells(rows: list[list[str]]) -> dict[str, list[str]]:
    """Return {domain label: [average rank per column]} from a headline table's rows (the first
    row is its heading)."""
    return {row[0]: row[1:] for row in rows[1:]}


def slack_headline(message: dict) -> list[list[str]]:
    """Return the rows of the /area reply's one table block, as text."""
    [table] = [b for b in message["blocks"] if b["type"] == "table"]
    return [[cell["text"] for cell in row] for row in table["rows"]]


def page_headline(page) -> list[list[str]]:
    """Return the rows of the page's headline table, as text."""
    table = page.select_one("#headline-table")
    return [[c.get_text(" ", strip=True) for c in tr.select("th, td")] for tr in table.select("tr")]


def shown_by_channel(client, fake_slack, code: str) -> tuple[dict, dict, dict, dict, dict]:
    """Return (the JSON document, the page's tables by domain, the Slack "More figures" tables by
    domain heading, the page's headline table, the Slack reply's table) for one area."""
    document = client.get(f"/areas/{code}.json").get_json()
    page = parse(client.get(f"/areas/{code}"))
    columns = 1 + len(document["comparators"])
    slack = SlackClient(client)
    message = slack.command("/area", code).get_json()
    assert message["blocks"][0]["text"]["text"] == document["name"]
    button = next(
        e
        for b in message["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["text"]["text"] == "More figures"
    )
    fake_slack.reset()
    slack.click(
        button["action_id"], value=button["value"], response_url=fake_slack.new_response_url()
    )
    [more] = fake_slack.responses
    web = {domain: domain_table(page, domain) for domain in DOMAINS}
    return (
        document,
        web,
        slack_tables(more.params, columns),
        headline_cells(page_headline(page)),
        headline_cells(slack_headline(message)),
    )


@pytest.mark.parametrize("code", AREAS)
def test_every_figure_reads_the_same_in_slack_on_the_page_and_in_the_json(app, fake_slack, code):
    document, web, slack, page_head, slack_head = shown_by_channel(
        app.test_client(), fake_slack, code
    )
    # The headline table (average rank by domain) is the same table in both channels, and its
    # every cell is the JSON's shown average rank.
    assert page_head == slack_head
    for column, column_doc in enumerate([document] + document["comparators"]):
        ranks = {
            item["domain"]: item["shown"]
            for item in column_doc["measures"]
            if item["measure"] == "average_rank"
        }
        for domain, label in DOMAINS.items():
            row = next(r for h, r in page_head.items() if label.startswith(h.split(" (")[0]))
            assert row[column] == ranks[domain], (column_doc["code"], domain)
    page_headings = {domain: table["Measure"] for domain, table in web.items()}
    column_docs = [document] + document["comparators"]
    assert page_headings["imd"] == [d["name"] for d in column_docs]

    differences = []
    compared = 0
    for column, column_doc in enumerate(column_docs):
        assert len(column_doc["measures"]) == len(DOMAINS) * len(ROWS)
        for item in column_doc["measures"]:
            domain, row = item["domain"], ROWS[item["measure"]]
            page_cell = web[domain][row][column]
            heading = next(h for h in slack if h.startswith(DOMAINS[domain].split(" (")[0]))
            slack_cell = slack[heading][row][column]
            compared += 1
            if not item["shown"] == page_cell == slack_cell:
                differences.append(
                    (column_doc["code"], domain, row, item["shown"], page_cell, slack_cell)
                )
    assert compared == len(column_docs) * 48
    assert differences == []


@pytest.mark.parametrize("code", AREAS)
def test_json_values_are_exact_and_shown_rounded_once(app, lsoas, code):
    document = app.test_client().get(f"/areas/{code}.json").get_json()
    frame = members(lsoas, code)

    assert document["code"].upper() == code.upper()
    assert document["population"] == int(frame["population"].sum())
    assert document["lsoas"] == len(frame)
    for item in document["measures"]:
        assert item["shown"] == written(item["value"], item["measure"]), item
        if item["measure"] == "extent":
            continue  # its definition is tested with the importer (IoD2019 Appendix N)
        expected = official_values(frame, item["domain"])[item["measure"]]
        # Within half a hundredth: exact once profiles are stored unrounded.
        assert item["value"] == pytest.approx(expected, abs=0.0051), item


def test_json_names_the_area_its_comparators_and_edition(app):
    response = app.test_client().get(f"/areas/{HEARTSEASE}.json")

    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    document = response.get_json()
    assert document["name"] == "Heartsease & Pilling Park"
    assert document["kind"] == "msoa"
    assert document["edition"] == "IoD2019"
    assert [(c["code"], c["name"]) for c in document["comparators"]] == [
        (NORWICH, "Norwich"),
        (ENGLAND, "England"),
    ]
    assert {item["domain"] for item in document["measures"]} == set(DOMAINS)
    assert {item["measure"] for item in document["measures"]} == set(ROWS)


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("/areas/E99999999.json", "No area has the code E99999999."),
        ("/areas/" + "E" * 41 + ".json", "No area has a code longer than 40 characters."),
    ],
)
def test_json_for_an_unknown_area_is_a_404_with_an_error(app, path, error):
    response = app.test_client().get(path)

    assert response.status_code == 404
    assert response.is_json
    assert response.get_json() == {"error": error}
