"""`fairer import-boundaries` as an officer runs it: a sentence on success, one on stderr and
status 1 on a bad file."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from bot.cli.main import main
from tests.engagement.areas.boundary_fixtures import NORWICH_BOUNDARIES, read_features


@pytest.fixture
def fairer(sqlite_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", sqlite_url)

    def run(*args):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return run


def test_import_boundaries_says_how_many_it_stored(fairer):
    result = fairer("import-boundaries", str(NORWICH_BOUNDARIES), "--no-progress")

    assert result.exit_code == 0, result.output
    count = len(read_features())
    assert result.output.startswith(
        f"Imported the boundaries of {count} LSOAs from E07000148.geojson in "
    )
    assert "once the Indices are imported (fairer import-iod)" in result.output


def test_a_feature_in_another_projection_fails_with_the_reason(fairer, tmp_path):
    document = json.loads(NORWICH_BOUNDARIES.read_text(encoding="utf-8"))
    document["features"][2]["geometry"] = {
        "type": "Polygon",
        "coordinates": [[[618626, 309607], [618700, 309607], [618700, 309700], [618626, 309607]]],
    }
    path = tmp_path / "grid.geojson"
    path.write_text(json.dumps(document), encoding="utf-8")

    result = fairer("import-boundaries", str(path), "--no-progress")

    code = document["features"][2]["properties"]["LSOA11CD"]
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"grid.geojson, feature 3 ({code}): (618626, 309607) is not a longitude and latitude; "
        "download the GeoJSON in WGS84, the ONS Open Geography portal's default."
    )


def test_a_missing_file_is_named(fairer, tmp_path):
    result = fairer("import-boundaries", str(tmp_path / "nothing.geojson"), "--no-progress")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"{tmp_path / 'nothing.geojson'}: no such file."
