"""An area's page at a glance, as a resident or officer reads it: the sentence that opens it, the
one table of average rank by domain, the chart, the map and the list of neighbourhoods, and the
chart and map as PNG images.

Expected figures come from the official IoD2019 files (File 2 ranks and deciles, File 6
population) read with pandas, and the published definitions: an area's average rank is its
LSOAs' ranks weighted by population (IoD2019 technical report, section 3.8), placed in England
as File 2 places an LSOA, decile = ceil(10 x rank / 32,844); figures are rounded once, half up.
"""

from __future__ import annotations

import io
import math
import shutil

import pandas as pd
import pytest
from PIL import Image

from engagement.areas.boundaries import import_boundaries
from engagement.areas.custom import load_custom_areas
from storage import session_scope
from storage.db import make_engine
from tests.engagement.areas.boundary_fixtures import NORWICH_BOUNDARIES
from tests.official_lsoas import FILE_2_DOMAINS, read_official_lsoas
from tests.surveys.conftest import build_app
from tests.surveys.pages import parse, text

HEARTSEASE = "E02005587"  # MSOA Norwich 004, "Heartsease & Pilling Park"
NORWICH = "E07000148"
ENGLAND = "E92000001"
LSOA_TOTAL = 32_844
DOMAINS = {**FILE_2_DOMAINS, "imd": "Index of Multiple Deprivation"}
# File 2's headers call the overall index "Index of Multiple Deprivation (IMD)".
FILE_2_NAMES = {**DOMAINS, "imd": "Index of Multiple Deprivation (IMD)"}
HOSTILE_NAME = '<script>alert(1)</script> & "x"'
HOSTILE_CODE = "hostile-name"


@pytest.fixture(scope="module")
def mapped_url(england_file, tmp_path_factory) -> str:
    """All of England from the official files, the ONS boundaries of Norwich's LSOAs, and a
    custom area over Heartsease whose name is markup."""
    folder = tmp_path_factory.mktemp("glance")
    path = folder / "england.db"
    shutil.copy(england_file, path)
    areas = folder / "areas.yml"
    areas.write_text(
        "areas:\n"
        f"  - code: {HOSTILE_CODE}\n"
        f"    name: '{HOSTILE_NAME}'\n"
        f"    local_authority: {NORWICH}\n"
        f"    members: [{HEARTSEASE}]\n",
        encoding="utf-8",
    )
    engine = make_engine(f"sqlite:///{path}")
    with session_scope(engine) as session:
        import_boundaries(session, NORWICH_BOUNDARIES)
        load_custom_areas(session, areas)
    engine.dispose()
    return f"sqlite:///{path}"


@pytest.fixture(scope="module")
def client(mapped_url):
    """A test client for the app on all of England with Norwich's boundaries."""
    return build_app(mapped_url).test_client()


@pytest.fixture(scope="module")
def unmapped_client(england_url):
    """A test client for the app on all of England with no boundaries imported."""
    return build_app(england_url).test_client()


@pytest.fixture(scope="module")
def lsoas(official) -> pd.DataFrame:
    """Every LSOA in England from the official files."""
    return read_official_lsoas(official)


@pytest.fixture(scope="module")
def heartsease_page(client):
    response = client.get(f"/areas/{HEARTSEASE}")
    assert response.status_code == 200
    return parse(response)


def heartsease(lsoas: pd.DataFrame) -> pd.DataFrame:
    """The LSOAs of the MSOA Norwich 004: its name plus a letter."""
    return lsoas[lsoas["name"].str[:-1] == "Norwich 004"]


def rank_column(domain: str) -> str:
    return f"{FILE_2_NAMES[domain]} Rank (where 1 is most deprived)"


def decile_column(domain: str) -> str:
    return f"{FILE_2_NAMES[domain]} Decile (where 1 is most deprived 10% of LSOAs)"


def average_rank(frame: pd.DataFrame, domain: str) -> float:
    """Population-weighted average rank of a set of LSOAs on one domain."""
    return (frame[rank_column(domain)] * frame["population"]).sum() / frame["population"].sum()


def half_up(value: float) -> str:
    """A rank as the page writes it: whole, rounded half up, with thousands separators."""
    return f"{math.floor(value + 0.5):,}"


