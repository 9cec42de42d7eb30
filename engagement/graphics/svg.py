"""A Drawing written out as one inline <svg> element for web pages.

The picture scales down with its container (never up past its own width), is announced by
screen readers as one image named by its <title> and explained by its <desc>, and every piece of
text in it is escaped, so an area called `<script>` is written as text and never as markup.
"""

from __future__ import annotations

import math
from dataclasses import replace
from html import escape

from engagement.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, Ring, Text

FONT_FAMILY = "Arial, Helvetica, sans-serif"
# Dash and gap in pixels, the same in the PNG writer.
DASH = "4 3"


def to_svg(drawing: Drawing, *, id_prefix: str) -> str:
    """Return the drawing as a standalone, responsive, accessible <svg> element (a string).

    id_prefix makes the ids of its <title> and <desc> unique on the page that holds it.
    """
    prefix = _attr(id_prefix)
    width, height = _num(drawing.width), _num(drawing.height)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" '
        # Sized by the page's stylesheet: a Content-Security-Policy without 'unsafe-inline'
        # drops style attributes.
        'class="fairer-drawing" '
        f'role="img" aria-labelledby="{prefix}-title {prefix}-desc" '
        f'font-family="{FONT_FAMILY}">',
        f'<title id="{prefix}-title">{_text(drawing.title)}</title>',
        f'<desc id="{prefix}-desc">{_text(drawing.description)}</desc>',
    ]
    if drawing.background:
        parts.append(
            f'<rect width="{width}" height="{height}" fill="{_attr(drawing.background)}"/>'
        )
    for shape in drawing.shapes:
        parts.append(_shape(shape))
    parts.append("</svg>")
    return "".join(parts)


# --- shapes -------------------------------------------------------------------------------------


def _shape(shape, in_group: bool = False) -> str:
    """Return one shape's element; inside a Group strokes keep their width in pixels."""
    kind = type(shape)
    if kind is Polygon:
        return _polygon(shape, 100, 2, in_group)
    if kind is Group:
        return _group(shape)
    if kind is Rect:
        return (
            f'<rect x="{_num(shape.x)}" y="{_num(shape.y)}" width="{_num(shape.width)}" '
            f'height="{_num(shape.height)}"{_paint(shape.fill, shape.stroke, shape.stroke_width)}/>'
        )
    if kind is Line:
        dash = f' stroke-dasharray="{DASH}"' if shape.dashed else ""
        return (
            f'<line x1="{_num(shape.x1)}" y1="{_num(shape.y1)}" x2="{_num(shape.x2)}" '
            f'y2="{_num(shape.y2)}" stroke="{_attr(shape.stroke)}" '
            f'stroke-width="{_num(shape.stroke_width)}"{dash}{_scaling(in_group)}/>'
        )
    if kind is Circle:
        return (
            f'<circle cx="{_num(shape.cx)}" cy="{_num(shape.cy)}" r="{_num(shape.r)}"'
            f"{_paint(shape.fill, shape.stroke, shape.stroke_width)}{_scaling(in_group)}/>"
        )
    if kind is Text:
        anchor = "" if shape.anchor == "start" else f' text-anchor="{shape.anchor}"'
        bold = ' font-weight="bold"' if shape.bold else ""
        return (
            f'<text x="{_num(shape.x)}" y="{_num(shape.y)}" font-size="{_num(shape.size)}"'
            f'{anchor}{bold} fill="{_attr(shape.fill)}">{_text(shape.text)}</text>'
        )
    raise TypeError(f"not a shape: {shape!r}")


def _group(group: Group) -> str:
    """Return a <g> whose matrix places world coordinates (y up) on the page (y down).

    Points are written as whole numbers of a step: the power of ten that moves a point by at
    most a tenth of a pixel at this scale (1 m for a borough in metres, 100 m for England), and
    the matrix scales by the step as well, so map outlines carry no decimals at all.
    """
    scale = group.scale
    exponent = math.floor(math.log10(0.1 / abs(scale))) if scale else 0
    factor = 10.0**-exponent
    step = scale / factor
    inner = [
        _polygon(s, factor, 0, True) if type(s) is Polygon else _shape(_in_steps(s, factor), True)
        for s in group.shapes
    ]
    matrix = (
        f"matrix({_fine(step)} 0 0 {_fine(-step)} {_num(group.offset_x)} {_num(group.offset_y)})"
    )
    return f'<g transform="{matrix}">{"".join(inner)}</g>'


