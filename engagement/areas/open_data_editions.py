"""An area's open-data document in the edition asked for, with the editions loaded and its change
since the earlier edition: what GET /areas/<code>.json serves."""

from __future__ import annotations

from sqlalchemy.orm import Session

from engagement.areas.change_report import change_document, change_since
from engagement.areas.edition_profiles import profile_in_edition
from engagement.areas.editions import EditionChoice, choose_edition
from engagement.areas.open_data import area_document


def editions_document(choice: EditionChoice | None) -> list[dict]:
    """Return [{key, title, year, latest, shown}] for every edition loaded, the latest first."""
    if choice is None:
        return []
    return [
        {
            "key": e.key,
            "title": e.title,
            "year": e.year,
            "latest": i == 0,
            "shown": e == choice.shown,
        }
        for i, e in enumerate(choice.loaded)
    ]


def area_in_edition(session: Session, code: str, asked: str | int | None = None) -> dict | None:
    """Return the open-data document of the area with this code in the edition asked for (its
    year; the latest by default) with "editions" and "change" (null when it cannot be worked
    out), or None when that edition has no such area. Raises UnknownEdition when the edition
    asked for is not loaded."""
    choice = choose_edition(session, asked)
    profile = profile_in_edition(session, code, choice.shown if choice else None)
    if profile is None:
        return None
    change = change_since(session, profile.area.code)
    return {
        **area_document(profile),
        "editions": editions_document(choice),
        "change": change_document(change) if change is not None else None,
    }
