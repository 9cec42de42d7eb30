"""Inserting a row unless its unique key is taken, in one statement on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import Table
from sqlalchemy.orm import Session


def insert_if_absent(session: Session, table: Table, values: dict) -> bool:
    """Insert values into table unless a unique constraint already holds them; return True if
    inserted.

    A concurrent insert of the same key waits for the other transaction and then inserts nothing,
    so two processes can race for a claim and exactly one wins.
    """
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    key = list(table.primary_key.columns)[0]
    # Ask for the new key: on PostgreSQL SQLAlchemy fetches it with RETURNING,
    # leaving rowcount at -1.
    inserted = session.execute(
        insert(table).values(**values).on_conflict_do_nothing().returning(key)
    )
    return inserted.first() is not None
