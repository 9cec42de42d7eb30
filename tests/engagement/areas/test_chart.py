"""The domain chart: one row per domain on one scale of average rank, most deprived on the left,
the area against its council and England, and every figure in its description."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

from PIL import Image

from engagement.areas.chart import domain_chart
from engagement.graphics.png import to_png
from engagement.graphics.shapes import Circle, Polygon, Rect, Text
from engagement.graphics.svg import to_svg
from engagement.model import DOMAINS, AreaProfile, AreaSummary, DomainMeasures, EditionInfo

NS = "{http://www.w3.org/2000/svg}"
IOD2019 = EditionInfo("iod2019", "English Indices of Deprivation 2019", False, 32844, "MHCLG")
KEYS = [key for key, _label in DOMAINS]
LABELS = dict(DOMAINS)


def _profile(code, name, kind, ranks: dict[str, float], comparators=()) -> AreaProfile:
    measures = tuple(
        DomainMeasures(key, LABELS[key], rank, 0.1, 0.2, 0.1, 0.2, 0.15)
        for key, rank in ranks.items()
    )
    return AreaProfile(
        area=AreaSummary(code, name, kind, "Norwich"),
        alt_name=None,
        lad_code="E07000148",
        population=8000,
        lsoa_count=5,
        measures=measures,
        edition=IOD2019,
        comparators=tuple(comparators),
    )


AREA_RANKS = {
    "imd": 2500.0,
    "income": 4211.4,
    "employment": 1000.0,
    "education": 1.0,
    "health": 5000.0,
    "crime": 20000.0,
    "barriers": 32844.0,
    "living_environment": 16000.0,
}
NORWICH = _profile("E07000148", "Norwich", "lad", dict.fromkeys(KEYS, 11230.2))
ENGLAND = _profile("E92000001", "England", "england", dict.fromkeys(KEYS, 16421.5))


def _heartsease(ranks=AREA_RANKS, name="Heartsease & Pilling Park", comparators=None):
    return _profile(
        "E02005740",
        name,
        "msoa",
        ranks,
        (NORWICH, ENGLAND) if comparators is None else comparators,
    )


def _texts(drawing) -> list[Text]:
    return [s for s in drawing.shapes if isinstance(s, Text)]


def _text(drawing, words: str) -> Text:
    return next(t for t in _texts(drawing) if t.text == words)


def _axis_x(drawing):
    """Return the x of rank 1 and of the last rank, read from the axis labels a reader sees."""
    return _text(drawing, "1").x, _text(drawing, "32,844").x


def _row_shapes(drawing, label: str) -> list:
    """Return the shapes drawn on a domain's row: below its label and above the next one."""
    labels = sorted(t.y for t in _texts(drawing) if t.text in LABELS.values())
    top = _text(drawing, label).y
    below = [y for y in labels if y > top]
    bottom = below[0] if below else _text(drawing, "1").y - 12
    return [s for s in drawing.shapes if top < _y(s) < bottom]


def _markers(row: list, x: float) -> list:
    """Return the markers on a row centred on x (to a hundredth of a pixel)."""
    markers = [s for s in row if isinstance(s, Circle | Rect | Polygon)]
    return [s for s in markers if abs(_x(s) - x) < 0.01]


def _y(shape) -> float:
    if isinstance(shape, Circle):
        return shape.cy
    if isinstance(shape, Rect):
        return shape.y + shape.height / 2
    if isinstance(shape, Polygon):
        ys = [y for _x, y in shape.rings[0]]
        return (min(ys) + max(ys)) / 2
    return getattr(shape, "y", getattr(shape, "y1", -1))


def _x(shape) -> float:
    if isinstance(shape, Circle):
        return shape.cx
    if isinstance(shape, Rect):
        return shape.x + shape.width / 2
    xs = [x for x, _y in shape.rings[0]]
    return (min(xs) + max(xs)) / 2


def _area_dot(drawing, label: str) -> Circle:
    """The filled circle the legend names as the area, on this row."""
    legend = _text(drawing, "Heartsease & Pilling Park")
    key = next(s for s in drawing.shapes if isinstance(s, Circle) and abs(s.cy - legend.y) < 10)
    return next(
        s
        for s in _row_shapes(drawing, label)
        if isinstance(s, Circle) and s.fill == key.fill and s.r == key.r
    )


def test_the_most_deprived_are_on_the_left():
    chart = domain_chart(_heartsease())
    left, right = _axis_x(chart)

    assert left < right
    assert _text(chart, "More deprived").x < _text(chart, "Less deprived").x
    employment = _area_dot(chart, "Employment")  # rank 1,000
    crime = _area_dot(chart, "Crime")  # rank 20,000
    assert employment.cx < crime.cx
    # Rank 1 at the axis' "1", the last rank at its "32,844", and the rest in proportion.
    assert _area_dot(chart, "Education, Skills and Training").cx == left
    assert _area_dot(chart, "Barriers to Housing and Services").cx == right
    assert abs(crime.cx - (left + (right - left) * 19999 / 32843)) < 0.01


def test_axis_labels_read_in_order_as_ranks():
    chart = domain_chart(_heartsease())
    axis_y = _text(chart, "1").y
    ticks = sorted((t for t in _texts(chart) if t.y == axis_y), key=lambda t: t.x)

    labels = [t.text for t in ticks]
    assert labels[0] == "1" and labels[-1] == "32,844"
    values = [int(label.replace(",", "")) for label in labels]
    assert values == sorted(values)
    assert all(label == f"{v:,}" for label, v in zip(labels, values, strict=True))


