"""The map of who was heard, checked against the official files: each Norwich neighbourhood in the
colour of its responses per 1,000 residents (responses / File 6 population × 1,000), a handful
withheld as [c] and never as a rate, none as "No responses", target areas outlined."""

from __future__ import annotations

import json
import math
import re
import statistics
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from html import unescape

import pandas as pd
import pytest
import shapely

from engagement.areas.boundaries import import_boundaries
from engagement.areas.iod_import import import_iod_files
from engagement.graphics.shapes import Group, Polygon, Rect, Text
from engagement.graphics.svg import to_svg
from engagement.surveys.response_map import response_map
from engagement.surveys.summary import summarise_survey
from storage import session_scope
from storage.db import make_engine
from tests.engagement.areas.boundary_fixtures import NORWICH_BOUNDARIES, mercator, read_features
from tests.engagement.official_subset import NORWICH, write_subset
from tests.engagement.survey_factories import create_example_survey, create_response
from tests.engagement.surveys.norwich_survey import (
    ANSWERS,
    BOWTHORPE,
    CITY_CENTRE_WEST,
    EATON,
    HEARTSEASE,
    HOSTILE_AREA,
    HOSTILE_TITLE,
    LAKENHAM_WARD,
    MILE_CROSS,
    SLUG,
    build_norwich_survey,
    lsoas_of,
    norwich_msoas,
)
from tests.official_lsoas import read_official_lsoas

# Bowthorpe (3) and Heartsease (41) are both in IMD decile 3, whose 44 is published, as is the
# survey's total of 141: with Bowthorpe alone withheld, either gives its 3 away. Heartsease, the
# one shown count in both sums, is withheld too, and the key names both reasons.
WITHHELD_WORDS = "[c] too few, or to protect another"


