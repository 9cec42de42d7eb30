"""Importing the official Indices of Deprivation: all of England, both editions, bad files."""

from __future__ import annotations

import pandas as pd
import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from engagement.areas.iod_import import import_iod_files
from engagement.areas.lookup import get_area_profile, look_up_area
from engagement.errors import ImportProblem
from storage import session_scope
from storage.models import Area, Edition, LsoaIndices
from tests.engagement.official_subset import NORWICH, read_rows, write_csv, write_subset

IMD_DECILE = "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)"
IMD_RANK = "Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)"


@pytest.fixture(scope="module")
def file2(official) -> pd.DataFrame:
    f2 = pd.read_csv(official["domains"], encoding="utf-8-sig")
    f6 = pd.read_csv(official["population"], encoding="utf-8-sig", thousands=",")
    return f2.merge(
        f6[["LSOA code (2011)", "Total population: mid 2015 (excluding prisoners)"]],
        on="LSOA code (2011)",
    )


def test_all_of_england_imports_with_official_figures(engine, official, file2):
    with session_scope(engine) as session:
        report = import_iod_files(session, official)
    assert report.counts["LSOAs"] == len(file2) == 32844
    assert (
        report.counts["local authorities"]
        == file2["Local Authority District code (2019)"].nunique()
    )

    norwich = file2[file2["Local Authority District code (2019)"] == NORWICH]
    pop = norwich["Total population: mid 2015 (excluding prisoners)"]
    with session_scope(engine) as session:
        profile = get_area_profile(session, NORWICH)
    imd = profile.measure("imd")
    assert profile.lsoa_count == len(norwich) == 83
    assert profile.population == pop.sum()
    # The Norwich report: "40% of the city council area is amongst the 20% most deprived".
    assert round(imd.lsoa_share_20 * len(norwich)) == (norwich[IMD_DECILE] <= 2).sum() == 33
    assert imd.lsoa_share_10 == pytest.approx((norwich[IMD_DECILE] == 1).mean(), abs=1e-4)
    assert imd.pop_share_20 == pytest.approx(
        pop[norwich[IMD_DECILE] <= 2].sum() / pop.sum(), abs=1e-4
    )
    assert imd.avg_rank == pytest.approx((norwich[IMD_RANK] * pop).sum() / pop.sum(), abs=0.05)
    england = profile.comparators[-1]
    assert england.area.name == "England" and england.lsoa_count == 32844
    assert england.measure("imd").lsoa_share_10 == pytest.approx(
        (file2[IMD_DECILE] == 1).mean(), abs=1e-4
    )


def test_reimport_replaces_the_edition_without_duplicates(db_url, official, tmp_path):
    from storage.db import make_engine

    engine = make_engine(db_url)
    files = write_subset(official, tmp_path)
    for _ in range(2):
        with session_scope(engine) as session:
            import_iod_files(session, files)
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(Edition)) == 1
        assert session.scalar(select(func.count()).select_from(LsoaIndices)) == 83
        assert session.scalar(select(func.count()).where(Area.code == NORWICH)) == 1
    engine.dispose()


