"""Alembic environment: migrates the database named by the caller or by DATABASE_URL."""

from alembic import context

from storage.db import MIGRATION_WAIT_MS, database_url, make_engine
from storage.schema import metadata

config = context.config


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    engine = make_engine(
        config.get_main_option("sqlalchemy.url") or database_url(), write_wait_ms=MIGRATION_WAIT_MS
    )
    with engine.connect() as conn:
        _migrate(conn)
    engine.dispose()


def _migrate(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
