"""`fairer pb load`, `import-ballots`, `count --json`, `export` and `publish`, end to end on
SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from sqlalchemy import select

from bot.cli.main import main
from storage import session_scope
from storage.action_models import Action, ActionArea, ActionUpdate
from storage.db import make_engine
from storage.pb_models import PbBallot
from tests.engagement.pb.rounds import CASTLE_WARD, load_sample, round_file


@pytest.fixture
def fairer(db_url, monkeypatch):
    load_sample(db_url)
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)

    def run(*args):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return run


def write_ballots(tmp_path, rows: list[str], header: str = "projects,neighbourhood"):
    path = tmp_path / "paper.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_a_round_loads_takes_paper_ballots_and_counts_as_the_contract_says(
    fairer, db_url, tmp_path
):
    loaded = fairer("pb", "load", str(round_file(tmp_path)))
    assert loaded.exit_code == 0, loaded.output
    assert "Residents vote at /pb/castle-fund" in loaded.output
    # Worked by hand: Youth club kit 7, Play area repairs 5, Community garden 5 (tied, cheaper
    # first), Benches 3, Mural 0; £10,000: Youth club (£5,000 left), Community garden (£2,000
    # left), Play area repairs £8,000 skipped, Benches funded (£1,000 left).
    rows = (
        ["Play area repairs,Castle Green"] * 5
        + ["Community garden;Youth club kit,E02900004"] * 2
        + ["Youth club kit;Community garden;Benches on the green,"] * 3
        + ["Youth club kit,Lakeside & Tudor Way"] * 2
    )
    imported = fairer("pb", "import-ballots", "castle-fund", str(write_ballots(tmp_path, rows)))
    assert imported.exit_code == 0, imported.output
    assert "Imported 12 paper ballot(s)" in imported.output

    counted = fairer("pb", "count", "castle-fund", "--json")
    assert counted.exit_code == 0, counted.output
    data = json.loads(counted.output)
    assert list(data) == ["round", "budget", "spent", "ballots", "projects", "funded"]
    assert data["round"] == "castle-fund"
    assert (data["budget"], data["spent"], data["ballots"]) == (10000, 9000, 12)
    assert [(p["title"], p["cost"], p["votes"], p["funded"]) for p in data["projects"]] == [
        ("Youth club kit", 5000, 7, True),
        ("Community garden", 3000, 5, True),
        ("Play area repairs", 8000, 5, False),
        ("Benches on the green", 1000, 3, True),
        ("Mural", 2000, 0, False),
    ]
    assert all(list(p) == ["title", "cost", "votes", "funded", "why"] for p in data["projects"])
    assert data["projects"][2]["why"].startswith(
        "Not funded: £8,000 did not fit in the £2,000 left."
    )
    assert data["funded"] == ["Youth club kit", "Community garden", "Benches on the green"]

    engine = make_engine(db_url)
    with session_scope(engine) as session:
        areas = sorted(b.area_code or "" for b in session.scalars(select(PbBallot)))
        channels = {b.channel for b in session.scalars(select(PbBallot))}
    assert areas == [""] * 3 + ["E02900003"] * 5 + ["E02900004"] * 4
    assert channels == {"paper"}

    out = tmp_path / "ballots.xlsx"
    assert (
        fairer(
            "pb", "export", "castle-fund", "ballots", "--format", "xlsx", "-o", str(out)
        ).exit_code
        == 0
    )
    sheet = load_workbook(out).active
    assert sheet.max_row == 13
    assert [c.value for c in sheet[1]][:3] == [
        "Receipt code",
        "Channel",
        "Neighbourhood (area code)",
    ]
    count_csv = fairer("pb", "export", "castle-fund", "count")
    assert "Play area repairs" in count_csv.output and "did not fit" in count_csv.output

    published = fairer("pb", "publish", "castle-fund", "--channel", "C0PB")
    assert published.exit_code == 0, published.output
    assert "3 funded project(s) are actions" in published.output
    assert "No bot token is set" in published.output
    assert fairer("pb", "publish", "castle-fund").exit_code == 0  # again: nothing new
    with session_scope(engine) as session:
        actions = session.scalars(select(Action).order_by(Action.reference)).all()
        assert [(a.reference, a.title) for a in actions] == [
            ("PB-1-2", "Community garden"),
            ("PB-1-3", "Youth club kit"),
            ("PB-1-4", "Benches on the green"),
        ]
        assert {a.area_code for a in session.scalars(select(ActionArea))} == {CASTLE_WARD}
        notes = [u.note for u in session.scalars(select(ActionUpdate))]
        assert all("participatory budgeting round 'castle-fund'" in n for n in notes)
    engine.dispose()


def test_load_errors_name_the_line(fairer, tmp_path):
    bad_cost = round_file(tmp_path).read_text().replace("cost: 3000", "cost: lots")
    path = tmp_path / "bad.yml"
    path.write_text(bad_cost)
    result = fairer("pb", "load", str(path))
    assert result.exit_code == 1
    assert "bad.yml, line 10, field 'cost': give a whole number of pounds" in result.output

    path.write_text(round_file(tmp_path, area="nowhere-at-all").read_text())
    result = fairer("pb", "load", str(path))
    assert "bad.yml, line 3, field 'area': there is no area 'nowhere-at-all'" in result.output

    path.write_text(round_file(tmp_path, rule="approval").read_text())
    result = fairer("pb", "load", str(path))
    assert "field 'max_choices': an approval round needs max_choices" in result.output

    no_idea = round_file(tmp_path).read_text().replace("cost: 5000}", "cost: 5000, idea: 999}")
    path.write_text(no_idea)
    result = fairer("pb", "load", str(path))
    assert (
        "bad.yml, line 11, field 'idea': there is no idea 999 in the project bank." in result.output
    )

    too_dear = round_file(tmp_path).read_text().replace("cost: 8000", "cost: 12000")
    path.write_text(too_dear)
    result = fairer("pb", "load", str(path))
    assert (
        "bad.yml, line 9, field 'cost': “Play area repairs” costs £12,000, more than the whole "
        "budget of £10,000." in result.output
    )


def test_paper_ballots_with_errors_import_nothing_and_name_each_line(fairer, db_url, tmp_path):
    assert fairer("pb", "load", str(round_file(tmp_path))).exit_code == 0
    rows = [
        "Community garden,Castle Green",
        "Play area repair,Castle Green",  # line 3: not the exact title
        "Play area repairs;Youth club kit,",  # line 4: £13,000 is over the £10,000 budget
        ",",  # blank rows are skipped
        "Mural,Atlantis",  # line 6: no such neighbourhood
    ]
    result = fairer("pb", "import-ballots", "castle-fund", str(write_ballots(tmp_path, rows)))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[0] == "Nothing was imported."
    assert lines[1] == (
        "paper.csv, line 3, column 'projects': “Play area repair” is not a project on this "
        "ballot (titles must match exactly)."
    )
    assert lines[2].startswith(
        "paper.csv, line 4, column 'projects': The projects you chose cost £13,000"
    )
    assert lines[3].startswith("paper.csv, line 6, column 'neighbourhood': “Atlantis”")
    engine = make_engine(db_url)
    with session_scope(engine) as session:
        assert session.scalars(select(PbBallot)).all() == []
    engine.dispose()
    no_column = fairer(
        "pb", "import-ballots", "castle-fund", str(write_ballots(tmp_path, [], "choices"))
    )
    assert "line 1: there is no 'projects' column" in no_column.output
    unknown = fairer("pb", "import-ballots", "no-such-round", str(write_ballots(tmp_path, rows)))
    assert "There is no participatory budgeting round 'no-such-round'" in unknown.output


def test_a_project_from_the_project_bank_keeps_its_idea(fairer, db_url, tmp_path):
    from storage.idea_models import Idea
    from storage.pb_models import PbProject

    engine = make_engine(db_url)
    with session_scope(engine) as session:
        idea = Idea(
            area_code=CASTLE_WARD, area_name="Castle", title="A youth club", source="officer"
        )
        session.add(idea)
        session.flush()
        idea_id = idea.id
    text = round_file(tmp_path).read_text().replace("cost: 5000}", f"cost: 5000, idea: {idea_id}}}")
    path = tmp_path / "with-idea.yml"
    path.write_text(text)
    assert fairer("pb", "load", str(path)).exit_code == 0
    with session_scope(engine) as session:
        ideas = dict(session.execute(select(PbProject.title, PbProject.idea_id)).all())
    engine.dispose()
    assert ideas["Youth club kit"] == idea_id
    assert ideas["Mural"] is None
