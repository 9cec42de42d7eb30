"""INSERTs for a hot path: the SQL and the columns' conversions worked out once per database,
then each row goes straight to the driver.

A resident's survey submission writes about fifteen rows. Through SQLAlchemy Core each INSERT
builds an execution context and processes its parameters row by row, which cost three times
what SQLite spends storing them; here only the columns' own bind processors run (the same
conversions Core applies: dates as SQLite stores them, JSON as text), and the statement is the
driver's.
"""
from __future__ import annotations

from typing import Sequence

from sqlalchemy import Table
from sqlalchemy.engine import Connection, Dialect


class DriverInsert:
    """An INSERT of the given columns into table, for one dialect; rows are dicts keyed by column."""

    def __init__(self, dialect: Dialect, table: Table, columns: Sequence[str], *, returning: str | None = None,
                 skip_conflicts: bool = False):
        self.columns = tuple(columns)
        self.processors = tuple(table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in self.columns)
        marker = "?" if dialect.paramstyle == "qmark" else "%s"
        sql = f"INSERT INTO {table.name} ({', '.join(self.columns)}) VALUES ({', '.join([marker] * len(self.columns))})"
        if skip_conflicts:  # the same words on SQLite (3.24+) and PostgreSQL
            sql += " ON CONFLICT DO NOTHING"
        if returning:
            sql += f" RETURNING {table.c[returning].name}"
        self.sql = sql

    def _parameters(self, row: dict) -> tuple:
        return tuple(process(row.get(name)) if process else row.get(name)
                     for name, process in zip(self.columns, self.processors))

    def one(self, connection: Connection, row: dict):
        """Insert one row; return the RETURNING column's value (None if the row was skipped), or None."""
        result = connection.exec_driver_sql(self.sql, self._parameters(row))
        return result.scalar() if result.returns_rows else None

    def many(self, connection: Connection, rows: Sequence[dict]) -> int:
        """Insert rows with the driver's executemany; return how many (no RETURNING)."""
        if rows:
            connection.exec_driver_sql(self.sql, [self._parameters(row) for row in rows])
        return len(rows)
