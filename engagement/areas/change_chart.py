"""Change since the earlier edition by domain: a dumbbell chart in the style of the area chart.

One row per domain (the overall Index first). The two editions rank different numbers of LSOAs,
so the scale is position in England's ranking (average rank as a share of England's LSOAs), from
the most deprived on the left to the least on the right. An open ring is the earlier edition, a
filled dot the latest, joined by a line; a pale band marks England's most deprived 10%. The
drawing's description says every figure in words; pages show the same figures in a table.
"""

from __future__ import annotations

import math

from engagement import figures
from engagement.areas.change import direction
from engagement.areas.change_report import ChangeSince, coverage_sentence
from engagement.areas.chart import BAND, BLUE, GREY, SPINE, TEXT, WIDTH, X0, X1
from engagement.graphics.shapes import Circle, Drawing, Line, Rect, Shape, Text

TOP = 28.0
ROW = 40.0


def _x(position: float) -> float:
    return X0 + min(1.0, max(0.0, position)) * (X1 - X0)


def change_chart(report: ChangeSince) -> Drawing:
    """Return the dumbbell chart of the area's position in England's ranking by domain in the
    earlier and the latest edition, over its comparable neighbourhoods."""
    change = report.change
    before, after = _labels(report)
    title = f"Change in deprivation by domain, {before} to {after}"
    if not change.domains:
        text = coverage_sentence(report)
        return Drawing(WIDTH, 40, title, text, (Text(X0, 24, text),))
    shapes: list[Shape] = []
    bottom = TOP + ROW * len(change.domains)
    shapes.append(Rect(X0, TOP - 4, _x(0.1) - X0, bottom - TOP + 4, fill=BAND))
    shapes.append(Text(X0, TOP - 10, "Most deprived 10%", size=12, fill=GREY))
    for i, domain in enumerate(change.domains):
        top = TOP + ROW * i
        spine = top + 30
        was = _x(float(domain.before_avg_rank / change.before_total))
        now = _x(float(domain.after_avg_rank / change.after_total))
        shapes.append(Text(X0, top + 15, domain.label, size=13, bold=domain.key == "imd"))
        shapes.append(Line(X0, spine, X1, spine, stroke=SPINE))
        shapes.append(Line(was, spine, now, spine, stroke=TEXT, stroke_width=3))
        shapes.append(Circle(was, spine, 7, fill="#ffffff", stroke=TEXT, stroke_width=2))
        shapes.append(Circle(now, spine, 6, fill=BLUE, stroke="#ffffff", stroke_width=1))
    y = bottom + 4
    shapes.append(Line(X0, y, X1, y, stroke=GREY))
    for tenth in range(0, 11, 2):
        x = _x(tenth / 10)
        shapes.append(Line(x, y, x, y + 5, stroke=GREY))
        shapes.append(Text(x, y + 18, f"{tenth * 10}%", size=12, anchor="middle"))
    words = y + 38
    shapes.append(Text(X0, words, "More deprived", size=13, bold=True))
    shapes.append(
        Text(
            (X0 + X1) / 2,
            words,
            "Average rank as a share of England’s neighbourhoods",
            size=12,
            anchor="middle",
            fill=GREY,
        )
    )
    shapes.append(Text(X1, words, "Less deprived", size=13, anchor="end", bold=True))
    legend = words + 32
    shapes.append(Circle(X0 + 9, legend - 4.5, 7, fill="#ffffff", stroke=TEXT, stroke_width=2))
    shapes.append(Text(X0 + 24, legend, before, size=13))
    middle = X0 + 24 + len(before) * 13 * 0.56 + 24
    shapes.append(Circle(middle + 9, legend - 4.5, 6, fill=BLUE, stroke="#ffffff"))
    shapes.append(Text(middle + 24, legend, after, size=13))
    return Drawing(
        width=WIDTH,
        height=math.ceil(legend + 10),
        title=title,
        description=change_description(report),
        shapes=tuple(shapes),
    )


def _labels(report: ChangeSince) -> tuple[str, str]:
    return report.before.title, report.after.title


def change_description(report: ChangeSince) -> str:
    """Return every figure of the change chart in words, as its text alternative."""
    change = report.change
    before, after = _labels(report)
    sentences = [
        f"Average rank of comparable neighbourhoods by domain, {before} (1 to "
        f"{figures.count(change.before_total)}) and {after} (1 to "
        f"{figures.count(change.after_total)}), where 1 is the most deprived.",
        coverage_sentence(report),
    ]
    for d in change.domains:
        moved = direction(d, change.before_total, change.after_total)
        sentences.append(
            f"{d.label}: {figures.rank(d.before_avg_rank)} to {figures.rank(d.after_avg_rank)} "
            f"({moved})."
        )
    return " ".join(sentences)
