"""Assets on an area's map: each marker where the published projection puts its coordinates,
and a map drawn before an import is drawn again after it."""

from __future__ import annotations

from engagement.areas.area_map import area_map
from engagement.areas.pictures import area_picture
from engagement.assets.importing import import_assets
from engagement.graphics.shapes import Circle, Group, Text
from storage import session_scope
from tests.engagement.areas.boundary_fixtures import HEARTSEASE, mercator
from tests.engagement.assets.example_file import write_assets
from tests.engagement.assets.official_points import point_inside


def test_markers_sit_where_the_projection_puts_the_coordinates(norwich_mapped, tmp_path):
    path, _lsoa = write_assets(tmp_path)
    with session_scope(norwich_mapped) as session:
        import_assets(session, path)
        drawing = area_map(session, HEARTSEASE)
    [world] = [s for s in drawing.shapes if isinstance(s, Group)]
    markers = [s for s in drawing.shapes if isinstance(s, Circle)]
    _code, lat, lon = point_inside("Norwich 004A")
    # The Group places world metres on the page: x' = x * scale + offset_x and
    # y' = offset_y - y * scale.
    x, y = mercator(lon, lat)
    expected = (x * world.scale + world.offset_x, world.offset_y - y * world.scale)
    # Projected points are whole metres: a marker is within a metre's width of its place.
    assert any(
        abs(m.cx - expected[0]) <= world.scale + 0.01
        and abs(m.cy - expected[1]) <= world.scale + 0.01
        for m in markers
    )
    assert len(markers) == 3  # two assets in Heartsease with coordinates, and the key
    assert any(isinstance(s, Text) and s.text == "Community assets" for s in drawing.shapes)


def test_a_map_drawn_before_an_import_shows_the_assets_after_it(norwich_mapped, tmp_path):
    with session_scope(norwich_mapped) as session:
        before = area_picture(session, HEARTSEASE, "map", "svg")
    path, _lsoa = write_assets(tmp_path)
    with session_scope(norwich_mapped) as session:
        import_assets(session, path)
    with session_scope(norwich_mapped) as session:
        after = area_picture(session, HEARTSEASE, "map", "svg")
    assert "Community assets" not in before
    assert "Community assets" in after
