"""Importing community assets: good files placed in the right neighbourhood (checked against the
ONS boundary file), every bad line named with its column, nothing half-imported, Excel files, and
importing again updating rather than duplicating."""

from __future__ import annotations

import csv

import pytest
from sqlalchemy import func, select

from engagement.assets.importing import AssetImportProblems, import_assets
from engagement.assets.listing import assets_in_area
from engagement.errors import ImportProblem
from storage import session_scope
from storage.asset_models import Asset
from tests.engagement.areas.boundary_fixtures import HEARTSEASE
from tests.engagement.assets.example_file import HEADER
from tests.engagement.assets.official_points import point_inside


def write_csv(path, rows, header=HEADER):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(h, "") for h in header])
    return path


def stored(engine) -> dict[str, Asset]:
    with session_scope(engine) as session:
        assets = session.scalars(select(Asset)).all()
        session.expunge_all()
    return {a.name: a for a in assets}


def test_a_good_file_places_each_asset(norwich_mapped, tmp_path):
    lsoa_004a, lat, lon = point_inside("Norwich 004A")
    lsoa_005a = "E01026791"  # "Norwich 005A" in the ONS file
    path = write_csv(
        tmp_path / "assets.csv",
        [
            {
                "name": "Pilling Park food bank",
                "kind": "Food bank",
                "latitude": lat,
                "longitude": lon,
                "website": "https://example.org/food",
            },
            {
                "name": "Heartsease advice",
                "kind": "advice",
                "area_code": HEARTSEASE,
                "postcode": "nr7 9jb",
            },
            {
                "name": "Mile Cross library",
                "kind": "Library",
                "area_code": lsoa_005a,
                "opening_times": "Mon-Fri 9-5",
            },
        ],
    )
    with session_scope(norwich_mapped) as session:
        report = import_assets(session, path)
    assert report.added == 3 and report.by_coordinates == 1
    assets = stored(norwich_mapped)
    assert assets["Pilling Park food bank"].lsoa_code == lsoa_004a
    assert assets["Pilling Park food bank"].kind == "food_bank"
    assert assets["Heartsease advice"].postcode == "NR7 9JB"
    assert assets["Heartsease advice"].area_code == HEARTSEASE
    assert assets["Mile Cross library"].lsoa_code == lsoa_005a
    with session_scope(norwich_mapped) as session:
        in_heartsease = [a.name for a in assets_in_area(session, HEARTSEASE)]
        in_norwich = [a.name for a in assets_in_area(session, "E07000148")]
        in_004a = [a.name for a in assets_in_area(session, lsoa_004a)]
    # Listed by kind in the published order: food bank before advice before library.
    assert in_heartsease == ["Pilling Park food bank", "Heartsease advice"]
    assert in_norwich == ["Pilling Park food bank", "Heartsease advice", "Mile Cross library"]
    # An asset placed in the MSOA is not claimed by any one of its neighbourhoods.
    assert in_004a == ["Pilling Park food bank"]


def test_every_bad_line_is_named_and_nothing_is_imported(norwich_mapped, tmp_path):
    good = write_csv(
        tmp_path / "first.csv",
        [{"name": "Kept centre", "kind": "community centre", "area_code": HEARTSEASE}],
    )
    with session_scope(norwich_mapped) as session:
        import_assets(session, good)
    bad = write_csv(
        tmp_path / "bad.csv",
        [
            {"name": "Fine", "kind": "youth", "area_code": HEARTSEASE},  # line 2
            {"name": "", "kind": "shop", "area_code": HEARTSEASE},  # line 3
            {"name": "Postcode only", "kind": "health", "postcode": "NR7 9JB"},  # line 4
            {
                "name": "Bad site",
                "kind": "faith",
                "area_code": HEARTSEASE,
                "website": "javascript:alert(1)",
            },  # line 5
            {"name": "North pole", "kind": "other", "latitude": "95", "longitude": "1.3"},  # 6
            {"name": "London", "kind": "other", "latitude": "51.5007", "longitude": "-0.1246"},
            {"name": "Nowhere", "kind": "other"},  # line 8
            {"name": "Wrong code", "kind": "other", "area_code": "E05999999"},  # line 9
        ],
    )
    with session_scope(norwich_mapped) as session, pytest.raises(AssetImportProblems) as caught:
        import_assets(session, bad)
    message = str(caught.value)
    assert "7 rows have problems, so nothing was imported" in message
    assert "line 3, column 'name': missing" in message
    assert "line 3, column 'kind': 'shop' is not a kind of asset" in message
    assert "line 4, column 'area_code': missing: the postcode NR7 9JB alone cannot place" in message
    assert "line 5, column 'website': 'javascript:alert(1)' is not a web address" in message
    assert "line 6, column 'latitude': 95 is not a latitude" in message
    assert "line 7, column 'latitude': the point 51.5007, -0.1246 lies in none" in message
    assert "line 8, column 'area_code': missing" in message
    assert "line 9, column 'area_code': no area has the code 'E05999999'" in message
    assert "line 2" not in message
    assert list(stored(norwich_mapped)) == ["Kept centre"]


