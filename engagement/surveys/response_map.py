"""Who was heard, on a map: each neighbourhood's LSOAs in the colour of its responses per 1,000
residents, inside the council's boundary, target areas outlined.

The map draws the rows of the representation the results table shows (engagement.surveys.
representation.who_was_heard, in SurveySummary.heard); it never counts responses itself, so the
map and the table always agree. The areas coloured are the MSOAs residents choose from (the
wards, where a survey has no MSOA rows); target (custom) areas overlap them and are drawn as an
outline. Framing, scale bar and attribution are the area map's (engagement.areas.area_map).

Classes are steps of the 1–2–5 series (0.1, 0.2, 0.5, 1, 2, 5, 10, … per 1,000) placed around
the data: the middle class starts at the largest step not above the median of the rates shown,
with one step below it and two above, so there are always five classes and half the coloured
neighbourhoods fall in the upper three. A rate is classed as the table shows it (one decimal
place, rounded half up), so a neighbourhood the table gives as 2.0 is never in "1 to under 2".
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from statistics import median

from sqlalchemy import select
from sqlalchemy.orm import Session

from engagement import figures
from engagement.areas.area_map import (
    BOROUGH_LINE,
    HEIGHT,
    INK,
    KEY_LEFT,
    NEIGHBOUR_FILL,
    WIDTH,
    frame,
    key_panel,
    surroundings_key,
)
from engagement.areas.boundaries import (
    box_of,
    lad_outline,
    lsoa_shapes_in_view,
)
from engagement.areas.custom import lsoa_populations
from engagement.areas.editions import latest_edition_id
from engagement.graphics.shapes import Drawing, Line, Polygon, Rect, Text
from engagement.graphics.svg import to_svg
from engagement.statistics import FEWER_THAN_MINIMUM, MIN_GROUP
from engagement.surveys.representation import AreaHeard
from engagement.surveys.summary import SurveySummary
from storage.models import Area

# ColorBrewer's single-hue Blues (5 of its 6-class scheme, the palest left out so that no
# neighbourhood with responses looks empty): lightness falls steadily with the rate, so the order
# reads in greyscale and with any common colour-blindness.
PALETTE = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
NO_RESPONSES = "#fff7bc"  # pale yellow: clearly none, not merely few
WITHHELD_FILL = "#b1b4b6"  # GOV.UK mid grey, darker than the grey around the council
STEPS = tuple(
    Decimal(m) * Decimal(10) ** e for e in range(-1, 5) for m in (1, 2, 5)
)  # 0.1 … 50,000 per 1,000
NONE, WITHHELD = "none", "withheld"
TILE_KINDS = (("msoa", "neighbourhood"), ("ward", "ward"))
# Metres: wider than any one council (Northumberland is about 110 km), so a map this wide holds
# councils far apart (a survey without FAIRER_LOCAL_AUTHORITIES answered from two ends of
# England): then only the council most responses came from is drawn, and the words say so.
WIDEST = 150_000


def breaks(rates: Sequence[float]) -> tuple[Decimal, ...]:
    """Return the four breaks between the five classes for these rates per 1,000 (see the module
    docstring): e.g. (1, 2, 5, 10) when the median rate is 2.3; (0.5, 1, 2, 5) with no rates."""
    middle = figures.half_up(median(rates), 1) if rates else Decimal(1)
    at = bisect_right(STEPS, middle) - 1
    at = min(max(at, 1), len(STEPS) - 3)
    return STEPS[at - 1 : at + 3]


def class_of(rate: float, cuts: tuple[Decimal, ...]) -> int:
    """Return the class (0 lowest to 4 highest) of a rate per 1,000, rounded as it is shown."""
    return bisect_right(cuts, figures.half_up(rate, 1))


def _number(step: Decimal) -> str:
    return figures.count(int(step)) if step == int(step) else figures.decimal(step, 1)


def class_labels(cuts: tuple[Decimal, ...]) -> list[str]:
    """Return the key's words for the five classes: "Under 1", "1 to under 2", … "10 or more"."""
    words = [f"Under {_number(cuts[0])}"]
    words += [f"{_number(a)} to under {_number(b)}" for a, b in zip(cuts, cuts[1:], strict=False)]
    return [*words, f"{_number(cuts[-1])} or more"]


def _state(row: AreaHeard, protected: bool) -> float | str:
    """Return a row's rate per 1,000, or NONE (no responses) or WITHHELD ([c]). Rows arrive
    suppressed from who_was_heard (responses None under 10); protected also withholds any small
    count a caller passes unsuppressed."""
    if row.responses == 0:
        return NONE
    if row.responses is None or row.per_1000 is None:
        return WITHHELD
    if protected and row.responses < MIN_GROUP:
        return WITHHELD
    return row.per_1000