def test_extent_counts_the_worst_tenth_fully_and_tapers_to_thirty_percent(
    sqlite_url, official, tmp_path, file2
):
    from storage.db import make_engine

    engine = make_engine(sqlite_url)
    with session_scope(engine) as session:
        import_iod_files(session, write_subset(official, tmp_path))
    norwich = file2[file2["Local Authority District code (2019)"] == NORWICH]
    pop = norwich["Total population: mid 2015 (excluding prisoners)"]
    # IoD2019 technical report, Appendix N: weight 1 to the 10th national percentile, 0.95 at the
    # 11th falling by 0.9/19 a percentile to 0.05 at the 30th, 0 beyond.
    percentile = -(-norwich[IMD_RANK] * 100 // 32844)
    weight = percentile.apply(
        lambda p: 1.0 if p <= 10 else 0.95 - (p - 11) * 0.9 / 19 if p <= 30 else 0.0
    )
    with session_scope(engine) as session:
        extent = get_area_profile(session, NORWICH).measure("imd").extent
    # The subset holds only Norwich, so ranks still run over England's 32,844 LSOAs; stored exact.
    assert extent == pytest.approx((weight * pop).sum() / pop.sum(), rel=1e-12)
    assert 0 < extent < 1


def test_iod2025_headers_are_read(sqlite_url, tmp_path):
    from storage.db import make_engine

    tmp_path = tmp_path / "iod2025"
    tmp_path.mkdir()
    domains = [
        "Index of Multiple Deprivation (IMD)",
        "Income",
        "Employment",
        "Education, Skills and Training",
        "Health Deprivation and Disability",
        "Crime",
        "Barriers to Housing and Services",
        "Living Environment",
    ]
    header = [
        "LSOA code (2021)",
        "LSOA name (2021)",
        "Local Authority District code (2024)",
        "Local Authority District name (2024)",
    ]
    for domain in domains:
        header += [
            f"{domain} Rank (where 1 is most deprived)",
            f"{domain} Decile (where 1 is most deprived 10% of LSOAs)",
        ]
    lsoas = [
        ("E01033333", "Norwich 004A", 1, 1000),
        ("E01033334", "Norwich 004B", 2, 2000),
        ("E01033335", "Norwich 004C", 3, 1000),
    ]
    write_csv(
        tmp_path / "domains.csv",
        header,
        [
            [code, name, NORWICH, "Norwich"] + [rank, rank * 3] * 8
            for code, name, rank, _pop in lsoas
        ],
    )
    write_csv(
        tmp_path / "population.csv",
        ["LSOA code (2021)", "LSOA name (2021)", "Total population: mid 2022"],
        [[code, name, f"{pop:,}"] for code, name, _rank, pop in lsoas],
    )
    write_csv(
        tmp_path / "wards.csv",
        ["LSOA21CD", "LSOA21NM", "WD24CD", "WD24NM", "LAD24CD", "LAD24NM"],
        [[code, name, "E05012903", "Crome", NORWICH, "Norwich"] for code, name, _r, _p in lsoas],
    )
    write_csv(
        tmp_path / "msoa.csv",
        ["msoa21cd", "msoa21nm", "msoa21hclnm", "localauthorityname"],
        [["E02005587", "Norwich 004", "Heartsease & Pilling Park", "Norwich"]],
    )
    engine = make_engine(sqlite_url)
    with session_scope(engine) as session:
        report = import_iod_files(session, sorted(tmp_path.iterdir()))
    assert report.edition == "IoD2025"
    with session_scope(engine) as session:
        lookup = look_up_area(session, "heartsease")
    assert lookup.status == "found"
    assert lookup.profile.edition.title == "English Indices of Deprivation 2025"
    assert lookup.profile.population == 4000 and lookup.profile.lsoa_count == 3
    assert lookup.profile.measure("imd").avg_rank == pytest.approx(
        (1 * 1000 + 2 * 2000 + 3 * 1000) / 4000, abs=0.05
    )


def test_excel_files_are_read_from_the_sheet_with_the_data(sqlite_url, official, tmp_path):
    from storage.db import make_engine

    files = write_subset(official, tmp_path / "csv")
    header, rows = read_rows(files["domains"])
    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["About these statistics"])
    sheet = book.create_sheet("IoD2019 Domains")
    sheet.append(header)
    for row in rows:
        sheet.append(row[:4] + [int(v) for v in row[4:]])
    book.save(tmp_path / "File_2.xlsx")
    files["domains"] = tmp_path / "File_2.xlsx"
    engine = make_engine(sqlite_url)
    with session_scope(engine) as session:
        report = import_iod_files(session, files)
    assert report.counts["LSOAs"] == 83


def _broken(official, tmp_path, kind, edit):
    files = write_subset(official, tmp_path)
    header, rows = read_rows(files[kind])
    path = tmp_path / f"broken-{kind}.csv"
    header, rows, encoding = edit(header, rows)
    write_csv(path, header, rows, encoding=encoding)
    files[kind] = path
    return files


def _set(rows, line, column, value):
    rows[line - 2][column] = value
    return rows


