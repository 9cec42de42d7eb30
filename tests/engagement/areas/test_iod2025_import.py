"""Importing IoD2025 as MHCLG published it, on 2021 LSOAs, with the 2021 geography lookups.

The files are written by the tests with the publications' headers verbatim (see
tests/engagement/iod2025_files.py); every expected figure is one written into them.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from sqlalchemy import func, select

from engagement import figures
from engagement.areas.custom import load_custom_areas
from engagement.areas.iod_files import read_iod
from engagement.areas.iod_import import import_iod_files
from engagement.areas.iod_recognise import sort_files
from engagement.areas.lookup import get_area_profile, look_up_area
from engagement.errors import ImportProblem
from engagement.model import DOMAINS
from storage import session_scope
from storage.models import Area, Edition, LsoaIndices
from tests.engagement import iod2025_files as f
from tests.engagement.iod2025_files import LSOAS, write_all, write_csv, write_workbook
from tests.engagement.official_subset import write_subset

HEARTSEASE = "E02005587"  # Norwich 004: the first three LSOAs


def _weighted_rank(lsoas, domain: int) -> float:
    return sum(f.rank(x, domain) * x[3] for x in lsoas) / sum(x[3] for x in lsoas)


def _edition(session) -> Edition:
    return session.scalars(select(Edition)).one()


def test_file_2_workbook_with_a_cover_sheet_and_population_from_file_7(engine, tmp_path):
    files = write_all(tmp_path)
    chosen = [files["file_2"], files["file_7"], files["wards"], files["msoa_names"]]
    with session_scope(engine) as session:
        report = import_iod_files(session, chosen)
    assert report.edition == "IoD2025"
    assert report.counts == {"LSOAs": 4, "MSOAs": 2, "wards": 2, "local authorities": 1}
    heartsease = LSOAS[:3]
    with session_scope(engine) as session:
        edition = _edition(session)
        assert (edition.key, edition.lsoa_year, edition.lsoa_total) == ("IoD2025", 2021, 33755)
        assert edition.title == "English Indices of Deprivation 2025"
        found = look_up_area(session, "Heartsease & Pilling Park")
    assert found.status == "found"
    profile = found.profile
    assert profile.area.code == HEARTSEASE
    assert profile.population == 1500 + 1700 + 1300
    assert profile.lsoa_count == 3
    assert profile.measure("imd").avg_rank == pytest.approx(_weighted_rank(heartsease, 0))
    assert profile.measure("crime").avg_rank == pytest.approx(_weighted_rank(heartsease, 5))
    # Ranks 1,201 and 2,402 are decile 1 of 33,755 (up to 3,375), 3,603 decile 2.
    assert profile.measure("imd").lsoa_share_10 == pytest.approx(2 / 3)
    assert profile.measure("imd").pop_share_20 == pytest.approx(1.0)


def test_file_7_alone_gives_ranks_deciles_and_population(engine, tmp_path):
    files = write_all(tmp_path)
    with session_scope(engine) as session:
        report = import_iod_files(session, [files["file_7"]])
    assert report.counts == {"LSOAs": 4, "local authorities": 1}
    with session_scope(engine) as session:
        norwich = get_area_profile(session, "E07000148")
        assert session.scalar(select(func.count()).select_from(LsoaIndices)) == 4
        new_lsoa = session.get(LsoaIndices, (_edition(session).id, "E01035002"))
        assert (new_lsoa.population, new_lsoa.imd_rank, new_lsoa.imd_decile) == (1800, 9004, 3)
        assert (new_lsoa.living_environment_rank, new_lsoa.living_environment_decile) == (16004, 5)
    assert norwich.population == 1500 + 1700 + 1300 + 1800
    for domain, (key, _label) in enumerate(DOMAINS):
        assert norwich.measure(key).avg_rank == pytest.approx(_weighted_rank(LSOAS, domain)), key


def test_file_1_and_file_6_workbooks_give_the_imd_and_say_the_domains_are_missing(engine, tmp_path):
    files = write_all(tmp_path)
    with session_scope(engine) as session:
        report = import_iod_files(session, [files["file_1"], files["file_6"]])
    assert report.counts == {"LSOAs": 4, "local authorities": 1}
    assert any("Index of Multiple Deprivation only" in note for note in report.notes)
    with session_scope(engine) as session:
        norwich = get_area_profile(session, "E07000148")
    assert norwich.population == 6300
    assert norwich.measure("imd").avg_rank == pytest.approx(_weighted_rank(LSOAS, 0))
    income = norwich.measure("income")
    assert math.isnan(income.avg_rank)
    assert figures.rank(income.avg_rank) == "Not available"


def test_the_same_file_7_given_as_ranks_and_as_population_is_read_once(tmp_path):
    files = write_all(tmp_path)
    assert sort_files([files["file_7"], files["file_7"]]) == {"all": files["file_7"]}


def test_a_bad_cell_in_a_workbook_names_its_file_sheet_row_and_column(engine, tmp_path):
    rows = f.file_2_rows()
    rows[2][6] = "12x4"  # the third LSOA's Income Rank: row 4 of the sheet, under the header
    path = write_workbook(
        tmp_path / "File_2_IoD2025_Domains_of_Deprivation.xlsx",
        "IoD2025 Domains",
        f.FILE_2_HEADERS,
        rows,
    )
    files = write_all(tmp_path / "good")
    with pytest.raises(ImportProblem) as problem:
        with session_scope(engine) as session:
            import_iod_files(session, [path, files["file_6"]])
    assert str(problem.value) == (
        "File_2_IoD2025_Domains_of_Deprivation.xlsx, sheet 'IoD2025 Domains', row 4, column "
        "'Income Rank (where 1 is most deprived)': '12x4' is not a whole number from 1 to 33,755."
    )
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(Edition)) == 0
        assert session.scalar(select(func.count()).select_from(LsoaIndices)) == 0


def test_a_bad_cell_under_a_title_row_is_counted_from_the_top_of_the_sheet(tmp_path):
    rows = f.file_6_rows()
    rows[1][4] = ""  # the second LSOA's total population; header on row 3, so row 5
    path = write_workbook(
        tmp_path / "File_6.xlsx",
        "ID 2025 Population Denominators",
        f.FILE_6_HEADERS,
        rows,
        above=[["File 6: population denominators", ""], []],
    )
    files = write_all(tmp_path / "good")
    with pytest.raises(ImportProblem) as problem:
        read_iod(sort_files([files["file_1"], path]))
    assert str(problem.value) == (
        "File_6.xlsx, sheet 'ID 2025 Population Denominators', row 5, column "
        "'Total population: mid 2022': an empty cell is not a whole number of at least 0."
    )


def test_a_bad_cell_in_file_7_names_its_line_and_column(tmp_path):
    rows = f.file_7_rows()
    rows[3][-5] = "many"
    path = write_csv(tmp_path / "File_7.csv", f.FILE_7_HEADERS, rows)
    with pytest.raises(ImportProblem) as problem:
        read_iod(sort_files([path]))
    assert str(problem.value) == (
        "File_7.csv, line 5, column 'Total population: mid 2022': "
        "'many' is not a whole number of at least 0."
    )


def test_the_2021_lookups_place_lsoas_in_2024_wards_and_2021_msoas(tmp_path):
    files = write_all(tmp_path)
    # An LSOA named after a council since renamed cannot be placed by name; the lookup places it.
    rows = f.file_7_rows()
    rows[2][1] = "Old District 004H"
    file_7 = write_csv(tmp_path / "File_7_renamed.csv", f.FILE_7_HEADERS, rows)
    tables = read_iod(sort_files([file_7, files["wards"], files["msoa_names"]]))
    placed = dict(zip(tables.lsoas["code"], tables.lsoas["msoa_code"], strict=True))
    assert pd.isna(placed["E01035001"]) and placed["E01026803"] == HEARTSEASE
    assert tables.notes[0].startswith("1 LSOAs in 1 councils renamed")
    tables = read_iod(
        sort_files([file_7, files["wards"], files["msoa_names"], files["msoa_lookup"]])
    )
    lsoas = tables.lsoas.set_index("code")
    assert lsoas["msoa_code"].to_dict() == {x[0]: x[5] for x in LSOAS}
    assert lsoas["ward_code"].to_dict() == {x[0]: x[4] for x in LSOAS}
    assert tables.ward_year == 2024
    assert sorted(tables.wards["name"]) == ["Crome", "Thorpe Hamlet"]
    names = tables.msoas.set_index("code")["name"].to_dict()
    assert names == {
        "E02005587": "Heartsease & Pilling Park",
        "E02006908": "Thorpe Hamlet & Mousehold South",
    }


def test_a_lookup_for_2011_lsoas_is_refused_with_2021_indices(tmp_path):
    files = write_all(tmp_path)
    lookup = write_csv(
        tmp_path / "lsoa11_ward19.csv",
        ["LSOA11CD", "LSOA11NM", "WD19CD", "WD19NM", "LAD19CD", "LAD19NM", "FID"],
        [[x[0], x[1], x[4], "Crome", *f.NORWICH, 1] for x in LSOAS],
    )
    with pytest.raises(ImportProblem) as problem:
        read_iod(sort_files([files["file_7"], lookup]))
    assert str(problem.value) == (
        "lsoa11_ward19.csv, line 1: this LSOA to ward lookup is for 2011 areas ('LSOA11CD'), "
        "but the indices are for 2021 LSOAs; give the LSOA to ward lookup for 2021."
    )


def test_reimporting_iod2025_replaces_it(engine, tmp_path):
    files = write_all(tmp_path)
    for chosen in ([files["file_7"]], [files["file_2"], files["file_6"], files["wards"]]):
        with session_scope(engine) as session:
            import_iod_files(session, chosen)
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(Edition)) == 1
        assert session.scalar(select(func.count()).select_from(LsoaIndices)) == 4
        assert session.scalar(select(func.count()).where(Area.kind == "ward")) == 2


CUSTOM_AREAS = """areas:
  - code: norwich-new-estates
    name: New estates
    members: [E01035001, E01035002]
  - code: norwich-heartsease
    name: Heartsease target area
    members: [E02005587]
