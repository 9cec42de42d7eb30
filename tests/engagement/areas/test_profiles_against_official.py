"""Every deprivation measure of every area in England, worked out here straight from the official
files with pandas and whole-number arithmetic, against what the product shows.

Definitions (English Indices of Deprivation 2019, Technical Report, Appendix N "Summary measures
for higher-level geographies"):
- average rank: the population-weighted mean of the area's LSOA ranks (1 = most deprived);
- the share of the area's LSOAs, and of its people, in England's most deprived 10% (decile 1)
  and 20% (deciles 1-2), by the published deciles of File 2;
- extent: the share of the area's people living in the most deprived 30% of LSOAs, weighting
  people in the most deprived 10% (national percentiles 1-10) by 1, those at percentile 11 by
  0.95, falling by 0.9/19 a percentile to 0.05 at percentile 30, and 0 beyond. That weight is
  (559 - 18p) / 380 at percentile p in 11..30 (0.95 = 361/380, 0.05 = 19/380), so the test keeps
  every sum a whole number and divides once, exactly.
Percentile: ceil(100 x rank / number of LSOAs), the rule File 2's deciles follow (a decile is
ceil(10 x rank / 32,844) for every LSOA and domain: checked below), so percentiles 1-10 are
exactly decile 1.

Populations are File 6's (mid-2015, excluding prisoners); wards come from the ONS LSOA->ward
lookup; an LSOA belongs to the MSOA whose ONS name is its own name without the final letter.
Shown figures are rounded once, half up: percentages to whole numbers ("<1%" for a share above
nothing that rounds to 0, ">99%" for one short of everybody that rounds to 100), ranks to whole
numbers with thousands separators.
"""

from __future__ import annotations

from collections import Counter
from decimal import ROUND_HALF_UP, Context, Decimal

import numpy as np
import pandas as pd
import pytest

from engagement import figures
from engagement.areas.lookup import get_area_profile
from storage import session_scope
from storage.db import make_engine
from tests.official_lsoas import FILE_2_DOMAINS

# The product's domain keys and the way File 2's headers name each domain.
DOMAIN_HEADERS = FILE_2_DOMAINS
MEASURES = ("avg_rank", "lsoa_share_10", "lsoa_share_20", "pop_share_10", "pop_share_20", "extent")
_EXACT = Context(prec=60)


def _read_lsoas(official) -> pd.DataFrame:
    domains = pd.read_csv(official["domains"], encoding="utf-8-sig")
    population = pd.read_csv(official["population"], encoding="utf-8-sig", thousands=",")
    wards = pd.read_csv(official["wards"], encoding="utf-8-sig")
    msoas = pd.read_csv(official["msoa_names"], encoding="utf-8-sig")
    frame = pd.DataFrame(
        {
            "code": domains["LSOA code (2011)"],
            "lad": domains["Local Authority District code (2019)"],
            "msoa_ons_name": domains["LSOA name (2011)"].str[:-1],
        }
    )
    frame["population"] = (
        population.set_index("LSOA code (2011)")["Total population: mid 2015 (excluding prisoners)"]
        .reindex(frame["code"])
        .to_numpy()
        .astype("int64")
    )
    frame["ward"] = wards.set_index("LSOA11CD")["WD19CD"].reindex(frame["code"]).to_numpy()
    msoa_by_name = msoas.drop_duplicates("MSOA11NM").set_index("MSOA11NM")["MSOA11CD"]
    frame["msoa"] = msoa_by_name.reindex(frame["msoa_ons_name"]).to_numpy()
    for key, header in DOMAIN_HEADERS.items():
        frame[f"{key}_rank"] = domains[f"{header} Rank (where 1 is most deprived)"].astype("int64")
        frame[f"{key}_decile"] = domains[
            f"{header} Decile (where 1 is most deprived 10% of LSOAs)"
        ].astype("int64")
    return frame


