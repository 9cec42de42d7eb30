"""An impact assessment written out as a Word document laid out as the council's template, or as
CSV with one line per template row for analysts."""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from sqlalchemy.orm import Session

from engagement import figures
from engagement.assessments.store import RowMark, assessment_rows
from engagement.assessments.template import assessment_template
from engagement.tabular import csv_bytes, safe_cell
from storage.assessment_models import Assessment

IMPACT_COLUMNS = ("neutral", "positive", "negative")
# Characters XML 1.0 cannot hold: python-docx refuses them, and a pasted comment can carry them.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MARK = "x"
SUBJECT_WORDS = {
    "action": "Action",
    "survey": "Survey",
    "pb_round": "Participatory budgeting round",
    "decision": "Decision",
}
CSV_COLUMNS = (
    "reference",
    "subject",
    "title",
    "status",
    "version",
    "committee",
    "committee_date",
    "assessed_by",
    "assessed_on",
    "review_on",
    "signed_off_by",
    "signed_off_on",
    "section",
    "row",
    "section_key",
    "row_key",
    "protected",
    "impact",
    "comment",
    "mitigation",
)


def _signed_off(assessment: Assessment) -> str:
    if assessment.status != "signed_off":
        return f"Version {assessment.version}, draft: not signed off"
    when = figures.long_date(assessment.signed_off_at)
    return f"Version {assessment.version}, signed off by {assessment.signed_off_by} on {when}"


def _header_details(assessment: Assessment) -> list[tuple[str, str]]:
    return [
        ("Reference", assessment.reference),
        ("Committee", assessment.committee or ""),
        ("Committee date", figures.long_date(assessment.committee_date)),
        ("Director / Head of service", assessment.assessed_by or ""),
        ("Report subject", assessment.title),
        ("Date assessed", figures.long_date(assessment.assessed_on)),
        ("Review date", figures.long_date(assessment.review_on)),
        ("Version and sign-off", _signed_off(assessment)),
    ]


def _repeat_as_header(row) -> None:
    """Mark a table row as a header row: Word repeats it on each page and screen readers
    announce it as the column headings."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _clean(text: str | None) -> str:
    return NOT_XML.sub("", text or "")


def _caption(table, text: str) -> None:
    """Give the table the title Word shows as its alt text, for screen readers."""
    caption = OxmlElement("w:tblCaption")
    caption.set(qn("w:val"), _clean(text)[:250])
    table._tbl.tblPr.append(caption)


def _bold(cell, text: str) -> None:
    cell.text = ""
    cell.paragraphs[0].add_run(_clean(text)).bold = True


def _comment(mark: RowMark) -> str:
    parts = [mark.comment] if mark.comment else []
    if mark.impact == "negative" and mark.mitigation:
        parts.append(f"Mitigation: {mark.mitigation}")
    return "\n".join(parts)


def _section_table(document, section, marks: dict[str, RowMark]) -> None:
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    heading = table.rows[0]
    for cell, text in zip(
        heading.cells,
        (section.title, "Neutral", "Positive", "Negative", "Comments"),
        strict=True,
    ):
        _bold(cell, text)
    _repeat_as_header(heading)
    _caption(table, f"{section.title}: the impact on each row, with comments")
    for row in section.rows:
        mark = marks.get(row.key, RowMark())
        cells = table.add_row().cells
        cells[0].text = row.title
        for cell, impact in zip(cells[1:4], IMPACT_COLUMNS, strict=True):
            cell.text = MARK if mark.impact == impact else ""
        cells[4].text = _clean(_comment(mark))
    for row in table.rows:
        row.cells[0].width = Cm(5.5)
        for cell in row.cells[1:4]:
            cell.width = Cm(1.8)
        row.cells[4].width = Cm(7)


def assessment_docx(session: Session, assessment: Assessment) -> bytes:
    """Return the assessment as a Word document (.docx bytes) laid out as the council's
    integrated impact assessment: details, one table per section, then recommendations."""
    template = assessment_template()
    marks = assessment_rows(session, assessment)
    document = Document()
    document.core_properties.title = _clean(f"Integrated impact assessment: {assessment.title}")
    document.core_properties.subject = assessment.reference
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "en-GB")
    style.element.get_or_add_rPr().append(language)
    document.add_heading("Integrated impact assessment", level=1)
    document.add_paragraph(f"{SUBJECT_WORDS[assessment.subject_kind]}: {_clean(assessment.title)}")

    details = document.add_table(rows=0, cols=2)
    details.style = "Table Grid"
    _caption(details, "Details of the assessment")
    for label, value in _header_details(assessment):
        cells = details.add_row().cells
        _bold(cells[0], label)
        cells[1].text = _clean(value)

    for section in template.sections:
        document.add_heading(section.title, level=2)
        if section.hint:
            document.add_paragraph(section.hint)
        _section_table(document, section, marks)

    document.add_heading("Recommendations from impact assessment", level=2)
    recommendations = assessment.recommendations or {}
    for key, title in template.recommendations:
        document.add_heading(title, level=3)
        document.add_paragraph(_clean(recommendations.get(key)) or "None recorded.")

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def assessment_csv(session: Session, assessment: Assessment) -> bytes:
    """Return the assessment as CSV bytes: one line per template row (in template order) with
    its impact, comment and mitigation, each line repeating the assessment's details so the
    file can be filtered or stacked with others; recommendations follow as rows whose
    section is "Recommendations"."""
    template = assessment_template()
    marks = assessment_rows(session, assessment)
    signed_on = assessment.signed_off_at.date() if assessment.signed_off_at else None
    details = {
        "reference": assessment.reference,
        "subject": assessment.subject_kind,
        "title": assessment.title,
        "status": assessment.status,
        "version": assessment.version,
        "committee": assessment.committee or "",
        "committee_date": assessment.committee_date,
        "assessed_by": assessment.assessed_by or "",
        "assessed_on": assessment.assessed_on,
        "review_on": assessment.review_on,
        "signed_off_by": assessment.signed_off_by or "",
        "signed_off_on": signed_on,
    }
    lines: list[dict[str, object]] = []
    for section in template.sections:
        for row in section.rows:
            mark = marks.get(row.key, RowMark())
            lines.append(
                details
                | {
                    "section": section.title,
                    "row": row.title,
                    "section_key": section.key,
                    "row_key": row.name,
                    "protected": "yes" if row.protected else "no",
                    "impact": mark.impact or "",
                    "comment": mark.comment,
                    "mitigation": mark.mitigation,
                }
            )
    recommendations = assessment.recommendations or {}
    for key, title in template.recommendations:
        lines.append(
            details
            | {
                "section": "Recommendations",
                "row": title,
                "section_key": "recommendations",
                "row_key": key,
                "protected": "",
                "impact": "",
                "comment": recommendations.get(key, ""),
                "mitigation": "",
            }
        )
    return csv_bytes(CSV_COLUMNS, [{k: safe_cell(v) for k, v in line.items()} for line in lines])
