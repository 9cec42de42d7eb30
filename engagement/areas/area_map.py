"""An area's neighbourhoods on a map, coloured by deprivation decile, inside its borough.

Everything is read with a few indexed queries and drawn from shapes projected at import
(engagement/areas/boundaries.py): no geometry is worked out while a page waits.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from engagement import figures
from engagement.areas.asset_markers import asset_points, marker_layer
from engagement.areas.boundaries import box_of, lad_outline, lsoa_shapes_in_view
from engagement.areas.boundary_files import metres_per_unit
from engagement.areas.neighbourhoods import (
    PlaceInEdition,
    find_place,
    member_condition,
    member_deciles,
)
from engagement.graphics.shapes import Drawing, Group, Line, Polygon, Rect, Text
from storage.models import Area, Boundary, LsoaIndices

WIDTH, HEIGHT = 640, 480
MAP_WIDTH = 472  # the legend sits to the right of the map
KEY_LEFT = MAP_WIDTH + 16  # where a key's swatches start
MARGIN = 24  # pixels between the area and the map's edge
SMALLEST_VIEW = 1_200  # metres: a single LSOA still shows the streets around it
# Viridis sampled at ten steps: decile 1 (most deprived) darkest, its lightness rising steadily
# to decile 10, so the order reads in greyscale and with any common colour-blindness.
PALETTE = (
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
)
NEIGHBOUR_FILL = "#e8e8e8"
INK = "#0b0c0c"
BOROUGH_LINE = "#505a5f"
SCALE_LENGTHS = (50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000)
ATTRIBUTION = (
    "Boundaries: ONS, OGL v3.0.",
    "Contains OS data © Crown",
    "copyright and database right.",
)


def decile_colour(decile: int) -> str:
    """Return the palette colour of an IMD decile (1 = most deprived, darkest)."""
    return PALETTE[decile - 1]


Bbox = tuple[int, int, int, int]


@dataclass(frozen=True)
class Frame:
    """Where the world (projected metres, y up) sits on a map's page: pixels per world unit, and
    the world point at the map's top left corner."""

    scale: float
    left: float
    top: float

    @property
    def view(self) -> Bbox:
        """Return the world box (min_x, min_y, max_x, max_y) the map shows, in whole units."""
        return (
            round(self.left),
            round(self.top - HEIGHT / self.scale),
            round(self.left + MAP_WIDTH / self.scale),
            round(self.top),
        )

    def place(self, shapes: list) -> Group:
        """Return shapes in world coordinates as a Group placed on the map."""
        return Group(tuple(shapes), self.scale, -self.left * self.scale, self.top * self.scale)

    def scale_bar(self) -> list:
        """Return a scale bar of a round length no wider than 120 pixels, at the map's bottom
        left, true at the map's middle."""
        pixels_per_metre = self.scale / metres_per_unit(self.top - HEIGHT / 2 / self.scale)
        metres = max(
            (m for m in SCALE_LENGTHS if m * pixels_per_metre <= 120), default=SCALE_LENGTHS[0]
        )
        length = metres * pixels_per_metre
        label = f"{figures.count(metres // 1000)} km" if metres >= 1000 else f"{metres} m"
        x, y = 12, HEIGHT - 14
        return [
            Rect(x - 6, y - 22, length + 12, 30, fill="#ffffff"),
            Line(x, y, x + length, y, stroke=INK, stroke_width=2),
            Line(x, y - 5, x, y + 3, stroke=INK, stroke_width=2),
            Line(x + length, y - 5, x + length, y + 3, stroke=INK, stroke_width=2),
            Text(x, y - 8, label, size=12),
        ]


def frame(box: Bbox) -> Frame:
    """Return the Frame that fits box (min_x, min_y, max_x, max_y) inside the map with a margin,
    centred; a very small box is shown with at least SMALLEST_VIEW metres around it."""
    min_x, min_y, max_x, max_y = box
    span_x = max(max_x - min_x, SMALLEST_VIEW)
    span_y = max(max_y - min_y, SMALLEST_VIEW)
    scale = min((MAP_WIDTH - 2 * MARGIN) / span_x, (HEIGHT - 2 * MARGIN) / span_y)
    centre_x, centre_y = (min_x + max_x) / 2, (min_y + max_y) / 2
    return Frame(scale, centre_x - MAP_WIDTH / 2 / scale, centre_y + HEIGHT / 2 / scale)


def key_panel() -> list:
    """Return the white panel right of the map that holds a key, with its dividing line and the
    boundaries' attribution at its foot; a key's swatches start at KEY_LEFT."""
    shapes: list = [
        Rect(MAP_WIDTH, 0, WIDTH - MAP_WIDTH, HEIGHT, fill="#ffffff"),
        Line(MAP_WIDTH, 0, MAP_WIDTH, HEIGHT, stroke="#b1b4b6"),
    ]
    for i, line in enumerate(ATTRIBUTION):
        shapes.append(Text(KEY_LEFT, HEIGHT - 44 + i * 13, line, size=10, fill="#505a5f"))
    return shapes


