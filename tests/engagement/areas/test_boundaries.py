"""Importing the ONS LSOA boundaries: every feature stored, in true metres, or nothing at all."""

from __future__ import annotations

import gzip
import json
import math

import pytest
from sqlalchemy import func, select

from engagement.areas.boundaries import import_boundaries, lad_outline
from engagement.areas.boundary_files import metres_per_unit
from engagement.errors import ImportProblem
from storage import session_scope
from storage.db import make_engine
from storage.models import Boundary
from tests.conftest import fresh_database_url
from tests.engagement.areas.boundary_fixtures import (
    NORWICH_BOUNDARIES,
    mercator,
    read_features,
)
from tests.engagement.official_subset import NORWICH


def stored(engine, kind: str = "lsoa") -> dict[str, tuple]:
    with session_scope(engine) as session:
        return {
            row.code: (row.min_x, row.min_y, row.max_x, row.max_y)
            for row in session.scalars(select(Boundary).where(Boundary.kind == kind))
        }


def test_every_feature_of_the_file_is_stored_with_the_council_outline(norwich_engine):
    features = read_features()
    with session_scope(norwich_engine) as session:
        report = import_boundaries(session, NORWICH_BOUNDARIES)

    lsoas = stored(norwich_engine)
    assert len(features) == 83
    assert set(lsoas) == {f["properties"]["LSOA11CD"] for f in features}
    assert report.lsoas == 83 and report.outlines == 1
    assert report.summary().startswith(
        "Imported the boundaries of 83 LSOAs from E07000148.geojson in "
    )
    assert report.summary().endswith("s, with the outline of 1 local authority.")
    # The council's outline is its LSOAs joined: it spans exactly the box they span.
    (outline_box,) = stored(norwich_engine, "lad").values()
    boxes = list(lsoas.values())
    assert outline_box == (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def test_shapes_are_in_metres_that_match_the_national_grid(mapped_engine):
    """Two LSOAs' centres (ONS publishes them in longitude/latitude and in British National Grid
    metres) are as far apart on the map, in its scale bar's metres, as on the OS grid."""
    by_code = {f["properties"]["LSOA11CD"]: f["properties"] for f in read_features()}
    west = min(by_code.values(), key=lambda p: p["BNG_E"])
    east = max(by_code.values(), key=lambda p: p["BNG_E"])
    on_grid = math.dist((west["BNG_E"], west["BNG_N"]), (east["BNG_E"], east["BNG_N"]))
    a, b = mercator(west["LONG"], west["LAT"]), mercator(east["LONG"], east["LAT"])
    on_map = math.dist(a, b) * metres_per_unit((a[1] + b[1]) / 2)
    assert on_grid > 7_000
    assert on_map == pytest.approx(on_grid, rel=0.005)
    # And the stored box of the western LSOA holds its centre, to the metre.
    x, y = a
    min_x, min_y, max_x, max_y = stored(mapped_engine)[west["LSOA11CD"]]
    assert min_x - 1 <= x <= max_x + 1 and min_y - 1 <= y <= max_y + 1


def test_a_gzipped_file_and_a_code_column_of_another_name_are_read(norwich_engine, tmp_path):
    document = json.loads(NORWICH_BOUNDARIES.read_text(encoding="utf-8"))
    for feature in document["features"]:
        properties = feature["properties"]
        feature["properties"] = {"name": properties["LSOA11NM"], "lsoa": properties["LSOA11CD"]}
    path = tmp_path / "renamed.geojson.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        json.dump(document, handle)

    with session_scope(norwich_engine) as session:
        import_boundaries(session, path)

    assert len(stored(norwich_engine)) == 83


def test_importing_again_replaces_what_was_there(mapped_engine, tmp_path):
    document = json.loads(NORWICH_BOUNDARIES.read_text(encoding="utf-8"))
    document["features"] = document["features"][:5]
    path = tmp_path / "five.geojson"
    path.write_text(json.dumps(document), encoding="utf-8")

    with session_scope(mapped_engine) as session:
        import_boundaries(session, path)

    assert set(stored(mapped_engine)) == {f["properties"]["LSOA11CD"] for f in document["features"]}
    assert len(stored(mapped_engine, "lad")) == 1


def _broken(tmp_path, change) -> object:
    document = json.loads(NORWICH_BOUNDARIES.read_text(encoding="utf-8"))
    change(document["features"])
    path = tmp_path / "broken.geojson"
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    return path


def _without_code(features):
    del features[11]["properties"]["LSOA11CD"]


def _two_point_ring(features):
    features[4]["geometry"]["coordinates"][0] = features[4]["geometry"]["coordinates"][0][:2]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_without_code, "broken.geojson, feature 12: no LSOA code in LSOA11CD."),
        (
            _two_point_ring,
            "broken.geojson, feature 5 ({code}): a ring has 2 point(s); a boundary ring needs at "
            "least 4 (three corners and the first again).",
        ),
    ],
)
def test_a_broken_feature_is_named_and_nothing_changes(mapped_engine, tmp_path, change, message):
    before = stored(mapped_engine)
    path = _broken(tmp_path, change)
    code = read_features(path)[4]["properties"].get("LSOA11CD")

    with pytest.raises(ImportProblem) as problem, session_scope(mapped_engine) as session:
        import_boundaries(session, path)

    assert str(problem.value) == message.format(code=code)
    assert stored(mapped_engine) == before


