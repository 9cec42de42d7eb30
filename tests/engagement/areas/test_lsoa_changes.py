"""`fairer import-lsoa-changes FILE`: the ONS LSOA (2011) to LSOA (2021) lookup, read by its
headers (verbatim in tests/engagement/areas/edition_files.py), all or nothing."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from bot.cli.main import main
from engagement.areas.lsoa_changes import import_lsoa_changes
from engagement.errors import ImportProblem
from storage import session_scope
from storage.change_models import LsoaChange
from storage.db import make_engine
from tests.engagement.areas.edition_files import CHANGES, LOOKUP, write_lookup
from tests.engagement.official_subset import write_csv


def stored(engine) -> set[tuple[str, str, str]]:
    with session_scope(engine) as session:
        return set(
            session.execute(
                select(LsoaChange.lsoa11_code, LsoaChange.change, LsoaChange.lsoa21_code)
            ).all()
        )


def test_the_lookup_is_stored_for_england_only(db_url, tmp_path):
    engine = make_engine(db_url)
    with session_scope(engine) as session:
        report = import_lsoa_changes(session, write_lookup(tmp_path / "lookup.csv"))
    assert stored(engine) == set(CHANGES)
    assert report.counts == {"U": 1, "S": 2, "M": 2, "X": 1}
    assert report.summary().startswith(
        "Imported 6 links between 2011 and 2021 LSOAs in England from lookup.csv (1 unchanged, "
        "2 split, 2 merged, 1 redrawn irregularly)"
    )
    # Importing again replaces, never duplicates.
    with session_scope(engine) as session:
        import_lsoa_changes(session, write_lookup(tmp_path / "again.csv", CHANGES[:2]))
    assert stored(engine) == set(CHANGES[:2])
    engine.dispose()


def test_a_bad_change_indicator_names_its_line_and_stores_nothing(sqlite_url, tmp_path):
    engine = make_engine(sqlite_url)
    with session_scope(engine) as session:
        import_lsoa_changes(session, write_lookup(tmp_path / "good.csv"))
    bad = write_lookup(tmp_path / "bad.csv", [*CHANGES[:3], ("E01026703", "Q", "E01033403")])
    with pytest.raises(ImportProblem) as problem, session_scope(engine) as session:
        import_lsoa_changes(session, bad)
    assert str(problem.value) == "bad.csv, line 5, column 'CHGIND': 'Q' is not U, S, M or X."
    assert stored(engine) == set(CHANGES)
    engine.dispose()


def test_a_file_without_the_lookups_columns_is_refused(sqlite_url, tmp_path):
    path = write_csv(tmp_path / "wards.csv", ["LSOA11CD", "WD19CD"], [["E01026701", "E05001"]])
    engine = make_engine(sqlite_url)
    with pytest.raises(ImportProblem, match="no column 'LSOA21CD'"), session_scope(engine) as s:
        import_lsoa_changes(s, path)
    engine.dispose()


def test_the_command_imports_the_file(sqlite_url, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    runner = CliRunner()
    result = runner.invoke(main, ["import-lsoa-changes", str(write_lookup(tmp_path / "lu.csv"))])
    assert result.exit_code == 0, result.output
    assert "Imported 6 links between 2011 and 2021 LSOAs" in result.output
    engine = make_engine(sqlite_url)
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(LsoaChange)) == 6
    engine.dispose()
    missing = runner.invoke(main, ["import-lsoa-changes", str(tmp_path / "none.csv")])
    assert missing.exit_code != 0 and "none.csv: no such file." in missing.output


def test_the_headers_are_the_published_ones():
    assert LOOKUP[:6] == ["LSOA11CD", "LSOA11NM", "CHGIND", "LSOA21CD", "LSOA21NM", "LAD22CD"]
