"""Starting, saving, signing off and reopening impact assessments. Every change saves a version
(the whole record as it then stood); a signed-off version is locked until someone reopens it,
which starts the next version. The caller owns the transaction."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engagement.assessments.template import assessment_template
from storage.action_models import Action
from storage.assessment_models import Assessment, AssessmentRow, AssessmentVersion
from storage.base import utcnow
from storage.pb_models import PbRound
from storage.survey_models import Survey

SUBJECT_KINDS = ("action", "survey", "pb_round", "decision")
MAX_TEXT = 5_000
MAX_NAME = 200
DECISION_PREFIX = "IA-"
# Words the officers' pages use in their addresses (/officers/assessments/new).
RESERVED_REFERENCES = frozenset({"new"})


class AssessmentProblem(ValueError):
    """A change that cannot be made: field names the form field, message is the GOV.UK error."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass
class RowMark:
    """What an officer marked on one row: impact (or None, not assessed), comment, mitigation."""

    impact: str | None = None
    comment: str = ""
    mitigation: str = ""


@dataclass
class Details:
    """The assessment's own fields, as an officer edits them."""

    assessed_by: str = ""
    assessed_on: date | None = None
    review_on: date | None = None
    committee: str = ""
    committee_date: date | None = None
    title: str | None = None  # a decision's title; other subjects keep their own
    rows: dict[str, RowMark] = field(default_factory=dict)  # by "section.row"
    recommendations: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SubjectChoices:
    """What an officer can choose to assess, each as (reference or slug, title)."""

    actions: tuple[tuple[str, str], ...]
    surveys: tuple[tuple[str, str], ...]
    pb_rounds: tuple[tuple[str, str], ...]
    assessed: frozenset[str]  # the references already assessed, casefolded


def subject_choices(session: Session) -> SubjectChoices:
    """Return the actions (by reference), surveys and PB rounds (by slug) that can be assessed,
    and which references already have an assessment."""

    def pairs(model, key) -> tuple[tuple[str, str], ...]:
        return tuple(
            (k, title) for k, title in session.execute(select(key, model.title).order_by(key))
        )

    return SubjectChoices(
        actions=pairs(Action, Action.reference),
        surveys=pairs(Survey, Survey.slug),
        pb_rounds=pairs(PbRound, PbRound.slug),
        assessed=frozenset(r.casefold() for r in session.scalars(select(Assessment.reference))),
    )


def find_assessment(session: Session, reference: str) -> Assessment | None:
    """Return the assessment with this reference (any case), or None."""
    wanted = (reference or "").strip().casefold()
    if not wanted:
        return None
    return session.scalars(
        select(Assessment).where(func.lower(Assessment.reference) == wanted)
    ).first()


def assessment_of_action(session: Session, action: Action) -> Assessment | None:
    """Return the assessment of action, or None when it has none yet."""
    return session.scalars(select(Assessment).where(Assessment.action_id == action.id)).first()


def start_assessment(
    session: Session,
    *,
    kind: str,
    subject: str,
    user: str,
    committee: str = "",
    committee_date: date | None = None,
    reference: str | None = None,
) -> Assessment:
    """Return a new draft assessment of subject: an action's reference, a survey's or PB round's
    slug, or a decision's title (with an optional reference of its own, else IA-n).
    Raises AssessmentProblem when the subject is unknown or already assessed."""
    if kind not in SUBJECT_KINDS:
        raise AssessmentProblem("kind", "Select what is being assessed")
    subject = (subject or "").strip()
    action_id, slug, title, own_reference = _subject(session, kind, subject)
    reference = own_reference or (reference or "").strip() or _next_decision_reference(session)
    if reference.casefold() in RESERVED_REFERENCES:
        raise AssessmentProblem(
            "reference", f"Choose another reference: “{reference}” is a page's own address"
        )
    if len(reference) > 80 or not re.fullmatch(r"[\w.-]+", reference):
        raise AssessmentProblem(
            "reference", "Enter a reference of letters, numbers, dots and dashes only"
        )
    taken = find_assessment(session, reference)
    if taken is not None:
        raise AssessmentProblem(
            "subject", f"{reference} already has an impact assessment: open it instead"
        )
    assessment = Assessment(
        reference=reference,
        subject_kind=kind,
        action_id=action_id,
        subject_slug=slug,
        title=title,
        committee=committee.strip()[:120],
        committee_date=committee_date,
        recommendations={},
    )
    session.add(assessment)
    session.flush()
    _keep_version(session, assessment, user, "created")
    return assessment


