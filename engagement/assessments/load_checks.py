"""The checks `fairer assessment load` makes on a parsed file: each problem collected with its
file, line and field, and what the file asks for gathered into a FilePlan."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date, datetime

import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engagement import figures
from engagement.assessments.store import MAX_NAME, MAX_TEXT, SUBJECT_KINDS, Details, RowMark
from engagement.assessments.template import assessment_template
from engagement.yaml_source import YamlSource
from storage.action_models import Action
from storage.pb_models import PbRound
from storage.survey_models import Survey

DETAIL_KEYS = (
    "reference",
    "committee",
    "committee_date",
    "assessed_by",
    "assessed_on",
    "review_on",
    "signed_off_by",
    "signed_off_on",
    "recommendations",
)
ROW_KEYS = ("impact", "comment", "mitigation")
TEXT_LIMITS = {"committee": 120, "assessed_by": MAX_NAME, "signed_off_by": MAX_NAME}
SUBJECT_WORDS = {
    "action": "an action's reference",
    "survey": "a survey's slug",
    "pb_round": "a participatory budgeting round's slug",
    "decision": "the decision's title",
}


@dataclass
class FilePlan:
    """What the file asks for, checked."""

    kind: str = ""
    subject: str = ""
    action: Action | None = None
    reference: str | None = None
    details: Details = field(default_factory=Details)
    signed_off_by: str = ""
    signed_off_on: date | None = None


def _words(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _nearest(word: str, choices, otherwise: str = "") -> str:
    """Return "did you mean …?" naming the closest of choices to word, else otherwise (or every
    choice)."""
    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    if close:
        return f"did you mean {_words(close)}?"
    return otherwise or f"use {_words(list(choices))}."


class FileReader:
    """Checks a parsed file, collecting every problem with its line and field."""

    def __init__(self, source: YamlSource):
        self.source = source
        self._found: list[tuple[int, str]] = []

    @property
    def problems(self) -> list[str]:
        """Return every problem noted, in the order of their lines in the file."""
        return [text for _line, text in sorted(self._found, key=lambda found: found[0])]

    def problem(self, message: str, *keys, field: str, key_line: bool = False) -> None:
        """Note a problem at the line of the value at keys (of the key itself when key_line)."""
        line = self._key_line(keys) if key_line else self.source.line(*keys)
        self._found.append((line, f"{self.source.name}, line {line}, field '{field}': {message}"))

    def _key_line(self, keys) -> int:
        node = self.source.root
        for depth, key in enumerate(keys, start=1):
            if not isinstance(node, yaml.MappingNode):
                break
            pair = next(((k, v) for k, v in node.value if k.value == str(key)), None)
            if pair is None:
                break
            if depth == len(keys):
                return pair[0].start_mark.line + 1
            node = pair[1]
        return self.source.line(*keys)

    def text(self, value, *keys, field: str, limit: int) -> str:
        """Return value as trimmed text ("" for none), noting a list or text over limit."""
        if value is None:
            return ""
        if isinstance(value, list | dict):
            self.problem("give text here, not a list or a set of keys.", *keys, field=field)
            return ""
        text = str(value).strip()
        if len(text) > limit:
            self.problem(f"keep it to {figures.count(limit)} characters.", *keys, field=field)
        return text

    def day(self, value, key: str) -> date | None:
        """Return value as a date (None for none), noting anything that is not YYYY-MM-DD."""
        if value is None or isinstance(value, date) and not isinstance(value, datetime):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.problem(
            f"give a date as YYYY-MM-DD, such as 2026-05-14 (not {value!r}).", key, field=key
        )
        return None


def read_plan(session: Session, reader: FileReader) -> FilePlan:
    """Return what the file read by reader asks for; its problems are left in reader.problems
    (the plan is only to be stored when there are none)."""
    data, plan = reader.source.data, FilePlan()
    if not isinstance(data, dict):
        what = "empty" if data is None else "not a set of keys"
        reader.problem(
            f"the file is {what}: start it with what is assessed, such as `action: NRI-02`.",
            field="action",
        )
        return plan
    _subject(session, reader, data, plan)
    template = assessment_template()
    sections = {s.key: s for s in template.sections}
    for key, value in data.items():
        if key in SUBJECT_KINDS or key in DETAIL_KEYS:
            continue
        if key in sections:
            _section(reader, sections[key], value, plan.details.rows)
            continue
        owner = next((r.section for r in template.rows if r.name == key), None)
        hint = (
            f"{key} is a row of section {owner}: put it under `{owner}:`."
            if owner
            else _nearest(str(key), [*SUBJECT_KINDS, *DETAIL_KEYS, *sections])
        )
        reader.problem(
            f"{key} is not a key of an assessment file; {hint}", key, field=str(key), key_line=True
        )
    details = plan.details
    for key in ("committee", "assessed_by", "signed_off_by"):
        text = reader.text(data.get(key), key, field=key, limit=TEXT_LIMITS[key])
        setattr(details if key != "signed_off_by" else plan, key, text)
    details.committee_date = reader.day(data.get("committee_date"), "committee_date")
    details.assessed_on = reader.day(data.get("assessed_on"), "assessed_on")
    details.review_on = reader.day(data.get("review_on"), "review_on")
    plan.signed_off_on = reader.day(data.get("signed_off_on"), "signed_off_on")
    if details.assessed_on and details.review_on and details.review_on <= details.assessed_on:
        reader.problem(
            "the review date must be after the date assessed.", "review_on", field="review_on"
        )
    _recommendations(reader, data.get("recommendations"), details.recommendations)
    if plan.kind == "decision":
        for key in ("committee", "committee_date"):
            if not data.get(key):
                reader.problem(
                    f"a decision's assessment needs its {key.replace('_', ' ')}.", field=key
                )
    _sign_off_checks(reader, data, plan)
    return plan


def _subject(session: Session, reader: FileReader, data: dict, plan: FilePlan) -> None:
    given = [key for key in SUBJECT_KINDS if key in data]
    if not given:
        reader.problem(
            "say what is assessed: action: REF, survey: SLUG, pb_round: SLUG or decision: TITLE.",
            field="action",
        )
        return
    if len(given) > 1:
        reader.problem(
            f"an assessment is of one thing: give {given[0]} or {given[1]}, not both.",
            given[1],
            field=given[1],
            key_line=True,
        )
        return
    kind = plan.kind = given[0]
    value = data[kind]
    subject = "" if value is None or isinstance(value, list | dict) else str(value).strip()
    plan.subject = subject
    if not subject:
        reader.problem(f"give {SUBJECT_WORDS[kind]}.", kind, field=kind)
        return
    reference = data.get("reference")
    if reference is not None and kind != "decision":
        reader.problem(
            "only a decision is given a reference: the assessment of an action, survey or "
            "round takes its reference or slug.",
            "reference",
            field="reference",
        )
    elif reference is not None:
        plan.reference = str(reference).strip()
        if len(plan.reference) > 80 or not re.fullmatch(r"[\w.-]+", plan.reference):
            reader.problem(
                "use letters, numbers, dots and dashes only (80 at most), such as CAB-2026-03.",
                "reference",
                field="reference",
            )
    if kind == "action":
        plan.action = session.scalars(
            select(Action).where(func.lower(Action.reference) == subject.casefold())
        ).first()
        if plan.action is None:
            known = list(session.scalars(select(Action.reference).order_by(Action.reference)))
            hint = _nearest(subject, known, "import the plan first with `fairer import-actions`.")
            reader.problem(f"there is no action {subject}; {hint}", kind, field=kind)
    elif kind in ("survey", "pb_round"):
        model = Survey if kind == "survey" else PbRound
        if session.scalars(select(model.id).where(model.slug == subject)).first() is None:
            what = "survey" if kind == "survey" else "participatory budgeting round"
            reader.problem(f"there is no {what} with the slug {subject}.", kind, field=kind)
    elif len(subject) > 300:
        reader.problem("keep the decision's title to 300 characters.", kind, field=kind)
    else:
        plan.details.title = subject


def _section(reader: FileReader, section, value, rows: dict[str, RowMark]) -> None:
    if value is None:
        return
    if not isinstance(value, dict):
        reader.problem(
            f"list the rows of {section.title} under it, "
            f"such as `{section.rows[0].name}: neutral`.",
            section.key,
            field=section.key,
        )
        return
    names = {row.name: row for row in section.rows}
    for name, mark in value.items():
        if name not in names:
            reader.problem(
                f"{name} is not a row of {section.key}; {_nearest(str(name), names)}",
                section.key,
                name,
                field=f"{section.key}.{name}",
                key_line=True,
            )
        elif mark is not None:
            checked = _mark(reader, (section.key, name), mark)
            if checked is not None:
                rows[names[name].key] = checked


def _mark(reader: FileReader, where: tuple[str, str], mark) -> RowMark | None:
    """Return a row's mark: `row: impact` or `row: {impact, comment, mitigation}`."""
    row_field = ".".join(where)
    shorthand = isinstance(mark, str)
    if shorthand:
        mark = {"impact": mark}
    if not isinstance(mark, dict):
        reader.problem(
            "give neutral, positive or negative, or {impact: …, comment: …}.",
            *where,
            field=row_field,
        )
        return None
    for key in mark:
        if key not in ROW_KEYS:
            reader.problem(
                f"{key} is not a key of a row; {_nearest(str(key), ROW_KEYS)}",
                *where,
                key,
                field=f"{row_field}.{key}",
                key_line=True,
            )
    impacts = assessment_template().impacts
    impact = mark.get("impact")
    if impact is not None:
        impact = str(impact).strip().lower()
        if impact not in impacts:
            reader.problem(
                f"the impact must be {', '.join(impacts[:-1])} or {impacts[-1]} "
                f"(not {mark.get('impact')!r}).",
                *where,
                *(() if shorthand else ("impact",)),
                field=f"{row_field}.impact",
            )
            return None
    texts = {
        key: reader.text(mark.get(key), *where, key, field=f"{row_field}.{key}", limit=MAX_TEXT)
        for key in ("comment", "mitigation")
    }
    if texts["mitigation"] and impact != "negative":
        reader.problem(
            "a mitigation belongs to a negative impact: mark the row negative, "
            "or put the text in its comment.",
            *where,
            "mitigation",
            field=f"{row_field}.mitigation",
        )
    return RowMark(impact or None, texts["comment"], texts["mitigation"])


