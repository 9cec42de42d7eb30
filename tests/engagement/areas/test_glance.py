"""The profile at a glance: the headline sentence and the one table, on hand-built profiles and on
Heartsease & Pilling Park (E02005587, Norwich) worked out here from the official IoD2019 files.

Definitions used for the expectations (IoD2019 Technical Report, Appendix N): an area's average
rank is the population-weighted mean of its LSOAs' ranks; File 2 places an LSOA in decile
ceil(10 x rank / 32,844), and an area's average rank is placed among LSOA ranks the same way, so
the sentence says "on average". People in the most deprived 10% are those living in decile-1 LSOAs.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pytest

from engagement.areas.glance import (
    headline_sentence,
    headline_table,
    national_decile,
    people_in_most_deprived_10,
)
from engagement.areas.lookup import get_area_profile
from engagement.model import DOMAINS, AreaProfile, AreaSummary, DomainMeasures, EditionInfo
from storage import session_scope
from storage.db import make_engine
from tests.official_lsoas import FILE_2_DOMAINS, read_official_lsoas

OFFICIAL = EditionInfo("IoD2019", "English Indices of Deprivation 2019", False, 32844, "MHCLG")
IMD_HEADER = "Index of Multiple Deprivation (IMD)"
HEADERS = FILE_2_DOMAINS


def make_measures(ranks: dict[str, float], pop_share_10: float = 0.0) -> tuple:
    return tuple(
        DomainMeasures(key, label, ranks[key], 0.0, 0.0, pop_share_10, 0.0, 0.0)
        for key, label in DOMAINS
        if key in ranks
    )


def ranks(imd: float, **domains: float) -> dict[str, float]:
    """IMD rank imd; every domain 20,000 unless given."""
    every = {key: 20_000.0 for key, _label in DOMAINS}
    return {**every, "imd": imd, **domains}


def profile(
    *,
    name="Heartsease & Pilling Park",
    kind="msoa",
    imd=2_000.0,
    population=8_300,
    share=0.5,
    comparators=True,
    **domains,
) -> AreaProfile:
    borough = AreaProfile(
        AreaSummary("E07000148", "Norwich", "lad"),
        None,
        None,
        141_137,
        83,
        make_measures(ranks(9_000.0, education=9_876.0, income=8_765.4)),
        OFFICIAL,
    )
    england = AreaProfile(
        AreaSummary("E92000001", "England", "england"),
        None,
        None,
        56_000_000,
        32_844,
        make_measures(ranks(16_420.0, education=16_420.4, income=16_421.5), 0.1),
        OFFICIAL,
    )
    return AreaProfile(
        AreaSummary("E02005587", name, kind, "Norwich"),
        None,
        "E07000148",
        population,
        5,
        make_measures(ranks(imd, **domains), share),
        OFFICIAL,
        (borough, england) if comparators else (),
    )


@pytest.mark.parametrize(
    ("imd", "words"),
    [
        (3_284.4, "among the most deprived 10% of England on average"),  # exactly a tenth
        (3_284.5, "among the most deprived 20% of England on average"),
        (9_853.2, "among the most deprived 30% of England on average"),
        (9_853.3, "around the middle of England on average"),
        (22_990.8, "around the middle of England on average"),
        (22_990.9, "among the least deprived 30% of England on average"),
        (29_559.7, "among the least deprived 10% of England on average"),
    ],
)
def test_the_area_is_placed_among_englands_lsoa_ranks_on_average(imd, words):
    sentence = headline_sentence(profile(imd=imd))
    assert sentence.startswith(f"Heartsease & Pilling Park is {words} (average IMD rank ")


def test_the_sentence_names_the_most_deprived_domains_against_borough_and_england():
    sentence = headline_sentence(profile(education=1_204.4, income=3_000.5, crime=25_000.0))
    assert sentence == (
        "Heartsease & Pilling Park is among the most deprived 10% of England on average "
        "(average IMD rank 2,000, where 1 is the most deprived of 32,844 neighbourhoods). "
        "Of the seven domains, it is most deprived on Education, Skills and Training "
        "(average rank 1,204; Norwich 9,876; England 16,420) and Income (average rank 3,001; "
        "Norwich 8,765; England 16,422). "
        "4,150 of its 8,300 people (50%) live in England's most deprived 10% of neighbourhoods."
    )


def test_a_third_domain_only_when_it_too_is_among_the_most_deprived_30_percent():
    three = headline_sentence(profile(education=1_000.0, income=2_000.0, health=9_853.2))
    assert "and Health Deprivation and Disability (average rank 9,853;" in three
    two = headline_sentence(profile(education=1_000.0, income=2_000.0, health=9_853.3))
    assert "Health" not in two and "Training (average rank 1,000; Norwich" in two


def test_equal_ranks_keep_mhclgs_order_of_domains():
    sentence = headline_sentence(profile(imd=25_000.0))  # every domain 20,000
    assert "most deprived on Income (average rank 20,000; Norwich 8,765; England 16,422) and " in (
        sentence
    )
    assert "and Employment (average rank 20,000;" in sentence


def test_people_are_counted_from_the_exact_share_and_rounded_half_up():
    # 7 of 16 people: 43.75%, shown 44%; 8,301 x 0.5 = 4,150.5 people, shown 4,151.
    assert people_in_most_deprived_10(profile(population=16, share=7 / 16)) == 7
    assert people_in_most_deprived_10(profile(population=8_301, share=0.5)) == 4_151
    sentence = headline_sentence(profile(population=16, share=7 / 16))
    assert sentence.endswith(
        "7 of its 16 people (44%) live in England's most deprived 10% of neighbourhoods."
    )


def test_none_and_all_of_its_people_are_said_in_words():
    assert headline_sentence(profile(share=0.0)).endswith(
        "None of its 8,300 people live in England's most deprived 10% of neighbourhoods."
    )
    assert headline_sentence(profile(share=1.0)).endswith(
        "All 8,300 of its people live in England's most deprived 10% of neighbourhoods."
    )


def test_an_lsoa_is_given_its_own_decile_without_on_average():
    sentence = headline_sentence(
        profile(name="Norwich 004A", kind="lsoa", imd=4_000.0, share=0.0, population=1_500)
    )
    assert sentence.startswith(
        "Norwich 004A is in the most deprived 20% of England (IMD decile 2; rank 4,000, where 1 "
        "is the most deprived of 32,844 neighbourhoods)."
    )
    assert "on average" not in sentence and "people" not in sentence
    assert "most deprived on Income (rank 20,000; Norwich 8,765;" in sentence


def test_england_is_the_benchmark():
    england = profile().comparators[1]
    sentence = headline_sentence(england)
    assert sentence.startswith("England is the benchmark every other area is compared with")
    assert "its average IMD rank is 16,420, where 1 is the most deprived of its 32,844" in sentence
    assert sentence.endswith("5,600,000 of its 56,000,000 people (10%) live in them.")
    assert "most deprived on" not in sentence


def test_no_measures_says_so():
    empty = AreaProfile(AreaSummary("X", "Nowhere", "custom"), None, None, 0, 0, (), OFFICIAL)
    assert headline_sentence(empty) == "No deprivation measures are recorded for Nowhere."


def test_national_decile_is_ceil_of_ten_times_rank_over_lsoas():
    assert [national_decile(r, 32_844) for r in (1, 3_284.4, 3_284.4001, 32_844)] == [1, 1, 2, 10]


def test_the_table_has_a_row_per_domain_and_a_column_per_comparator():
    table = headline_table(profile(education=1_204.5))
    assert table.measure == "Average rank"
    assert "1 is the most deprived of England's 32,844" in table.note
    assert table.columns == ("Heartsease & Pilling Park", "Norwich", "England")
    assert table.column_codes == ("E02005587", "E07000148", "E92000001")
    assert [(r.key, r.label) for r in table.rows] == list(DOMAINS)
    education = next(r for r in table.rows if r.key == "education")
    assert education.cells == ("1,205", "9,876", "16,420")  # 1,204.5 rounds half up
    assert education.values == (1_204.5, 9_876.0, 16_420.4)
    income = next(r for r in table.rows if r.key == "income")
    assert income.cells == ("20,000", "8,765", "16,422")  # 16,421.5 rounds half up


def test_a_comparator_without_a_domain_shows_not_available():
    county = AreaProfile(
        AreaSummary("E10000020", "Norfolk", "county"),
        None,
        None,
        900_000,
        500,
        make_measures({"imd": 15_000.0}),
        OFFICIAL,
    )
    area = profile()
    area = AreaProfile(
        area.area,
        None,
        area.lad_code,
        area.population,
        5,
        area.measures,
        OFFICIAL,
        (area.comparators[0], county, area.comparators[1]),
    )
    table = headline_table(area)
    assert table.columns == ("Heartsease & Pilling Park", "Norwich", "Norfolk", "England")
    assert table.rows[0].cells[2] == "15,000"
    assert table.rows[1].cells[2] == "Not available"


# --- against the official files ------------------------------------------------------------------


def _rank(value: Fraction) -> str:
    return f"{math.floor(value + Fraction(1, 2)):,}"


def _average_rank(frame, header: str) -> Fraction:
    population = frame["population"].astype(int)
    ranks = frame[f"{header} Rank (where 1 is most deprived)"].astype(int)
    return Fraction(int((ranks * population).sum()), int(population.sum()))


@pytest.fixture(scope="module")
def lsoas(official):
    return read_official_lsoas(official)


def test_heartsease_sentence_and_table_match_the_official_files(england_url, lsoas):
    area = lsoas[lsoas["name"].str[:-1] == "Norwich 004"]  # an LSOA's name is its MSOA's + letter
    norwich = lsoas[lsoas["lad"] == "E07000148"]
    frames = (area, norwich, lsoas)
    expected = {key: [_average_rank(f, h) for f in frames] for key, h in HEADERS.items()}
    imd = expected["imd"][0]
    decile = math.ceil(imd * 10 / len(lsoas))
    domains = sorted((k for k in HEADERS if k != "imd"), key=lambda k: expected[k][0])
    chosen = domains[:2] + [
        k for k in domains[2:3] if math.ceil(expected[k][0] * 10 / len(lsoas)) <= 3
    ]
    population = int(area["population"].sum())
    decile_1 = area[area[f"{IMD_HEADER} Decile (where 1 is most deprived 10% of LSOAs)"] == 1]
    people = int(decile_1["population"].sum())

    engine = make_engine(england_url)
    with session_scope(engine) as session:
        product = get_area_profile(session, "E02005587")
    engine.dispose()

    table = headline_table(product)
    assert table.columns == ("Heartsease & Pilling Park", "Norwich", "England")
    for row in table.rows:
        assert list(row.cells) == [_rank(v) for v in expected[row.key]], row.key

    sentence = headline_sentence(product)
    assert decile <= 3  # one of Norwich's target areas
    assert sentence.startswith(
        f"Heartsease & Pilling Park is among the most deprived {10 * decile}% of England on "
        f"average (average IMD rank {_rank(imd)}, where 1 is the most deprived of 32,844 "
        "neighbourhoods)."
    )
    labels = dict(DOMAINS)
    described = [
        f"{labels[k]} (average rank {_rank(expected[k][0])}; Norwich {_rank(expected[k][1])}; "
        f"England {_rank(expected[k][2])})"
        for k in chosen
    ]
    listed = ", ".join(described[:-1]) + " and " + described[-1]
    assert f" Of the seven domains, it is most deprived on {listed}." in sentence
    share = math.floor(Fraction(people * 100, population) + Fraction(1, 2))
    assert sentence.endswith(
        f" {people:,} of its {population:,} people ({share}%) live in England's most deprived "
        "10% of neighbourhoods."
    )
