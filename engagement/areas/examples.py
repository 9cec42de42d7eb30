"""Example `/area` queries taken from the loaded data, each naming exactly one area.

The usage message of `/area` shows these, so a demo on the sample borough suggests Sampleton's
places and a council's install suggests its own, never places that are not loaded.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from engagement.areas.lookup import look_up_area
from storage.models import Area

# How many candidates of each kind are tried before giving up on that kind.
_TRIES = 8


def spoken(name: str) -> str:
    """Return name as someone would type it after /area: lower case, "&" said as "and"."""
    return " ".join(name.replace("&", " and ").split()).lower()


def example_areas(session: Session, *, scope: tuple[str, ...] = ()) -> list[str]:
    """Return up to three queries for `/area` (a neighbourhood's name, its code, a ward's name)
    that each find one area of the councils in scope (of any council when scope is empty); an
    empty list when no areas are loaded."""
    examples: list[str] = []
    for kind in ("msoa", "ward"):
        query = select(Area.name, Area.code).where(Area.kind == kind).order_by(Area.code)
        if scope:
            query = query.where(Area.lad_code.in_(scope))
        for name, code in session.execute(query.limit(_TRIES)):
            wanted = spoken(name)
            if wanted in examples or look_up_area(session, wanted, scope=scope).status != "found":
                continue
            examples.append(wanted)
            if kind == "msoa":
                examples.append(code)
            break
    return examples
