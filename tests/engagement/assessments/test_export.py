"""The exports for committee papers: the example assessment of NRI-02 written as a Word document
laid out as the council's template (read back here with python-docx) and as CSV."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
import yaml
from docx import Document
from docx.oxml.ns import qn

from engagement.assessments.export import assessment_csv, assessment_docx
from engagement.assessments.load_file import load_assessment_file
from engagement.assessments.store import sign_off
from engagement.assessments.template import TEMPLATE_FILE
from storage import session_scope
from storage.db import engine_for
from tests.engagement.action_factories import create_action
from tests.engagement.assessments.example_plan import EXAMPLE_ASSESSMENT, example_plan_engine

EXAMPLE = yaml.safe_load(EXAMPLE_ASSESSMENT.read_text(encoding="utf-8"))
TEMPLATE = yaml.safe_load(TEMPLATE_FILE.read_text(encoding="utf-8"))
ACTION_TITLE = "Second round of participatory budgeting in Heartsease"  # examples/actions.csv


def marks(section: str) -> dict[str, dict]:
    """The example's rows in section as {row key: {impact, comment, mitigation}}."""
    return {
        name: {"impact": mark} if isinstance(mark, str) else mark
        for name, mark in (EXAMPLE.get(section) or {}).items()
    }


@pytest.fixture
def exported(sqlite_url, official, tmp_path):
    """Return a function writing the example assessment with writer, signed off when asked."""
    engine = example_plan_engine(sqlite_url, official, tmp_path)

    def export(writer, *, signed: bool = False) -> bytes:
        with session_scope(engine) as session:
            assessment = load_assessment_file(session, EXAMPLE_ASSESSMENT)
            if signed:
                sign_off(
                    session,
                    assessment,
                    user="U0DIRECTOR",
                    name="Director of communities",
                    at=datetime(2026, 7, 1, 9, 30, tzinfo=UTC),
                )
            return writer(session, assessment)

    yield export
    engine.dispose()


def cell_texts(row) -> list[str]:
    return [cell.text for cell in row.cells]


def test_the_word_document_has_the_details_then_a_table_per_section(exported):
    document = Document(io.BytesIO(exported(assessment_docx)))
    details, *sections = document.tables
    assert len(sections) == len(TEMPLATE["sections"])
    assert dict(cell_texts(row) for row in details.rows) == {
        "Reference": "NRI-02",
        "Committee": "Cabinet",
        "Committee date": "8 July 2026",
        "Director / Head of service": EXAMPLE["assessed_by"],
        "Report subject": ACTION_TITLE,
        "Date assessed": "15 June 2026",
        "Review date": "31 March 2027",
        "Version and sign-off": "Version 1, draft: not signed off",
    }
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings[0] == ("Heading 1", "Integrated impact assessment")
    assert [text for style, text in headings if style == "Heading 2"][:-1] == [
        s["title"] for s in TEMPLATE["sections"]
    ]
    columns = ["Neutral", "Positive", "Negative"]
    for table, section in zip(sections, TEMPLATE["sections"], strict=True):
        header, *rows = table.rows
        assert cell_texts(header) == [section["title"], *columns, "Comments"]
        # Marked as a header row: Word repeats it on each page, screen readers announce it.
        assert header._tr.trPr.find(qn("w:tblHeader")) is not None
        caption = table._tbl.tblPr.find(qn("w:tblCaption"))  # its alt text
        assert caption.get(qn("w:val")).startswith(section["title"])
        assert [r.cells[0].text for r in rows] == [row["title"] for row in section["rows"]]
        given = marks(section["key"])
        for row, template_row in zip(rows, section["rows"], strict=True):
            mark = given.get(template_row["key"], {})
            ticks = cell_texts(row)[1:4]
            if mark.get("impact"):
                assert ticks == ["x" if c.lower() == mark["impact"] else "" for c in columns]
            else:
                assert ticks == ["", "", ""]
            comment = row.cells[4].text
            assert (mark.get("comment") or "") in comment
            if mark.get("mitigation"):
                assert f"Mitigation: {mark['mitigation']}" in comment