def test_a_file_that_is_not_json_says_where_it_stops(mapped_engine, tmp_path):
    path = tmp_path / "cut.geojson"
    path.write_text(NORWICH_BOUNDARIES.read_text(encoding="utf-8")[:5000], encoding="utf-8")

    with pytest.raises(ImportProblem) as problem, session_scope(mapped_engine) as session:
        import_boundaries(session, path)

    assert str(problem.value).startswith("cut.geojson, line ")
    assert "not valid JSON" in str(problem.value)
    assert len(stored(mapped_engine)) == 83


def test_boundaries_before_the_indices_get_their_outline_when_asked(sqlite_url, official, tmp_path):
    from engagement.areas.iod_import import import_iod_files
    from tests.engagement.official_subset import write_subset

    engine = make_engine(sqlite_url)
    with session_scope(engine) as session:
        report = import_boundaries(session, NORWICH_BOUNDARIES)
    assert report.outlines == 0
    assert "once the Indices are imported (fairer import-iod)" in report.summary()

    with session_scope(engine) as session:
        import_iod_files(session, write_subset(official, tmp_path / "iod"))
    with session_scope(engine) as session:
        outline = lad_outline(session, NORWICH)
    assert outline is not None
    xs = [x for ring in outline for x, _y in ring]
    boxes = stored(engine).values()
    assert (min(xs), max(xs)) == (min(b[0] for b in boxes), max(b[2] for b in boxes))
    engine.dispose()


def test_import_on_postgresql(request, tmp_path):
    engine = make_engine(fresh_database_url(request, "postgresql", tmp_path))
    with session_scope(engine) as session:
        import_boundaries(session, NORWICH_BOUNDARIES)
    with session_scope(engine) as session:
        count = session.scalar(select(func.count()).select_from(Boundary))
        blob = session.scalar(select(Boundary.rings).where(Boundary.code == "E01026791"))
    # Same shapes as SQLite stores: the bytes round-trip through COPY unchanged.
    sqlite = make_engine(fresh_database_url(request, "sqlite", tmp_path))
    with session_scope(sqlite) as session:
        import_boundaries(session, NORWICH_BOUNDARIES)
    with session_scope(sqlite) as session:
        expected = session.scalar(select(Boundary.rings).where(Boundary.code == "E01026791"))
    assert count == 83
    assert blob == expected
    engine.dispose()
    sqlite.dispose()
