"""A council's target areas written in 2011 codes stay on /area once IoD2025 is the latest.

Read from the files tests/engagement/areas/edition_files.py writes (IoD2019 and IoD2025 File 2 and
File 6 headers and the ONS "LSOA11CD, LSOA11NM, CHGIND, LSOA21CD, ..." lookup, verbatim). By hand:
  Heartsease core = 2011 LSOAs 004A (U), 004B (S), 004C (M with 004D):
    IoD2019: 1,000 + 2,000 + 1,000 = 4,000 people in 3 LSOAs
    IoD2025: 004A 1,100 + 004F 1,200 + 004G 900 + 004H 4,200 = 7,400 people in 4 LSOAs
      (004H takes in 004D, outside the area: said in the report)
  Heartsease east = 2011 LSOA 004E (X): IoD2019 1,500; IoD2025 004J 1,600 (said: not exact)
  Whole MSOA by its code E02005587, used in both geographies: in both editions as it is.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engagement.areas.custom import load_custom_areas, load_custom_areas_reported, lsoa_populations
from engagement.areas.custom_editions import rebuild_custom_areas
from engagement.areas.iod_import import import_iod_files
from engagement.areas.lookup import get_area_profile, look_up_area
from engagement.areas.lsoa_changes import import_lsoa_changes
from storage import session_scope
from storage.db import make_engine
from storage.models import Area, Edition
from tests.engagement.areas.edition_files import (
    MSOA,
    load_two_editions,
    write_edition,
    write_lookup,
)

AREAS = """areas:
  - code: heartsease-core
    name: Heartsease core
    members: [E01026701, E01026702, E01026703]
  - code: heartsease-east
    name: Heartsease east
    members: [E01026705]
  - code: heartsease-msoa
    name: Heartsease whole
    members: [E02005587]
