"""A Drawing rasterised as PNG with Pillow, for Slack, which shows images but not SVG.

The same shapes in the same places as the SVG writer draws them. Everything is drawn at
SUPERSAMPLE times the asked-for size and shrunk once at the end, which smooths the edges of
circles and polygons (Pillow draws those without antialiasing). Text uses the font bundled with
Pillow (no system fonts, so the picture is the same on every machine); bold is drawn with a thin
outline of the text's own colour. Output is deterministic: the same drawing gives the same bytes.
"""

from __future__ import annotations

import io
import math
from functools import lru_cache

from PIL import Image, ImageChops, ImageColor, ImageDraw, ImageFont

from engagement.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, Text

SUPERSAMPLE = 2
# Dash and gap in pixels at scale 1, as the SVG writer's stroke-dasharray "4 3".
DASH, GAP = 4.0, 3.0
_ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}


def to_png(drawing: Drawing, *, scale: float = 2.0) -> bytes:
    """Return the drawing as PNG bytes, drawing.width * scale pixels wide (rounded)."""
    width, height = round(drawing.width * scale), round(drawing.height * scale)
    image = Image.new("RGB", (width * SUPERSAMPLE, height * SUPERSAMPLE))
    image.paste(_rgb(drawing.background or "#ffffff"), (0, 0, *image.size))
    painter = _Painter(image, scale * SUPERSAMPLE)
    for shape in drawing.shapes:
        painter.shape(shape)
    # A box filter: each pixel the mean of the SUPERSAMPLE x SUPERSAMPLE it came from. Twice as
    # quick as Lanczos, and the file half the size (no ringing shades around every edge).
    image = image.reduce(SUPERSAMPLE)
    out = io.BytesIO()
    # zlib's default level: optimize=True (level 9) is 3% smaller and four times slower (a chart
    # of 1,280 x 760: 86 kB in 24 ms, against 84 kB in 94 ms). Palette images would be a third of
    # the size, but Pillow's quantizers merge pale fills (the 10% band) into the white.
    image.save(out, format="PNG", compress_level=6)
    return out.getvalue()


