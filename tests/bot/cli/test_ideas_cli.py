"""`fairer ideas import` and `fairer ideas export` as an officer runs them on Sampleton."""

from __future__ import annotations

import csv

from click.testing import CliRunner

from bot.cli.main import main
from tests.engagement.action_factories import load_sample_into


def fairer(monkeypatch, url: str, *args):
    monkeypatch.setenv("DATABASE_URL", url)
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def write(path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


HEADER = ["title", "description", "area_code", "themes", "status", "partner", "reason"]


def test_import_reports_what_it_added_and_export_writes_every_idea(
    monkeypatch, sqlite_url, tmp_path
):
    load_sample_into(sqlite_url)
    good = write(
        tmp_path / "ideas.csv",
        [HEADER, ["Community fridge", "Share food", "E02900001", "", "picked up", "FoodCycle", ""]],
    )
    result = fairer(monkeypatch, sqlite_url, "ideas", "import", str(good))
    assert result.exit_code == 0
    assert result.output.strip() == "ideas.csv: 1 idea added."

    out = tmp_path / "all.csv"
    result = fairer(monkeypatch, sqlite_url, "ideas", "export", "-o", str(out))
    assert result.output.strip() == f"{out}: 1 idea written."
    [row] = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert (row["title"], row["status"], row["partner"]) == (
        "Community fridge",
        "picked up",
        "FoodCycle",
    )


def test_a_bad_file_fails_with_every_line_named_and_imports_nothing(
    monkeypatch, sqlite_url, tmp_path
):
    load_sample_into(sqlite_url)
    bad = write(
        tmp_path / "ideas.csv",
        [HEADER, ["Fridge", "", "E02900001", "", "", "", ""], ["", "", "Atlantis", "", "", "", ""]],
    )
    result = CliRunner().invoke(
        main, ["ideas", "import", str(bad)], env={"DATABASE_URL": sqlite_url}
    )
    assert result.exit_code == 1
    assert "ideas.csv: 1 row has a problem, so nothing was imported." in result.output
    assert "line 3, column 'title': missing: every idea needs one." in result.output
    assert "line 3, column 'area_code': no area matches 'Atlantis'." in result.output
    out = tmp_path / "all.csv"
    fairer(monkeypatch, sqlite_url, "ideas", "export", "-o", str(out))
    assert list(csv.DictReader(out.open(encoding="utf-8-sig"))) == []
