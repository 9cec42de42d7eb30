"""A small PNG bar chart of agreement with each statement, whiskers showing the 95% interval.

Drawn with the standard library alone (zlib and struct write the PNG; a 3×5 pixel font writes
the numbers), so the clock needs no plotting package. Statements are numbered as in the digest.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

from bot.blocks.kit import lead_in
from engagement import figures
from engagement.digests.content import DigestContent, SurveyDigest

WIDTH = 640
ROW = 44
TOP = 16
LEFT = 48
RIGHT = 88
BOTTOM = 34
SCALE = 3  # each font pixel is drawn as a 3×3 square
BACKGROUND = (255, 255, 255)
BAR = (29, 112, 184)  # GOV.UK blue
INK = (11, 12, 12)
GRID = (177, 180, 182)
_FONT = {  # 3×5 glyphs, one string of 15 bits per character, row by row
    "0": "111101101101111",
    "1": "010110010010111",
    "2": "111001111100111",
    "3": "111001111001111",
    "4": "101101111001001",
    "5": "111100111001111",
    "6": "111100111101111",
    "7": "111001001001001",
    "8": "111101111101111",
    "9": "111101111001111",
    "%": "101001010100101",
    " ": "000000000000000",
    "<": "001010100010001",
    ">": "100010001010100",  # "<1%" and ">99%" (engagement.figures)
}


@dataclass(frozen=True)
class Chart:
    """A chart ready to upload: PNG bytes, a title and a text alternative for screen readers."""

    png: bytes
    title: str
    alt_text: str


class _Canvas:
    def __init__(self, width: int, height: int):
        self.width, self.height = width, height
        self.pixels = bytearray(bytes(BACKGROUND) * (width * height))

    def fill(self, x0: int, y0: int, x1: int, y1: int, colour: tuple[int, int, int]) -> None:
        """Paint the rectangle [x0, x1) × [y0, y1), clipped to the canvas; returns nothing."""
        for y in range(max(0, y0), min(self.height, y1)):
            start = (y * self.width + max(0, x0)) * 3
            count = max(0, min(self.width, x1) - max(0, x0))
            self.pixels[start : start + count * 3] = bytes(colour) * count

    def text(self, x: int, y: int, words: str, colour=INK) -> None:
        """Write digits, %, < and > with the top left corner at (x, y); returns nothing."""
        for i, char in enumerate(words):
            glyph = _FONT.get(char, _FONT[" "])
            for bit, on in enumerate(glyph):
                if on == "1":
                    gx, gy = x + i * 4 * SCALE + (bit % 3) * SCALE, y + (bit // 3) * SCALE
                    self.fill(gx, gy, gx + SCALE, gy + SCALE, colour)

    def png(self) -> bytes:
        """Return the canvas as PNG bytes (8-bit RGB, no filtering)."""
        rows = b"".join(
            b"\x00" + bytes(self.pixels[y * self.width * 3 : (y + 1) * self.width * 3])
            for y in range(self.height)
        )

        def chunk(kind: bytes, data: bytes) -> bytes:
            return (
                struct.pack(">I", len(data))
                + kind
                + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
            )

        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)  # 8-bit RGB
        return (
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows, 9))
            + chunk(b"IEND", b"")
        )


def agreement_png(rows: list[tuple[int, float, float, float]]) -> bytes:
    """Return a PNG of (number, agree %, lower %, upper %) rows as horizontal bars with whiskers."""
    height = TOP + ROW * len(rows) + BOTTOM
    canvas = _Canvas(WIDTH, height)
    plot = WIDTH - LEFT - RIGHT

    def x_of(pct: float) -> int:
        return LEFT + round(plot * max(0.0, min(100.0, pct)) / 100)

    for tick in (0, 25, 50, 75, 100):
        canvas.fill(x_of(tick), TOP - 4, x_of(tick) + 1, height - BOTTOM + 4, GRID)
        label = f"{tick}%"
        canvas.text(x_of(tick) - len(label) * 2 * SCALE, height - BOTTOM + 10, label)
    for i, (number, pct, lo, hi) in enumerate(rows):
        top = TOP + i * ROW + 8
        canvas.text(LEFT - 10 - len(str(number)) * 4 * SCALE, top + 6, str(number))
        canvas.fill(LEFT, top, x_of(pct), top + ROW - 16, BAR)
        middle = top + (ROW - 16) // 2
        canvas.fill(x_of(lo), middle - 1, x_of(hi) + 1, middle + 2, INK)
        for end in (lo, hi):
            canvas.fill(x_of(end) - 1, middle - 8, x_of(end) + 2, middle + 9, INK)
        canvas.text(WIDTH - RIGHT + 14, top + 6, figures.percentage(pct))
    return canvas.png()


def _charted(statement) -> bool:
    # A headline withheld in the digest's text is withheld from its picture too.
    agreement = statement.agreement
    return agreement is not None and not (agreement.withheld or agreement.base_withheld)


def _chart_survey(content: DigestContent) -> SurveyDigest | None:
    for survey in content.surveys:
        shown = [s for s in survey.statements if _charted(s)]
        if survey.new_responses and len(shown) >= 2:
            return survey
    return None


def digest_chart(content: DigestContent) -> Chart | None:
    """Return the agreement chart of the first survey that had responses this week and has at least
    two statements with 10 or more views; None when a picture would add nothing."""
    survey = _chart_survey(content)
    if survey is None:
        return None
    rows, described = [], []
    for number, statement in enumerate(survey.statements, start=1):
        if not _charted(statement):
            continue
        a = statement.agreement
        rows.append((number, a.agree_pct, a.ci95[0], a.ci95[1]))
        described.append(
            f"{number}. {lead_in(statement.prompt)}: {figures.percent_of(a.agree, a.n)} agree "
            f"(95% CI {figures.percent_range_words(*a.ci95)}, "
            f"{figures.count(a.n)} respondent{'' if a.n == 1 else 's'})"
        )
    title = f"Agreement so far: {survey.title}"
    return Chart(agreement_png(rows), title, (title + ". " + "; ".join(described))[:1000])