"""


@pytest.fixture
def engine_without_lookup(db_url, tmp_path):
    load_two_editions(db_url, tmp_path, lookup=False)
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


def _custom_rows(session) -> dict[tuple[str, str], tuple[int, int]]:
    keys = dict(session.execute(select(Edition.id, Edition.key)).all())
    rows = session.execute(
        select(Area.edition_id, Area.code, Area.population, Area.lsoa_count).where(
            Area.kind == "custom"
        )
    )
    return {(keys[e], code): (people, lsoas) for e, code, people, lsoas in rows}


def test_without_the_lookup_the_load_says_which_areas_iod2025_lacks_and_how_to_fix_it(
    engine_without_lookup, tmp_path
):
    areas = tmp_path / "areas.yml"
    areas.write_text(AREAS)
    with session_scope(engine_without_lookup) as session:
        codes, report = load_custom_areas_reported(session, areas)
    assert codes == ["heartsease-core", "heartsease-east", "heartsease-msoa"]
    lines = report.lines()
    assert lines[0] == (
        "heartsease-core is not in IoD2025: E01026702 is a code of the 2011 geography (IoD2019), "
        "not of IoD2025's 2021 LSOAs: load the ONS LSOA 2011 to 2021 lookup with "
        "`fairer import-lsoa-changes` (and 1 more of its members)."
    )
    assert lines[1].startswith("heartsease-east is not in IoD2025: E01026705 is a code of the")
    assert len(lines) == 2  # the MSOA code is in both geographies
    with session_scope(engine_without_lookup) as session:
        rows = _custom_rows(session)
        assert rows[("IoD2019", "heartsease-core")] == (4000, 3)
        assert ("IoD2025", "heartsease-core") not in rows
        assert rows[("IoD2025", "heartsease-msoa")] == (9000, 5)
        assert look_up_area(session, "Heartsease core").status == "not_found"


def test_loading_the_lookup_after_the_areas_puts_them_in_iod2025(engine_without_lookup, tmp_path):
    areas = tmp_path / "areas.yml"
    areas.write_text(AREAS)
    with session_scope(engine_without_lookup) as session:
        load_custom_areas(session, areas)
    with session_scope(engine_without_lookup) as session:
        import_lsoa_changes(session, write_lookup(tmp_path / "lookup.csv"))
        report = rebuild_custom_areas(session)  # as `fairer import-lsoa-changes` does
    assert report.lines() == [
        "In IoD2025, heartsease-core, heartsease-east (listed in 2011 codes) counted in 2021 "
        "LSOAs through the ONS LSOA 2011 to 2021 lookup.",
        "In IoD2025, heartsease-core's E01026703 was merged with E01026704 (outside the area) "
        "into E01033403: the area covers all of E01033403.",
        "In IoD2025, heartsease-east's E01026705 was redrawn irregularly between 2011 and 2021 "
        "(ONS change indicator X): it is counted as E01033404, which does not match it exactly.",
    ]
    with session_scope(engine_without_lookup) as session:
        rows = _custom_rows(session)
        assert rows[("IoD2025", "heartsease-core")] == (1100 + 1200 + 900 + 4200, 4)
        assert rows[("IoD2019", "heartsease-core")] == (1000 + 2000 + 1000, 3)
        assert rows[("IoD2025", "heartsease-east")] == (1600, 1)
        assert rows[("IoD2019", "heartsease-east")] == (1500, 1)
        profile = get_area_profile(session, "heartsease-core")
        assert profile.edition.key == "IoD2025"
        assert profile.population == 7400
        # IMD average rank over the 2021 LSOAs, by hand:
        # (1,100x1,500 + 1,200x4,000 + 900x2,500 + 4,200x3,000) / 7,400 = 21,300,000 / 7,400
        assert profile.measure("imd").avg_rank == pytest.approx(21_300_000 / 7400)
        edition_id = session.scalar(select(Edition.id).where(Edition.key == "IoD2025"))
        assert lsoa_populations(session, edition_id, ["heartsease-core"]) == {
            "heartsease-core": {
                "E01026701": 1100,
                "E01033401": 1200,
                "E01033402": 900,
                "E01033403": 4200,
            }
        }


def test_areas_loaded_after_the_lookup_are_in_both_editions(db_url, tmp_path):
    load_two_editions(db_url, tmp_path)
    areas = tmp_path / "areas.yml"
    areas.write_text(AREAS)
    engine = make_engine(db_url)
    with session_scope(engine) as session:
        _codes, report = load_custom_areas_reported(session, areas)
    assert not report.missing
    with session_scope(engine) as session:
        rows = _custom_rows(session)
    engine.dispose()
    assert {key for key, _code in rows} == {"IoD2019", "IoD2025"}
    assert len(rows) == 6


def test_a_2011_msoa_code_gone_by_2021_is_counted_through_its_lsoas(db_url, tmp_path):
    """IoD2019 written with the MSOA coded E02005586 (its House of Commons Library names file
    names it so); IoD2025 knows it as E02005587. The area listing E02005586 is all five 2011
    LSOAs, which became all five 2021 LSOAs: 9,000 people in IoD2025, 8,500 in IoD2019."""
    paths = write_edition(tmp_path / "iod2019", 2019)
    names = paths[2].read_text(encoding="utf-8").replace(MSOA, "E02005586")
    paths[2].write_text(names, encoding="utf-8")
    engine = make_engine(db_url)
    with session_scope(engine) as session:
        import_iod_files(session, paths)
        import_iod_files(session, write_edition(tmp_path / "iod2025", 2025))
        import_lsoa_changes(session, write_lookup(tmp_path / "lookup.csv"))
    areas = tmp_path / "areas.yml"
    areas.write_text("areas:\n  - code: old-msoa\n    name: Old MSOA\n    members: [E02005586]\n")
    with session_scope(engine) as session:
        _codes, report = load_custom_areas_reported(session, areas)
        rows = _custom_rows(session)
    engine.dispose()
    assert rows[("IoD2019", "old-msoa")] == (8500, 5)
    assert rows[("IoD2025", "old-msoa")] == (9000, 5)
    assert report.translated == {"IoD2025": ("old-msoa",)}
    # Its 2011 LSOAs 004C and 004D were merged together, both inside it: no note for that.
    assert [line for line in report.notes if "merged" in line] == []
    assert [line for line in report.notes if "irregular" in line] == [
        "In IoD2025, old-msoa's E01026705 was redrawn irregularly between 2011 and 2021 (ONS "
        "change indicator X): it is counted as E01033404, which does not match it exactly."
    ]
