"""One sentence, instead of a traceback, when the database has no tables or does not answer."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError, ProgrammingError

# What SQLite and PostgreSQL say when a table or column the code expects is not there yet.
MISSING_SCHEMA = ("no such table", "no such column", "does not exist", "undefinedtable")


def shown_url(url: str) -> str:
    """Return the database URL fit to print: the same URL without its password."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return url.split("@")[-1]
    shown = parsed.render_as_string(hide_password=True).replace(":***@", "@")
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        path = Path(parsed.database)
        if not path.is_absolute():
            # From another folder a relative SQLite path is a different, new file: say which.
            shown += f" ({path.resolve()})"
    return shown


def database_problem(error: BaseException, url: str) -> str | None:
    """Return one line naming the database and the command (or setting) that fixes the error;
    None when error is not a missing schema or an unreachable database."""
    if not isinstance(error, (OperationalError, ProgrammingError)):
        return None
    said = str(getattr(error, "orig", error)).lower()
    name = shown_url(url)
    if any(words in said for words in MISSING_SCHEMA):
        return (
            f"The database {name} has no tables yet (or older ones): "
            "run `fairer db upgrade` to create them."
        )
    if isinstance(error, (OperationalError, DBAPIError)):
        reason = said.strip().splitlines()[0] if said.strip() else "no answer"
        return (
            f"Cannot open the database {name} ({reason}): check DATABASE_URL, "
            "then run `fairer db upgrade`."
        )
    return None
