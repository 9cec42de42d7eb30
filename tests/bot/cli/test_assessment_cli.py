"""`fairer assessment load` and `fairer assessment export` as an officer runs them: the example
assessment of NRI-02 loaded onto the example plan and exported for the committee papers, and
problems as sentences on stderr with status 1."""

from __future__ import annotations

import csv
import io

import pytest
import yaml
from click.testing import CliRunner
from docx import Document
from sqlalchemy import func, select

from bot.cli.main import main
from storage import session_scope
from storage.assessment_models import Assessment
from storage.db import engine_for
from tests.engagement.assessments.example_plan import EXAMPLE_ASSESSMENT, example_plan_engine

EXAMPLE = yaml.safe_load(EXAMPLE_ASSESSMENT.read_text(encoding="utf-8"))
SECTIONS = ("economic", "social", "equality_and_diversity", "environmental", "risk")


def example_marks() -> list[str]:
    """The impact on every row the example marks, read from the YAML alone."""
    impacts = []
    for section in (*SECTIONS, "protected_characteristics"):
        for mark in EXAMPLE[section].values():
            impacts.append(mark if isinstance(mark, str) else mark["impact"])
    return impacts


@pytest.fixture
def plan_url(sqlite_url, official, tmp_path) -> str:
    example_plan_engine(sqlite_url, official, tmp_path).dispose()
    return sqlite_url


@pytest.fixture
def fairer(monkeypatch):
    def run(url: str, *args):
        monkeypatch.setenv("DATABASE_URL", url)
        for name in ("SLACK_BOT_TOKEN", "SECRET_KEY", "SLACK_SIGNING_SECRET"):
            monkeypatch.delenv(name, raising=False)
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return run


def assessments_in(url: str) -> int:
    with session_scope(engine_for(url)) as session:
        return session.scalar(select(func.count()).select_from(Assessment))


def test_the_example_loads_and_exports_for_the_committee_papers(fairer, plan_url, tmp_path):
    result = fairer(plan_url, "assessment", "load", str(EXAMPLE_ASSESSMENT))
    assert result.exit_code == 0, result.output
    impacts = example_marks()
    assert result.stdout.strip() == (
        "Loaded the impact assessment NRI-02 (Second round of participatory budgeting in "
        f"Heartsease): version 1, draft; {len(impacts)} row(s) marked, "
        f"{impacts.count('negative')} negative."
    )
    word = tmp_path / "NRI-02.docx"
    result = fairer(plan_url, "assessment", "export", "nri-02", "--format", "docx", "-o", str(word))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        f"{word}: the impact assessment NRI-02 (a draft: not signed off) written."
    )
    document = Document(str(word))
    assert document.tables[0].rows[0].cells[1].text == "NRI-02"
    assert len(document.tables) == 1 + len(SECTIONS) + 1
    sheet = tmp_path / "NRI-02.csv"
    result = fairer(plan_url, "assessment", "export", "NRI-02", "-o", str(sheet))
    assert result.exit_code == 0, result.output
    lines = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
    assert sorted(line["impact"] for line in lines if line["impact"]) == sorted(impacts)


def test_a_bad_file_lists_its_problems_on_stderr_and_stores_nothing(fairer, plan_url, tmp_path):
    path = tmp_path / "old.yml"
    path.write_text(
        "action: NRI-02\neconomic:\n  finance: good\nsocial:\n  safe_guarding: neutral\n",
        encoding="utf-8",
    )
    result = fairer(plan_url, "assessment", "load", str(path))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "old.yml has 2 problems, so nothing was loaded.",
        "old.yml, line 3, field 'economic.finance.impact': the impact must be neutral, "
        "positive or negative (not 'good').",
        "old.yml, line 5, field 'social.safe_guarding': safe_guarding is not a row of social; "
        "did you mean safeguarding?",
    ]
    assert assessments_in(plan_url) == 0
    missing = fairer(plan_url, "assessment", "load", str(tmp_path / "nope.yml"))
    assert missing.exit_code == 1
    assert missing.stderr.strip() == f"{tmp_path / 'nope.yml'}: no such file."


def test_a_signed_off_assessment_is_not_loaded_over(fairer, plan_url, tmp_path):
    signed = tmp_path / "signed.yml"
    signed.write_text(
        EXAMPLE_ASSESSMENT.read_text(encoding="utf-8")
        + "signed_off_by: Director of communities\nsigned_off_on: 2026-06-30\n",
        encoding="utf-8",
    )
    assert fairer(plan_url, "assessment", "load", str(signed)).exit_code == 0
    result = fairer(plan_url, "assessment", "load", str(EXAMPLE_ASSESSMENT))
    assert result.exit_code == 1
    assert "NRI-02 is signed off (version 1, by Director of communities on 30 June 2026)" in (
        result.stderr
    )
    out = tmp_path / "signed.docx"
    assert fairer(plan_url, "assessment", "export", "NRI-02", "-o", str(out)).stdout.strip() == (
        f"{out}: the impact assessment NRI-02 written."
    )


def test_an_unknown_reference_is_one_sentence_on_stderr(fairer, plan_url, tmp_path):
    out = tmp_path / "x.docx"
    result = fairer(plan_url, "assessment", "export", "NRI-99", "-o", str(out))
    assert result.exit_code == 1 and not out.exists()
    assert result.stderr.startswith("There is no impact assessment NRI-99: ")
    bad = fairer(plan_url, "assessment", "export", "NRI-02", "--format", "pdf", "-o", str(out))
    assert bad.exit_code == 2 and "'pdf' is not one of 'docx', 'csv'" in bad.stderr
