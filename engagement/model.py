"""Plain dataclasses the domain hands to the bot and the web pages (no SQLAlchemy, no Slack)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# (key, label) for the overall index and the seven domains, in MHCLG's order.
DOMAINS: tuple[tuple[str, str], ...] = (
    ("imd", "Index of Multiple Deprivation"),
    ("income", "Income"),
    ("employment", "Employment"),
    ("education", "Education, Skills and Training"),
    ("health", "Health Deprivation and Disability"),
    ("crime", "Crime"),
    ("barriers", "Barriers to Housing and Services"),
    ("living_environment", "Living Environment"),
)

KIND_LABELS = {
    "lsoa": "Neighbourhood (LSOA)",
    "msoa": "Middle layer area (MSOA)",
    "ward": "Electoral ward",
    "lad": "Local authority",
    "county": "County council area",
    "england": "Country",
    "custom": "Target area",
}


@dataclass(frozen=True)
class DomainMeasures:
    """How deprived an area is on one domain, as MHCLG summarises larger areas.

    avg_rank: population-weighted average of its LSOAs' national ranks (1 = most deprived).
    lsoa_share_10 / lsoa_share_20: share of its LSOAs in England's most deprived 10% / 20%.
    pop_share_10 / pop_share_20: share of its people living in those LSOAs.
    extent: share of its people in the most deprived 30%, weighted as MHCLG's "extent" (IoD2019
    technical report, Appendix N): 1 to the 10th national percentile, 0.95 at the 11th falling
    by 0.9/19 a percentile to 0.05 at the 30th, 0 beyond.
    All shares are fractions between 0 and 1, and every value is exact (unrounded).
    """

    key: str
    label: str
    avg_rank: float
    lsoa_share_10: float
    lsoa_share_20: float
    pop_share_10: float
    pop_share_20: float
    extent: float


@dataclass(frozen=True)
class EditionInfo:
    """Which release of the Indices the figures come from."""

    key: str
    title: str
    is_sample: bool
    lsoa_total: int
    source: str


@dataclass(frozen=True)
class AreaSummary:
    """Enough about an area to name it in a list or on a button."""

    code: str
    name: str
    kind: str
    lad_name: str | None = None
    type_label: str | None = None  # what a council calls its own area, e.g. "Priority place"

    @property
    def kind_label(self) -> str:
        """Return what kind of area this is in words: "Electoral ward", "Target area", or the
        type a council gave its own area."""
        return self.type_label or KIND_LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class AreaProfile:
    """An area's deprivation profile, with its local authority and England to compare against."""

    area: AreaSummary
    alt_name: str | None
    lad_code: str | None
    population: int
    lsoa_count: int
    measures: tuple[DomainMeasures, ...]
    edition: EditionInfo
    comparators: tuple[AreaProfile, ...] = field(default=())

    def measure(self, key: str) -> DomainMeasures:
        """Return the measures for one domain key (e.g. "income")."""
        return next(m for m in self.measures if m.key == key)


@dataclass(frozen=True)
class AreaLookup:
    """The answer to "tell me about <query>".

    status: "found" (profile set), "choose" (several good matches in choices),
    "not_found" (suggestions may hold near misses), "empty" (no query given),
    "no_data" (nothing imported yet).
    """

    status: Literal["found", "choose", "not_found", "empty", "no_data"]
    query: str
    profile: AreaProfile | None = None
    choices: tuple[AreaSummary, ...] = ()
    suggestions: tuple[AreaSummary, ...] = ()
    total: int = 0  # how many areas matched, of which choices holds the closest
    examples: tuple[str, ...] = ()  # for "empty": queries that each find one loaded area
