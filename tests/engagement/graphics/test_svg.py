"""The SVG writer: a well-formed, accessible image whose text can never become markup, with
shapes where the drawing puts them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from engagement.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, Text
from engagement.graphics.svg import to_svg

NS = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & "quoted" \'single\''


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def _drawing(*shapes, title="A chart", description="What it shows.") -> Drawing:
    return Drawing(width=320, height=200, title=title, description=description, shapes=shapes)


def test_the_svg_is_one_accessible_image_named_by_its_title_and_desc():
    root = _parse(to_svg(_drawing(Rect(10, 10, 50, 20, fill="#1d70b8")), id_prefix="area-chart"))

    assert root.tag == f"{NS}svg"
    assert root.get("viewBox") == "0 0 320 200"
    assert root.get("role") == "img"
    title, desc = root.find(f"{NS}title"), root.find(f"{NS}desc")
    assert title.text == "A chart" and desc.text == "What it shows."
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    assert title.get("id") == "area-chart-title"
    # Sized by the stylesheet (the pages' CSP drops style attributes); its width and height
    # attributes give the shape the page keeps while it shrinks.
    assert root.get("style") is None and root.get("class") == "fairer-drawing"
    assert (root.get("width"), root.get("height")) == ("320", "200")
    assert root.get("font-family") == "Arial, Helvetica, sans-serif"


def test_hostile_text_is_written_as_text_and_never_as_markup():
    svg = to_svg(
        _drawing(
            Text(10, 20, HOSTILE),
            title=f"Chart of {HOSTILE}",
            description=f"About {HOSTILE}.",
        ),
        id_prefix='x"><script>',
    )
    root = _parse(svg)

    assert not [e for e in root.iter() if e.tag.endswith("script")]
    assert "<script>" not in svg
    texts = [e.text for e in root.iter(f"{NS}text")]
    assert texts == [HOSTILE]
    assert root.find(f"{NS}title").text == f"Chart of {HOSTILE}"
    assert root.find(f"{NS}desc").text == f"About {HOSTILE}."


def test_numbers_are_short():
    svg = to_svg(
        _drawing(Rect(1.0, 2.499999, 30.0, 12.345678, fill="#000000"), Line(0.1, 5, 100, 5)),
        id_prefix="c",
    )
    rect = [e for e in _parse(svg).iter(f"{NS}rect")][-1]

    assert (rect.get("x"), rect.get("y"), rect.get("width"), rect.get("height")) == (
        "1",
        "2.5",
        "30",
        "12.35",
    )
    assert not re.search(r"\d\.\d{3}", svg)


def test_text_anchors_and_bold():
    root = _parse(
        to_svg(
            _drawing(
                Text(5, 20, "left"),
                Text(160, 20, "centre", anchor="middle", bold=True),
                Text(315, 20, "right", anchor="end"),
            ),
            id_prefix="c",
        )
    )
    left, centre, right = root.iter(f"{NS}text")

    assert left.get("text-anchor", "start") == "start"
    assert centre.get("text-anchor") == "middle" and centre.get("font-weight") == "bold"
    assert right.get("text-anchor") == "end"


def _points(d: str, transform: str) -> list[list[tuple[float, float]]]:
    """Read path data of M, l and z commands and place its points on the page by the matrix."""
    a, b, c, dd, e, f = (float(v) for v in re.findall(r"-?[\d.]+(?:e-?\d+)?", transform))
    rings = []
    for sub in re.findall(r"M([^z]*)z", d):
        start, _, rest = sub.partition("l")
        x, y = (float(v) for v in re.findall(r"-?[\d.]+", start))
        ring = [(x, y)]
        numbers = [float(v) for v in re.findall(r"-?[\d.]+", rest)]
        for dx, dy in zip(numbers[::2], numbers[1::2], strict=True):
            x, y = x + dx, y + dy
            ring.append((x, y))
        rings.append([(a * px + c * py + e, b * px + dd * py + f) for px, py in ring])
    return rings


def test_a_group_places_world_coordinates_on_the_page_with_strokes_in_pixels():
    # A square 1 km across with a square hole, in metres (y up), drawn 0.1 px to the metre with
    # its top-left corner 20 px from the left and 30 px from the top.
    outer = ((600000.0, 301000.0), (601000.0, 301000.0), (601000.0, 300000.0), (600000.0, 300000.0))
    hole = ((600250.0, 300750.0), (600250.0, 300250.0), (600750.0, 300250.0), (600750.0, 300750.0))
    square = Polygon((outer, hole), fill="#1d70b8", stroke="#0b0c0c", stroke_width=1.5)
    group = Group((square,), scale=0.1, offset_x=20 - 60000, offset_y=30 + 30100)
    root = _parse(to_svg(_drawing(group), id_prefix="map"))

    g = root.find(f"{NS}g")
    path = g.find(f"{NS}path")
    assert path.get("fill-rule") == "evenodd"
    assert path.get("vector-effect") == "non-scaling-stroke"
    assert path.get("stroke-width") == "1.5"
    rings = _points(path.get("d"), g.get("transform"))
    assert len(rings) == 2
    page_outer = [(round(x, 6), round(y, 6)) for x, y in rings[0]]
    assert page_outer == [(20, 30), (120, 30), (120, 130), (20, 130)]
    page_hole = [(round(x, 6), round(y, 6)) for x, y in rings[1]]
    assert page_hole == [(45, 55), (45, 105), (95, 105), (95, 55)]


def test_a_map_in_metres_is_written_without_decimals():
    ring = tuple((600000.0 + i * 37.31, 300000.0 + (i % 7) * 11.72) for i in range(200))
    group = Group((Polygon((ring,), fill="#f3f2f1"),), scale=0.05, offset_x=-30000, offset_y=15100)
    d = _parse(to_svg(_drawing(group), id_prefix="m")).find(f"{NS}g/{NS}path").get("d")

    assert "." not in d


def test_circles_and_lines_in_a_group_keep_their_place():
    group = Group(
        (
            Circle(1000.0, 2000.0, 50.0, fill="#d4351c"),
            Line(0.0, 0.0, 1000.0, 2000.0, stroke="#0b0c0c", dashed=True),
        ),
        scale=0.04,
        offset_x=10,
        offset_y=190,
    )
    root = _parse(to_svg(_drawing(group), id_prefix="m"))
    g = root.find(f"{NS}g")
    a, _b, _c, d, e, f = (float(v) for v in re.findall(r"-?[\d.]+(?:e-?\d+)?", g.get("transform")))
    circle, line = g.find(f"{NS}circle"), g.find(f"{NS}line")

    assert (
        round(a * float(circle.get("cx")) + e, 6),
        round(d * float(circle.get("cy")) + f, 6),
    ) == (50, 110)
    assert round(abs(a) * float(circle.get("r")), 6) == 2
    assert line.get("stroke-dasharray") and line.get("vector-effect") == "non-scaling-stroke"
    assert (round(a * float(line.get("x2")) + e, 6), round(d * float(line.get("y2")) + f, 6)) == (
        50,
        110,
    )