BAD_FILES = {
    "missing column": (
        "domains",
        lambda h, r: (h[:6] + h[8:], [x[:6] + x[8:] for x in r], "utf-8"),
        "broken-domains.csv, line 1: looks like File 2 (ranks and deciles by domain) "
        "but has no column 'Income Rank (where 1 is most deprived)'",
    ),
    "bad number": (
        "domains",
        lambda h, r: (h, _set(r, 40, 6, "12x4"), "utf-8"),
        "broken-domains.csv, line 40, column 'Income Rank (where 1 is most deprived)': "
        "'12x4' is not a whole number",
    ),
    "rank out of range": (
        "domains",
        lambda h, r: (h, _set(r, 7, 5, "11"), "utf-8"),
        "line 7, column "
        "'Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)': "
        "'11' is not a whole number from 1 to 10",
    ),
    "unknown LSOA in a lookup": (
        "wards",
        lambda h, r: (h, _set(r, 5, 0, "E01999999"), "utf-8"),
        "broken-wards.csv, line 5, column 'LSOA11CD': "
        "LSOA E01999999 is not in the Indices of Deprivation file",
    ),
    "missing population": (
        "population",
        lambda h, r: (h, r[1:], "utf-8"),
        "broken-population.csv: no population for LSOA",
    ),
    "population not a number": (
        "population",
        lambda h, r: (h, _set(r, 3, 4, "many"), "utf-8"),
        "broken-population.csv, line 3, "
        "column 'Total population: mid 2015 (excluding prisoners)': 'many' is not a whole number",
    ),
    "wrong encoding": (
        "msoa_names",
        lambda h, r: (h, _set(r, 4, 2, "Caf\u00e9 Quarter"), "cp1252"),
        "broken-msoa_names.csv, line 4: the file is not UTF-8 text",
    ),
    "empty file": ("wards", lambda h, r: ([], [], "utf-8"), "broken-wards.csv is empty"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_file_is_refused_with_one_sentence_and_nothing_changes(
    engine, official, tmp_path, case
):
    kind, edit, message = BAD_FILES[case]
    good = write_subset(official, tmp_path / "good")
    with session_scope(engine) as session:
        import_iod_files(session, good)
    with pytest.raises(ImportProblem) as problem:
        with session_scope(engine) as session:
            import_iod_files(session, _broken(official, tmp_path, kind, edit))
    assert message in str(problem.value)
    assert "\n" not in str(problem.value)
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(LsoaIndices)) == 83
        assert look_up_area(session, "heartsease").status == "found"


def test_lsoas_named_after_a_former_council_are_placed_by_an_msoa_lookup(
    sqlite_url, official, tmp_path
):
    from storage.db import make_engine

    files = write_subset(official, tmp_path / "data")
    header, rows = read_rows(files["domains"])
    heartsease = [r for r in rows if r[1].startswith("Norwich 004")]
    for row in heartsease:
        row[1] = row[1].replace("Norwich", "Old Norwich District")  # as if named before a merger
    write_csv(files["domains"], header, rows)
    engine = make_engine(sqlite_url)
    with session_scope(engine) as session:
        report = import_iod_files(session, files)
    assert report.notes[0].startswith(f"{len(heartsease)} LSOAs in 1 councils renamed")
    with session_scope(engine) as session:
        assert look_up_area(session, "Heartsease & Pilling Park").status == "not_found"
    lookup = write_csv(
        tmp_path / "data" / "oa_lsoa_msoa.csv",
        ["OA11CD", "LSOA11CD", "MSOA11CD", "LAD11CD"],
        [[f"E0000{i:04d}", r[0], "E02005587", NORWICH] for i, r in enumerate(heartsease)],
    )
    with session_scope(engine) as session:
        report = import_iod_files(session, [*files.values(), lookup])
    assert not [note for note in report.notes if "could not be placed" in note]
    with session_scope(engine) as session:
        found = look_up_area(session, "Heartsease & Pilling Park")
    assert found.status == "found" and found.profile.lsoa_count == len(heartsease)


def test_the_ward_lookup_and_msoa_names_are_optional(sqlite_url, official, tmp_path):
    from storage.db import make_engine

    files = write_subset(official, tmp_path / "data")
    engine = make_engine(sqlite_url)
    with session_scope(engine) as session:
        report = import_iod_files(session, [files["domains"], files["population"]])
    assert report.counts == {"LSOAs": 83, "local authorities": 1}
    assert "No LSOA to ward lookup was given, so wards are not available." in report.notes
    assert "No MSOA names were given, so neighbourhoods (MSOAs) are not available." in report.notes
    with session_scope(engine) as session:
        assert look_up_area(session, "Norwich").profile.lsoa_count == 83
    with pytest.raises(ImportProblem, match="Missing File 6"):
        with session_scope(engine) as session:
            import_iod_files(session, [files["domains"]])
