"""An area's deprivation figures as open data: the document GET /areas/<code>.json serves.

Each figure is given twice: "value", exact (shares as percentages 0-100, unrounded), for analysts,
and "shown", the text every channel displays, worded by engagement.figures.
"""

from __future__ import annotations

from engagement import figures
from engagement.model import AreaProfile, DomainMeasures

# (JSON name, DomainMeasures attribute, is it a share): the six measures MHCLG publishes for
# larger areas, in the order the contract lists them.
MEASURES: tuple[tuple[str, str, bool], ...] = (
    ("average_rank", "avg_rank", False),
    ("extent", "extent", True),
    ("lsoas_most_deprived_10", "lsoa_share_10", True),
    ("people_most_deprived_10", "pop_share_10", True),
    ("lsoas_most_deprived_20", "lsoa_share_20", True),
    ("people_most_deprived_20", "pop_share_20", True),
)


def measure_value(measures: DomainMeasures, attribute: str, is_share: bool) -> float | None:
    """Return one measure's exact value: a share as a percentage (0-100), a rank as it is;
    None when it is missing."""
    exact = figures.exact(getattr(measures, attribute))
    if exact is None:
        return None
    # Scaling the exact decimal, not the float: 0.285 * 100 is 28.499999999999996 in floats.
    return float(exact.scaleb(2) if is_share else exact)


def measure_shown(measures: DomainMeasures, attribute: str, is_share: bool) -> str:
    """Return one measure as every channel shows it: "33%" or "6,962"."""
    value = getattr(measures, attribute)
    return figures.percent(value) if is_share else figures.rank(value)


def measures_document(profile: AreaProfile) -> list[dict]:
    """Return [{domain, measure, value, shown}] for every domain and measure of profile."""
    return [
        {
            "domain": measures.key,
            "measure": name,
            "value": measure_value(measures, attribute, is_share),
            "shown": measure_shown(measures, attribute, is_share),
        }
        for measures in profile.measures
        for name, attribute, is_share in MEASURES
    ]


def area_document(profile: AreaProfile) -> dict:
    """Return the open-data document of an area: its code, name, kind, edition, population,
    number of LSOAs, its comparators (local authority, England; each with its own measures, as the
    page shows them beside the area's) and every measure, exact and as shown."""
    return {
        "code": profile.area.code,
        "name": profile.area.name,
        "kind": profile.area.kind,
        "kind_label": profile.area.kind_label,
        "edition": profile.edition.key,
        "edition_title": profile.edition.title,
        "sample": profile.edition.is_sample,
        "source": profile.edition.source,
        "population": profile.population,
        "lsoas": profile.lsoa_count,
        "comparators": [
            {
                "code": comparator.area.code,
                "name": comparator.area.name,
                "measures": measures_document(comparator),
            }
            for comparator in profile.comparators
        ],
        "measures": measures_document(profile),
    }
