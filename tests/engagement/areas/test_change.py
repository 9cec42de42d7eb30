"""Change since 2019, worked by hand from the files tests/engagement/areas/edition_files.py writes.

The hand working (IMD; every other domain's ranks are 10 a domain higher, deciles the same):
  2021 LSOA  people  how (CHGIND)      2019 rank, decile          2025 rank, decile
  004A       1,100   U from 004A       1,000, 1                   1,500, 1
  004G         900   S from 004B       3,000, 1                   2,500, 1
  004H       4,200   M from 004C, 004D (1,000x2,000 + 3,000x6,000)   3,000, 1
                                       / 4,000 = 5,000; ceil(10 x 5,000 / 32,844) = 2
                                       in the most deprived 10%: 004C's 1,000 of 4,000 = 1/4
  004F       1,200   S from 004B       3,000, 1                   4,000, 2
  004J       1,600   X from 004E       not comparable             25,000, 8
Compared: 1,100 + 900 + 4,200 + 1,200 = 7,400 of 9,000 people (82%).
Average rank 2019: (1,100x1,000 + 900x3,000 + 4,200x5,000 + 1,200x3,000) / 7,400
                 = 28,400,000 / 7,400 = 3,837.84 -> "3,838"
Average rank 2025: (1,100x1,500 + 900x2,500 + 4,200x3,000 + 1,200x4,000) / 7,400
                 = 21,300,000 / 7,400 = 2,878.38 -> "2,878"
People in the most deprived 10%, 2019: (1,100 + 900 + 4,200/4 + 1,200) / 7,400 = 4,250 / 7,400
                 = 57.4% ; 2025: (1,100 + 900 + 4,200) / 7,400 = 6,200 / 7,400 = 83.8%
Position in England: 3,837.84 / 32,844 = 11.7% then 2,878.38 / 33,755 = 8.5%: more deprived.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from engagement import figures
from engagement.areas.change import (
    CAUTION,
    LsoaFigures,
    LsoaLink,
    area_change,
    direction,
)
from engagement.areas.change_report import change_since, coverage_sentence, headline
from engagement.model import DOMAINS
from storage import session_scope
from storage.db import make_engine
from tests.engagement.areas.edition_files import (
    CHANGES,
    LSOAS_2019,
    LSOAS_2025,
    MSOA,
    load_two_editions,
)

KEYS = [key for key, _label in DOMAINS]


def _lsoa(code, _name, rank, decile, people) -> LsoaFigures:
    return LsoaFigures(
        code,
        people,
        {key: rank + 10 * k for k, key in enumerate(KEYS)},
        {key: decile for key in KEYS},
    )


@pytest.fixture
def change():
    return area_change(
        [_lsoa(*row) for row in LSOAS_2025],
        [LsoaLink(a, b, c) for a, c, b in CHANGES],
        {row[0]: _lsoa(*row) for row in LSOAS_2019},
        before_total=32844,
        after_total=33755,
    )


def test_each_kind_of_change_pairs_the_neighbourhoods_as_the_lookup_says(change):
    rows = {n.code: n for n in change.neighbourhoods}
    assert [n.code for n in change.neighbourhoods] == [
        "E01026701",
        "E01033402",
        "E01033403",
        "E01033401",
        "E01033404",
    ]  # most deprived first in 2025
    unchanged, split_a, merged, split_b, irregular = (
        rows[c] for c in ("E01026701", "E01033402", "E01033403", "E01033401", "E01033404")
    )
    assert (unchanged.before.ranks["imd"], unchanged.before.deciles["imd"]) == (1000, 1)
    # Both parts of the split LSOA carry the whole 2011 LSOA's figures.
    assert split_a.before.ranks["imd"] == split_b.before.ranks["imd"] == 3000
    assert merged.earlier_codes == ("E01026703", "E01026704")
    assert merged.before.ranks["imd"] == 5000
    assert merged.before.deciles["imd"] == 2
    assert merged.before.share_10["imd"] == Fraction(1, 4)
    assert merged.before.ranks["income"] == 5010
    assert irregular.change == "X" and not irregular.comparable and irregular.before is None
    assert (irregular.after.ranks["imd"], irregular.after.deciles["imd"]) == (25000, 8)


def test_the_area_changes_over_its_comparable_people_only(change):
    assert (change.population, change.compared_population) == (9000, 7400)
    assert figures.percent(change.coverage) == "82%"
    imd = change.domain("imd")
    assert imd.before_avg_rank == Fraction(28_400_000, 7400)
    assert imd.after_avg_rank == Fraction(21_300_000, 7400)
    assert (figures.rank(imd.before_avg_rank), figures.rank(imd.after_avg_rank)) == (
        "3,838",
        "2,878",
    )
    assert imd.before_share_10 == Fraction(4250, 7400)
    assert imd.after_share_10 == Fraction(6200, 7400)
    assert (figures.percent(imd.before_share_10), figures.percent(imd.after_share_10)) == (
        "57%",
        "84%",
    )
    assert direction(imd, 32844, 33755) == "more deprived"
    income = change.domain("income")
    assert figures.rank(income.before_avg_rank) == "3,848"
    assert figures.rank(income.after_avg_rank) == "2,888"
    assert [d.key for d in change.domains] == KEYS


def test_nothing_comparable_gives_no_domains():
    only_x = area_change(
        [_lsoa(*LSOAS_2025[4])],
        [LsoaLink("E01026705", "E01033404", "X")],
        {LSOAS_2019[4][0]: _lsoa(*LSOAS_2019[4])},
        before_total=32844,
        after_total=33755,
    )
    assert only_x.domains == () and only_x.coverage == 0


def test_a_domain_one_edition_does_not_rank_is_left_out():
    after = [_lsoa(*row) for row in LSOAS_2025]
    imd_only = [
        LsoaFigures(
            lsoa.code,
            lsoa.population,
            {k: (v if k == "imd" else None) for k, v in lsoa.ranks.items()},
            {k: (v if k == "imd" else None) for k, v in lsoa.deciles.items()},
        )
        for lsoa in after
    ]
    change = area_change(
        imd_only,
        [LsoaLink(a, b, c) for a, c, b in CHANGES],
        {row[0]: _lsoa(*row) for row in LSOAS_2019},
        before_total=32844,
        after_total=33755,
    )
    assert [d.key for d in change.domains] == ["imd"]


def test_the_caution_uses_mhclgs_words_and_explains_them():
    assert '"less directly comparable"' in CAUTION
    assert "boundaries" in CAUTION and "indicators" in CAUTION
    assert "rest of England" in CAUTION


def test_change_since_reads_the_imported_files(db_url, tmp_path):
    load_two_editions(db_url, tmp_path)
    engine = make_engine(db_url)
    with session_scope(engine) as session:
        report = change_since(session, MSOA)
        norwich = change_since(session, "E07000148")
        lsoa = change_since(session, "E01033403")
    engine.dispose()
    assert (report.before.key, report.after.key) == ("IoD2019", "IoD2025")
    assert coverage_sentence(report) == (
        "Compared over 4 of its 5 neighbourhoods, where 82% of its people live."
    )
    assert headline(report) == (
        "Since 2019: average rank 3,838 of 32,844 → 2,878 of 33,755 (more deprived relative to "
        "England); people in England's most deprived 10%: 57% → 84%."
    )
    assert report.names["E01033403"] == "Norwich 004H"
    assert norwich.change.compared_population == 7400  # the council holds the same LSOAs
    assert [n.code for n in lsoa.change.neighbourhoods] == ["E01033403"]
    assert figures.rank(lsoa.change.domain("imd").before_avg_rank) == "5,000"


def test_no_change_without_the_lookup(sqlite_url, tmp_path):
    load_two_editions(sqlite_url, tmp_path, lookup=False)
    engine = make_engine(sqlite_url)
    with session_scope(engine) as session:
        assert change_since(session, MSOA) is None
    engine.dispose()