def test_comparators_sit_at_their_ranks_and_differ_in_shape_and_colour():
    chart = domain_chart(_heartsease())
    left, right = _axis_x(chart)
    row = _row_shapes(chart, "Income")
    norwich_x = left + (right - left) * (11230.2 - 1) / 32843
    england_x = left + (right - left) * (16421.5 - 1) / 32843

    at_norwich, at_england = _markers(row, norwich_x), _markers(row, england_x)
    assert len(at_norwich) == 1 and len(at_england) == 1
    area = _area_dot(chart, "Income")
    markers = [area, at_norwich[0], at_england[0]]
    shapes = [(type(m).__name__, m.fill is None) for m in markers]
    assert len(set(shapes)) == 3  # filled circle, hollow circle, bar: tell apart in greyscale
    colours = [m.fill or m.stroke for m in markers]
    assert len(set(colours)) == 3


def test_the_legend_names_every_marker():
    chart = domain_chart(_heartsease())
    texts = [t.text for t in _texts(chart)]

    for name in ("Heartsease & Pilling Park", "Norwich", "England"):
        assert name in texts


def test_a_county_gets_a_marker_of_its_own():
    norfolk = _profile("E10000020", "Norfolk", "county", dict.fromkeys(KEYS, 18000.0))
    chart = domain_chart(_heartsease(comparators=(NORWICH, norfolk, ENGLAND)))
    left, right = _axis_x(chart)
    county_x = left + (right - left) * 17999 / 32843

    row = _row_shapes(chart, "Income")
    at_county = _markers(row, county_x)
    assert len(at_county) == 1
    assert isinstance(at_county[0], Polygon)
    assert "Norfolk" in chart.title and "Norfolk 18,000" in chart.description


def test_the_most_deprived_tenth_is_a_labelled_band():
    chart = domain_chart(_heartsease())
    left, right = _axis_x(chart)
    band = next(s for s in chart.shapes if isinstance(s, Rect) and s.fill == "#f3f2f1")

    assert band.x == left
    # Ranks up to a tenth of 32,844 (3,284.4).
    assert abs(band.x + band.width - (left + (right - left) * 3283.4 / 32843)) < 0.01
    assert "Most deprived 10%" in [t.text for t in _texts(chart)]


def test_every_domain_is_a_labelled_row_in_order_with_the_overall_index_first():
    svg = to_svg(domain_chart(_heartsease()), id_prefix="chart")
    texts = [e.text for e in ET.fromstring(svg).iter(f"{NS}text")]

    rows = [t for t in texts if t in LABELS.values()]
    assert rows == [label for _key, label in DOMAINS]
    assert rows[0] == "Index of Multiple Deprivation"


def test_the_description_says_every_figure_as_a_person_reads_it():
    chart = domain_chart(_heartsease())

    # Ranks rounded half up to whole numbers: 4,211.4 -> 4,211, 11,230.2 -> 11,230,
    # 16,421.5 -> 16,422.
    assert "Income: 4,211 (Norwich 11,230; England 16,422)." in chart.description
    expected = {
        "Index of Multiple Deprivation": "2,500",
        "Employment": "1,000",
        "Education, Skills and Training": "1",
        "Health Deprivation and Disability": "5,000",
        "Crime": "20,000",
        "Barriers to Housing and Services": "32,844",
        "Living Environment": "16,000",
    }
    for label, shown in expected.items():
        assert f"{label}: {shown} (Norwich 11,230; England 16,422)." in chart.description
    assert "1 is the most deprived" in chart.description
    assert chart.title == (
        "Heartsease & Pilling Park: average deprivation rank by domain, against Norwich and England"
    )


def test_a_domain_without_figures_is_left_out():
    ranks = {k: v for k, v in AREA_RANKS.items() if k != "crime"}
    chart = domain_chart(_heartsease(ranks=ranks))
    texts = [t.text for t in _texts(chart)]

    assert "Crime" not in texts and "Crime:" not in chart.description
    assert "Income" in texts and "Living Environment" in texts


def test_a_comparator_without_a_domain_is_left_out_of_that_sentence():
    norwich = _profile("E07000148", "Norwich", "lad", {"imd": 9000.0})
    chart = domain_chart(_heartsease(comparators=(norwich, ENGLAND)))

    assert "Index of Multiple Deprivation: 2,500 (Norwich 9,000; England 16,422)." in (
        chart.description
    )
    assert "Income: 4,211 (England 16,422)." in chart.description


def test_a_hostile_area_name_stays_text_in_the_svg():
    name = '<script>alert("x")</script> & Co'
    svg = to_svg(domain_chart(_heartsease(name=name)), id_prefix="chart")
    root = ET.fromstring(svg)

    assert not [e for e in root.iter() if e.tag.endswith("script")]
    assert name in [e.text for e in root.iter(f"{NS}text")]
    assert root.find(f"{NS}title").text.startswith(name)


def test_the_png_shows_the_area_dot_in_its_colour():
    chart = domain_chart(_heartsease())
    dot = _area_dot(chart, "Crime")
    image = Image.open(io.BytesIO(to_png(chart, scale=2))).convert("RGB")

    assert image.size == (2 * chart.width, 2 * chart.height)
    assert image.getpixel((round(2 * dot.cx), round(2 * dot.cy))) == (29, 112, 184)
