"""Single-use invite codes for invite-only surveys, and the quotes officers chose to publish.

Only a hash of each invite code is stored: the codes themselves are shown once, when created,
for an officer to hand out. A code is used up when the response it let in is stored, in the
same transaction, so two people sharing a code cannot both get in.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable

from sqlalchemy import select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import InstrumentedAttribute, Session

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


def check_typed_invite(typed: str, is_unused: Callable[[str], bool]) -> tuple[str, str | None]:
    """Return the invite code a person typed, canonical, and what is wrong with it, if anything:
    "invite_missing" (nothing typed), "invite_format" (cannot be a code) or "invite_wrong"
    (is_unused(code) says it is unknown or used); None when it lets them in."""
    code = normalise_invite_code(typed)
    if not typed.strip():
        return code, "invite_missing"
    if not code:
        return code, "invite_format"
    if not is_unused(code):
        return code, "invite_wrong"
    return code, None


SURVEY_INVITES = "fairer-invite"  # what each kind of invite's hash is salted with


def invite_hash(code: str, salt: str = SURVEY_INVITES) -> str:
    """Return the stored hash of a canonical invite code, salted by the kind of invite."""
    return hashlib.sha256(f"{salt}:{code}".encode()).hexdigest()


def add_invites(
    session: Session, count: int, new_invite: Callable[[str], object], *, salt: str
) -> list[str]:
    """Add count invites, each the row new_invite(code_hash) makes; return the codes as shown
    ("INV-ABCDE-FGHJK"), which are not stored anywhere.

    Raises ImportProblem when count is not between 1 and 10,000.
    """
    if not 1 <= count <= MAX_INVITES:
        raise ImportProblem(f"Ask for between 1 and {figures.count(MAX_INVITES)} invite codes.")
    codes = ["".join(secrets.choice(_ALPHABET) for _ in range(10)) for _ in range(count)]
    session.add_all(new_invite(invite_hash(code, salt)) for code in codes)
    session.flush()
    return [f"INV-{code[:5]}-{code[5:]}" for code in codes]


def _unused(owner: InstrumentedAttribute, owner_id: int, code: str, salt: str):
    canonical = normalise_invite_code(code)
    if not canonical:
        return None
    model = owner.class_
    return (
        owner == owner_id,
        model.code_hash == invite_hash(canonical, salt),
        model.used_at.is_(None),
    )


def unused_invite_exists(
    session: Session, owner: InstrumentedAttribute, owner_id: int, code: str, *, salt: str
) -> bool:
    """Return whether code is an unused invite whose owner column (SurveyInvite.survey_id,
    PbInvite.round_id) is owner_id."""
    where = _unused(owner, owner_id, code, salt)
    return where is not None and (session.scalar(select(owner.class_.id).where(*where)) is not None)


def claim_unused_invite(
    session: Session | Connection,
    owner: InstrumentedAttribute,
    owner_id: int,
    code: str,
    *,
    salt: str,
) -> bool:
    """Mark the invite used, in the caller's transaction; return False if it was unknown or
    already used."""
    where = _unused(owner, owner_id, code, salt)
    if where is None:
        return False
    # One conditional UPDATE: of two requests racing with the same code, only one changes a row.
    result = session.execute(update(owner.class_).where(*where).values(used_at=utcnow()))
    return result.rowcount == 1


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
    survey, _definition = found
    return add_invites(
        session,
        count,
        lambda code_hash: SurveyInvite(survey_id=survey.id, code_hash=code_hash, label=label[:200]),
        salt=SURVEY_INVITES,
    )


def invite_is_unused(session: Session, survey_id: int, code: str) -> bool:
    """Return whether code is an invite to this survey that has not been used yet."""
    return unused_invite_exists(
        session, SurveyInvite.survey_id, survey_id, code, salt=SURVEY_INVITES
    )


def claim_invite(session: Session | Connection, survey_id: int, code: str) -> bool:
    """Mark the invite used, in the caller's transaction;
    return False if it was unknown or already used."""
    return claim_unused_invite(
        session, SurveyInvite.survey_id, survey_id, code, salt=SURVEY_INVITES
    )


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
