"""The impact assessments of the action plan added up: how many actions are assessed, and the
negative impacts by template row, by protected characteristic and by area (the cumulative impact
on a neighbourhood in one view), across the plan or for one area. Assessments of surveys, PB
rounds and decisions are counted on their own."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Literal

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session

from engagement.actions.plans import AreaRef, in_area
from engagement.areas.lookup import look_up_area
from engagement.assessments.states import NONE, AssessmentState, action_assessment_states, state_of
from engagement.assessments.template import TemplateRow, assessment_template
from engagement.model import AreaLookup
from storage.action_models import Action, ActionArea
from storage.assessment_models import Assessment, AssessmentRow

OTHER_KINDS = (
    ("survey", "Surveys"),
    ("pb_round", "Participatory budgeting rounds"),
    ("decision", "Decisions"),
)
_LOOKUP_STATUS = {"choose": "choose_area", "not_found": "area_not_found", "no_data": "no_area_data"}


@dataclass(frozen=True)
class RowImpacts:
    """The negative impacts found on one template row: by which actions (references, in
    order), and which of those have no mitigation."""

    row: TemplateRow
    references: tuple[str, ...]
    unmitigated: tuple[str, ...]

    @property
    def count(self) -> int:
        """Return how many actions have a negative impact on this row."""
        return len(self.references)


@dataclass(frozen=True)
class AreaImpacts:
    """One area of the plan: its actions (those /actions would list for it), how many have a
    signed-off assessment, and the negative impacts of them all added up by row."""

    area: AreaRef
    actions: int
    signed_off: int
    rows: tuple[RowImpacts, ...]  # rows with at least one negative impact, template order

    @property
    def negatives(self) -> int:
        """Return the negative impacts on the area, all actions and rows together."""
        return sum(r.count for r in self.rows)

    @property
    def unmitigated(self) -> int:
        """Return how many of the area's negative impacts have no mitigation."""
        return sum(len(r.unmitigated) for r in self.rows)


@dataclass(frozen=True)
class SubjectAssessment:
    """An assessment of something other than an action: its reference, title and state."""

    reference: str
    title: str
    state: AssessmentState


@dataclass(frozen=True)
class KindTotals:
    """The assessments of one kind of subject (surveys, PB rounds or decisions)."""

    kind: str
    label: str
    assessments: tuple[SubjectAssessment, ...]

    def count(self, status: str) -> int:
        """Return how many are in status ("draft" or "signed_off")."""
        return sum(1 for a in self.assessments if a.state.status == status)

    @property
    def negatives(self) -> int:
        """Return their negative impacts, all together."""
        return sum(a.state.negatives for a in self.assessments)

    @property
    def unmitigated(self) -> int:
        """Return how many of their negative impacts have no mitigation."""
        return sum(a.state.unmitigated for a in self.assessments)

    @property
    def review_overdue(self) -> int:
        """Return how many are past their review date."""
        return sum(1 for a in self.assessments if a.state.review_overdue)


@dataclass(frozen=True)
class Totals:
    """The answer to "how are our actions assessed?", for the plan or one area.

    status: "totals", or when the area asked for names none: "choose_area" / "area_not_found" /
    "no_area_data" (lookup says which). Action lists hold references in reference order.
    """

    status: Literal["totals", "choose_area", "area_not_found", "no_area_data"]
    query: str
    today: date
    area: AreaRef | None = None
    lookup: AreaLookup | None = None
    actions: tuple[str, ...] = ()
    not_assessed: tuple[str, ...] = ()
    draft: tuple[str, ...] = ()
    signed_off: tuple[str, ...] = ()
    review_overdue: tuple[str, ...] = ()
    by_row: tuple[RowImpacts, ...] = ()  # rows other than protected ones, with negatives
    by_characteristic: tuple[RowImpacts, ...] = ()  # every protected row, negatives or not
    unmitigated: tuple[tuple[str, TemplateRow], ...] = ()  # (action reference, row)
    areas: tuple[AreaImpacts, ...] = ()
    others: tuple[KindTotals, ...] = ()
    area_choices: tuple[AreaRef, ...] = ()  # the areas the plan's actions are for

    @property
    def negatives(self) -> int:
        """Return the negative impacts of the actions counted, every row together."""
        return sum(r.count for r in self.by_row) + sum(r.count for r in self.by_characteristic)