def save_assessment(
    session: Session,
    assessment: Assessment,
    details: Details,
    *,
    user: str,
    note: str = "",
    event: str = "saved",
) -> None:
    """Store details on a draft assessment and keep the new version under event ("saved", or
    "loaded" from a file). Raises AssessmentProblem for a signed-off assessment or a field
    that cannot be stored."""
    if assessment.status == "signed_off":
        raise AssessmentProblem(
            "status", "This version is signed off: start a new version to change it"
        )
    template = assessment_template()
    for key, mark in details.rows.items():
        row = template.row(key)
        if row is None:
            raise AssessmentProblem(key, f"{key} is not a row of the assessment template")
        if mark.impact not in (None, *template.impacts):
            raise AssessmentProblem(key, f"Select neutral, positive or negative for {row.title}")
        for text, what in ((mark.comment, "comment"), (mark.mitigation, "mitigation")):
            if len(text) > MAX_TEXT:
                raise AssessmentProblem(
                    f"{key}.{what}",
                    f"The {what} on {row.title} must be {MAX_TEXT:,} characters or fewer",
                )
    for key, text in details.recommendations.items():
        if key not in dict(template.recommendations):
            raise AssessmentProblem(key, f"{key} is not a recommendation heading")
        if len(text) > MAX_TEXT:
            raise AssessmentProblem(
                f"recommendations.{key}",
                f"Recommendations must be {MAX_TEXT:,} characters or fewer",
            )
    if len(details.assessed_by) > MAX_NAME:
        raise AssessmentProblem("assessed_by", f"Enter {MAX_NAME} characters or fewer")
    if details.title is not None and assessment.subject_kind == "decision":
        if not details.title.strip():
            raise AssessmentProblem("title", "Enter the title of the decision")
        assessment.title = details.title.strip()[:300]
    assessment.assessed_by = details.assessed_by.strip()
    assessment.assessed_on = details.assessed_on
    assessment.review_on = details.review_on
    assessment.committee = details.committee.strip()[:120]
    assessment.committee_date = details.committee_date
    assessment.recommendations = {k: v.strip() for k, v in details.recommendations.items() if v}
    stored = {row.row_key: row for row in _rows(session, assessment)}
    for key, mark in details.rows.items():
        row = stored.get(key) or AssessmentRow(assessment_id=assessment.id, row_key=key)
        row.impact = mark.impact
        row.comment = mark.comment.strip()
        row.mitigation = mark.mitigation.strip() if mark.impact == "negative" else ""
        session.add(row)
    session.flush()
    _keep_version(session, assessment, user, event, note)


def sign_off(
    session: Session, assessment: Assessment, *, user: str, name: str, at: datetime | None = None
) -> None:
    """Lock the current version as signed off by name, now or at (an old assessment loaded
    from a file keeps the day it was signed off).
    Raises AssessmentProblem naming the first thing missing: who assessed, when, a review date,
    or a mitigation (or the reason it is accepted) for a negative impact."""
    if assessment.status == "signed_off":
        raise AssessmentProblem("status", "This version is already signed off")
    name = (name or "").strip()
    if not name:
        raise AssessmentProblem("signed_off_by", "Enter the name and role of who signs it off")
    if not assessment.assessed_by:
        raise AssessmentProblem("assessed_by", "Enter who carried out the assessment")
    if assessment.assessed_on is None:
        raise AssessmentProblem("assessed_on", "Enter the date it was assessed")
    if assessment.review_on is None:
        raise AssessmentProblem("review_on", "Enter a review date")
    template = assessment_template()
    rows = _rows(session, assessment)
    if not any(row.impact for row in rows):
        raise AssessmentProblem("rows", "Mark the impact on at least one row before signing off")
    for row in sorted(rows, key=lambda r: [t.key for t in template.rows].index(r.row_key)):
        if row.impact == "negative" and not row.mitigation:
            title = template.row(row.row_key).title
            raise AssessmentProblem(
                f"{row.row_key}.mitigation",
                f"Enter how the negative impact on {title} will be mitigated, "
                "or why it is accepted",
            )
    assessment.status = "signed_off"
    assessment.signed_off_by = name[:MAX_NAME]
    assessment.signed_off_at = at or utcnow()
    session.flush()
    _keep_version(session, assessment, user, "signed_off")


