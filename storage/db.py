"""Engine and session management shared by the web app, the bot's listeners and the clock."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache, lru_cache
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_URL = "sqlite:///var/fairer.db"
# How long a write waits for another's lock before it fails: long enough for the longest
# ordinary commit, short enough that a resident gets the "try again" page in seconds, well
# inside a router's 30 s, rather than a page that never comes. Migrations wait longer.
WRITE_WAIT_MS = 2_000
MIGRATION_WAIT_MS = 10_000


def database_url() -> str:
    """Return the configured SQLAlchemy URL (DATABASE_URL), normalised for psycopg 3."""
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    # Heroku-style URLs say postgres:// and SQLAlchemy would pick psycopg2 for postgresql://.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _sqlite_tuning(wait_ms: int):
    def tune(dbapi_connection, record) -> None:
        _tune_sqlite(dbapi_connection, record, wait_ms)

    return tune


def _tune_sqlite(dbapi_connection, _record, wait_ms: int = WRITE_WAIT_MS) -> None:
    cursor = dbapi_connection.cursor()
    # Only a new, empty database takes this. A survey response changes a page in each of a dozen
    # places in the answers' index, so small pages make its commit cheaper to write: under load
    # (bench/surveys.py) 1 KiB pages took about a quarter more responses a second than 2 KiB, and
    # storing one response costs a quarter less than with the default 4 KiB. The cost is a
    # summary's scan, about a fifth slower, which stays well inside its target.
    cursor.execute("PRAGMA page_size=1024")
    # WAL lets survey submissions write while officers read; busy_timeout waits a little (not
    # for ever) for another writer's lock instead of failing at once.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(wait_ms)}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str | None = None, *, write_wait_ms: int = WRITE_WAIT_MS) -> Engine:
    """Return a new Engine for url (default: database_url()), with SQLite tuned for concurrency
    and every write waiting at most write_wait_ms for another's lock (then OperationalError)."""
    url = url or database_url()
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    connect_args = {}
    if url.startswith("postgresql"):
        # A row or table lock held elsewhere fails the write after the wait, not after minutes.
        connect_args["options"] = f"-c lock_timeout={int(write_wait_ms)}"
    engine = create_engine(
        url, pool_pre_ping=not url.startswith("sqlite"), connect_args=connect_args
    )
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_tuning(write_wait_ms))
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


def could_not_write_in_time(error: BaseException) -> bool:
    """Return whether error says the database could not take a write just now (locked by
    another writer past the wait, a lock or statement timeout, the server away): SQLAlchemy's
    OperationalError or any driver's own, raised by a write sent straight to the driver."""
    return isinstance(error, OperationalError) or any(
        kind.__name__ == "OperationalError" for kind in type(error).__mro__
    )


# PostgreSQL's lock_timeout and statement_timeout; SQLite says so in words.
_LOCK_REFUSED_STATES = {"55P03", "57014"}


def lock_not_granted(error: BaseException) -> bool:
    """Return whether error says another connection held the write lock past the wait (rather
    than, say, a connection the server closed, which a fresh connection may get past)."""
    cause = getattr(error, "orig", None) or error
    return getattr(cause, "sqlstate", None) in _LOCK_REFUSED_STATES or (
        "database is locked" in str(cause)
    )


@contextmanager
def lock_wait(connection: Connection, wait_s: float | None) -> Iterator[None]:
    """Let a SQLite connection wait only wait_s for another writer's lock while the block runs
    (None: as configured), then put its usual wait back, as the pool hands it to others."""
    if wait_s is None:
        yield
        return
    connection.exec_driver_sql(f"PRAGMA busy_timeout={max(1, int(wait_s * 1000))}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA busy_timeout={WRITE_WAIT_MS}")


def database_answers(engine: Engine) -> bool:
    """Return whether the database answers a trivial query (SELECT 1) and could be written now:
    on SQLite it takes the write lock (BEGIN IMMEDIATE) and lets it go; on PostgreSQL it writes
    a temporary table in a transaction it rolls back. Nothing is ever kept."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            connection.rollback()
            _try_a_write(connection)
    except (SQLAlchemyError, engine.dialect.dbapi.Error):
        logging.getLogger(__name__).exception("The database did not answer, or cannot be written")
        return False
    return True


def _try_a_write(connection) -> None:
    if connection.dialect.name == "sqlite":
        # pysqlite opens transactions itself; on the raw connection BEGIN IMMEDIATE is ours.
        raw = connection.connection.driver_connection
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("ROLLBACK")
    elif connection.dialect.name == "postgresql":
        with connection.begin() as transaction:
            connection.execute(text("CREATE TEMPORARY TABLE fairer_healthz (x integer)"))
            transaction.rollback()
