"""A survey in Sampleton (the fixture `sampleton`, registered for every folder by pytest_plugins in
tests/conftest.py), and `respond` to add responses to it."""

from __future__ import annotations

import pytest

from engagement.areas.custom import load_custom_areas
from storage import session_scope
from storage.db import make_engine
from tests.engagement.survey_factories import create_example_survey, create_response


@pytest.fixture
def sampleton(sample_url, tmp_path):
    """(engine, survey, definition): the example survey in the sample borough's database, with the
    custom target area sampleton-heathfield (MSOA E02900001) loaded."""
    engine = make_engine(sample_url)
    areas = tmp_path / "areas.yml"
    areas.write_text(
        "areas:\n  - code: sampleton-heathfield\n    name: Heathfield target area\n"
        "    local_authority: E06999999\n    members: [E02900001]\n"
    )
    with session_scope(engine) as session:
        load_custom_areas(session, areas)
        survey, definition = create_example_survey(session)
    yield engine, survey, definition
    engine.dispose()


def respond(engine, survey, definition, count, **answers):
    """Store count responses to survey with the given answers."""
    with session_scope(engine) as session:
        for _ in range(count):
            create_response(session, survey=survey, definition=definition, **answers)
