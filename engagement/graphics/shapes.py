"""The drawing model: a few plain shapes in pixel coordinates (origin top left, y down).

A Drawing carries its own title and description, which the SVG writer turns into <title> and
<desc> and Slack uses as the image's alt text. Text in shapes is plain: each writer escapes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Point = tuple[float, float]
Ring = tuple[Point, ...]


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 1.0


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str = "#0b0c0c"
    stroke_width: float = 1.0
    dashed: bool = False


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 1.0


@dataclass(frozen=True)
class Polygon:
    """One area of a map: outer rings and holes together, filled by the even-odd rule."""

    rings: tuple[Ring, ...]
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 1.0
    opacity: float = 1.0


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    size: float = 14.0
    anchor: Literal["start", "middle", "end"] = "start"
    bold: bool = False
    fill: str = "#0b0c0c"


@dataclass(frozen=True)
class Group:
    """Shapes drawn in world coordinates (e.g. projected metres, y up), placed on the page by
    x' = x * scale + offset_x and y' = offset_y - y * scale. Stroke widths stay in pixels."""

    shapes: tuple[Polygon | Line | Circle, ...]
    scale: float
    offset_x: float
    offset_y: float


Shape = Rect | Line | Circle | Polygon | Text | Group


@dataclass(frozen=True)
class Drawing:
    """A picture: its size in pixels, what it shows in words, and its shapes, drawn in order."""

    width: int
    height: int
    title: str
    description: str
    shapes: tuple[Shape, ...] = field(default_factory=tuple)
    background: str = "#ffffff"