def _whole_number_parts(lsoas: pd.DataFrame) -> pd.DataFrame:
    """Per-LSOA whole numbers whose sums over an area give its measures' numerators."""
    total = len(lsoas)
    pop = lsoas["population"].to_numpy()
    parts = {"population": pop, "lsoas": np.ones(total, dtype="int64")}
    for key in DOMAIN_HEADERS:
        rank = lsoas[f"{key}_rank"].to_numpy()
        decile = lsoas[f"{key}_decile"].to_numpy()
        percentile = -(-rank * 100 // total)
        weight_380ths = np.where(
            percentile <= 10, 380, np.where(percentile <= 30, 559 - 18 * percentile, 0)
        )
        parts[f"{key}.rank_x_pop"] = rank * pop
        parts[f"{key}.in10"] = (decile == 1).astype("int64")
        parts[f"{key}.in20"] = (decile <= 2).astype("int64")
        parts[f"{key}.pop10"] = (decile == 1) * pop
        parts[f"{key}.pop20"] = (decile <= 2) * pop
        parts[f"{key}.extent_380ths"] = weight_380ths * pop
    return pd.DataFrame(parts, index=lsoas["code"].to_numpy())


def _ratios(sums: pd.Series, key: str) -> dict[str, tuple[int, int]]:
    """Each measure of one domain as (numerator, denominator), whole numbers."""
    pop, count = int(sums["population"]), int(sums["lsoas"])
    return {
        "avg_rank": (int(sums[f"{key}.rank_x_pop"]), pop),
        "lsoa_share_10": (int(sums[f"{key}.in10"]), count),
        "lsoa_share_20": (int(sums[f"{key}.in20"]), count),
        "pop_share_10": (int(sums[f"{key}.pop10"]), pop),
        "pop_share_20": (int(sums[f"{key}.pop20"]), pop),
        "extent": (int(sums[f"{key}.extent_380ths"]), 380 * pop),
    }


def _exact(numerator: int, denominator: int) -> Decimal:
    return _EXACT.divide(Decimal(numerator), Decimal(denominator))


def shown(measure: str, numerator: int, denominator: int) -> str:
    """The figure as a person should read it, rounded once, half up."""
    value = _exact(numerator, denominator)
    if measure == "avg_rank":
        return f"{int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP)):,}"
    percent = value.scaleb(2)
    whole = int(percent.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if 0 < numerator and whole == 0:
        return "<1%"
    if numerator < denominator and whole == 100:
        return ">99%"
    return f"{whole}%"


@pytest.fixture(scope="module")
def independent(official) -> dict[str, tuple[str, pd.Series]]:
    """{area code: (kind, summed whole-number parts)} for every LSOA, MSOA, ward, local
    authority and England, from the official files alone."""
    lsoas = _read_lsoas(official)
    parts = _whole_number_parts(lsoas)
    areas: dict[str, tuple[str, pd.Series]] = {}
    for code, row in parts.iterrows():
        areas[code] = ("lsoa", row)
    for kind, column in (("msoa", "msoa"), ("ward", "ward"), ("lad", "lad")):
        sums = parts.groupby(lsoas[column].to_numpy()).sum()
        for code, row in sums.iterrows():
            areas[code] = (kind, row)
    areas["E92000001"] = ("england", parts.sum())
    return areas


def test_file_2_deciles_are_ceil_of_ten_times_rank_over_lsoas(official):
    lsoas = _read_lsoas(official)
    for key in DOMAIN_HEADERS:
        decile = -(-lsoas[f"{key}_rank"] * 10 // len(lsoas))
        assert (decile == lsoas[f"{key}_decile"]).all(), key


def test_every_measure_of_every_area_in_england_shows_as_computed_from_the_official_files(
    england_url, independent
):
    engine = make_engine(england_url)
    differences = []
    checked = 0
    with session_scope(engine) as session:
        for code, (kind, sums) in independent.items():
            profile = get_area_profile(session, code)
            assert profile is not None, f"{kind} {code} is missing"
            assert profile.population == int(sums["population"]), code
            assert profile.lsoa_count == int(sums["lsoas"]), code
            for key in DOMAIN_HEADERS:
                measures = profile.measure(key)
                for measure, (numerator, denominator) in _ratios(sums, key).items():
                    value = getattr(measures, measure)
                    product = (
                        figures.rank(value) if measure == "avg_rank" else figures.percent(value)
                    )
                    expected = shown(measure, numerator, denominator)
                    checked += 1
                    if product != expected:
                        differences.append((code, kind, key, measure, product, expected))
    engine.dispose()
    kinds = pd.Series([kind for kind, _sums in independent.values()]).value_counts()
    assert kinds["lad"] == 317 and kinds["lsoa"] == 32_844 and kinds["ward"] > 6_000
    assert checked == len(independent) * len(DOMAIN_HEADERS) * len(MEASURES)
    by_measure = Counter(measure for _code, _kind, _key, measure, _shown, _exp in differences)
    assert not differences, (
        f"{len(differences)} of {checked} figures differ ({dict(by_measure)}; code, kind, "
        f"domain, measure, shown, expected): {differences[:20]}"
    )


def _product(england_url, code: str):
    engine = make_engine(england_url)
    with session_scope(engine) as session:
        profile = get_area_profile(session, code)
    engine.dispose()
    return profile


@pytest.mark.parametrize(
    ("code", "domain", "measure", "exact_to_three_places", "text"),
    [
        # The cases issue 12 names, worked out by hand from the files.
        ("E01026740", "imd", "extent", None, "33%"),  # percentile 24: (559 - 432) / 380
        ("E05012902", "imd", "pop_share_20", "0.325", "32%"),  # 3,583 of 11,025 = 32.499%
        ("E08000004", "imd", "lsoa_share_10", "0.305", "30%"),  # 43 of 141 = 30.496%
        ("E02000109", "imd", "avg_rank", "13193.499", "13,193"),
    ],
)
def test_the_cases_the_issue_names(
    england_url, independent, code, domain, measure, exact_to_three_places, text
):
    _kind, sums = independent[code]
    numerator, denominator = _ratios(sums, domain)[measure]
    if exact_to_three_places is not None:
        assert str(_exact(numerator, denominator).quantize(Decimal("0.001"))) == (
            exact_to_three_places
        )
    assert shown(measure, numerator, denominator) == text
    value = getattr(_product(england_url, code).measure(domain), measure)
    shown_by_product = figures.rank(value) if measure == "avg_rank" else figures.percent(value)
    assert shown_by_product == text


def test_catton_grove_and_oldham_counts(independent):
    catton = independent["E05012902"][1]
    assert (int(catton["imd.pop20"]), int(catton["population"])) == (3_583, 11_025)
    oldham = independent["E08000004"][1]
    assert (int(oldham["imd.in10"]), int(oldham["lsoas"])) == (43, 141)


@pytest.mark.parametrize(
    ("code", "published_extent_percent"),
    [("E02005587", "48.7"), ("E92000001", "20.0")],  # Heartsease & Pilling Park; England
)
def test_extent_matches_the_published_tenths(
    england_url, independent, code, published_extent_percent
):
    numerator, denominator = _ratios(independent[code][1], "imd")["extent"]
    assert str(_exact(numerator, denominator).scaleb(2).quantize(Decimal("0.1"))) == (
        published_extent_percent
    )
    product = _product(england_url, code).measure("imd").extent
    assert figures.percent(product, places=1) == f"{published_extent_percent}%"