class _Painter:
    """Draws shapes onto one image, whose pixels are k page pixels each way."""

    def __init__(self, image: Image.Image, k: float) -> None:
        self.image = image
        self.draw = ImageDraw.Draw(image)
        self.k = k

    def shape(self, shape) -> None:
        k = self.k
        kind = type(shape)
        if kind is Polygon:
            self.polygon(shape, [[(x * k, y * k) for x, y in ring] for ring in shape.rings])
        elif kind is Group:
            self.group(shape)
        elif kind is Rect:
            self.rect(shape)
        elif kind is Line:
            self.line(shape.x1 * k, shape.y1 * k, shape.x2 * k, shape.y2 * k, shape)
        elif kind is Circle:
            self.circle(shape.cx * k, shape.cy * k, shape.r * k, shape)
        elif kind is Text:
            self.text(shape)
        else:
            raise TypeError(f"not a shape: {shape!r}")

    def group(self, group: Group) -> None:
        a = group.scale * self.k
        bx, by = group.offset_x * self.k, group.offset_y * self.k
        for shape in group.shapes:
            kind = type(shape)
            if kind is Polygon:
                rings = [[(x * a + bx, by - y * a) for x, y in ring] for ring in shape.rings]
                self.polygon(shape, rings)
            elif kind is Line:
                self.line(
                    shape.x1 * a + bx,
                    by - shape.y1 * a,
                    shape.x2 * a + bx,
                    by - shape.y2 * a,
                    shape,
                )
            elif kind is Circle:
                self.circle(shape.cx * a + bx, by - shape.cy * a, shape.r * abs(a), shape)
            else:
                raise TypeError(f"not a shape for a group: {shape!r}")

    def rect(self, rect: Rect) -> None:
        k = self.k
        x0, y0 = rect.x * k, rect.y * k
        x1, y1 = x0 + rect.width * k, y0 + rect.height * k
        if rect.fill:
            self.draw.rectangle((x0, y0, x1 - 1, y1 - 1), fill=_rgb(rect.fill))
        if rect.stroke:
            # SVG centres a stroke on the edge; Pillow draws its outline inside the box.
            half = rect.stroke_width * k / 2
            self.draw.rectangle(
                (x0 - half, y0 - half, x1 + half - 1, y1 + half - 1),
                outline=_rgb(rect.stroke),
                width=_width(rect.stroke_width * k),
            )

    def circle(self, cx: float, cy: float, r: float, shape: Circle) -> None:
        if shape.stroke:
            half = shape.stroke_width * self.k / 2
            box = (cx - r - half, cy - r - half, cx + r + half, cy + r + half)
            width = _width(shape.stroke_width * self.k)
            fill = _rgb(shape.fill) if shape.fill else None
            self.draw.ellipse(box, fill=fill, outline=_rgb(shape.stroke), width=width)
        elif shape.fill:
            self.draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=_rgb(shape.fill))

    def line(self, x1: float, y1: float, x2: float, y2: float, shape: Line) -> None:
        colour, width = _rgb(shape.stroke), _width(shape.stroke_width * self.k)
        if not shape.dashed:
            self.draw.line((x1, y1, x2, y2), fill=colour, width=width)
            return
        length = math.hypot(x2 - x1, y2 - y1)
        if not length:
            return
        dash, period = DASH * self.k, (DASH + GAP) * self.k
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        start = 0.0
        while start < length:
            end = min(start + dash, length)
            self.draw.line(
                (x1 + ux * start, y1 + uy * start, x1 + ux * end, y1 + uy * end),
                fill=colour,
                width=width,
            )
            start += period

    def polygon(self, shape: Polygon, rings: list[list[tuple[float, float]]]) -> None:
        rings = [ring for ring in rings if len(ring) >= 3]
        if not rings:
            return
        if shape.fill:
            self._fill(rings, _rgb(shape.fill), shape.opacity)
        if shape.stroke:
            colour = _rgb(shape.stroke)
            width = _width(shape.stroke_width * self.k)
            if shape.opacity < 1:
                layer = Image.new("L", self.image.size)
                outline = ImageDraw.Draw(layer)
                for ring in rings:
                    outline.line([*ring, ring[0]], fill=255, width=width, joint="curve")
                self._paste(colour, layer, shape.opacity, (0, 0, *self.image.size))
            else:
                for ring in rings:
                    self.draw.line([*ring, ring[0]], fill=colour, width=width, joint="curve")

    def _fill(self, rings, colour: tuple[int, int, int], opacity: float) -> None:
        """Fill rings by the even-odd rule: a point inside an odd number of rings is painted."""
        if len(rings) == 1 and opacity >= 1:
            self.draw.polygon(rings[0], fill=colour)
            return
        xs = [x for ring in rings for x, _y in ring]
        ys = [y for ring in rings for _x, y in ring]
        left = max(0, math.floor(min(xs)))
        top = max(0, math.floor(min(ys)))
        right = min(self.image.width, math.ceil(max(xs)) + 1)
        bottom = min(self.image.height, math.ceil(max(ys)) + 1)
        if right <= left or bottom <= top:
            return
        size = (right - left, bottom - top)
        mask = None
        for ring in rings:
            one = Image.new("1", size)
            ImageDraw.Draw(one).polygon([(x - left, y - top) for x, y in ring], fill=1)
            mask = one if mask is None else ImageChops.logical_xor(mask, one)
        self._paste(colour, mask.convert("L"), opacity, (left, top, right, bottom))

    def _paste(self, colour, mask: Image.Image, opacity: float, box) -> None:
        if opacity < 1:
            alpha = max(0, min(255, round(opacity * 255)))
            mask = mask.point(lambda v: alpha if v else 0)
        self.image.paste(colour, box, mask)

    def text(self, text: Text) -> None:
        k = self.k
        colour = _rgb(text.fill)
        self.draw.text(
            (text.x * k, text.y * k),
            text.text,
            fill=colour,
            font=_font(round(text.size * k, 1)),
            anchor=_ANCHORS[text.anchor],
            stroke_width=max(1, round(text.size * k / 24)) if text.bold else 0,
            stroke_fill=colour if text.bold else None,
        )


@lru_cache(maxsize=32)
def _font(size: float) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


@lru_cache(maxsize=64)
def _rgb(colour: str) -> tuple[int, int, int]:
    return ImageColor.getrgb(colour)[:3]


def _width(pixels: float) -> int:
    return max(1, round(pixels))