"""


def test_custom_areas_listing_2021_codes_are_matched_in_iod2025(engine, official, tmp_path):
    files = write_all(tmp_path / "iod2025")
    areas = tmp_path / "areas.yml"
    areas.write_text(CUSTOM_AREAS)
    with session_scope(engine) as session:
        import_iod_files(session, write_subset(official, tmp_path / "iod2019"))
    with pytest.raises(ImportProblem) as problem:
        with session_scope(engine) as session:
            load_custom_areas(session, areas)
    assert str(problem.value) == (
        "areas.yml, line 4, field 'members': E01035001 is a 2021 LSOA code, matched in IoD2025 "
        "(2021 LSOAs), which is not imported: import it first (`fairer import-iod`)."
    )
    with session_scope(engine) as session:
        import_iod_files(session, [files["file_7"], files["wards"], files["msoa_names"]])
        load_custom_areas(session, areas)
    with session_scope(engine) as session:
        editions = dict(session.execute(select(Edition.id, Edition.key)).all())
        rows = session.execute(
            select(Area.edition_id, Area.code, Area.population).where(Area.kind == "custom")
        ).all()
    found = {(editions[edition], code): population for edition, code, population in rows}
    # The new estates are 2021 LSOAs only; Heartsease's MSOA code is in both geographies.
    assert found[("IoD2025", "norwich-new-estates")] == 1300 + 1800
    assert ("IoD2019", "norwich-new-estates") not in found
    assert found[("IoD2025", "norwich-heartsease")] == 1500 + 1700 + 1300
    assert ("IoD2019", "norwich-heartsease") in found


def test_a_custom_area_mixing_2011_and_2021_lsoas_is_refused(engine, official, tmp_path):
    files = write_all(tmp_path / "iod2025")
    with session_scope(engine) as session:
        import_iod_files(session, write_subset(official, tmp_path / "iod2019"))
        import_iod_files(session, [files["file_7"]])
    areas = tmp_path / "areas.yml"
    # E01026805 (Norwich 004C in 2011) is not in this IoD2025 extract.
    areas.write_text(
        "areas:\n  - code: mixed\n    name: Mixed\n    members: [E01026805, E01035001]\n"
    )
    with pytest.raises(ImportProblem) as problem:
        with session_scope(engine) as session:
            load_custom_areas(session, areas)
    assert str(problem.value) == (
        "areas.yml, line 4, field 'members': E01035001 is in IoD2025 but not in IoD2019, which "
        "holds the other members: list the areas of one edition's geography (2011 or 2021 LSOAs)."
    )
