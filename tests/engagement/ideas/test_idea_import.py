"""`fairer ideas import`: CSV and Excel files of ideas, every bad row named by line and column,
nothing half-imported, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv

import pytest
from sqlalchemy import func, select

from engagement.errors import ImportProblem
from engagement.ideas.import_file import IdeaImportProblems, import_ideas
from engagement.ideas.views import idea_counts, published_ideas
from storage import session_scope
from storage.db import make_engine
from storage.idea_models import Idea, IdeaChange
from tests.engagement.action_factories import load_sample_into

HEADER = ["title", "description", "area_code", "themes", "status", "partner", "reason"]
GOOD = [
    ["Community fridge", "Share surplus food", "E02900001", "", "picked up", "FoodCycle", ""],
    ["Play area repairs", "Swings broken since May", "E02900001", "", "proposed", "", ""],
    [
        "Street party",
        "For the jubilee",
        "E05900003",
        "",
        "not taken forward",
        "",
        "No road closure",
    ],
]


@pytest.fixture
def engine(db_url):
    load_sample_into(db_url)
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


def write(path, rows, header=HEADER):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def run(engine, path):
    with session_scope(engine) as session:
        return import_ideas(session, path)


def count(engine) -> int:
    with session_scope(engine) as session:
        return session.scalar(select(func.count()).select_from(Idea))


def test_a_good_file_adds_published_ideas_with_their_history(engine, tmp_path):
    report = run(engine, write(tmp_path / "ideas.csv", GOOD))

    assert report.added == 3
    assert report.summary() == "ideas.csv: 3 ideas added."
    with session_scope(engine) as session:
        counts = idea_counts(session, "E02900001")
        assert (counts.total, counts.picked_up) == (2, 1)
        [street] = published_ideas(session, "E05900003")
        assert street.status_words == "Not taken forward"
        assert street.status_reason == "No road closure"
        assert session.scalar(select(func.count()).select_from(IdeaChange)) == 3
    # Imported again, nothing is added twice.
    again = run(engine, write(tmp_path / "ideas.csv", GOOD))
    assert (again.added, again.already_there) == (0, 3)


def test_themes_must_come_from_the_comment_taxonomy(engine, tmp_path):
    rows = [["Warm space", "", "E02900001", "housing; Astrology", "", "", ""]]
    with pytest.raises(IdeaImportProblems) as problems:
        run(engine, write(tmp_path / "ideas.csv", rows))
    assert problems.value.problems == [
        "line 2, column 'themes': 'Astrology' is not a theme of the comment taxonomy."
    ]


def test_every_bad_row_is_named_and_nothing_is_imported(engine, tmp_path):
    rows = [
        GOOD[0],
        ["", "no title", "E02900001", "", "", "", ""],
        ["Bench by the pond", "", "Atlantis", "", "", "", ""],
        ["Cycle hub", "", "E02900001", "", "abandoned", "", ""],
        ["Food bank van", "", "E02900001", "", "picked up", "", ""],
        ["Mural", "", "E02900001", "", "not taken forward", "", ""],
    ]
    with pytest.raises(IdeaImportProblems) as problems:
        run(engine, write(tmp_path / "ideas.csv", rows))

    message = str(problems.value)
    assert message.startswith("ideas.csv: 5 rows have problems, so nothing was imported.")
    found = problems.value.problems
    assert found[0] == "line 3, column 'title': missing: every idea needs one."
    assert found[1].startswith("line 4, column 'area_code': no area matches 'Atlantis'.")
    assert found[2].startswith("line 5, column 'status': 'abandoned' is not a status")
    assert found[3] == (
        "line 6, column 'partner': an idea picked up needs the partner who picked it up."
    )
    assert found[4] == "line 7, column 'reason': an idea not taken forward needs a reason."
    assert count(engine) == 0


def test_an_excel_file_is_read_like_a_csv(engine, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(HEADER)
    for row in GOOD:
        book.active.append(row)
    path = tmp_path / "ideas.xlsx"
    book.save(path)

    assert run(engine, path).added == 3


def test_a_file_without_an_area_column_is_refused_whole(engine, tmp_path):
    with pytest.raises(ImportProblem, match="has no 'area_code' column"):
        run(engine, write(tmp_path / "ideas.csv", [["Idea"]], header=["title"]))
    assert count(engine) == 0