def _legend(faded: bool, borough: str | None) -> list:
    """Return the key: ten swatches, then grey for the neighbours and the borough's line."""
    x = KEY_LEFT
    shapes: list = [
        *key_panel(),
        Text(x, 28, "Deprivation decile", size=13, bold=True),
        Text(x, 45, "in England (IMD)", size=12),
    ]
    for decile in range(1, 11):
        y = 58 + (decile - 1) * 24
        words = {1: "1 most deprived", 10: "10 least deprived"}.get(decile, str(decile))
        shapes += [
            Rect(x, y, 24, 18, fill=decile_colour(decile), stroke="#ffffff"),
            Text(x + 32, y + 14, words, size=12),
        ]
    return shapes + surroundings_key(x, 58 + 10 * 24 + 10, faded=faded, borough=bool(borough))


def surroundings_key(x: float, y: float, *, faded: bool, borough: bool) -> list:
    """Return the key's entries, from y down, for the grey neighbourhoods around the area (when
    faded) and the council's boundary (when borough)."""
    shapes: list = []
    if faded:
        shapes += [
            Rect(x, y, 24, 18, fill=NEIGHBOUR_FILL, stroke="#b1b4b6"),
            Text(x + 32, y + 14, "Around the area", size=12),
        ]
        y += 26
    if borough:
        shapes += [
            Line(x, y + 9, x + 24, y + 9, stroke=BOROUGH_LINE, stroke_width=1.5),
            Text(x + 32, y + 14, "Council boundary", size=12),
        ]
    return shapes


def _in_words(place: PlaceInEdition, deciles: list[int], missing: int) -> str:
    by_decile: dict[int, int] = {}
    for decile in deciles:
        by_decile[decile] = by_decile.get(decile, 0) + 1
    parts = [f"{figures.count(n)} in decile {d}" for d, n in sorted(by_decile.items())]
    counted = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    if place.kind == "lsoa":
        text = f"{place.name} is in decile {deciles[0]}"
    else:
        text = f"Of its neighbourhoods, {counted}"
    text += (
        ". Decile 1 is England's most deprived tenth of neighbourhoods on the Index of Multiple"
        " Deprivation, decile 10 the least, shaded from dark purple to yellow."
    )
    if missing:
        text += (
            f" {figures.count(missing)} of its neighbourhoods have no boundary and are not drawn."
        )
    return text


def has_map(session: Session, code: str) -> bool:
    """Return whether area_map draws this area: it is not England and at least one of its
    neighbourhoods has a boundary imported (one indexed query)."""
    place = find_place(session, code)
    condition = member_condition(session, place) if place is not None else None
    if condition is None:
        return False
    first = (
        select(Boundary.code)
        .join(LsoaIndices, LsoaIndices.code == Boundary.code)
        .where(Boundary.kind == "lsoa", condition)
        .limit(1)
    )
    return session.scalar(first) is not None


def area_map(session: Session, code: str) -> Drawing | None:
    """Return a map of the area's neighbourhoods (LSOAs) coloured by IMD decile, with the
    neighbourhoods around it in grey, its borough's boundary, a key and a scale bar; None for
    England, an unknown area, or one with no boundaries imported.

    Drawn afresh on each call; engagement/areas/pictures.py keeps what it writes out.
    """
    place = find_place(session, code)
    if place is None or place.kind == "england":
        return None
    deciles = member_deciles(session, place)
    box = box_of(session, [code for code, _decile in deciles])
    if box is None:
        return None
    framed = frame(box)
    shapes = lsoa_shapes_in_view(session, framed.view)
    drawn = [(code, decile) for code, decile in deciles if code in shapes]
    inside = {code for code, _decile in drawn}
    borough_code = place.code if place.kind == "lad" else place.lad_code
    outline = lad_outline(session, borough_code) if borough_code else None

    world: list = [
        Polygon(rings, fill=NEIGHBOUR_FILL, stroke="#ffffff", stroke_width=0.5)
        for code, rings in shapes.items()
        if code not in inside
    ]
    # A thick dark line under every neighbourhood, then the fills over it: only the half of
    # the line outside the area stays visible, so the area's outline shows without joining.
    world += [Polygon(shapes[code], stroke=INK, stroke_width=4) for code, _decile in drawn]
    world += [
        Polygon(shapes[code], fill=decile_colour(decile), stroke="#ffffff", stroke_width=0.5)
        for code, decile in drawn
    ]
    if outline is not None:
        world.append(Polygon(outline, fill=None, stroke=BOROUGH_LINE, stroke_width=1.5))

    borough = session.get(Area, (place.edition_id, borough_code)) if borough_code else None
    borough_name = borough.name if borough is not None and outline is not None else None
    many = f"{figures.count(len(drawn))} neighbourhood{'s' if len(drawn) != 1 else ''}"
    title = (
        f"Map of {place.name}, a neighbourhood coloured by its deprivation decile"
        if place.kind == "lsoa"
        else f"Map of the {many} in {place.name}, coloured by deprivation decile"
    )
    description = _in_words(place, [d for _c, d in drawn], len(deciles) - len(drawn))
    faded = len(shapes) > len(drawn)
    if faded:
        description += " Neighbourhoods around it are grey"
        description += (
            f"; the thin dark line is the boundary of {borough_name}." if borough_name else "."
        )
    markers, in_words = marker_layer(
        asset_points(session, place.code, inside),
        framed.scale,
        framed.left,
        framed.top,
        (MAP_WIDTH, HEIGHT),
        (KEY_LEFT, 58 + 10 * 24 + 10 + 26 * faded + 26 * bool(borough_name)),
    )
    return Drawing(
        WIDTH,
        HEIGHT,
        title,
        description + in_words,
        (
            framed.place(world),
            *framed.scale_bar(),
            *_legend(faded, borough_name),
            *markers,
        ),
    )
