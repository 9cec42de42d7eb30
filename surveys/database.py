"""Database sessions for web requests, on whichever database the running app was built for."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app
from sqlalchemy.orm import Session

from storage import session_scope
from storage.db import database_url, engine_for, reading_scope
from surveys.settings import current_settings


def app_database_url() -> str:
    """Return the current app's database URL: app.config["DATABASE_URL"], else the environment's."""
    url = current_app.config.get("DATABASE_URL")
    if not url:
        url = getattr(current_settings(), "database_url", None)
    return url or database_url()


@contextmanager
def web_session() -> Iterator[Session]:
    """Yield a Session on the app's database that commits when the block succeeds."""
    with session_scope(engine_for(app_database_url())) as session:
        yield session


@contextmanager
def reading_session() -> Iterator[Session]:
    """Yield a Session on the app's database for reading: closed afterwards, never committed."""
    with reading_scope(engine_for(app_database_url())) as session:
        yield session