@pytest.fixture(scope="module")
def norwich(tmp_path_factory, official, sqlite_template):
    """An Engine on Norwich with the survey answered (see norwich_survey.ANSWERS)."""
    url = build_norwich_survey(tmp_path_factory.mktemp("norwich-survey"), official, sqlite_template)
    engine = make_engine(url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def summary(norwich):
    with session_scope(norwich) as session:
        return summarise_survey(session, SLUG, scope=(NORWICH,))


def _draw(engine, summary, *, protected=True):
    with session_scope(engine) as session:
        return response_map(session, summary, protected=protected)


def _key(drawing) -> dict[str, str]:
    """Return the key as a reader sees it: {words beside a swatch: the swatch's colour}."""
    texts = [s for s in drawing.shapes if isinstance(s, Text)]
    key = {}
    for swatch in drawing.shapes:
        if isinstance(swatch, Rect) and (swatch.width, swatch.height) == (24, 18):
            words = [
                t.text
                for t in texts
                if t.x == swatch.x + 32 and swatch.y < t.y <= swatch.y + swatch.height + 14
            ]
            key[" ".join(words)] = swatch.fill
    return key


def _filled(drawing) -> list[Polygon]:
    (group,) = [s for s in drawing.shapes if isinstance(s, Group)]
    return [p for p in group.shapes if isinstance(p, Polygon) and p.fill is not None]


def _fills_of(drawing, lsoas: list[str]) -> set[str]:
    """Return the colours the map gives these LSOAs: the filled shape that holds a point inside
    each LSOA as ONS drew it, projected by the published formula."""
    features = {f["properties"]["LSOA11CD"]: f for f in read_features()}
    polygons = _filled(drawing)
    shapes = [shapely.MultiPolygon([shapely.Polygon(r) for r in p.rings]) for p in polygons]
    fills = set()
    for lsoa in lsoas:
        inside = shapely.geometry.shape(features[lsoa]["geometry"]).representative_point()
        point = shapely.Point(mercator(inside.x, inside.y))
        (drawn,) = [p for p, s in zip(polygons, shapes, strict=True) if s.contains(point)]
        fills.add(drawn.fill)
    return fills


def _words(drawing) -> list[str]:
    return [drawing.title, drawing.description] + [
        s.text for s in drawing.shapes if isinstance(s, Text)
    ]


def _rate(responses: int, msoa: str, official) -> Decimal:
    """Responses per 1,000 residents, rounded half up to one place as the results table shows."""
    population = norwich_msoas(official).loc[msoa, "population"]
    exact = Decimal(responses) * 1000 / Decimal(int(population))
    return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _interval(words: str) -> tuple[Decimal, Decimal]:
    number = r"([\d.,]+)"
    if m := re.fullmatch(f"Under {number}", words):
        return Decimal(0), Decimal(m[1].replace(",", ""))
    if m := re.fullmatch(f"{number} to under {number}", words):
        return Decimal(m[1].replace(",", "")), Decimal(m[2].replace(",", ""))
    m = re.fullmatch(f"{number} or more", words)
    return Decimal(m[1].replace(",", "")), Decimal(math.inf)


def test_an_area_with_25_responses_is_in_the_class_of_its_official_rate(norwich, summary, official):
    drawing = _draw(norwich, summary)

    rate = _rate(25, CITY_CENTRE_WEST, official)
    classes = {w: c for w, c in _key(drawing).items() if re.match(r"(Under|\d)", w)}
    (colour,) = [c for w, c in classes.items() if _interval(w)[0] <= rate < _interval(w)[1]]
    assert _fills_of(drawing, lsoas_of(official, CITY_CENTRE_WEST)) == {colour}


def test_the_classes_are_steps_of_1_2_5_around_the_median_rate(norwich, summary, official):
    drawing = _draw(norwich, summary)

    shown = [_rate(n, code, official) for code, n in ANSWERS.items() if n >= 10]
    # The four rates shown have a median between 2 and 5: the middle class starts at 2.
    assert 2 <= statistics.median(shown) < 5
    words = [w for w in _key(drawing) if re.match(r"(Under|\d)", w)]
    assert words == ["Under 1", "1 to under 2", "2 to under 5", "5 to under 10", "10 or more"]
    colours = [_key(drawing)[w] for w in words]
    assert len(set(colours)) == 5


def test_three_responses_are_withheld_and_their_rate_is_nowhere(norwich, summary, official):
    drawing = _draw(norwich, summary, protected=True)

    key = _key(drawing)
    assert _fills_of(drawing, lsoas_of(official, BOWTHORPE)) == {key[WITHHELD_WORDS]}
    rate = _rate(3, BOWTHORPE, official)  # 0.3 per 1,000
    svg = to_svg(drawing, id_prefix="response-map")
    texts = [unescape(t) for t in re.findall(r">([^<>]+)</(?:text|title|desc)>", svg)]
    assert texts and not any(str(rate) in t for t in texts)
    assert not any("Bowthorpe" in t for t in texts)
    assert "1 neighbourhood [c] fewer than 10 responses, not shown as a rate" in drawing.description
    assert _fills_of(drawing, lsoas_of(official, HEARTSEASE)) == {key[WITHHELD_WORDS]}
    assert str(_rate(41, HEARTSEASE, official)) not in " ".join(texts)
    assert "1 neighbourhood [c] to protect another cell, not shown as a rate" in drawing.description


def test_the_public_map_withholds_a_small_count_even_when_given_one(norwich, summary, official):
    populations = norwich_msoas(official)["population"]
    given_counts = {BOWTHORPE: 3, HEARTSEASE: 41}  # both withheld in the summary
    exact = [
        replace(
            r,
            responses=float(given_counts[r.area_code]),
            per_1000=1000 * given_counts[r.area_code] / int(populations[r.area_code]),
        )
        if r.area_code in given_counts
        else r
        for r in summary.heard
    ]
    given = replace(summary, heard=exact)

    public = _draw(norwich, given, protected=True)
    officers = _draw(norwich, given, protected=False)

    bowthorpe = lsoas_of(official, BOWTHORPE)
    assert _fills_of(public, bowthorpe) == {_key(public)["[c] fewer than 10 responses"]}
    assert _fills_of(officers, bowthorpe) == {_key(officers)["Under 1"]}


def test_neighbourhoods_with_none_read_no_responses(norwich, summary, official):
    drawing = _draw(norwich, summary)

    assert _fills_of(drawing, lsoas_of(official, MILE_CROSS)) == {_key(drawing)["No responses"]}
    none = len(norwich_msoas(official)) - len(ANSWERS)
    assert f"none from {none} neighbourhoods" in drawing.description


def test_the_key_names_every_colour_and_line(norwich, summary):
    drawing = _draw(norwich, summary)

    words = _words(drawing)
    for expected in (
        "Responses per",
        "1,000 residents",
        "No responses",
        "Target area",
        "Council boundary",
    ):
        assert expected in words
    assert WITHHELD_WORDS in _key(drawing)
    assert any(w.endswith(" km") or w.endswith(" m") for w in words), "a scale bar"
    assert any(w.startswith("Boundaries: ONS") for w in words), "the attribution"


def test_the_target_area_is_outlined(norwich, summary, official):
    drawing = _draw(norwich, summary)

    (group,) = [s for s in drawing.shapes if isinstance(s, Group)]
    outlined = [p for p in group.shapes if p.fill is None and p.stroke == "#0b0c0c"]
    lsoas = read_official_lsoas(official)
    assert len(outlined) == (lsoas["ward"] == LAKENHAM_WARD).sum()
    assert drawing.description.endswith("Target areas are outlined in black.")


def test_hostile_titles_and_names_are_written_as_text(norwich, summary):
    drawing = _draw(norwich, summary)
    svg = to_svg(drawing, id_prefix="response-map")

    assert HOSTILE_TITLE in drawing.title
    assert f"highest in {HOSTILE_AREA} (" in drawing.description  # Eaton: 60 responses
    assert "<script" not in svg and "<img" not in svg
    assert "&lt;script&gt;" in svg and "&lt;img src=x onerror=alert(1)&gt;" in svg
    assert EATON not in svg


def test_no_map_without_boundaries_or_neighbourhoods(
    norwich, summary, official, sqlite_url, tmp_path
):
    engine = make_engine(sqlite_url)
    with session_scope(engine) as session:
        import_iod_files(session, write_subset(official, tmp_path / "iod"))
        assert response_map(session, summary, protected=True) is None
    engine.dispose()
    assert _draw(norwich, replace(summary, heard=[])) is None


STOCKTON = "E06000004"


def test_councils_far_apart_draw_the_one_most_responses_came_from(official, sqlite_url, tmp_path):
    # Answers from Norwich and from Stockton-on-Tees, 300 km apart, on a survey with no
    # FAIRER_LOCAL_AUTHORITIES: a map of both would show neither.
    both = tmp_path / "both.geojson"
    features = [
        f
        for lad in (NORWICH, STOCKTON)
        for f in read_features(NORWICH_BOUNDARIES.with_name(f"{lad}.geojson"))
    ]
    both.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    names = pd.read_csv(official["msoa_names"], encoding="utf-8-sig")
    stockton_msoas = names[names["LAD_CODE"] == STOCKTON]["MSOA11CD"].tolist()
    engine = make_engine(sqlite_url)
    with session_scope(engine) as session:
        import_iod_files(session, write_subset(official, tmp_path / "iod", (NORWICH, STOCKTON)))
        import_boundaries(session, both)
        survey, definition = create_example_survey(session)
        for code, count in ((HEARTSEASE, 41), (stockton_msoas[0], 12)):
            for _ in range(count):
                create_response(session, survey=survey, definition=definition, neighbourhood=code)
    with session_scope(engine) as session:
        drawing = response_map(session, summarise_survey(session, SLUG), protected=True)
    engine.dispose()

    norwich_lsoas = (read_official_lsoas(official)["lad"] == NORWICH).sum()
    assert len(_filled(drawing)) == norwich_lsoas == 83
    assert drawing.description.endswith(
        f"Only one council's neighbourhoods are drawn; {len(stockton_msoas)} neighbourhoods"
        " further away are in the table."
    )
