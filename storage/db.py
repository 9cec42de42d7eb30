"""Engine and session management shared by the web app, the bot's listeners and the clock."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache, lru_cache
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_URL = "sqlite:///var/fairer.db"


def database_url() -> str:
    """Return the configured SQLAlchemy URL (DATABASE_URL), normalised for psycopg 3."""
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    # Heroku-style URLs say postgres:// and SQLAlchemy would pick psycopg2 for postgresql://.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _tune_sqlite(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # Only a new, empty database takes this. A survey response changes a page in each of a dozen
    # places in the answers' index, so small pages make its commit cheaper to write: under load
    # (bench/surveys.py) 1 KiB pages took about a quarter more responses a second than 2 KiB, and
    # storing one response costs a quarter less than with the default 4 KiB. The cost is a
    # summary's scan, about a fifth slower, which stays well inside its target.
    cursor.execute("PRAGMA page_size=1024")
    # WAL lets survey submissions write while officers read; busy_timeout waits instead of failing.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str | None = None) -> Engine:
    """Return a new Engine for url (default: database_url()), with SQLite tuned for concurrency."""
    url = url or database_url()
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, pool_pre_ping=not url.startswith("sqlite"))
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _tune_sqlite)
    return engine


@cache
def engine_for(url: str) -> Engine:
    """Return the process-wide Engine for url, created once."""
    return make_engine(url)


def get_engine() -> Engine:
    """Return the process-wide Engine for the configured DATABASE_URL."""
    return engine_for(database_url())


@lru_cache(maxsize=64)
def _session_factory(engine: Engine) -> sessionmaker:
    # A sessionmaker makes a Session subclass and sets up its events: about a millisecond, far
    # more than the session itself, so each engine's is made once.
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """Yield a Session that commits on success and rolls back on any error."""
    session = _session_factory(engine or get_engine())()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


@contextmanager
def reading_scope(engine: Engine | None = None) -> Iterator[Session]:
    """Yield a Session for reading only: closed afterwards, never committed (a commit with
    nothing to commit still costs a transaction's bookkeeping, on every web request)."""
    with _session_factory(engine or get_engine())() as session:
        yield session


def database_answers(engine: Engine) -> bool:
    """Return whether the database answers a trivial query (SELECT 1) on a fresh connection."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError:
        logging.getLogger(__name__).exception("The database did not answer SELECT 1")
        return False
    return True
