"""`fairer assessment load`: an impact assessment from a YAML file (docs/assessments.md), every
problem listed by file, line and field, and nothing stored when there is one.

    action: NRI-02                 # or survey: SLUG, pb_round: SLUG, or decision: TITLE
    assessed_by: Jo Bloggs, Community Engagement Manager
    assessed_on: 2026-05-14
    review_on: 2027-05-14
    economic:
      finance: neutral
      financial_inclusion: {impact: positive, comment: …}
    protected_characteristics:
      disability: {impact: negative, comment: …, mitigation: …}
    recommendations: {positive: …, negative: …, neutral: …, issues: …}

Loading again replaces a draft (a new entry in its history, event "loaded"); a signed-off
assessment is never overwritten.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path

import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engagement import figures
from engagement.assessments.load_checks import FilePlan, FileReader, read_plan
from engagement.assessments.store import (
    AssessmentProblem,
    RowMark,
    assessment_of_action,
    assessment_rows,
    find_assessment,
    save_assessment,
    sign_off,
    start_assessment,
)
from engagement.errors import ImportProblem
from engagement.yaml_source import YamlSource
from storage.assessment_models import Assessment


class AssessmentFileProblems(ImportProblem):
    """Problems in an assessment file: problems holds one "FILE, line N, field 'f': reason"
    per problem, and nothing was stored."""

    def __init__(self, file_name: str, problems: list[str]):
        self.problems = problems
        count = "1 problem" if len(problems) == 1 else f"{figures.count(len(problems))} problems"
        super().__init__(f"{file_name} has {count}, so nothing was loaded.\n" + "\n".join(problems))


def _existing(session: Session, reader: FileReader, plan: FilePlan) -> Assessment | None:
    """Return the assessment this file replaces, or None; a signed-off one is a problem."""
    found: Assessment | None = None
    if plan.kind == "action" and plan.action is not None:
        found = assessment_of_action(session, plan.action)
    elif plan.kind in ("survey", "pb_round"):
        found = find_assessment(session, plan.subject)
    elif plan.kind == "decision" and plan.reference:
        found = find_assessment(session, plan.reference)
    elif plan.kind == "decision" and plan.subject:
        found = session.scalars(
            select(Assessment).where(
                Assessment.subject_kind == "decision",
                func.lower(Assessment.title) == plan.subject.casefold(),
            )
        ).first()
    if found is None:
        return None
    if found.subject_kind != plan.kind:
        reader.problem(
            f"the reference {found.reference} is taken by the assessment of another "
            f"{found.subject_kind.replace('_', ' ')}.",
            plan.kind,
            field=plan.kind,
        )
        return None
    if found.status == "signed_off":
        when = f" on {figures.long_date(found.signed_off_at)}" if found.signed_off_at else ""
        reader.problem(
            f"the assessment {found.reference} is signed off (version {found.version}, by "
            f"{found.signed_off_by}{when}), so it is not overwritten: start a new version "
            "on its page first.",
            plan.kind,
            field=plan.kind,
        )
    return found


def _date_problems(path: Path, error: ValueError) -> ImportProblem:
    """YAML reads 2026-02-30 as a date and fails without a line: find the line and key."""
    text = path.read_text(encoding="utf-8-sig")
    found = []

    def walk(node, keys):
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, (*keys, key.value))
        elif isinstance(node, yaml.ScalarNode) and node.tag.endswith(":timestamp"):
            try:
                yaml.SafeLoader("").construct_yaml_timestamp(node)
            except ValueError:
                found.append(
                    f"{path.name}, line {node.start_mark.line + 1}, field '{'.'.join(keys)}': "
                    f"{node.value} is not a real date; give one as YYYY-MM-DD."
                )

    walk(yaml.compose(text, Loader=yaml.SafeLoader), ())
    if not found:
        return ImportProblem(f"{path.name}: a value cannot be read ({error}).")
    return AssessmentFileProblems(path.name, found)


def load_assessment_file(session: Session, path: Path, *, user: str = "import") -> Assessment:
    """Return the assessment stored from the file at path: created, or a draft replaced, with the
    load kept in its history (and signed off when the file says so). Raises
    AssessmentFileProblems listing every problem, or ImportProblem for a file that cannot be
    read; nothing is stored in either case."""
    path = Path(path)
    try:
        source = YamlSource(path)
    except ValueError as error:  # PyYAML's own, for a date such as 2026-02-30
        raise _date_problems(path, error) from None
    reader = FileReader(source)
    plan = read_plan(session, reader)
    existing = _existing(session, reader, plan)
    if reader.problems:
        raise AssessmentFileProblems(source.name, reader.problems)
    details = plan.details
    try:
        with session.begin_nested():
            assessment = existing or start_assessment(
                session,
                kind=plan.kind,
                subject=plan.subject,
                user=user,
                committee=details.committee,
                committee_date=details.committee_date,
                reference=plan.reference,
            )
            # Rows the file leaves out are cleared: the file replaces the whole draft.
            cleared = {key: RowMark() for key in assessment_rows(session, assessment)}
            details.rows = cleared | details.rows
            save_assessment(
                session,
                assessment,
                details,
                user=user,
                note=f"Loaded from {source.name}",
                event="loaded",
            )
            if plan.signed_off_by:
                at = datetime.combine(plan.signed_off_on, time(12), tzinfo=UTC)
                sign_off(session, assessment, user=user, name=plan.signed_off_by, at=at)
    except AssessmentProblem as problem:
        raise ImportProblem(
            f"{source.name}, field '{problem.field}': {problem.message}; nothing was loaded."
        ) from None
    return assessment
