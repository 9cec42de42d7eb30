"""The PNG writer: the drawing's shapes at the drawing's places, scaled, for Slack."""

from __future__ import annotations

import io

from PIL import Image

from engagement.graphics.png import to_png
from engagement.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, Text

WHITE, BLUE, RED, DARK = (255, 255, 255), (29, 112, 184), (212, 53, 28), (11, 12, 12)


def _drawing(*shapes, width=200, height=120) -> Drawing:
    return Drawing(width=width, height=height, title="t", description="d", shapes=shapes)


def _image(drawing: Drawing, **kwargs) -> Image.Image:
    image = Image.open(io.BytesIO(to_png(drawing, **kwargs)))
    assert image.format == "PNG"
    return image.convert("RGB")


def test_the_image_is_the_drawing_times_the_scale():
    assert _image(_drawing(), scale=2).size == (400, 240)
    assert _image(_drawing(), scale=1).size == (200, 120)
    assert _image(_drawing(width=640, height=428)).size == (1280, 856)


def test_a_circle_is_painted_in_its_colour_and_nothing_outside_it():
    image = _image(_drawing(Circle(50, 40, 10, fill="#1d70b8")), scale=2)

    assert image.getpixel((100, 80)) == BLUE
    assert image.getpixel((100 + 18, 80)) == BLUE  # 9 px right of the centre, at scale 2
    assert image.getpixel((100 + 24, 80)) == WHITE  # 12 px right: outside
    assert image.getpixel((10, 10)) == WHITE


def test_a_ring_is_hollow_and_its_stroke_straddles_the_edge():
    image = _image(_drawing(Circle(50, 40, 10, stroke="#0b0c0c", stroke_width=4)), scale=1)

    assert image.getpixel((50, 40)) == WHITE
    assert image.getpixel((60, 40)) == DARK
    assert image.getpixel((50, 40 - 11)) == DARK
    assert image.getpixel((50, 40 - 15)) == WHITE


def test_a_polygon_with_a_hole_leaves_the_hole_unpainted():
    outer = ((20.0, 20.0), (120.0, 20.0), (120.0, 100.0), (20.0, 100.0))
    hole = ((50.0, 40.0), (90.0, 40.0), (90.0, 80.0), (50.0, 80.0))
    island = ((60.0, 50.0), (80.0, 50.0), (80.0, 70.0), (60.0, 70.0))  # inside the hole
    image = _image(_drawing(Polygon((outer, hole, island), fill="#d4351c")), scale=2)

    assert image.getpixel((2 * 30, 2 * 30)) == RED  # between the outer ring and the hole
    assert image.getpixel((2 * 55, 2 * 45)) == WHITE  # in the hole
    assert image.getpixel((2 * 70, 2 * 60)) == RED  # on the island in the hole
    assert image.getpixel((2 * 150, 2 * 30)) == WHITE


def test_a_group_places_world_coordinates_as_the_svg_does():
    # A 1 km square in metres, y up, drawn 0.1 px to the metre with its top-left at (20, 10).
    square = (
        (600000.0, 301000.0),
        (601000.0, 301000.0),
        (601000.0, 300000.0),
        (600000.0, 300000.0),
    )
    group = Group(
        (Polygon((square,), fill="#1d70b8"), Circle(600500.0, 300500.0, 100.0, fill="#d4351c")),
        scale=0.1,
        offset_x=20 - 60000,
        offset_y=10 + 30100,
    )
    image = _image(_drawing(group), scale=2)

    assert image.getpixel((2 * 25, 2 * 15)) == BLUE
    assert image.getpixel((2 * 115, 2 * 105)) == BLUE
    assert image.getpixel((2 * 70, 2 * 60)) == RED  # the circle at the square's centre
    assert image.getpixel((2 * 125, 2 * 60)) == WHITE
    assert image.getpixel((2 * 70, 2 * 115)) == WHITE


def test_half_transparent_fill_is_half_way_to_the_background():
    square = ((10.0, 10.0), (60.0, 10.0), (60.0, 60.0), (10.0, 60.0))
    image = _image(_drawing(Polygon((square,), fill="#000000", opacity=0.5)), scale=1)

    assert all(abs(v - 128) <= 2 for v in image.getpixel((35, 35)))


def test_a_dashed_line_has_gaps_and_a_solid_one_none():
    image = _image(
        _drawing(
            Line(10, 20, 190, 20, stroke="#0b0c0c", stroke_width=2, dashed=True),
            Line(10, 60, 190, 60, stroke="#0b0c0c", stroke_width=2),
        ),
        scale=1,
    )
    dashed = [image.getpixel((x, 20)) for x in range(12, 188)]
    solid = [image.getpixel((x, 60)) for x in range(12, 188)]

    assert DARK in dashed and WHITE in dashed
    assert set(solid) == {DARK}


def _dark_columns(image: Image.Image, top: int, bottom: int) -> list[int]:
    return [
        x
        for x in range(image.width)
        if any(sum(image.getpixel((x, y))) < 300 for y in range(top, bottom))
    ]


def test_text_sits_on_its_baseline_by_its_anchor():
    image = _image(
        _drawing(
            Text(100, 30, "Start", size=14),
            Text(100, 60, "Middle", size=14, anchor="middle", bold=True),
            Text(100, 90, "End", size=14, anchor="end"),
        ),
        scale=1,
    )
    start = _dark_columns(image, 15, 31)
    middle = _dark_columns(image, 45, 61)
    end = _dark_columns(image, 75, 91)

    assert start and min(start) >= 99 and max(start) > 110
    assert middle and min(middle) < 90 and max(middle) > 110
    assert end and max(end) <= 101 and min(end) < 90
    # Nothing hangs far below the baseline of letters without descenders.
    assert not _dark_columns(image, 33, 40)


def test_rects_fill_exactly_their_box():
    image = _image(_drawing(Rect(20, 20, 40, 30, fill="#d4351c")), scale=2)

    assert image.getpixel((40, 40)) == RED and image.getpixel((119, 99)) == RED
    assert image.getpixel((121, 60)) == WHITE and image.getpixel((60, 101)) == WHITE


def test_the_same_drawing_gives_the_same_bytes():
    drawing = _drawing(
        Circle(50, 40, 10, fill="#1d70b8"), Text(20, 100, "Same every time", bold=True)
    )

    assert to_png(drawing) == to_png(drawing)
