"""`--help` of the importers shows each file's layout, and long commands show a clock on a
terminal only."""

from __future__ import annotations

import io
import re

import pytest
from click.testing import CliRunner

from bot.cli import progress
from bot.cli.main import main
from tests.surveys.survey_helpers import SLUG, open_example_survey

IMPORTERS = [
    (
        ["survey", "import"],
        "priority_1,priority_2,priority_3,top_issues,heard_before,respondent_type,comments",
    ),
    (["survey", "load"], "slug: draft-priorities"),
    (
        ["import-actions"],
        "reference,title,description,theme,areas,owner,partners,due,status,reason",
    ),
    (["areas", "load"], "members: [E02005587]"),
    (
        ["import-indicators"],
        "area_code,indicator,period,value,lower_ci,upper_ci,count,denominator,polarity",
    ),
]


def help_text(*words):
    result = CliRunner().invoke(main, [*words, "--help"], terminal_width=100)
    assert result.exit_code == 0
    return result.output


@pytest.mark.parametrize(("words", "header"), IMPORTERS)
def test_each_importer_shows_its_file_layout_unwrapped_and_an_example_command(words, header):
    text = help_text(*words)
    assert any(line.strip() == header for line in text.splitlines()), text
    assert f"Example: fairer {' '.join(words)} " in text


def test_the_command_list_does_not_cut_sentences_at_e_g():
    text = help_text()
    assert "(e.g." not in text
    slash = next(line for line in text.splitlines() if line.strip().startswith("slash"))
    assert slash.split(None, 1)[1] == "Send a signed slash command through the app, as Slack would."
    assert not re.search(r"\w\.\.\.$", text, re.MULTILINE)


def test_the_example_in_survey_import_help_imports(sqlite_url, monkeypatch, tmp_path):
    open_example_survey(sqlite_url)
    lines = help_text("survey", "import").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("priority_1,"))
    csv_text = "\n".join(line.strip() for line in lines[start : start + 3]) + "\n"
    path = tmp_path / "paper.csv"
    path.write_text(csv_text, encoding="utf-8")
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    result = CliRunner().invoke(main, ["survey", "import", SLUG, str(path)])
    assert result.exit_code == 0, result.output
    # Not on a terminal: only the result, no progress bar.
    assert result.output == f"Imported 2 paper response(s) into '{SLUG}'.\n"


def test_the_clock_shows_what_is_happening_and_for_how_long_on_a_terminal(monkeypatch):
    terminal = io.StringIO()
    monkeypatch.setattr(progress.sys, "stderr", terminal)
    monkeypatch.setattr(progress, "TICK_SECONDS", 0.01)
    with progress.working("Importing paper responses into 'x'", show=True):
        import time

        time.sleep(0.05)
    assert "Importing paper responses into 'x': 00:00" in terminal.getvalue()


def test_the_clock_prints_nothing_when_not_on_a_terminal(monkeypatch):
    piped = io.StringIO()
    monkeypatch.setattr(progress.sys, "stderr", piped)
    assert not progress.on_terminal()
    with progress.working("Importing"):
        pass
    assert piped.getvalue() == ""
