"""Likely duplicate responses, and officers leaving one out of the results with a reason.

A survey open to anyone cannot know that two responses came from one person: a server-issued
token makes each visit count once (surveys/residents/survey_session.py), but someone willing to
answer every page again can send again. So responses with exactly the same answers, comment
included, sent within DUPLICATE_WINDOW of each other are flagged for officers, who decide: an
excluded response stays in the database (and its receipt still erases it) but is left out of
every summary, which says how many were left out. Invite-only surveys remain the guarantee of
one response per person.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from storage.base import stored_utc, utcnow
from storage.survey_models import SurveyAnswer, SurveyResponse

DUPLICATE_WINDOW = timedelta(minutes=10)
MAX_REASON = 500


@dataclass(frozen=True)
class FlaggedResponse:
    """One response of a group of likely duplicates, as officers see it."""

    response_id: int
    receipt_code: str
    submitted_at: datetime
    excluded_reason: str | None


@dataclass(frozen=True)
class DuplicateGroup:
    """Responses with identical answers and comments, each sent within the window of another."""

    responses: tuple[FlaggedResponse, ...]

    @property
    def still_counted(self) -> int:
        """Return how many of the group are still counted in the results."""
        return sum(1 for r in self.responses if r.excluded_reason is None)


def likely_duplicates(
    session: Session, survey_id: int, window: timedelta = DUPLICATE_WINDOW
) -> list[DuplicateGroup]:
    """Return the survey's groups of likely duplicates (identical answers, comment included,
    each sent within `window` of the one before), newest first."""
    answers: dict[int, list[tuple]] = defaultdict(list)
    for response_id, key, value, position in session.execute(
        select(
            SurveyAnswer.response_id,
            SurveyAnswer.question_key,
            SurveyAnswer.value,
            SurveyAnswer.position,
        ).where(SurveyAnswer.survey_id == survey_id)
    ):
        answers[response_id].append((key, value or "", position or 0))
    by_answers: dict[tuple, list[FlaggedResponse]] = defaultdict(list)
    for response_id, code, submitted_at, reason in session.execute(
        select(
            SurveyResponse.id,
            SurveyResponse.receipt_code,
            SurveyResponse.submitted_at,
            SurveyResponse.excluded_reason,
        ).where(SurveyResponse.survey_id == survey_id)
    ):
        if answers.get(response_id):
            by_answers[tuple(sorted(answers[response_id]))].append(
                FlaggedResponse(response_id, code, stored_utc(submitted_at), reason)
            )
    groups = []
    for same in by_answers.values():
        if len(same) < 2:
            continue
        same.sort(key=lambda r: (r.submitted_at, r.response_id))
        run = [same[0]]
        for response in same[1:]:
            if response.submitted_at - run[-1].submitted_at <= window:
                run.append(response)
                continue
            if len(run) > 1:
                groups.append(DuplicateGroup(tuple(run)))
            run = [response]
        if len(run) > 1:
            groups.append(DuplicateGroup(tuple(run)))
    return sorted(groups, key=lambda g: g.responses[-1].submitted_at, reverse=True)


def exclude_response(
    session: Session, survey_id: int, response_id: int, reason: str, officer: str | None
) -> bool:
    """Leave one of the survey's responses out of its results, saying why; return whether a
    response of that survey was found (one already excluded keeps its first reason)."""
    reason = " ".join(reason.split())[:MAX_REASON]
    if not reason:
        raise ValueError("An exclusion needs a reason.")
    found = session.execute(
        update(SurveyResponse)
        .where(
            SurveyResponse.id == response_id,
            SurveyResponse.survey_id == survey_id,
            SurveyResponse.excluded_at.is_(None),
        )
        .values(excluded_at=utcnow(), excluded_by=officer, excluded_reason=reason)
    ).rowcount
    if found:
        return True
    return (
        session.scalar(
            select(func.count()).where(
                SurveyResponse.id == response_id, SurveyResponse.survey_id == survey_id
            )
        )
        > 0
    )


def excluded_ids(session: Session, survey_id: int) -> list[int]:
    """Return the ids of the survey's responses officers have excluded from its results."""
    return list(
        session.scalars(
            select(SurveyResponse.id).where(
                SurveyResponse.survey_id == survey_id, SurveyResponse.excluded_at.is_not(None)
            )
        )
    )