def _fill(state: int | str) -> str:
    if state == NONE:
        return NO_RESPONSES
    if state == WITHHELD:
        return WITHHELD_FILL
    return PALETTE[state]


def _tiles(rows: Sequence[AreaHeard]) -> tuple[list[AreaHeard], str]:
    for kind, word in TILE_KINDS:
        tiles = [r for r in rows if r.kind == kind]
        if tiles:
            return tiles, word
    return [], ""


def _main_council(tiles: list[AreaHeard], lad_of: dict[str, str | None]) -> list[AreaHeard]:
    """Return the tiles of the council most responses came from (then the most populous)."""
    by_lad: dict[str | None, list[AreaHeard]] = {}
    for row in tiles:
        by_lad.setdefault(lad_of.get(row.area_code), []).append(row)

    def weight(rows: list[AreaHeard]) -> tuple[float, int]:
        # A withheld count counts as one: enough to order councils by.
        heard = sum(1 if r.responses is None else r.responses for r in rows)
        return heard, sum(r.population for r in rows)

    return max(by_lad.values(), key=weight)


def _key(cuts, states: set, reasons: set, targets: bool, faded: bool, borough: bool) -> list:
    x = KEY_LEFT
    shapes: list = [
        *key_panel(),
        Text(x, 28, "Responses per", size=13, bold=True),
        Text(x, 45, "1,000 residents", size=13, bold=True),
    ]
    y = 58
    for colour, words in zip(PALETTE, class_labels(cuts), strict=True):
        shapes += [
            Rect(x, y, 24, 18, fill=colour, stroke="#ffffff"),
            Text(x + 32, y + 14, words, size=12),
        ]
        y += 24
    y += 6
    if NONE in states:
        shapes += [
            Rect(x, y, 24, 18, fill=NO_RESPONSES, stroke="#b1b4b6"),
            Text(x + 32, y + 14, "No responses", size=12),
        ]
        y += 26
    if WITHHELD in states:
        # Two lines: the words are as wide as the key.
        lines = (
            figures.withheld(FEWER_THAN_MINIMUM).rsplit(" ", 1)
            if reasons <= {FEWER_THAN_MINIMUM, None}
            else ["[c] too few, or to", "protect another"]
        )
        shapes += [
            Rect(x, y, 24, 18, fill=WITHHELD_FILL, stroke="#ffffff"),
            Text(x + 32, y + 14, lines[0], size=12),
            Text(x + 32, y + 28, lines[1], size=12),
        ]
        y += 40
    if targets:
        shapes += [
            Line(x, y + 9, x + 24, y + 9, stroke=INK, stroke_width=2.5),
            Text(x + 32, y + 14, "Target area", size=12),
        ]
        y += 26
    return shapes + surroundings_key(x, y, faded=faded, borough=bool(borough))


def _many(n: int, word: str) -> str:
    return f"{figures.count(n)} {word}{'' if n == 1 else 's'}"


def _in_words(drawn: list[tuple[AreaHeard, int | str]], word: str, missing: int) -> str:
    """Return the map's description: where most and fewest were heard, how many areas had no
    responses and how many are withheld."""
    shown = sorted(
        ((row, state) for row, state in drawn if isinstance(state, int)),
        key=lambda item: (-figures.half_up(item[0].per_1000, 1), item[0].area_name),
    )
    none = sum(1 for _row, state in drawn if state == NONE)
    withheld = Counter(
        row.withheld_because or FEWER_THAN_MINIMUM for row, state in drawn if state == WITHHELD
    )
    parts = []
    if shown:
        top = shown[0][0]
        parts.append(f"highest in {top.area_name} ({figures.per_1000(top.per_1000)})")
    if len(shown) > 1:
        low = shown[-1][0]
        parts.append(f"lowest in {low.area_name} ({figures.per_1000(low.per_1000)})")
    if none:
        parts.append(f"none from {_many(none, word)}")
    for reason, many in sorted(withheld.items()):
        parts.append(f"{_many(many, word)} {figures.withheld(reason)}, not shown as a rate")
    text = f"Responses per 1,000 residents by {word}: " + ("; ".join(parts) or "none yet") + "."
    text += " Darker blue is more responses for every 1,000 people living there."
    if missing:
        text += f" {_many(missing, word)} with no boundary imported are not drawn."
    return text


