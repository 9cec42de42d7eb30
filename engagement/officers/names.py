"""People by name on the officer pages: the names Slack gave for user IDs, stored and looked up.

Whoever learns a name from Slack's users.info (`fairer names refresh`, `fairer import-actions`,
the bot's own cache of users) calls remember_names; the web pages call known_names and show
person(...) wherever they would have shown an ID. Someone whose name was never learnt is shown by
their Slack ID, so nothing is hidden.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.base import utcnow
from storage.name_models import OfficerName

SLACK_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,39}$")
NAME_LIMIT = 200


def remember_names(
    session: Session, names: Mapping[str, str], *, now: datetime | None = None
) -> int:
    """Store each Slack user ID's name (added or replaced); return how many were stored.

    Blank names and IDs that are not Slack user IDs are skipped.
    """
    now = now or utcnow()
    wanted = {
        user_id: " ".join(name.split())[:NAME_LIMIT]
        for user_id, name in names.items()
        if SLACK_USER_ID.match(user_id or "") and name and name.strip()
    }
    if not wanted:
        return 0
    existing = {
        row.slack_user_id: row
        for row in session.scalars(select(OfficerName).where(OfficerName.slack_user_id.in_(wanted)))
    }
    for user_id, name in wanted.items():
        row = existing.get(user_id)
        if row is None:
            session.add(OfficerName(slack_user_id=user_id, name=name, updated_at=now))
        else:
            row.name, row.updated_at = name, now
    session.flush()
    return len(wanted)


def known_names(session: Session, user_ids: Iterable[str | None] = ()) -> dict[str, str]:
    """Return {Slack user ID: name} for those of user_ids whose name is stored."""
    wanted = sorted({user_id for user_id in user_ids if user_id})
    if not wanted:
        return {}
    rows = session.execute(
        select(OfficerName.slack_user_id, OfficerName.name).where(
            OfficerName.slack_user_id.in_(wanted)
        )
    )
    return {user_id: name for user_id, name in rows}


def person(names: Mapping[str, str], user_id: str | None) -> str:
    """Return the name stored for user_id, else user_id itself ("" for None)."""
    if not user_id:
        return ""
    return names.get(user_id) or user_id


def stale_ids(session: Session, user_ids: Iterable[str], *, older_than: datetime) -> list[str]:
    """Return those of user_ids with no name stored, or one stored before older_than."""
    wanted = {user_id for user_id in user_ids if user_id and SLACK_USER_ID.match(user_id)}
    fresh = set(
        session.scalars(
            select(OfficerName.slack_user_id).where(
                OfficerName.slack_user_id.in_(wanted), OfficerName.updated_at >= older_than
            )
        )
    )
    return sorted(wanted - fresh)
