""" "You said, we did": officers' notes on what residents said and what the council did about it.

A note belongs to a survey and, optionally, to one neighbourhood; it names the actions that
carried it out by their references, so the public pages can show each action's status and
latest update beside the note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engagement import figures
from engagement.actions.terms import status
from engagement.areas.lookup import member_codes
from storage.action_models import Action, ActionArea, ActionUpdate
from storage.models import Area, CustomArea
from storage.response_models import ResponseNote
from storage.survey_models import CommentCoding, Survey, SurveyAnswer, SurveyResponse

MAX_TEXT = 2_000
MAX_ACTIONS = 20


@dataclass(frozen=True)
class LinkedAction:
    """An action a note names: its status and its latest update, as residents may read them."""

    reference: str
    title: str
    status_key: str
    status_words: str
    last_update_at: datetime
    latest_note: str


@dataclass(frozen=True)
class Note:
    """One "You said, we did" note with the actions behind it."""

    id: int
    survey_slug: str
    survey_title: str
    area_code: str | None
    area_name: str | None
    said: str
    did: str
    actions: tuple[LinkedAction, ...]
    author: str
    updated_at: datetime


def area_name(session: Session, code: str) -> str | None:
    """Return the name of an area or custom area, or None when there is no such area."""
    custom = session.get(CustomArea, code)
    if custom is not None:
        return custom.name
    return session.scalar(
        select(Area.name).where(Area.code == code).order_by(Area.edition_id.desc()).limit(1)
    )


def area_choices(session: Session, survey_id: int) -> list[tuple[str, str]]:
    """Return (code, name) of the areas a note can be about: where respondents live, target areas
    and areas with actions, by name."""
    codes = set(
        session.scalars(
            select(SurveyResponse.area_code)
            .distinct()
            .where(SurveyResponse.survey_id == survey_id, SurveyResponse.area_code.is_not(None))
        )
    )
    codes |= set(session.scalars(select(CustomArea.code)))
    codes |= set(session.scalars(select(ActionArea.area_code).distinct()))
    named = [(code, area_name(session, code)) for code in codes]
    return sorted(((c, n) for c, n in named if n), key=lambda pair: pair[1])


def _references(text: str) -> list[str]:
    return list(dict.fromkeys(r for r in re.split(r"[\s,;]+", (text or "").strip()) if r))


def add_note(
    session: Session,
    survey_id: int,
    *,
    area_code: str,
    said: str,
    did: str,
    references: str,
    author: str,
) -> dict[str, str]:
    """Store a note; return {field: GOV.UK error}, empty when it was stored."""
    errors: dict[str, str] = {}
    said, did = (said or "").strip(), (did or "").strip()
    if area_code and area_name(session, area_code) is None:
        errors["area_code"] = "Select a neighbourhood from the list"
    if not said:
        errors["said"] = "Enter what residents said"
    elif len(said) > MAX_TEXT:
        errors["said"] = (
            f"What residents said must be {figures.count(MAX_TEXT)} characters or fewer"
        )
    if not did:
        errors["did"] = "Enter what the council did"
    elif len(did) > MAX_TEXT:
        errors["did"] = (
            f"What the council did must be {figures.count(MAX_TEXT)} characters or fewer"
        )
    wanted = _references(references)
    if len(wanted) > MAX_ACTIONS:
        errors["references"] = f"Enter {MAX_ACTIONS} actions or fewer"
    elif wanted:
        known = set(session.scalars(select(Action.reference).where(Action.reference.in_(wanted))))
        missing = [r for r in wanted if r not in known]
        if missing:
            errors["references"] = f"There is no action with the reference {missing[0]}"
    if errors:
        return errors
    session.add(
        ResponseNote(
            survey_id=survey_id,
            area_code=area_code or None,
            said=said,
            did=did,
            action_references=wanted,
            author=author,
        )
    )
    session.flush()
    return {}


def delete_note(session: Session, survey_id: int, note_id: int) -> bool:
    """Delete a note of the survey; return whether there was one."""
    note = session.get(ResponseNote, note_id)
    if note is None or note.survey_id != survey_id:
        return False
    session.delete(note)
    session.flush()
    return True


def _linked(session: Session, references: set[str]) -> dict[str, LinkedAction]:
    if not references:
        return {}
    actions = session.scalars(select(Action).where(Action.reference.in_(references))).all()
    latest: dict[int, str] = {}
    for action_id, note in session.execute(
        select(ActionUpdate.action_id, ActionUpdate.note)
        .where(ActionUpdate.action_id.in_([a.id for a in actions]), ActionUpdate.note != "")
        .order_by(ActionUpdate.created_at, ActionUpdate.id)
    ):
        latest[action_id] = note
    return {
        a.reference: LinkedAction(
            a.reference,
            a.title,
            a.status,
            status(a.status).words,
            a.last_update_at,
            latest.get(a.id, ""),
        )
        for a in actions
    }


def _notes(session: Session, query) -> list[Note]:
    rows = session.execute(
        query.order_by(ResponseNote.created_at.desc(), ResponseNote.id.desc())
    ).all()
    linked = _linked(session, {r for note, _s, _t in rows for r in note.action_references or ()})
    names = {
        code: area_name(session, code)
        for code in {n.area_code for n, _s, _t in rows if n.area_code}
    }
    return [
        Note(
            n.id,
            slug,
            title,
            n.area_code,
            names.get(n.area_code) if n.area_code else None,
            n.said,
            n.did,
            tuple(linked[r] for r in n.action_references or () if r in linked),
            n.author,
            n.updated_at,
        )
        for n, slug, title in rows
    ]


def survey_notes(session: Session, survey_id: int) -> list[Note]:
    """Return a survey's notes, newest first."""
    return _notes(
        session,
        select(ResponseNote, Survey.slug, Survey.title)
        .join(Survey, Survey.id == ResponseNote.survey_id)
        .where(ResponseNote.survey_id == survey_id),
    )


def area_notes(session: Session, area_code: str) -> list[Note]:
    """Return the notes about one neighbourhood (or any area within a custom area), newest first."""
    codes = member_codes(session, area_code)
    return _notes(
        session,
        select(ResponseNote, Survey.slug, Survey.title)
        .join(Survey, Survey.id == ResponseNote.survey_id)
        .where(ResponseNote.area_code.in_(codes)),
    )


def area_quotes(session: Session, area_code: str) -> list[tuple[str, str]]:
    """Return (survey title, quote) for the published, redacted quotes of residents of an area.

    Only officers' redacted text is returned, never what the respondent wrote.
    """
    codes = member_codes(session, area_code)
    rows = session.execute(
        select(Survey.title, CommentCoding.redacted_text)
        .join(SurveyAnswer, CommentCoding.answer_id == SurveyAnswer.id)
        .join(Survey, Survey.id == SurveyAnswer.survey_id)
        .where(
            SurveyAnswer.area_code.in_(codes),
            CommentCoding.publish_quote.is_(True),
            CommentCoding.redacted_text.is_not(None),
            SurveyAnswer.value.is_not(None),
        )
        .order_by(SurveyAnswer.id)
    )
    return [(title, text.strip()) for title, text in rows if text and text.strip()]