def assessment_totals(
    session: Session, *, area: str | None, scope: tuple[str, ...] = (), today: date
) -> Totals:
    """Return the plan's assessments added up, or one area's when area names one (an area name
    or code, found as /actions finds it; its actions are those /actions lists for it)."""
    query = " ".join((area or "").split())
    choices = _area_choices(session)
    others = _other_subjects(session, today)
    chosen, condition = None, true()
    if query:
        lookup = look_up_area(session, query, scope=scope)
        if lookup.status != "found" or lookup.profile is None:
            status = _LOOKUP_STATUS.get(lookup.status, "area_not_found")
            return Totals(status, query, today, lookup=lookup, others=others, area_choices=choices)
        name, condition = in_area(session, lookup.profile.area.code, lookup.profile)
        chosen = AreaRef(lookup.profile.area.code, name)
    actions = dict(
        session.execute(
            select(Action.id, Action.reference).where(condition).order_by(Action.reference)
        ).all()
    )
    states = action_assessment_states(session, actions, today=today)
    negatives = _negative_rows(session, list(actions))

    def refs(wanted) -> tuple[str, ...]:
        return tuple(ref for action_id, ref in actions.items() if wanted(states[action_id]))

    rows = _row_impacts(actions, negatives)
    return Totals(
        "totals",
        query,
        today,
        area=chosen,
        actions=tuple(actions.values()),
        not_assessed=refs(lambda s: s.status == "none"),
        draft=refs(lambda s: s.status == "draft"),
        signed_off=refs(lambda s: s.status == "signed_off"),
        review_overdue=refs(lambda s: s.review_overdue),
        by_row=tuple(r for r in rows if not r.row.protected and r.count),
        by_characteristic=tuple(r for r in rows if r.row.protected),
        unmitigated=tuple(
            (actions[action_id], row)
            for action_id in actions
            for row, mitigated in negatives.get(action_id, ())
            if not mitigated
        ),
        areas=_areas(session, actions, states, negatives),
        others=others,
        area_choices=choices,
    )


def _area_choices(session: Session) -> tuple[AreaRef, ...]:
    return tuple(
        AreaRef(code, name)
        for code, name in session.execute(
            select(ActionArea.area_code, func.min(ActionArea.area_name))
            .group_by(ActionArea.area_code)
            .order_by(func.min(ActionArea.area_name), ActionArea.area_code)
        )
    )


def _negative_rows(
    session: Session, action_ids: list[int]
) -> dict[int, list[tuple[TemplateRow, bool]]]:
    """Return {action id: [(row, has a mitigation)]} for every negative impact, template order."""
    if not action_ids:
        return {}
    template = assessment_template()
    order = {row.key: i for i, row in enumerate(template.rows)}
    found: dict[int, list[tuple[TemplateRow, bool]]] = defaultdict(list)
    rows = session.execute(
        select(Assessment.action_id, AssessmentRow.row_key, AssessmentRow.mitigation)
        .join(AssessmentRow, AssessmentRow.assessment_id == Assessment.id)
        .where(Assessment.action_id.in_(action_ids), AssessmentRow.impact == "negative")
    )
    for action_id, row_key, mitigation in rows:
        row = template.row(row_key)
        if row is not None:  # a row since taken out of the template is not counted
            found[action_id].append((row, bool(mitigation)))
    for marks in found.values():
        marks.sort(key=lambda mark: order[mark[0].key])
    return found


def _row_impacts(
    actions: dict[int, str], negatives: dict[int, list[tuple[TemplateRow, bool]]]
) -> list[RowImpacts]:
    """Return every template row with the actions (in actions' order) negative on it."""
    on_row: dict[str, list[str]] = defaultdict(list)
    unmitigated: dict[str, list[str]] = defaultdict(list)
    for action_id, reference in actions.items():
        for row, mitigated in negatives.get(action_id, ()):
            on_row[row.key].append(reference)
            if not mitigated:
                unmitigated[row.key].append(reference)
    return [
        RowImpacts(row, tuple(on_row[row.key]), tuple(unmitigated[row.key]))
        for row in assessment_template().rows
    ]


def _areas(
    session: Session,
    actions: dict[int, str],
    states: dict[int, AssessmentState],
    negatives: dict[int, list[tuple[TemplateRow, bool]]],
) -> tuple[AreaImpacts, ...]:
    """Return each area the counted actions are for, with the counted actions /actions would
    list for it (its own, its parts' and those of areas containing it)."""
    if not actions:
        return ()
    places = session.execute(
        select(ActionArea.area_code, func.min(ActionArea.area_name))
        .where(ActionArea.action_id.in_(list(actions)))
        .group_by(ActionArea.area_code)
        .order_by(func.min(ActionArea.area_name), ActionArea.area_code)
    ).all()
    found = []
    for code, name in places:
        _name, condition = in_area(session, code)
        here = set(session.scalars(select(Action.id).where(condition)))
        mine = {a: ref for a, ref in actions.items() if a in here}
        found.append(
            AreaImpacts(
                AreaRef(code, name),
                len(mine),
                sum(1 for a in mine if states.get(a, NONE).status == "signed_off"),
                tuple(r for r in _row_impacts(mine, negatives) if r.count),
            )
        )
    return tuple(found)


def _other_subjects(session: Session, today: date) -> tuple[KindTotals, ...]:
    """Return the assessments of surveys, PB rounds and decisions, by kind, by reference."""
    assessments = session.scalars(
        select(Assessment).where(Assessment.subject_kind != "action").order_by(Assessment.reference)
    ).all()
    counts: dict[int, tuple[int, int]] = {}
    if assessments:
        for assessment_id, mitigation in session.execute(
            select(AssessmentRow.assessment_id, AssessmentRow.mitigation).where(
                AssessmentRow.assessment_id.in_([a.id for a in assessments]),
                AssessmentRow.impact == "negative",
            )
        ):
            negative, unmitigated = counts.get(assessment_id, (0, 0))
            counts[assessment_id] = (negative + 1, unmitigated + (not mitigation))
    return tuple(
        KindTotals(
            kind,
            label,
            tuple(
                SubjectAssessment(a.reference, a.title, state_of(a, counts.get(a.id), today=today))
                for a in assessments
                if a.subject_kind == kind
            ),
        )
        for kind, label in OTHER_KINDS
    )
