"""`fairer areas load`, `fairer import-lsoa-changes` and `fairer import-iod` say where a council's
2011-coded target areas are once IoD2025 is imported (files written by
tests/engagement/areas/edition_files.py with the publishers' headers verbatim)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from bot.cli.main import main
from engagement.areas.lookup import get_area_profile
from storage import session_scope
from storage.db import make_engine
from tests.engagement.areas.edition_files import load_two_editions, write_edition, write_lookup

AREAS = """areas:
  - code: heartsease-core
    name: Heartsease core
    members: [E01026701, E01026702]
"""


@pytest.fixture
def fairer(db_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)

    def run(*args):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return run


def test_the_load_says_what_is_missing_and_the_lookup_import_places_it(fairer, db_url, tmp_path):
    load_two_editions(db_url, tmp_path, lookup=False)
    areas = tmp_path / "areas.yml"
    areas.write_text(AREAS)
    result = fairer("areas", "load", str(areas))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-2:] == [
        "Loaded 1 custom area(s): heartsease-core.",
        "heartsease-core is not in IoD2025: E01026702 is a code of the 2011 geography (IoD2019), "
        "not of IoD2025's 2021 LSOAs: load the ONS LSOA 2011 to 2021 lookup with "
        "`fairer import-lsoa-changes`.",
    ]
    result = fairer("import-lsoa-changes", str(write_lookup(tmp_path / "lookup.csv")))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        "In IoD2025, heartsease-core (listed in 2011 codes) counted in 2021 LSOAs through the ONS "
        "LSOA 2011 to 2021 lookup."
    )
    engine = make_engine(db_url)
    with session_scope(engine) as session:
        profile = get_area_profile(session, "heartsease-core")
        # 004A, and 004B split into 004F and 004G: 1,100 + 1,200 + 900
        assert (profile.edition.key, profile.population) == ("IoD2025", 3200)
    engine.dispose()


def test_importing_iod2025_after_the_areas_and_the_lookup_places_them(fairer, tmp_path):
    assert (
        fairer(
            "import-iod",
            "--dir",
            str(write_edition(tmp_path / "iod2019", 2019)[0].parent),
            "--no-progress",
        ).exit_code
        == 0
    )
    assert fairer("import-lsoa-changes", str(write_lookup(tmp_path / "lookup.csv"))).exit_code == 0
    areas = tmp_path / "areas.yml"
    areas.write_text(AREAS)
    assert fairer("areas", "load", str(areas)).exit_code == 0
    write_edition(tmp_path / "iod2025", 2025)
    result = fairer("import-iod", "--dir", str(tmp_path / "iod2025"), "--no-progress")
    assert result.exit_code == 0, result.output
    assert "1 custom areas" in result.output
    assert (
        "In IoD2025, heartsease-core (listed in 2011 codes) counted in 2021 LSOAs through the ONS "
        "LSOA 2011 to 2021 lookup."
    ) in result.output