def reopen(session: Session, assessment: Assessment, *, user: str, note: str = "") -> None:
    """Start the next version of a signed-off assessment as a draft; the signed-off version
    stays in its history unchanged."""
    if assessment.status != "signed_off":
        raise AssessmentProblem("status", "Only a signed-off assessment can start a new version")
    assessment.status = "draft"
    assessment.version += 1
    assessment.signed_off_by = None
    assessment.signed_off_at = None
    session.flush()
    _keep_version(session, assessment, user, "reopened", note)


def assessment_rows(session: Session, assessment: Assessment) -> dict[str, RowMark]:
    """Return what is marked on each row of assessment, by "section.row" (marked rows only)."""
    return {
        row.row_key: RowMark(row.impact, row.comment, row.mitigation)
        for row in _rows(session, assessment)
    }


def versions(session: Session, assessment: Assessment) -> list[AssessmentVersion]:
    """Return the assessment's saved versions, newest first."""
    return list(
        session.scalars(
            select(AssessmentVersion)
            .where(AssessmentVersion.assessment_id == assessment.id)
            .order_by(AssessmentVersion.id.desc())
        )
    )


def snapshot(session: Session, assessment: Assessment) -> dict:
    """Return the whole assessment as plain data (dates as ISO text), as a version keeps it."""

    def day(value: date | datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "reference": assessment.reference,
        "title": assessment.title,
        "status": assessment.status,
        "version": assessment.version,
        "assessed_by": assessment.assessed_by,
        "assessed_on": day(assessment.assessed_on),
        "review_on": day(assessment.review_on),
        "committee": assessment.committee,
        "committee_date": day(assessment.committee_date),
        "signed_off_by": assessment.signed_off_by,
        "signed_off_at": day(assessment.signed_off_at),
        "rows": {
            key: {"impact": m.impact, "comment": m.comment, "mitigation": m.mitigation}
            for key, m in assessment_rows(session, assessment).items()
        },
        "recommendations": dict(assessment.recommendations or {}),
    }


def _rows(session: Session, assessment: Assessment) -> list[AssessmentRow]:
    return list(
        session.scalars(select(AssessmentRow).where(AssessmentRow.assessment_id == assessment.id))
    )


def _keep_version(
    session: Session, assessment: Assessment, user: str, event: str, note: str = ""
) -> None:
    session.add(
        AssessmentVersion(
            assessment_id=assessment.id,
            version=assessment.version,
            user=(user or "unknown")[:MAX_NAME],
            event=event,
            snapshot=snapshot(session, assessment),
            note=note.strip()[:MAX_TEXT],
        )
    )
    session.flush()


def _subject(session: Session, kind: str, subject: str):
    """Return (action_id, slug, title, reference) for subject, or raise AssessmentProblem."""
    if kind == "action":
        action = session.scalars(
            select(Action).where(func.lower(Action.reference) == subject.casefold())
        ).first()
        if action is None:
            raise AssessmentProblem(
                "subject", f"There is no action {subject or 'without a reference'}"
            )
        return action.id, None, action.title, action.reference
    if kind in ("survey", "pb_round"):
        model = Survey if kind == "survey" else PbRound
        found = session.scalars(select(model).where(model.slug == subject)).first()
        if found is None:
            what = "survey" if kind == "survey" else "participatory budgeting round"
            raise AssessmentProblem("subject", f"There is no {what} called {subject or '(blank)'}")
        return None, found.slug, found.title, found.slug
    if not subject:
        raise AssessmentProblem("title", "Enter the title of the decision")
    return None, None, subject[:300], None


def _next_decision_reference(session: Session) -> str:
    taken = set(
        session.scalars(
            select(Assessment.reference).where(Assessment.reference.like(f"{DECISION_PREFIX}%"))
        )
    )
    number = 1
    while f"{DECISION_PREFIX}{number}" in taken:
        number += 1
    return f"{DECISION_PREFIX}{number}"