def test_coordinates_outside_the_area_named_are_refused(norwich_mapped, tmp_path):
    lsoa_005a, lat, lon = point_inside("Norwich 005A")
    path = write_csv(
        tmp_path / "a.csv",
        [
            {
                "name": "Misplaced",
                "kind": "other",
                "area_code": HEARTSEASE,
                "latitude": lat,
                "longitude": lon,
            }
        ],
    )
    with session_scope(norwich_mapped) as session, pytest.raises(AssetImportProblems) as caught:
        import_assets(session, path)
    assert f"lies in neighbourhood {lsoa_005a}, outside" in str(caught.value)


def test_coordinates_alone_need_boundaries(norwich_plain, tmp_path):
    _code, lat, lon = point_inside("Norwich 004A")
    path = write_csv(
        tmp_path / "a.csv", [{"name": "X", "kind": "other", "latitude": lat, "longitude": lon}]
    )
    with session_scope(norwich_plain) as session, pytest.raises(AssetImportProblems) as caught:
        import_assets(session, path)
    assert "no neighbourhood boundaries are loaded (run `fairer import-boundaries`)" in str(
        caught.value
    )


def test_importing_again_updates_adds_and_removes_by_the_rule(norwich_plain, tmp_path):
    path = tmp_path / "assets.csv"
    write_csv(
        path,
        [
            {
                "name": "Food hub",
                "kind": "food bank",
                "postcode": "NR7 9JB",
                "area_code": HEARTSEASE,
            },
            {"name": "Old club", "kind": "youth", "area_code": HEARTSEASE},
        ],
    )
    with session_scope(norwich_plain) as session:
        import_assets(session, path)
    write_csv(
        path,
        [
            # Same name and postcode, written differently: the same asset, updated.
            {
                "name": "FOOD  hub",
                "kind": "food bank",
                "postcode": "nr79jb",
                "area_code": HEARTSEASE,
                "opening_times": "Tuesdays 10-12",
            },
            {"name": "New centre", "kind": "community centre", "area_code": HEARTSEASE},
        ],
    )
    with session_scope(norwich_plain) as session:
        report = import_assets(session, path)
        total = session.scalar(select(func.count()).select_from(Asset))
    assert (report.added, report.updated, report.removed) == (1, 1, 1)
    assert total == 2
    assets = stored(norwich_plain)
    assert assets["FOOD  hub"].opening_times == "Tuesdays 10-12"
    assert "Old club" not in assets


def test_an_excel_file_is_read_with_its_line_numbers(norwich_plain, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Kind", "Area code", "Latitude", "Longitude"])
    sheet.append(["Library", "library", HEARTSEASE, None, None])
    sheet.append([None, None, None, None, None])
    sheet.append(["Gym", "sport and leisure", HEARTSEASE, 52.63, None])
    path = tmp_path / "assets.xlsx"
    book.save(path)
    with session_scope(norwich_plain) as session, pytest.raises(AssetImportProblems) as caught:
        import_assets(session, path)
    assert "line 4, column 'Longitude': missing: give latitude and longitude together" in str(
        caught.value
    )
    sheet.delete_rows(4)
    book.save(path)
    with session_scope(norwich_plain) as session:
        assert import_assets(session, path).added == 1


def test_a_file_without_a_kind_column_says_which_columns_it_has(norwich_plain, tmp_path):
    path = write_csv(tmp_path / "a.csv", [{"name": "X"}], header=["name", "where"])
    with session_scope(norwich_plain) as session, pytest.raises(ImportProblem) as caught:
        import_assets(session, path)
    assert "has no 'kind' column" in str(caught.value)
    assert "columns found: name, where" in str(caught.value)


def test_the_example_file_imports_into_norwich(norwich_mapped):
    from pathlib import Path

    from engagement.areas.custom import load_custom_areas

    examples = Path(__file__).resolve().parents[3] / "examples"
    with session_scope(norwich_mapped) as session:
        load_custom_areas(session, examples / "areas.yml")
    with session_scope(norwich_mapped) as session:
        report = import_assets(session, examples / "assets.csv")
        in_heartsease = [a.name for a in assets_in_area(session, HEARTSEASE)]
        in_target_area = [a.name for a in assets_in_area(session, "norwich-heartsease")]
    assert report.added == 8 and report.by_coordinates == 2
    # The pantry and drop-in lie in "Norwich 004A" and "004C" (the ONS file), both in Heartsease.
    assert in_heartsease == [
        "Heartsease community pantry",
        "Pilling Park community centre",
        "Money and debt advice drop-in",
    ]
    assert in_target_area == in_heartsease
