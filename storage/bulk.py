"""Fast bulk inserts for imports of tens of thousands of rows, and lists of keys cut to a size an
IN (...) can take."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from sqlalchemy import Table
from sqlalchemy.orm import Session

from storage.driver_insert import insert_sql

T = TypeVar("T")
# Keys per IN (...): under the 999 bound values older SQLite builds allow in one statement.
IN_LIST_SIZE = 900


def in_chunks(values: Sequence[T], size: int = IN_LIST_SIZE) -> list[Sequence[T]]:
    """Return values cut into consecutive runs of at most size, one per IN (...) query."""
    return [values[start : start + size] for start in range(0, len(values), size)]


def bulk_insert(
    session: Session,
    table: Table,
    columns: Sequence[str],
    rows: Sequence[tuple],
    *,
    chunk: int = 5000,
    on_chunk: Callable[[int], None] | None = None,
) -> int:
    """Insert rows (tuples in the order of columns) into table in the session's transaction;
    return how many. JSON columns take already-encoded text, binary columns bytes.

    Goes straight to the driver's executemany: SQLAlchemy's per-row parameter processing
    costs more than the database itself at this size.
    """
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        return _copy(connection, table, columns, rows, chunk, on_chunk)
    sql = insert_sql(connection.dialect, table.name, columns)
    for start in range(0, len(rows), chunk):
        part = rows[start : start + chunk]
        connection.exec_driver_sql(sql, list(part))
        if on_chunk:
            on_chunk(len(part))
    return len(rows)


def _copy(
    connection, table: Table, columns: Sequence[str], rows: Sequence[tuple], chunk: int, on_chunk
) -> int:
    """PostgreSQL's COPY through psycopg 3: several times faster than executemany."""
    cursor = connection.connection.driver_connection.cursor()
    with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
        for start in range(0, len(rows), chunk):
            part = rows[start : start + chunk]
            for row in part:
                copy.write_row(row)
            if on_chunk:
                on_chunk(len(part))
    return len(rows)