def columns(lsoas: pd.DataFrame) -> list[pd.DataFrame]:
    """The headline table's columns: Heartsease, Norwich, England."""
    return [heartsease(lsoas), lsoas[lsoas["lad"] == NORWICH], lsoas]


def svg_of(page, figure: str):
    return page.select_one(f"#{figure} svg")


# --- the sentence -------------------------------------------------------------------------------


def test_the_page_opens_with_a_sentence_of_official_facts(heartsease_page, lsoas):
    area, norwich, england = columns(lsoas)
    h1 = heartsease_page.select_one("h1")
    sentence = text(h1.find_next("p"))
    assert text(h1) == "Heartsease & Pilling Park"
    assert h1.find_next("p").get("id") == "headline"

    imd = average_rank(area, "imd")
    decile = math.ceil(10 * imd / LSOA_TOTAL)
    assert decile == 3  # the band the words name
    assert sentence.startswith(
        "Heartsease & Pilling Park is among the most deprived 30% of England on average "
        f"(average IMD rank {half_up(imd)}, where 1 is the most deprived of 32,844 neighbourhoods)."
    )

    # The two most deprived of the seven domains, and a third when it too is in England's most
    # deprived 30% on average; each beside Norwich and England.
    ranks = sorted((average_rank(area, d), d) for d in DOMAINS if d != "imd")
    chosen = ranks[:2] + [r for r in ranks[2:3] if math.ceil(10 * r[0] / LSOA_TOTAL) <= 3]
    listed = sentence.split("it is most deprived on ", 1)[1]
    positions = []
    for rank, domain in chosen:
        said = (
            f"{DOMAINS[domain]} (average rank {half_up(rank)}; "
            f"Norwich {half_up(average_rank(norwich, domain))}; "
            f"England {half_up(average_rank(england, domain))})"
        )
        assert said in listed
        positions.append(listed.index(said))
    assert positions == sorted(positions)
    unchosen = {DOMAINS[d] for _r, d in ranks[len(chosen) :]}
    assert not [label for label in unchosen if f"{label} (" in listed]

    in_decile_1 = int(area.loc[area[decile_column("imd")] == 1, "population"].sum())
    people = int(area["population"].sum())
    share = math.floor(100 * in_decile_1 / people + 0.5)
    assert sentence.endswith(
        f"{in_decile_1:,} of its {people:,} people ({share}%) live in England's most deprived "
        "10% of neighbourhoods."
    )
    assert (in_decile_1, people) == (2_780, 9_479)


# --- the table ----------------------------------------------------------------------------------


def test_the_headline_table_gives_average_ranks_of_area_norwich_and_england(heartsease_page, lsoas):
    table = heartsease_page.select_one("#headline-table")
    # On a phone the area's own column reads "This area"; its name is what a desktop shows.
    head = [
        text(th.select_one(".fairer-headline-table__name") or th) for th in table.select("thead th")
    ]
    body = {
        text(tr.select_one("th")): [text(td) for td in tr.select("td")]
        for tr in table.select("tbody tr")
    }

    assert head == ["Domain", "Heartsease & Pilling Park", "Norwich", "England"]
    assert list(body) == list(DOMAINS.values())
    expected = {
        DOMAINS[d]: [half_up(average_rank(frame, d)) for frame in columns(lsoas)] for d in DOMAINS
    }
    assert body == expected
    assert "where 1 is the most deprived" in text(table.select_one("caption"))


# --- the chart and the map ----------------------------------------------------------------------


def test_the_chart_is_an_image_named_and_described_for_screen_readers(heartsease_page):
    svg = svg_of(heartsease_page, "chart")

    assert svg is not None
    assert svg["role"] == "img"
    title, desc = svg.find("title"), svg.find("desc")
    assert "Heartsease & Pilling Park" in text(title)
    assert all(label in text(desc) for label in DOMAINS.values())
    assert set(svg["aria-labelledby"].split()) == {title["id"], desc["id"]}


def test_the_map_is_shown_with_boundaries_imported(heartsease_page):
    svg = svg_of(heartsease_page, "map")

    assert svg is not None
    assert svg["role"] == "img"
    assert "Heartsease & Pilling Park" in text(svg.find("title"))
    assert text(svg.find("desc"))


