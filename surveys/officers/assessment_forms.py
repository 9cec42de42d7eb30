"""The impact assessment pages' forms: read what an officer posted into the data
engagement/assessments/store.py takes, give the form back its values (stored or as typed), and
word a stored version for reading. No Flask here: views pass request.form in.

Form field names: assessed_by, assessed_on-day/-month/-year (and review_on, committee_date),
committee, title (a decision's), note; "<section>.<row>.impact" / ".comment" / ".mitigation"
for each template row; "recommendations.<key>".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from engagement.assessments.store import Details, RowMark
from engagement.assessments.template import Template, assessment_template

DATES = {
    "assessed_on": "Date assessed",
    "review_on": "Review date",
    "committee_date": "Committee date",
}
IMPACT_WORDS = {"neutral": "Neutral", "positive": "Positive", "negative": "Negative"}
NOT_ASSESSED = "none"  # the radio for a row not assessed (stored as no impact)
EVENT_WORDS = {
    "created": "Started",
    "saved": "Saved",
    "signed_off": "Signed off",
    "reopened": "New version started",
    "loaded": "Loaded from a file",
}
KIND_WORDS = {
    "action": "Action",
    "survey": "Survey",
    "pb_round": "Participatory budgeting round",
    "decision": "Decision",
}
# On the start page, the field that names the subject of each kind.
SUBJECT_FIELDS = {
    "action": "action_reference",
    "survey": "survey_slug",
    "pb_round": "pb_round_slug",
    "decision": "decision_title",
}


def field_id(field: str) -> str:
    """Return the id of the input an error on field links to: the first input of a date or of a
    row's radios, else the field's own input."""
    if field in DATES:
        return f"{field}-day"
    if field == "rows":  # "mark at least one row": the first row's radios
        return field_id(assessment_template().rows[0].key)
    dashed = field.replace(".", "-")
    if field.count(".") == 1 and not field.startswith("recommendations."):
        return f"{dashed}-impact"  # a row: its first radio
    return dashed


def error_list(errors: dict[str, str]) -> list[dict[str, str]]:
    """Return the error summary's items, each linking to its field."""
    return [{"text": text, "href": f"#{field_id(field)}"} for field, text in errors.items()]


def read_date(form, name: str, errors: dict[str, str]) -> date | None:
    """Return the date typed in the GOV.UK date input name (None when left empty); records an
    error naming the field when it is not a real date."""
    day, month, year = (form.get(f"{name}-{part}", "").strip() for part in ("day", "month", "year"))
    if not (day or month or year):
        return None
    label = DATES[name]
    if not (day and month and year):
        errors[name] = f"{label} must include a day, month and year"
        return None
    if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
        errors[name] = f"{label} must be a real date, like 27 3 2027"
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        errors[name] = f"{label} must be a real date, like 27 3 2027"
        return None


def read_details(form, template: Template, *, decision: bool) -> tuple[Details, dict[str, str]]:
    """Return (details, errors) from the assessment form. A row is read only when the form
    carries it, so a partial form never clears the rows it does not show."""
    errors: dict[str, str] = {}
    dates = {name: read_date(form, name, errors) for name in DATES}
    rows = {}
    for row in template.rows:
        names = [f"{row.key}.{part}" for part in ("impact", "comment", "mitigation")]
        if not any(name in form for name in names):
            continue
        impact = form.get(names[0], "").strip()
        rows[row.key] = RowMark(
            impact=None if impact in ("", NOT_ASSESSED) else impact,
            comment=form.get(names[1], ""),
            mitigation=form.get(names[2], ""),
        )
    details = Details(
        assessed_by=form.get("assessed_by", ""),
        assessed_on=dates["assessed_on"],
        review_on=dates["review_on"],
        committee=form.get("committee", ""),
        committee_date=dates["committee_date"],
        title=form.get("title", "") if decision else None,
        rows=rows,
        recommendations={
            key: form.get(f"recommendations.{key}", "") for key, _ in template.recommendations
        },
    )
    return details, errors


def stored_values(snapshot: dict) -> dict[str, str]:
    """Return the form's values for an assessment as stored (its snapshot)."""
    values = {
        "assessed_by": snapshot["assessed_by"] or "",
        "committee": snapshot["committee"] or "",
        "title": snapshot["title"] or "",
    }
    for name in DATES:
        day = date.fromisoformat(snapshot[name]) if snapshot.get(name) else None
        for part, number in (("day", "day"), ("month", "month"), ("year", "year")):
            values[f"{name}-{part}"] = str(getattr(day, number)) if day else ""
    for key, mark in snapshot["rows"].items():
        values[f"{key}.impact"] = mark["impact"] or NOT_ASSESSED
        values[f"{key}.comment"] = mark["comment"] or ""
        values[f"{key}.mitigation"] = mark["mitigation"] or ""
    for key, text in (snapshot.get("recommendations") or {}).items():
        values[f"recommendations.{key}"] = text
    return values


@dataclass(frozen=True)
class RowReading:
    """One template row of a stored version, worded for reading."""

    title: str
    impact: str  # "Neutral", "Positive", "Negative" or "Not assessed"
    negative: bool
    comment: str
    mitigation: str


@dataclass(frozen=True)
class SectionReading:
    """One section of a stored version, with its rows in the template's order."""

    key: str
    title: str
    rows: tuple[RowReading, ...]


def reading(snapshot: dict, template: Template) -> tuple[SectionReading, ...]:
    """Return a stored version's rows section by section, in the template's order (rows not
    assessed included, so a reader sees what was left out)."""
    marks = snapshot.get("rows") or {}
    sections = []
    for section in template.sections:
        rows = []
        for row in section.rows:
            mark = marks.get(row.key) or {}
            impact = mark.get("impact")
            rows.append(
                RowReading(
                    title=row.title,
                    impact=IMPACT_WORDS.get(impact, "Not assessed"),
                    negative=impact == "negative",
                    comment=mark.get("comment") or "",
                    mitigation=mark.get("mitigation") or "",
                )
            )
        sections.append(SectionReading(section.key, section.title, tuple(rows)))
    return tuple(sections)


def read_start(form, errors: dict[str, str]) -> dict:
    """Return start_assessment's keyword arguments from the start page's form; records errors
    for the chosen kind's fields only (the other kinds' fields are ignored)."""
    kind = form.get("kind", "")
    if kind not in SUBJECT_FIELDS:
        errors["kind"] = "Select what is being assessed"
        return {}
    subject = form.get(SUBJECT_FIELDS[kind], "").strip()
    if not subject:
        errors[SUBJECT_FIELDS[kind]] = {
            "action": "Select the action",
            "survey": "Select the survey",
            "pb_round": "Select the participatory budgeting round",
            "decision": "Enter the title of the decision",
        }[kind]
    arguments: dict = {"kind": kind, "subject": subject}
    if kind == "decision":
        arguments["committee"] = form.get("decision_committee", "").strip()
        arguments["committee_date"] = read_date(form, "committee_date", errors)
        arguments["reference"] = form.get("decision_reference", "").strip() or None
        if len(arguments["committee"]) > 120:
            errors["decision_committee"] = "The committee’s name must be 120 characters or fewer"
    return arguments


def start_field(kind: str, problem_field: str) -> str:
    """Return the start page's field for an AssessmentProblem's field."""
    if problem_field == "subject":
        return SUBJECT_FIELDS.get(kind, "kind")
    return {"title": "decision_title", "reference": "decision_reference"}.get(
        problem_field, problem_field
    )
