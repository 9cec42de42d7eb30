"""The keyword taxonomy officers edit: CommentTheme rows, seeded from DEFAULT_THEMES.

Keywords follow engagement/comments/themes.py's rules (whole words, plurals, a trailing * for a
stem, a leading - to exclude); a keyword that breaks them is refused with keyword_problem's
sentence.
Editing the taxonomy codes new comments with it; comments already coded keep their themes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engagement.comments.default_themes import DEFAULT_THEMES
from engagement.comments.themes import Taxonomy, keyword_problem, taxonomy_from_rows
from storage.survey_models import CommentTheme

MAX_NAME = 80
MAX_KEYWORDS = 200


@dataclass(frozen=True)
class ThemeRow:
    """One theme as the taxonomy page shows it."""

    id: int
    name: str
    keywords: tuple[str, ...]


def themes_taxonomy(session: Session) -> Taxonomy:
    """Return the keyword taxonomy comments are coded with: the stored themes,
    or the default ones."""
    rows = session.execute(
        select(CommentTheme.name, CommentTheme.keywords).order_by(CommentTheme.position)
    ).all()
    return taxonomy_from_rows(rows)


def seed_themes(session: Session) -> bool:
    """Store DEFAULT_THEMES as CommentTheme rows when there are none yet; return whether it did."""
    if session.scalar(select(func.count()).select_from(CommentTheme)):
        return False
    for position, (name, keywords) in enumerate(DEFAULT_THEMES.items()):
        session.add(CommentTheme(name=name, keywords=list(keywords), position=position))
    session.flush()
    return True


def list_themes(session: Session) -> list[ThemeRow]:
    """Return the stored themes in order, seeding them from the defaults on first use."""
    seed_themes(session)
    rows = session.scalars(select(CommentTheme).order_by(CommentTheme.position, CommentTheme.id))
    return [ThemeRow(r.id, r.name, tuple(r.keywords or ())) for r in rows]


def parse_keywords(text: str) -> list[str]:
    """Return the keywords in text, one per line or comma-separated, trimmed, lower case,
    once each."""
    words = (w.strip().lower() for w in re.split(r"[,\n]", text or ""))
    return list(dict.fromkeys(w for w in words if w))


def save_theme(
    session: Session, theme_id: int | None, name: str, keywords_text: str
) -> dict[str, str]:
    """Add a theme (theme_id None) or change one; return {field: GOV.UK error}, empty when saved."""
    errors: dict[str, str] = {}
    name = " ".join((name or "").split())
    keywords = parse_keywords(keywords_text)
    theme = session.get(CommentTheme, theme_id) if theme_id is not None else None
    if theme_id is not None and theme is None:
        raise LookupError(theme_id)
    if not name:
        errors["name"] = "Enter a name for the theme"
    elif len(name) > MAX_NAME:
        errors["name"] = f"The name must be {MAX_NAME} characters or fewer"
    else:
        same = session.scalar(
            select(CommentTheme).where(func.lower(CommentTheme.name) == name.lower())
        )
        if same is not None and same is not theme:
            errors["name"] = f"There is already a theme called {same.name}"
    if not [k for k in keywords if not k.startswith("-")]:
        errors["keywords"] = "Enter at least one keyword"
    elif len(keywords) > MAX_KEYWORDS:
        errors["keywords"] = f"Enter {MAX_KEYWORDS} keywords or fewer"
    else:
        for keyword in keywords:
            problem = keyword_problem(keyword)
            if problem:
                errors["keywords"] = f"{problem} (in “{keyword}”)"
                break
    if errors:
        return errors
    if theme is None:
        last = session.scalar(select(func.max(CommentTheme.position)))
        session.add(CommentTheme(name=name, keywords=keywords, position=(last or 0) + 1))
    else:
        theme.name, theme.keywords = name, keywords
    session.flush()
    return {}


def delete_theme(session: Session, theme_id: int) -> str | None:
    """Delete a theme; return its name, or None when there was no such theme."""
    theme = session.get(CommentTheme, theme_id)
    if theme is None:
        return None
    session.delete(theme)
    session.flush()
    return theme.name
