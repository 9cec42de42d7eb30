"""Single-use invite codes for invite-only surveys, and the quotes officers chose to publish.

Only a hash of each invite code is stored: the codes themselves are shown once, when created,
for an officer to hand out. A code is used up when the response it let in is stored, in the
same transaction, so two people sharing a code cannot both get in.
"""

from __future__ import annotations

import hashlib
import re
import secrets

from sqlalchemy import select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from engagement import figures
from engagement.errors import ImportProblem
from engagement.surveys.store import find_survey
from storage.base import utcnow
from storage.survey_models import CommentCoding, SurveyAnswer, SurveyInvite

# The receipt codes' alphabet: no 0/O or 1/I/L to misread from a letter or a screen.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
_CODE = re.compile(r"^[A-Z0-9]{10}$")
MAX_INVITES = 10_000


def normalise_invite_code(text: str) -> str:
    """Return an invite code as typed (any case, spaces or hyphens, with or without "INV") in its
    canonical form "ABCDEFGHJK", or "" when it cannot be a code."""
    compact = re.sub(r"[\s\-]", "", str(text or "")).upper()
    compact = compact[3:] if compact.startswith("INV") and len(compact) == 13 else compact
    return compact if _CODE.match(compact) else ""


def _hash(code: str) -> str:
    return hashlib.sha256(f"fairer-invite:{code}".encode()).hexdigest()


def _display(code: str) -> str:
    return f"INV-{code[:5]}-{code[5:]}"


def create_invites(session: Session, slug: str, count: int, *, label: str = "") -> list[str]:
    """Create count new invite codes for the survey; return the codes, which are not stored
    anywhere.

    Raises ImportProblem when there is no such survey or count is not between 1 and 10,000.
    """
    found = find_survey(session, slug)
    if found is None:
        raise ImportProblem(
            f"There is no survey '{slug}': load it first with `fairer survey load`."
        )
    if not 1 <= count <= MAX_INVITES:
        raise ImportProblem(f"Ask for between 1 and {figures.count(MAX_INVITES)} invite codes.")
    survey, _definition = found
    codes = ["".join(secrets.choice(_ALPHABET) for _ in range(10)) for _ in range(count)]
    session.add_all(
        SurveyInvite(survey_id=survey.id, code_hash=_hash(code), label=label[:200])
        for code in codes
    )
    session.flush()
    return [_display(code) for code in codes]


def invite_is_unused(session: Session, survey_id: int, code: str) -> bool:
    """Return whether code is an invite to this survey that has not been used yet."""
    canonical = normalise_invite_code(code)
    if not canonical:
        return False
    return (
        session.scalar(
            select(SurveyInvite.id).where(
                SurveyInvite.survey_id == survey_id,
                SurveyInvite.code_hash == _hash(canonical),
                SurveyInvite.used_at.is_(None),
            )
        )
        is not None
    )


def claim_invite(session: Session | Connection, survey_id: int, code: str) -> bool:
    """Mark the invite used, in the caller's transaction;
    return False if it was unknown or already used."""
    canonical = normalise_invite_code(code)
    if not canonical:
        return False
    # One conditional UPDATE: of two requests racing with the same code, only one changes a row.
    result = session.execute(
        update(SurveyInvite)
        .where(
            SurveyInvite.survey_id == survey_id,
            SurveyInvite.code_hash == _hash(canonical),
            SurveyInvite.used_at.is_(None),
        )
        .values(used_at=utcnow())
    )
    return result.rowcount == 1


def published_quotes(session: Session, survey_id: int) -> list[str]:
    """Return the redacted comments officers marked for publication, oldest first.

    Only the officer's redacted text is ever returned, never what the respondent wrote.
    """
    rows = session.scalars(
        select(CommentCoding.redacted_text)
        .join(SurveyAnswer, CommentCoding.answer_id == SurveyAnswer.id)
        .where(
            SurveyAnswer.survey_id == survey_id,
            CommentCoding.publish_quote.is_(True),
            CommentCoding.redacted_text.is_not(None),
            SurveyAnswer.value.is_not(None),
        )
        .order_by(SurveyAnswer.id)
    )
    return [text.strip() for text in rows if text and text.strip()]
