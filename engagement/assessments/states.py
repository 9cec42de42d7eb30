"""Where each action's impact assessment stands: none, draft or signed off, the negative impacts
it found and whether each has a mitigation, and whether its review date has passed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.assessment_models import Assessment, AssessmentRow


@dataclass(frozen=True)
class AssessmentState:
    """One subject's assessment at a glance; status is "none", "draft" or "signed_off"."""

    status: str
    reference: str | None = None
    version: int = 0
    negatives: int = 0
    unmitigated: int = 0  # negative impacts with no mitigation recorded
    review_on: date | None = None
    review_overdue: bool = False

    @property
    def words(self) -> str:
        """Return the state in a few words: "Signed off (v2), 2 negative impacts, 1 without
        mitigation, review overdue"."""
        if self.status == "none":
            return "No impact assessment"
        parts = ["Signed off" if self.status == "signed_off" else "Draft"]
        if self.version > 1:
            parts[0] += f" (version {self.version})"
        if self.negatives:
            parts.append(
                "1 negative impact" if self.negatives == 1 else f"{self.negatives} negative impacts"
            )
            if self.unmitigated:
                parts.append(f"{self.unmitigated} without mitigation")
            else:
                parts.append("all mitigated" if self.negatives > 1 else "mitigated")
        if self.review_overdue:
            parts.append("review overdue")
        return ", ".join(parts)


NONE = AssessmentState("none")


def action_assessment_states(
    session: Session, action_ids: Iterable[int], *, today: date
) -> dict[int, AssessmentState]:
    """Return the assessment state of each action in action_ids (NONE when it has none)."""
    wanted = list(dict.fromkeys(action_ids))
    states = dict.fromkeys(wanted, NONE)
    if not wanted:
        return states
    assessments = session.scalars(select(Assessment).where(Assessment.action_id.in_(wanted))).all()
    counts = _negatives(session, [a.id for a in assessments])
    for assessment in assessments:
        states[assessment.action_id] = state_of(assessment, counts.get(assessment.id), today=today)
    return states


def assessment_states(session: Session, *, today: date) -> list[tuple[Assessment, AssessmentState]]:
    """Return every assessment (of any subject) with its state, in order of reference."""
    assessments = session.scalars(select(Assessment).order_by(Assessment.reference)).all()
    counts = _negatives(session, [a.id for a in assessments])
    return [(a, state_of(a, counts.get(a.id), today=today)) for a in assessments]


def state_of(
    assessment: Assessment, negatives: tuple[int, int] | None, *, today: date
) -> AssessmentState:
    """Return the state of assessment given (negative impacts, of which unmitigated)."""
    negative, unmitigated = negatives or (0, 0)
    return AssessmentState(
        status=assessment.status,
        reference=assessment.reference,
        version=assessment.version,
        negatives=negative,
        unmitigated=unmitigated,
        review_on=assessment.review_on,
        review_overdue=assessment.review_on is not None and assessment.review_on < today,
    )


def _negatives(session: Session, assessment_ids: list[int]) -> dict[int, tuple[int, int]]:
    counts: dict[int, tuple[int, int]] = {}
    if not assessment_ids:
        return counts
    rows = session.execute(
        select(AssessmentRow.assessment_id, AssessmentRow.mitigation).where(
            AssessmentRow.assessment_id.in_(assessment_ids), AssessmentRow.impact == "negative"
        )
    )
    for assessment_id, mitigation in rows:
        negative, unmitigated = counts.get(assessment_id, (0, 0))
        counts[assessment_id] = (negative + 1, unmitigated + (not mitigation))
    return counts