def _in_steps(shape: Line | Circle, factor: float) -> Line | Circle:
    if type(shape) is Line:
        return replace(
            shape,
            x1=round(shape.x1 * factor),
            y1=round(shape.y1 * factor),
            x2=round(shape.x2 * factor),
            y2=round(shape.y2 * factor),
        )
    return replace(
        shape, cx=round(shape.cx * factor), cy=round(shape.cy * factor), r=shape.r * factor
    )


def _polygon(shape: Polygon, factor: float, places: int, in_group: bool) -> str:
    opacity = ""
    if shape.opacity != 1:
        value = _num(shape.opacity)
        opacity = f' fill-opacity="{value}"' + (
            f' stroke-opacity="{value}"' if shape.stroke else ""
        )
    return (
        f'<path d="{path_data(shape.rings, factor, places)}" fill-rule="evenodd"'
        f"{_paint(shape.fill, shape.stroke, shape.stroke_width)}{opacity}{_scaling(in_group)}/>"
    )


def path_data(rings: tuple[Ring, ...], factor: float, places: int) -> str:
    """Return SVG path data for the rings: each an absolute move then relative lines, closed.

    Points are counted in whole steps of 1/factor first and the steps differenced after, so the
    relative moves add up to exactly the rounded points (no drift along a long ring); the steps
    are written as decimals with places digits (factor = 10**places), or as they are with 0.
    """
    pieces = []
    for ring in rings:
        if len(ring) < 3:
            continue
        steps = [(round(x * factor), round(y * factor)) for x, y in ring]
        if steps[-1] == steps[0]:
            steps.pop()
        px, py = steps[0]
        deltas = []
        for qx, qy in steps[1:]:
            if qx != px or qy != py:
                deltas.append(qx - px)
                deltas.append(qy - py)
                px, py = qx, qy
        if not deltas:
            continue
        if places:
            moves = " ".join(_scaled(d, places) for d in deltas)
            start = f"M{_scaled(steps[0][0], places)} {_scaled(steps[0][1], places)}"
        else:
            moves = " ".join(map(str, deltas))
            start = f"M{steps[0][0]} {steps[0][1]}"
        # A minus sign separates numbers by itself in path data.
        pieces.append(f"{start}l{moves.replace(' -', '-')}z")
    return "".join(pieces)


def _scaled(steps: int, places: int) -> str:
    """Return a whole number of 10**-places steps as a short decimal: 1250, 2 -> "12.5"."""
    sign = "-" if steps < 0 else ""
    whole, part = divmod(abs(steps), 10**places)
    if not part:
        return f"{sign}{whole}"
    return f"{sign}{whole}.{str(part).rjust(places, '0').rstrip('0')}"


# --- attributes ---------------------------------------------------------------------------------


def _paint(fill: str | None, stroke: str | None, stroke_width: float) -> str:
    paint = f' fill="{_attr(fill) if fill else "none"}"'
    if stroke:
        paint += f' stroke="{_attr(stroke)}" stroke-width="{_num(stroke_width)}"'
    return paint


def _scaling(in_group: bool) -> str:
    return ' vector-effect="non-scaling-stroke"' if in_group else ""


def _num(value: float) -> str:
    """Return a pixel measure written compactly: 12.0 -> "12", 3.14159 -> "3.14", -0.001 -> "0"."""
    if value == int(value):
        return str(int(value))
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _fine(value: float) -> str:
    """Return a scale factor to six significant figures (a map's may be 0.0123456)."""
    return f"{value:.6g}"


def _text(value: str) -> str:
    return escape(str(value), quote=True)


def _attr(value: str) -> str:
    return escape(str(value), quote=True)