def no_map(client, code: str) -> None:
    response = client.get(f"/areas/{code}")
    page = parse(response)
    assert response.status_code == 200
    assert page.select_one("#map") is None
    assert page.select_one("#chart svg") is not None
    # Nothing stands in for it that a browser could fail to load.
    assert [img["src"] for img in page.select("main img")] == []
    assert "map.png" not in response.get_data(as_text=True)


def test_without_boundaries_the_page_has_no_map_and_no_broken_image(unmapped_client):
    no_map(unmapped_client, HEARTSEASE)
    assert unmapped_client.get(f"/areas/{HEARTSEASE}/map.png").status_code == 404


def test_england_has_no_map(client):
    no_map(client, ENGLAND)


# --- the neighbourhoods -------------------------------------------------------------------------


def test_the_neighbourhoods_are_listed_most_deprived_first_each_with_its_page(
    client, heartsease_page, lsoas
):
    area = heartsease(lsoas).sort_values(rank_column("imd"))
    rows = heartsease_page.select("#neighbourhoods tbody tr")

    shown = [(text(tr.select_one("th")), *(text(td) for td in tr.select("td")[:2])) for tr in rows]
    assert shown == [
        (r["name"], str(r[decile_column("imd")]), f"{r['population']:,}")
        for _i, r in area.iterrows()
    ]
    links = [tr.select_one("th a")["href"] for tr in rows]
    assert links == [f"/areas/{code}" for code in area["lsoa"]]
    for link, name in zip(links, area["name"], strict=True):
        response = client.get(link)
        assert response.status_code == 200
        assert text(parse(response).select_one("h1")) == name


# --- the pictures as PNG ------------------------------------------------------------------------


@pytest.mark.parametrize("picture", ["chart", "map"])
def test_chart_and_map_are_served_as_png_at_twice_their_size(client, picture):
    response = client.get(f"/areas/{HEARTSEASE}/{picture}.png")

    assert response.status_code == 200
    assert response.mimetype == "image/png"
    image = Image.open(io.BytesIO(response.data))
    image.load()
    assert image.format == "PNG"
    assert image.width == 1280


@pytest.mark.parametrize(
    "path",
    [
        "/areas/E99999999/chart.png",
        "/areas/E99999999/map.png",
        f"/areas/{ENGLAND}/map.png",
        "/areas/" + "E" * 41 + "/chart.png",
        "/areas/" + "E" * 41 + "/map.png",
        "/areas/" + "E" * 201,
        f"/areas/{HEARTSEASE}/picture.png",
    ],
)
def test_pictures_of_nothing_are_not_found(client, path):
    assert client.get(path).status_code == 404


def test_englands_chart_is_served(client):
    response = client.get(f"/areas/{ENGLAND}/chart.png")

    assert response.status_code == 200
    assert Image.open(io.BytesIO(response.data)).width == 1280


# --- safe markup --------------------------------------------------------------------------------


@pytest.mark.parametrize("code", [HEARTSEASE, NORWICH, ENGLAND, HOSTILE_CODE])
def test_drawings_carry_no_inline_style_which_the_policy_would_drop(client, code):
    page = parse(client.get(f"/areas/{code}"))
    svgs = page.select("svg.fairer-drawing")

    assert len(svgs) == (1 if code == ENGLAND else 2)
    for svg in svgs:
        assert "style=" not in str(svg)
        assert svg.find_all(style=True) == []
        assert svg.find("style") is None


def test_a_custom_area_named_in_markup_is_shown_as_text(client):
    response = client.get(f"/areas/{HOSTILE_CODE}")
    source = response.get_data(as_text=True)
    page = parse(response)

    assert response.status_code == 200
    assert "<script>alert" not in source
    assert "alert(1)" not in "".join(s.get_text() for s in page.select("script"))
    assert text(page.select_one("h1")) == HOSTILE_NAME
    assert text(page.select_one("#headline")).startswith(HOSTILE_NAME + " is among")
    assert text(page.select_one("#headline-table .fairer-headline-table__name")) == HOSTILE_NAME
    for figure in ("chart", "map"):
        svg = svg_of(page, figure)
        assert HOSTILE_NAME in text(svg.find("title")), figure
        assert svg.find("script") is None
    assert "<script>alert" not in str(svg_of(page, "chart").find("desc"))
