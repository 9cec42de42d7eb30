"""An area's map and its list of neighbourhoods, checked against the official files: each
neighbourhood in the colour of its published decile, most deprived first."""

from __future__ import annotations

import csv
import re

import pandas as pd
import pytest
import shapely

from engagement.areas.area_map import area_map
from engagement.areas.neighbourhoods import neighbourhood_rows
from engagement.graphics.shapes import Group, Polygon, Rect, Text
from storage import session_scope
from tests.engagement.areas.boundary_fixtures import (
    HEARTSEASE,
    mercator,
    read_features,
)
from tests.engagement.official_subset import NORWICH
from tests.official_lsoas import read_official_lsoas

# Viridis at ten even steps (matplotlib's published colour map), darkest for decile 1.
VIRIDIS_10 = [
    "#440154",
    "#482878",
    "#3e4989",
    "#31688e",
    "#26828e",
    "#1f9e89",
    "#35b779",
    "#6ece58",
    "#b5de2b",
    "#fde725",
]
# File 2's rank headers read "<domain> Rank (where 1 is most deprived)".
DOMAIN_HEADERS = {
    label: f"{label} Rank (where 1 is most deprived)"
    for label in (
        "Income",
        "Employment",
        "Education, Skills and Training",
        "Health Deprivation and Disability",
        "Crime",
        "Barriers to Housing and Services",
        "Living Environment",
    )
}
IMD_RANK = "Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)"
IMD_DECILE = "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)"


@pytest.fixture(scope="module")
def heartsease(official) -> pd.DataFrame:
    """Heartsease & Pilling Park's LSOAs from the official files, most deprived first: the MSOA's
    ONS name ("Norwich 004") is the start of each of its LSOAs' names ("Norwich 004A")."""
    with open(official["msoa_names"], encoding="utf-8-sig", newline="") as handle:
        ons_name = next(
            r["MSOA11NM"] for r in csv.DictReader(handle) if r["MSOA11CD"] == HEARTSEASE
        )
    lsoas = read_official_lsoas(official)
    inside = lsoas[lsoas["name"].str.fullmatch(re.escape(ons_name) + "[A-Z]")]
    return inside.sort_values(IMD_RANK)


def _world(drawing) -> list[Polygon]:
    (group,) = [s for s in drawing.shapes if isinstance(s, Group)]
    return list(group.shapes)


def _filled(polygons, colours) -> list[Polygon]:
    return [p for p in polygons if p.fill in colours]


def test_each_neighbourhood_is_drawn_in_the_colour_of_its_official_decile(
    mapped_engine, heartsease
):
    with session_scope(mapped_engine) as session:
        drawing = area_map(session, HEARTSEASE)

    assert (drawing.width, drawing.height) == (640, 480)
    coloured = _filled(_world(drawing), VIRIDIS_10)
    assert len(coloured) == len(heartsease) == 7
    shapes = [shapely.MultiPolygon([shapely.Polygon(r) for r in p.rings]) for p in coloured]
    features = {f["properties"]["LSOA11CD"]: f for f in read_features()}
    for lsoa, decile in zip(heartsease["lsoa"], heartsease[IMD_DECILE], strict=True):
        # A point inside the LSOA as ONS drew it, projected by the published formula, falls in
        # exactly one drawn neighbourhood, and that one is in its decile's colour.
        inside = shapely.geometry.shape(features[lsoa]["geometry"]).representative_point()
        point = shapely.Point(mercator(inside.x, inside.y))
        (drawn,) = [p for p, s in zip(coloured, shapes, strict=True) if s.contains(point)]
        assert drawn.fill == VIRIDIS_10[decile - 1], lsoa


def test_neighbours_are_grey_and_the_key_reads_from_most_to_least_deprived(
    mapped_engine, heartsease
):
    with session_scope(mapped_engine) as session:
        drawing = area_map(session, HEARTSEASE)

    world = _world(drawing)
    grey = [p for p in world if p.fill == "#e8e8e8"]
    assert grey, "the neighbourhoods around it are drawn"
    coloured_rings = {p.rings for p in _filled(world, VIRIDIS_10)}
    assert not any(p.rings in coloured_rings for p in grey)
    borough = [p for p in world if p.fill is None and p.stroke_width < 4]
    assert len(borough) == 1, "Norwich's outline"

    swatches = [s.fill for s in drawing.shapes if isinstance(s, Rect) and s.fill in VIRIDIS_10]
    assert swatches == VIRIDIS_10
    words = [s.text for s in drawing.shapes if isinstance(s, Text)]
    assert "1 most deprived" in words and "10 least deprived" in words
    assert "Council boundary" in words
    assert any(w.endswith(" km") or w.endswith(" m") for w in words), "a scale bar"

    counts = heartsease[IMD_DECILE].value_counts().sort_index()
    in_words = [f"{n} in decile {d}" for d, n in counts.items()]
    assert drawing.title == (
        "Map of the 7 neighbourhoods in Heartsease & Pilling Park, coloured by deprivation decile"
    )
    assert drawing.description.startswith(
        "Of its neighbourhoods, " + ", ".join(in_words[:-1]) + " and " + in_words[-1] + "."
    )
    assert drawing.description.endswith("the thin dark line is the boundary of Norwich.")


def test_a_council_map_shows_all_its_neighbourhoods(mapped_engine):
    with session_scope(mapped_engine) as session:
        drawing = area_map(session, NORWICH)
    assert len(_filled(_world(drawing), VIRIDIS_10)) == 83
    assert drawing.title.startswith("Map of the 83 neighbourhoods in Norwich")


def test_no_map_for_an_unknown_area_or_england(mapped_engine):
    with session_scope(mapped_engine) as session:
        assert area_map(session, "E01099999") is None
        assert area_map(session, "E92000001") is None


def test_no_map_when_no_boundaries_are_imported(norwich_engine):
    with session_scope(norwich_engine) as session:
        assert area_map(session, HEARTSEASE) is None


def test_neighbourhoods_are_listed_most_deprived_first_with_official_figures(
    mapped_engine, heartsease
):
    with session_scope(mapped_engine) as session:
        rows = neighbourhood_rows(session, HEARTSEASE)

    assert [r.code for r in rows] == heartsease["lsoa"].tolist()
    assert [r.name for r in rows] == heartsease["name"].tolist()
    assert [r.imd_decile for r in rows] == heartsease[IMD_DECILE].tolist()
    assert [r.population for r in rows] == heartsease["population"].tolist()
    expected_domains = [
        min(DOMAIN_HEADERS, key=lambda label, row=row: row[DOMAIN_HEADERS[label]])
        for _i, row in heartsease.iterrows()
    ]
    assert [r.most_deprived_domain for r in rows] == expected_domains
    assert all(r.has_page for r in rows)


def test_an_lsoa_lists_itself_a_council_all_and_england_none(mapped_engine, official):
    lsoas = read_official_lsoas(official)
    norwich = lsoas[lsoas["lad"] == NORWICH].sort_values(IMD_RANK)
    with session_scope(mapped_engine) as session:
        council = neighbourhood_rows(session, NORWICH)
        one = neighbourhood_rows(session, norwich["lsoa"].iloc[0])
        england = neighbourhood_rows(session, "E92000001")
    assert [r.code for r in council] == norwich["lsoa"].tolist()
    assert [r.code for r in one] == [norwich["lsoa"].iloc[0]]
    assert england == []
