"""One-time sign-in links for officers, sent by `/fairer login` and opened in a browser.

A link carries a random secret signed with SECRET_KEY: an altered link is refused by the
signature check before the database is asked. The database keeps only the secret's SHA-256
hash, the Slack user and team it was issued to, when it expires (10 minutes) and when it was
used. Using a link is one conditional UPDATE, so a link signs in once however many times, and
however quickly, it is clicked. The used row then stands for the web session it started, which
lasts 8 hours at most and ends on the server when the officer signs out.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from itsdangerous import BadSignature, Signer
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from storage.auth_models import SignInToken
from storage.base import stored_utc

LINK_LIFETIME = timedelta(minutes=10)
SESSION_LIFETIME = timedelta(hours=8)
# Separates these signatures from every other use of SECRET_KEY (session cookies, CSRF tokens).
SALT = "fairer-places.officer-sign-in"
# Far longer than any link we issue; stops a megabyte "token" reaching the signature check.
MAX_LINK_TOKEN = 200


@dataclass(frozen=True)
class SignInLink:
    """A freshly issued link token (the part after /officers/sign-in/) and when it stops working."""

    token: str
    expires_at: datetime


@dataclass(frozen=True)
class SignedInOfficer:
    """Who a used link belonged to; sign_in_id names the server-side record of the session."""

    sign_in_id: int
    slack_user_id: str
    slack_team_id: str


class SignInRefused(Exception):
    """A link that cannot sign anyone in; reason is "altered", "unknown", "expired" or "used"."""

    def __init__(self, reason: str):
        super().__init__(f"Sign-in link refused: {reason}")
        self.reason = reason


def _now(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(UTC)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _signer(secret_key: str) -> Signer:
    return Signer(secret_key, salt=SALT, digest_method=hashlib.sha256)


def issue_sign_in_link(
    session: Session,
    *,
    secret_key: str,
    slack_user_id: str,
    slack_team_id: str,
    now: datetime | None = None,
) -> SignInLink:
    """Return a new one-time SignInLink for the Slack user, valid for LINK_LIFETIME from now.

    Also deletes records too old to back any session, so the table stays small.
    """
    now = _now(now)
    # A link is used before it expires, so its session has ended SESSION_LIFETIME after expiry
    # at the latest.
    session.execute(delete(SignInToken).where(SignInToken.expires_at < now - SESSION_LIFETIME))
    secret = secrets.token_urlsafe(32)
    expires_at = now + LINK_LIFETIME
    session.add(
        SignInToken(
            token_hash=_hash(secret),
            slack_user_id=slack_user_id,
            slack_team_id=slack_team_id,
            created_at=now,
            expires_at=expires_at,
        )
    )
    session.flush()
    return SignInLink(token=_signer(secret_key).sign(secret).decode(), expires_at=expires_at)


def consume_sign_in_link(
    session: Session, *, secret_key: str, token: str, now: datetime | None = None
) -> SignedInOfficer:
    """Return who the link was issued to, marking it used; raise SignInRefused if it cannot be used.

    The caller's transaction must commit for the use to count.
    """
    now = _now(now)
    if not token or len(token) > MAX_LINK_TOKEN:
        raise SignInRefused("altered")
    try:
        secret = _signer(secret_key).unsign(token).decode()
    except (BadSignature, UnicodeDecodeError):
        raise SignInRefused("altered") from None
    token_hash = _hash(secret)
    # Conditional on used_at IS NULL: of two simultaneous clicks, exactly one UPDATE matches.
    result = session.execute(
        update(SignInToken)
        .where(
            SignInToken.token_hash == token_hash,
            SignInToken.used_at.is_(None),
            SignInToken.expires_at > now,
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    row = session.execute(
        select(SignInToken).where(SignInToken.token_hash == token_hash)
    ).scalar_one_or_none()
    if result.rowcount == 1 and row is not None:
        return SignedInOfficer(
            sign_in_id=row.id, slack_user_id=row.slack_user_id, slack_team_id=row.slack_team_id
        )
    if row is None:
        raise SignInRefused("unknown")  # signed with our key but purged, or from another database
    raise SignInRefused("used" if row.used_at is not None else "expired")


def sign_in_is_live(
    session: Session, sign_in_id: int, *, slack_user_id: str, now: datetime | None = None
) -> bool:
    """Return True while the session begun by sign_in_id is neither signed out nor
    older than SESSION_LIFETIME."""
    now = _now(now)
    found = session.execute(
        select(SignInToken.id).where(
            SignInToken.id == sign_in_id,
            SignInToken.slack_user_id == slack_user_id,
            SignInToken.used_at.is_not(None),
            SignInToken.used_at > now - SESSION_LIFETIME,
            SignInToken.signed_out_at.is_(None),
        )
    ).first()
    return found is not None


def end_sign_in(session: Session, sign_in_id: int, *, now: datetime | None = None) -> None:
    """Mark the session begun by sign_in_id as signed out, so its cookie no longer works;
    returns None."""
    session.execute(
        update(SignInToken)
        .where(SignInToken.id == sign_in_id, SignInToken.signed_out_at.is_(None))
        .values(signed_out_at=_now(now))
        .execution_options(synchronize_session=False)
    )


@dataclass(frozen=True)
class SignInRecord:
    """One use of a sign-in link: who, when, and when they signed out (None if they did not)."""

    slack_user_id: str
    signed_in_at: datetime
    signed_out_at: datetime | None


def recent_sign_ins(session: Session, *, limit: int = 100) -> list[SignInRecord]:
    """Return the latest uses of sign-in links, newest first, at most limit of them."""
    rows = session.execute(
        select(SignInToken.slack_user_id, SignInToken.used_at, SignInToken.signed_out_at)
        .where(SignInToken.used_at.is_not(None))
        .order_by(SignInToken.used_at.desc(), SignInToken.id.desc())
        .limit(limit)
    )
    return [
        SignInRecord(
            slack_user_id=user,
            signed_in_at=stored_utc(used),
            signed_out_at=stored_utc(out) if out else None,
        )
        for user, used, out in rows
    ]
