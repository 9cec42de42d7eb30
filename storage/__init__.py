"""Persistence: SQLAlchemy models, engine, session_scope() and Alembic migrations."""

from storage.db import get_engine, make_engine, session_scope

__all__ = ["get_engine", "make_engine", "session_scope"]
