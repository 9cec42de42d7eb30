"""Databases for the map tests: the official IoD2019 extract for Norwich, with and without the
ONS boundaries of its LSOAs."""

from __future__ import annotations

import pytest

from engagement.areas.boundaries import import_boundaries
from engagement.areas.iod_import import import_iod_files
from storage import session_scope
from storage.db import make_engine
from tests.engagement.areas.boundary_fixtures import NORWICH_BOUNDARIES
from tests.engagement.official_subset import write_subset


@pytest.fixture
def norwich_engine(sqlite_url, official, tmp_path):
    """An Engine on SQLite with the official IoD2019 figures of Norwich's 83 LSOAs."""
    engine = make_engine(sqlite_url)
    with session_scope(engine) as session:
        import_iod_files(session, write_subset(official, tmp_path / "iod"))
    yield engine
    engine.dispose()


@pytest.fixture
def mapped_engine(norwich_engine):
    """norwich_engine with the ONS boundaries of Norwich's LSOAs imported."""
    with session_scope(norwich_engine) as session:
        import_boundaries(session, NORWICH_BOUNDARIES)
    return norwich_engine
