"""Databases for the asset tests, on SQLite and PostgreSQL: the official IoD2019 figures of
Norwich's LSOAs with (norwich_mapped) or without (norwich_plain) their ONS boundaries."""

from __future__ import annotations

import pytest

from engagement.areas.boundaries import import_boundaries
from engagement.areas.iod_import import import_iod_files
from storage import session_scope
from storage.db import make_engine
from tests.engagement.areas.boundary_fixtures import NORWICH_BOUNDARIES
from tests.engagement.official_subset import write_subset


def norwich_database(url: str, official, folder, *, boundaries: bool):
    """Return an Engine on url holding the official IoD2019 figures of Norwich's 83 LSOAs, and
    their ONS boundaries when boundaries."""
    engine = make_engine(url)
    with session_scope(engine) as session:
        import_iod_files(session, write_subset(official, folder / "iod"))
        if boundaries:
            import_boundaries(session, NORWICH_BOUNDARIES)
    return engine


def database_url(engine) -> str:
    """Return the URL of engine's database, password included, for an app built on it."""
    return engine.url.render_as_string(hide_password=False)


@pytest.fixture
def norwich_plain(db_url, official, tmp_path):
    """An Engine with Norwich's figures and no boundaries."""
    engine = norwich_database(db_url, official, tmp_path, boundaries=False)
    yield engine
    engine.dispose()


@pytest.fixture
def norwich_mapped(norwich_plain):
    """norwich_plain with the ONS boundaries of Norwich's LSOAs imported."""
    with session_scope(norwich_plain) as session:
        import_boundaries(session, NORWICH_BOUNDARIES)
    return norwich_plain