def response_map(session: Session, summary: SurveySummary, *, protected: bool) -> Drawing | None:
    """Return a map of the survey's responses per 1,000 residents in each neighbourhood (MSOA;
    wards where there are no MSOA rows), from summary.heard as the results table shows it: five
    classes of rate, "No responses", and "[c] fewer than 10 responses" for withheld counts (never
    a rate); target areas outlined, the council's boundary, a key and a scale bar.

    protected is True for anything shared (the public page): a count under 10 is then always
    drawn as [c]. Returns None when there are no neighbourhood rows or none has a boundary.
    """
    tiles, word = _tiles(summary.heard)
    edition_id = latest_edition_id(session)
    if not tiles or edition_id is None:
        return None
    lad_of = dict(
        session.execute(
            select(Area.code, Area.lad_code).where(
                Area.edition_id == edition_id, Area.code.in_([r.area_code for r in tiles])
            )
        ).all()
    )
    targets = [r for r in summary.heard if r.is_target]
    members = lsoa_populations(session, edition_id, [r.area_code for r in tiles + targets])
    lsoas_of = {r.area_code: list(members.get(r.area_code, {})) for r in tiles}
    box = box_of(session, [code for codes in lsoas_of.values() for code in codes])
    if box is not None and max(box[2] - box[0], box[3] - box[1]) > WIDEST:
        tiles = _main_council(tiles, lad_of)
        box = box_of(session, [code for r in tiles for code in lsoas_of[r.area_code]])
    if box is None:
        return None
    framed = frame(box)
    shapes = lsoa_shapes_in_view(session, framed.view)

    rates = [(r, _state(r, protected)) for r in tiles]
    cuts = breaks([s for _r, s in rates if not isinstance(s, str)])
    drawn = [(r, s if isinstance(s, str) else class_of(s, cuts)) for r, s in rates]
    fill_of = {code: _fill(state) for row, state in drawn for code in lsoas_of[row.area_code]}
    in_target = sorted(
        {code for r in targets for code in members.get(r.area_code, {})}
        & fill_of.keys()
        & shapes.keys()
    )
    world: list = [
        Polygon(rings, fill=NEIGHBOUR_FILL, stroke="#ffffff", stroke_width=0.5)
        for code, rings in shapes.items()
        if code not in fill_of
    ]
    world += [
        Polygon(shapes[code], fill=fill, stroke="#ffffff", stroke_width=0.5)
        for code, fill in fill_of.items()
        if code in shapes and code not in in_target
    ]
    # As on the area map: a thick line under each target LSOA, its fill over it, so only the
    # half outside the target area shows: the area's outline, drawn without any geometry work.
    world += [Polygon(shapes[code], stroke=INK, stroke_width=5) for code in in_target]
    world += [
        Polygon(shapes[code], fill=fill_of[code], stroke="#ffffff", stroke_width=0.5)
        for code in in_target
    ]
    lads = sorted({lad_of[r.area_code] for r in tiles if lad_of.get(r.area_code)})
    outlines = [o for lad in lads if (o := lad_outline(session, lad))]
    world += [Polygon(o, fill=None, stroke=BOROUGH_LINE, stroke_width=1.5) for o in outlines]

    missing = sum(1 for r in tiles if not any(code in shapes for code in lsoas_of[r.area_code]))
    description = _in_words(drawn, word, missing)
    left_out = len(_tiles(summary.heard)[0]) - len(tiles)
    if left_out:
        description += (
            f" Only one council's {word}s are drawn; {_many(left_out, word)} further away"
            " are in the table."
        )
    if in_target:
        description += " Target areas are outlined in black."
    return Drawing(
        WIDTH,
        HEIGHT,
        f"Map of responses to “{summary.title}” per 1,000 residents, by {word}",
        description,
        (
            framed.place(world),
            *framed.scale_bar(),
            *_key(
                cuts,
                {state for _row, state in drawn},
                {row.withheld_because for row, state in drawn if state == WITHHELD},
                bool(in_target),
                len(shapes) > len(fill_of.keys() & shapes.keys()),
                bool(outlines),
            ),
        ),
    )


def response_map_svg(session: Session, summary: SurveySummary, *, protected: bool) -> str | None:
    """Return response_map as an inline <svg> element (ids prefixed "response-map"), or None when
    there is no map."""
    # Not kept like the area pictures: Norwich's map (14 MSOAs, 83 LSOAs) is drawn and written in
    # under 10 ms, less than the summary beside it, and nothing can go stale.
    drawing = response_map(session, summary, protected=protected)
    return to_svg(drawing, id_prefix="response-map") if drawing is not None else None