def _recommendations(reader: FileReader, value, into: dict[str, str]) -> None:
    if value is None:
        return
    headings = dict(assessment_template().recommendations)
    if not isinstance(value, dict):
        reader.problem(
            "give the recommendations under their headings: " + ", ".join(headings) + ".",
            "recommendations",
            field="recommendations",
        )
        return
    for key, text in value.items():
        where = ("recommendations", key)
        if key not in headings:
            reader.problem(
                f"{key} is not a recommendation heading; {_nearest(str(key), headings)}",
                *where,
                field=f"recommendations.{key}",
                key_line=True,
            )
            continue
        into[key] = reader.text(text, *where, field=f"recommendations.{key}", limit=MAX_TEXT)


def _sign_off_checks(reader: FileReader, data: dict, plan: FilePlan) -> None:
    """An old assessment brought in as signed off must meet what signing off asks on the page."""
    by, on = plan.signed_off_by, data.get("signed_off_on")
    if bool(by) != bool(on):
        missing = "signed_off_on" if by else "signed_off_by"
        reader.problem(
            "give both signed_off_by and signed_off_on to load it as signed off.",
            field=missing,
        )
        return
    if not by:
        return
    details = plan.details
    for key, label in (
        ("assessed_by", "who assessed it"),
        ("assessed_on", "the date it was assessed"),
        ("review_on", "a review date"),
    ):
        if not getattr(details, key):
            reader.problem(f"a signed-off assessment needs {label}.", field=key)
    if not any(mark.impact for mark in details.rows.values()):
        reader.problem(
            "a signed-off assessment needs the impact marked on at least one row.",
            "signed_off_by",
            field="signed_off_by",
        )
    template = assessment_template()
    for key, mark in details.rows.items():
        if mark.impact == "negative" and not mark.mitigation:
            row = template.row(key)
            reader.problem(
                f"a signed-off assessment needs how the negative impact on {row.title} is "
                "mitigated, or why it is accepted.",
                row.section,
                row.name,
                field=f"{key}.mitigation",
            )
    if plan.signed_off_on and details.assessed_on and plan.signed_off_on < details.assessed_on:
        reader.problem(
            "it cannot be signed off before it was assessed.",
            "signed_off_on",
            field="signed_off_on",
        )
