"""`fairer assets import` as an officer runs it: the example file, a bad file's lines on stderr
with nothing imported, and the file's layout in --help."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import func, select

from bot.cli.main import main
from storage import session_scope
from storage.asset_models import Asset
from storage.db import engine_for
from tests.engagement.assets.fixtures import norwich_database

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def fairer(monkeypatch, url: str, *args):
    monkeypatch.setenv("DATABASE_URL", url)
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def count(url: str) -> int:
    with session_scope(engine_for(url)) as session:
        return session.scalar(select(func.count()).select_from(Asset))


def test_the_example_file_imports_and_a_bad_file_imports_nothing(
    monkeypatch, sqlite_url, official, tmp_path
):
    norwich_database(sqlite_url, official, tmp_path, boundaries=True).dispose()
    assert (
        fairer(monkeypatch, sqlite_url, "areas", "load", str(EXAMPLES / "areas.yml")).exit_code == 0
    )
    result = fairer(monkeypatch, sqlite_url, "assets", "import", str(EXAMPLES / "assets.csv"))
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "Imported assets.csv: 8 new, 0 updated, 0 unchanged, 0 removed (no longer in the file)."
        " 2 placed in their neighbourhood by latitude and longitude."
    )
    again = fairer(monkeypatch, sqlite_url, "assets", "import", str(EXAMPLES / "assets.csv"))
    assert "0 new, 0 updated, 8 unchanged, 0 removed" in again.output
    bad = tmp_path / "bad.csv"
    bad.write_text("name,kind,postcode\nFood hub,food bank,NR7 9JB\n", encoding="utf-8")
    result = fairer(monkeypatch, sqlite_url, "assets", "import", str(bad))
    assert result.exit_code == 1
    assert "bad.csv: 1 row has a problem, so nothing was imported." in result.output
    assert "line 2, column 'area_code': missing: the postcode NR7 9JB alone" in result.output
    assert count(sqlite_url) == 8


def test_help_shows_the_columns_and_an_example():
    result = CliRunner().invoke(main, ["assets", "import", "--help"], terminal_width=100)
    lines = [line.strip() for line in result.output.splitlines()]
    assert "name,kind,postcode,area_code,latitude,longitude,website" in lines
    assert "Example: fairer assets import examples/assets.csv" in result.output
