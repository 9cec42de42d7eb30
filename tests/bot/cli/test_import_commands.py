"""The `fairer` import commands as an officer or a deployment script runs them."""

from __future__ import annotations

import pytest
import responses
from click.testing import CliRunner
from responses import matchers

from bot.cli.main import main
from engagement.areas.iod_download import SOURCES, SOURCES_2019, SOURCES_2025
from tests.engagement import iod2025_files as f
from tests.engagement.official_subset import read_rows, write_csv, write_subset


@pytest.fixture
def fairer(db_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)

    def run(*args):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return run


def test_import_iod_then_slash_area_reads_the_new_figures(fairer, official, tmp_path):
    files = write_subset(official, tmp_path)
    result = fairer(
        "import-iod",
        "--domains",
        str(files["domains"]),
        "--population",
        str(files["population"]),
        "--wards",
        str(files["wards"]),
        "--msoa-names",
        str(files["msoa_names"]),
        "--no-progress",
    )
    assert result.exit_code == 0, result.output
    assert "Imported IoD2019: 83 LSOAs, 14 MSOAs, 13 wards, 1 local authorities" in result.output
    assert "England is not shown" in result.output


def test_import_iod_recognises_files_in_a_folder_whatever_their_names(fairer, official, tmp_path):
    files = write_subset(official, tmp_path / "data")
    for i, path in enumerate(files.values()):
        path.rename(path.with_name(f"download-{i}{''.join(path.suffixes)}"))
    result = fairer("import-iod", "--dir", str(tmp_path / "data"), "--no-progress")
    assert result.exit_code == 0, result.output
    assert "83 LSOAs" in result.output


def test_a_bad_file_exits_non_zero_with_the_reason_on_stderr(fairer, official, tmp_path):
    files = write_subset(official, tmp_path)
    header, rows = read_rows(files["population"])
    rows[9][4] = "-5"
    write_csv(files["population"], header, rows)
    result = fairer(
        "import-iod",
        "--domains",
        str(files["domains"]),
        "--population",
        str(files["population"]),
        "--wards",
        str(files["wards"]),
        "--msoa-names",
        str(files["msoa_names"]),
        "--no-progress",
    )
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "f6.csv.gz, line 11, column 'Total population: mid 2015 (excluding prisoners)': "
        "'-5' is not a whole number of at least 0."
    )


@responses.activate
def test_download_2019_fetches_every_file_from_its_publisher(
    fairer, official, tmp_path, monkeypatch
):
    files = write_subset(official, tmp_path / "served")
    monkeypatch.chdir(tmp_path)
    for kind, url in SOURCES_2019.items():
        responses.get(url, body=files[kind].read_bytes())
    result = fairer("import-iod", "--download", "--edition", "2019", "--no-progress")
    assert result.exit_code == 0, result.output
    assert "Imported IoD2019: 83 LSOAs" in result.output
    assert [call.request.url for call in responses.calls] == list(SOURCES_2019.values())


def _ward_page(rows: list[list], more: bool) -> dict:
    """Return a page of the ONS feature service as it answers a query (f=json)."""
    names = f.WARD_LOOKUP_HEADERS
    return {
        "fields": [{"name": name, "type": "esriFieldTypeString"} for name in names],
        "features": [{"attributes": dict(zip(names, row, strict=True))} for row in rows],
        **({"exceededTransferLimit": True} if more else {}),
    }


@responses.activate
def test_download_fetches_iod2025_file_7_and_the_2021_geography(fairer, tmp_path, monkeypatch):
    files = f.write_all(tmp_path / "served")
    monkeypatch.chdir(tmp_path)
    names_url = "https://example.org/moved/MSOA-Names-2.2.csv"
    monkeypatch.setenv("FAIRER_URL_IOD2025_MSOA_NAMES", names_url)
    responses.get(SOURCES_2025["all"], body=files["file_7"].read_bytes())
    ward_rows = f.ward_lookup_rows()
    service = SOURCES_2025["wards"].split("?")[0]
    base = {"where": "1=1", "outFields": "*", "returnGeometry": "false", "f": "json"}
    for offset, rows, more in ((0, ward_rows[:3], True), (3, ward_rows[3:], False)):
        responses.get(
            service,
            json=_ward_page(rows, more),
            match=[
                matchers.query_param_matcher(
                    {**base, "resultOffset": str(offset), "resultRecordCount": "2000"}
                )
            ],
        )
    responses.get(names_url, body=files["msoa_names"].read_bytes())
    result = fairer("import-iod", "--download", "--no-progress")
    assert result.exit_code == 0, result.output
    assert "Imported IoD2025: 4 LSOAs, 2 MSOAs, 2 wards, 1 local authorities" in result.output
    assert len(responses.calls) == 4
    assert responses.calls[-1].request.url == names_url


@responses.activate
def test_a_failed_download_names_the_file_and_address(fairer, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    responses.get(SOURCES_2025["all"], status=404)
    result = fairer("import-iod", "--download", "--no-progress")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Could not download File 7 from {SOURCES_2025['all']}: 404")
    assert not list((tmp_path / "var" / "downloads").glob("*.csv*"))


@responses.activate
def test_a_failed_2019_download_names_the_file_and_address(fairer, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    responses.get(SOURCES["domains"], status=404)
    result = fairer("import-iod", "--download", "--edition", "2019", "--no-progress")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Could not download domains from {SOURCES['domains']}: 404")
    assert not list((tmp_path / "var" / "downloads").glob("*.xlsx"))


def test_load_sample_then_custom_areas_errors_name_the_line(fairer, tmp_path):
    assert "Imported sample: 480 LSOAs" in fairer("load-sample").output
    areas = tmp_path / "areas.yml"
    areas.write_text("areas:\n  - code: Bad Code\n    name: Somewhere\n    members: [E01900001]\n")
    result = fairer("areas", "load", str(areas))
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "areas.yml, line 2, field 'code': "
        "'Bad Code' must be lower-case letters, digits and hyphens, like 'norwich-heartsease'."
    )
    areas.write_text(
        "areas:\n  - code: sampleton-east\n    name: East Sampleton\n    aliases: [The East]\n"
        "    members: [E01900001, E02900002]\n"
    )
    result = fairer("areas", "load", str(areas))
    assert result.exit_code == 0, result.stderr
    assert result.output.strip() == "Loaded 1 custom area(s): sampleton-east."


def test_file_7_given_as_both_ranks_and_population_imports_iod2025(fairer, tmp_path):
    files = f.write_all(tmp_path)
    file_7 = str(files["file_7"])
    result = fairer("import-iod", "--domains", file_7, "--population", file_7, "--no-progress")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Imported IoD2025: 4 LSOAs, 1 local authorities")


def test_a_folder_of_iod2025_files_as_published_imports(fairer, tmp_path):
    f.write_all(tmp_path / "iod2025")
    result = fairer("import-iod", "--dir", str(tmp_path / "iod2025"), "--no-progress")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "Imported IoD2025: 4 LSOAs, 2 MSOAs, 2 wards, 1 local authorities"
    )
