"""The `fairer` import commands as an officer or a deployment script runs them."""

from __future__ import annotations

import pytest
import responses
from click.testing import CliRunner

from bot.cli.main import main
from engagement.areas.iod_download import SOURCES
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
def test_download_fetches_every_file_from_its_publisher(fairer, official, tmp_path, monkeypatch):
    files = write_subset(official, tmp_path / "served")
    monkeypatch.chdir(tmp_path)
    for kind, url in SOURCES.items():
        responses.get(url, body=files[kind].read_bytes())
    result = fairer("import-iod", "--download", "--no-progress")
    assert result.exit_code == 0, result.output
    assert "83 LSOAs" in result.output
    assert [call.request.url for call in responses.calls] == list(SOURCES.values())


@responses.activate
def test_a_failed_download_names_the_file_and_address(fairer, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    responses.get(SOURCES["domains"], status=404)
    result = fairer("import-iod", "--download", "--no-progress")
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