def test_the_negative_impacts_show_their_paper_ballot_mitigation(exported):
    document = Document(io.BytesIO(exported(assessment_docx)))
    protected = document.tables[-1]
    by_title = {row.cells[0].text: cell_texts(row) for row in protected.rows[1:]}
    for title in ("Age", "Disability"):
        assert by_title[title][1:4] == ["", "", "x"]
        assert "Mitigation: " in by_title[title][4] and "aper ballots" in by_title[title][4]


def test_the_recommendations_follow_under_their_headings(exported):
    document = Document(io.BytesIO(exported(assessment_docx, signed=True)))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    start = paragraphs.index(("Heading 2", "Recommendations from impact assessment"))
    after = paragraphs[start + 1 :]
    for key, title in (
        ("positive", "Positive"),
        ("negative", "Negative"),
        ("neutral", "Neutral"),
        ("issues", "Issues"),
    ):
        at = after.index(("Heading 3", title))
        assert after[at + 1][1] == " ".join(EXAMPLE["recommendations"][key].split())
    details = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert details["Version and sign-off"] == (
        "Version 1, signed off by Director of communities on 1 July 2026"
    )


def test_the_csv_has_one_line_per_template_row_with_the_details_on_each(exported):
    text = exported(assessment_csv).decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads the accents right
    lines = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    template_rows = [(s, r) for s in TEMPLATE["sections"] for r in s["rows"]]
    rows, recommendations = lines[: len(template_rows)], lines[len(template_rows) :]
    assert len(recommendations) == len(TEMPLATE["recommendations"])
    for line, (section, row) in zip(rows, template_rows, strict=True):
        assert (line["section_key"], line["row_key"]) == (section["key"], row["key"])
        assert (line["section"], line["row"]) == (section["title"], row["title"])
        mark = marks(section["key"]).get(row["key"], {})
        assert line["impact"] == mark.get("impact", "")
        assert line["comment"] == " ".join((mark.get("comment") or "").split())
        assert line["mitigation"] == " ".join((mark.get("mitigation") or "").split())
        assert line["protected"] == (
            "yes" if section["key"] == "protected_characteristics" else "no"
        )
        assert (line["reference"], line["title"], line["status"]) == (
            "NRI-02",
            ACTION_TITLE,
            "draft",
        )
        assert (line["committee_date"], line["assessed_on"], line["review_on"]) == (
            "2026-07-08",
            "2026-06-15",
            "2027-03-31",
        )
    assert [r["row_key"] for r in recommendations] == ["positive", "negative", "neutral", "issues"]
    assert recommendations[3]["comment"].startswith("If turnout is low")
    negatives = [r["row"] for r in rows if r["impact"] == "negative"]
    assert negatives == ["Age", "Disability"]


def test_text_a_spreadsheet_would_run_is_made_harmless(sqlite_url, tmp_path):
    path = tmp_path / "evil.yml"
    path.write_text(
        "action: NR-01\nassessed_by: '@SUM(A1)'\n"
        "economic: {finance: {impact: neutral, comment: '-2+3'}}\n",
        encoding="utf-8",
    )
    with session_scope(engine_for(sqlite_url)) as session:
        create_action(session, reference="NR-01", title="=1+1")
        assessment = load_assessment_file(session, path)
        text = assessment_csv(session, assessment).decode("utf-8-sig")
    first = next(csv.DictReader(io.StringIO(text)))
    assert (first["title"], first["assessed_by"], first["comment"]) == (
        "'=1+1",
        "'@SUM(A1)",
        "'-2+3",
    )


def test_characters_word_cannot_hold_are_left_out(sqlite_url, tmp_path):
    path = tmp_path / "pasted.yml"
    path.write_text(
        'action: NR-01\neconomic: {finance: {impact: neutral, comment: "Pasted\\vfrom Word"}}\n',
        encoding="utf-8",
    )
    with session_scope(engine_for(sqlite_url)) as session:
        create_action(session, reference="NR-01", title="Warm spaces\x0c")
        assessment = load_assessment_file(session, path)
        document = Document(io.BytesIO(assessment_docx(session, assessment)))
    assert document.tables[1].rows[1].cells[4].text == "Pastedfrom Word"
    assert document.tables[0].rows[4].cells[1].text == "Warm spaces"
