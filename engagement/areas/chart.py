"""An area's deprivation by domain at a glance: a dot chart on one scale of average rank.

One row per domain (the overall Index first), running from rank 1, the most deprived, on the
left to the last rank on the right. On each row a filled dot is the area and other markers are
its comparators (local authority, county, England); each comparator differs from the others in
shape as well as colour, so the chart still reads in greyscale. A pale band marks England's most
deprived 10%. The drawing's description says every figure in words, as a full text alternative.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from engagement import figures
from engagement.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, Shape, Text
from engagement.model import DOMAINS, AreaProfile

WIDTH = 640
X0, X1 = 20.0, 620.0  # where rank 1 and the last rank sit
TOP = 28.0  # first row's top; the band's label sits above it
ROW = 40.0
LEGEND_LINE = 22.0
TEXT, BLUE, GREY, BAND, SPINE, GREEN = (
    "#0b0c0c",
    "#1d70b8",
    "#505a5f",
    "#f3f2f1",
    "#b1b4b6",
    "#00703c",
)
# Rough width of a character in Arial as a share of the font size, to lay out the legend.
CHAR_WIDTH = 0.56


@dataclass(frozen=True)
class ChartRow:
    """One domain's row: its label and the average ranks of the area and of each comparator.

    comparators pairs each comparator's name with its average rank (None where it has none).
    """

    key: str
    label: str
    area: float
    comparators: tuple[tuple[str, float | None], ...]


def chart_rows(profile: AreaProfile) -> list[ChartRow]:
    """Return the chart's rows in DOMAINS order, skipping domains the area has no rank for."""
    rows = []
    for key, label in DOMAINS:
        rank = _avg_rank(profile, key)
        if rank is None:
            continue
        others = tuple((c.area.name, _avg_rank(c, key)) for c in profile.comparators)
        rows.append(ChartRow(key, label, rank, others))
    return rows


def domain_chart(profile: AreaProfile) -> Drawing:
    """Return the dot chart of the area's average rank by domain against its comparators."""
    rows = chart_rows(profile)
    total = profile.edition.lsoa_total
    if not rows:
        message = Text(X0, 24, f"No deprivation ranks are recorded for {profile.area.name}.")
        return Drawing(WIDTH, 40, _title(profile), _description(profile, rows), (message,))
    styles = _marker_styles(profile)
    shapes: list[Shape] = []
    bottom = TOP + ROW * len(rows)
    band_right = _x(total / 10, total)
    shapes.append(Rect(X0, TOP - 4, band_right - X0, bottom - TOP + 4, fill=BAND))
    shapes.append(Text(X0, TOP - 10, "Most deprived 10%", size=12, fill=GREY))
    for i, row in enumerate(rows):
        top = TOP + ROW * i
        spine = top + 30
        shapes.append(Text(X0, top + 15, row.label, size=13, bold=row.key == "imd"))
        shapes.append(Line(X0, spine, X1, spine, stroke=SPINE))
        for (_name, rank), style in sorted(
            zip(row.comparators, styles, strict=True), key=lambda pair: pair[1][0]
        ):
            if rank is not None:
                shapes.extend(_marker(style[1], _x(rank, total), spine))
        shapes.extend(_marker("dot", _x(row.area, total), spine))
    shapes.extend(_axis(bottom, total))
    legend, height = _legend(profile, styles, bottom + 70)
    shapes.extend(legend)
    return Drawing(
        width=WIDTH,
        height=math.ceil(height),
        title=_title(profile),
        description=_description(profile, rows),
        shapes=tuple(shapes),
    )


# --- words --------------------------------------------------------------------------------------


def _title(profile: AreaProfile) -> str:
    title = f"{profile.area.name}: average deprivation rank by domain"
    names = [c.area.name for c in profile.comparators]
    if names:
        title += ", against " + _and(names)
    return title


def _description(profile: AreaProfile, rows: list[ChartRow]) -> str:
    total = figures.count(profile.edition.lsoa_total)
    if not rows:
        return f"No deprivation ranks are recorded for {profile.area.name}."
    sentences = [
        f"Average rank of neighbourhoods by domain ({profile.edition.title}), where 1 is the most "
        f"deprived of {total} and {total} the least."
    ]
    for row in rows:
        known = [
            f"{name} {figures.rank(rank)}" for name, rank in row.comparators if rank is not None
        ]
        others = f" ({'; '.join(known)})" if known else ""
        sentences.append(f"{row.label}: {figures.rank(row.area)}{others}.")
    return " ".join(sentences)


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


# --- scale and markers --------------------------------------------------------------------------


def _avg_rank(profile: AreaProfile, key: str) -> float | None:
    measures = next((m for m in profile.measures if m.key == key), None)
    if measures is None or not math.isfinite(measures.avg_rank):
        return None
    return measures.avg_rank


