"""A database whose area profiles were stored in the older, rounded 192-byte format never shows
those figures: migrating removes those editions, so /area says nothing is imported (and how to
import), and a profile of any other size is refused rather than misread."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import func, select, update

from engagement.areas.lookup import look_up_area
from engagement.areas.profiles import StaleProfileError, measures_from_profile
from engagement.areas.sample import load_sample_borough
from storage import session_scope
from storage.db import make_engine
from storage.migrate import alembic_config, upgrade
from storage.models import Area, Edition, LsoaIndices


def _back_to_before_exact_profiles(engine) -> None:
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0010")


@pytest.fixture
def sample_engine(db_url):
    engine = make_engine(db_url)
    with session_scope(engine) as session:
        load_sample_borough(session)
    _back_to_before_exact_profiles(engine)
    yield engine
    engine.dispose()


def test_old_rounded_profiles_are_removed_by_the_migration_and_lookup_says_import(sample_engine):
    with session_scope(sample_engine) as session:
        session.execute(update(Area).values(profile=bytes(192)))
    upgrade(sample_engine)
    with session_scope(sample_engine) as session:
        assert look_up_area(session, "Mill Cross").status == "no_data"
        assert session.scalar(select(func.count()).select_from(Edition)) == 0
        assert session.scalar(select(func.count()).select_from(Area)) == 0
        assert session.scalar(select(func.count()).select_from(LsoaIndices)) == 0


def test_exact_profiles_survive_the_migration(sample_engine):
    upgrade(sample_engine)
    with session_scope(sample_engine) as session:
        assert look_up_area(session, "E06999999").status == "found"


def test_a_profile_in_the_old_format_is_refused_rather_than_misread():
    with pytest.raises(StaleProfileError, match="import the Indices again"):
        measures_from_profile(bytes(192))
