"""INSERTs for a hot path: the SQL and the columns' conversions worked out once per database,
then the rows go straight to the driver.

A resident's survey submission writes about fifteen rows. Through SQLAlchemy Core each INSERT
builds an execution context and processes its parameters row by row, which cost three times
what SQLite spends storing them; here only the columns' own bind processors run (the same
conversions Core applies: dates as SQLite stores them, JSON as text), and the statement is the
driver's, several rows to a statement. (PostgreSQL writes survey responses with a statement of
its own: storage/response_writes.py.)
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter

from sqlalchemy import Table
from sqlalchemy.engine import Connection, Dialect

# Parameters in one statement: well under SQLite's limit (32,766) and PostgreSQL's (65,535).
MAX_PARAMETERS = 10_000


def insert_sql(dialect: Dialect, table_name: str, columns: Sequence[str], rows: int = 1) -> str:
    """Return "INSERT INTO table (columns) VALUES (…), (…)" for rows rows,
    with the driver's markers."""
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    values = "(" + ", ".join([marker] * len(columns)) + ")"
    return f"INSERT INTO {table_name} ({', '.join(columns)}) VALUES {', '.join([values] * rows)}"


class DriverInsert:
    """An INSERT of the given columns into table, for one dialect;
    rows are dicts with every column."""

    def __init__(
        self,
        dialect: Dialect,
        table: Table,
        columns: Sequence[str],
        *,
        returning: Sequence[str] = (),
        skip_conflicts: bool = False,
    ):
        self.dialect = dialect
        self.table_name = table.name
        self.columns = tuple(columns)
        self._values = (
            itemgetter(*self.columns)
            if len(self.columns) > 1
            else lambda row: (row[self.columns[0]],)
        )
        processors = [
            table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
            for name in self.columns
        ]
        self._processed = tuple((i, p) for i, p in enumerate(processors) if p is not None)
        self._suffix = ""
        if skip_conflicts:  # the same words on SQLite (3.24+) and PostgreSQL
            self._suffix += " ON CONFLICT DO NOTHING"
        if returning:
            self._suffix += " RETURNING " + ", ".join(table.c[name].name for name in returning)
        self._sql_for_rows: dict[int, str] = {}

    def _sql(self, rows: int) -> str:
        sql = self._sql_for_rows.get(rows)
        if sql is None:
            sql = self._sql_for_rows[rows] = (
                insert_sql(self.dialect, self.table_name, self.columns, rows) + self._suffix
            )
        return sql

    def _parameters(self, row: dict) -> list:
        values = list(self._values(row))
        for index, process in self._processed:
            values[index] = process(values[index])
        return values

    def many(self, connection: Connection, rows: Sequence[dict]) -> list[tuple]:
        """Insert rows, as many to a statement as fit; return the RETURNING columns of each row
        inserted (in no set order; rows skipped as conflicts return nothing), or [] without
        RETURNING."""
        returned: list[tuple] = []
        per_statement = max(1, MAX_PARAMETERS // len(self.columns))
        for start in range(0, len(rows), per_statement):
            part = rows[start : start + per_statement]
            parameters = [value for row in part for value in self._parameters(row)]
            returned += execute_on_driver(connection, self._sql(len(part)), parameters)
        return returned


def execute_on_driver(connection: Connection, sql: str, parameters: Sequence) -> list[tuple]:
    """Run sql (with the driver's own markers) on the connection's driver, in its transaction;
    return the rows it returns ([] for none)."""
    # Straight to the driver's cursor: SQLAlchemy's execution context and result would cost more
    # than SQLite's work on a response's rows.
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql, tuple(parameters))
        return cursor.fetchall() if cursor.description is not None else []
    finally:
        cursor.close()