def _x(rank: float, total: int) -> float:
    """Return the x of an average rank: rank 1 at X0, the last rank at X1."""
    if total <= 1:
        return X0
    share = min(1.0, max(0.0, (rank - 1) / (total - 1)))
    return X0 + share * (X1 - X0)


# Comparator markers by the kind of area they usually stand for: (drawing order, marker).
_BY_KIND = {"lad": (3, "ring"), "county": (2, "diamond"), "england": (1, "bar")}
_SPARE = [(3, "ring"), (2, "diamond"), (1, "bar"), (0, "square")]


def _marker_styles(profile: AreaProfile) -> list[tuple[int, str]]:
    """Return each comparator's marker, by its kind where that is free, else the next unused."""
    chosen: list[tuple[int, str] | None] = []
    for comparator in profile.comparators:
        style = _BY_KIND.get(comparator.area.kind)
        chosen.append(style if style not in chosen else None)
    for i, style in enumerate(chosen):
        if style is None:
            chosen[i] = next(s for s in _SPARE if s not in chosen)
    return chosen


def _marker(kind: str, x: float, y: float) -> list[Shape]:
    """Return the shapes of one marker centred on (x, y)."""
    if kind == "dot":
        return [Circle(x, y, 6, fill=BLUE, stroke="#ffffff", stroke_width=1)]
    if kind == "ring":
        return [Circle(x, y, 8, stroke=TEXT, stroke_width=2)]
    if kind == "diamond":
        ring = ((x, y - 9), (x + 9, y), (x, y + 9), (x - 9, y))
        return [Polygon((ring,), fill=GREEN)]
    if kind == "bar":
        return [Rect(x - 1.5, y - 12, 3, 24, fill=GREY)]
    return [Rect(x - 6, y - 6, 12, 12, stroke=BLUE, stroke_width=2)]


def _axis(bottom: float, total: int) -> list[Shape]:
    y = bottom + 4
    shapes: list[Shape] = [Line(X0, y, X1, y, stroke=GREY)]
    for rank in _ticks(total):
        x = _x(rank, total)
        shapes.append(Line(x, y, x, y + 5, stroke=GREY))
        shapes.append(Text(x, y + 18, figures.rank(rank), size=12, anchor="middle"))
    words = y + 38
    shapes.append(Text(X0, words, "More deprived", size=13, bold=True))
    shapes.append(
        Text(
            (X0 + X1) / 2,
            words,
            f"Average rank, 1 to {figures.count(total)}",
            size=12,
            anchor="middle",
            fill=GREY,
        )
    )
    shapes.append(Text(X1, words, "Less deprived", size=13, anchor="end", bold=True))
    return shapes


def _ticks(total: int) -> list[int]:
    """Return ranks to mark: 1, then round steps (1, 2 or 5 times a power of ten, at most seven of
    them), and the last rank too when it is at least half a step past the last round one."""
    if total <= 1:
        return [1]
    step = 1
    for power in range(0, 12):
        step = next((m * 10**power for m in (1, 2, 5) if total / (m * 10**power) <= 7), 0)
        if step:
            break
    ticks = [1, *range(step, total + 1, step)]
    if ticks[1:2] == [1]:
        ticks.pop(1)
    if total - ticks[-1] >= step / 2:
        ticks.append(total)
    return ticks


# --- legend -------------------------------------------------------------------------------------


def _legend(profile: AreaProfile, styles, top: float) -> tuple[list[Shape], float]:
    """Return the legend's shapes, flowing left to right and wrapping, and the drawing's height."""
    entries = [("dot", profile.area.name)]
    entries += [
        (style[1], c.area.name) for c, style in zip(profile.comparators, styles, strict=True)
    ]
    shapes: list[Shape] = []
    x, y = X0, top
    size = 13
    for kind, name in entries:
        lines = _wrap(name, int((X1 - X0 - 24) / (size * CHAR_WIDTH)))
        width = 24 + max(len(line) for line in lines) * size * CHAR_WIDTH
        if x > X0 and x + width > X1:
            x, y = X0, y + LEGEND_LINE
        shapes.extend(_marker(kind, x + 9, y - 4.5))
        for i, line in enumerate(lines):
            shapes.append(Text(x + 24, y + i * LEGEND_LINE, line, size=size))
        y += LEGEND_LINE * (len(lines) - 1)
        # After a name that needed several lines the next entry starts a line of its own.
        x = X1 if len(lines) > 1 else x + width + 24
    return shapes, y + 10


def _wrap(text: str, limit: int) -> list[str]:
    """Return text broken between words into lines of at most limit characters where it can be."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]
