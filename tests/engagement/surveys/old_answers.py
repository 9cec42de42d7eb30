"""A survey's answers as stored before IoD2025 (2011 LSOA codes), in the two-edition Norwich 004
database tests/engagement/areas/edition_files.py writes: shared by the survey and page tests."""

from __future__ import annotations

from sqlalchemy import update

from engagement.areas.custom import load_custom_areas
from storage import session_scope
from storage.db import make_engine
from storage.survey_models import SurveyResponse
from tests.engagement.areas.edition_files import load_two_editions
from tests.engagement.survey_factories import create_response

AREAS = """areas:
  - code: heartsease-core
    name: Heartsease core
    members: [E01026701, E01026702, E01026703]
"""
OLD_ANSWERS = {"E01026702": 12, "E01026704": 11, "E01026705": 10, None: 3}


def add_old_answers(engine, survey, definition) -> None:
    """Store OLD_ANSWERS as a survey run on IoD2019's geography stored them: 2011 LSOA codes."""
    with session_scope(engine) as session:
        for code, n in OLD_ANSWERS.items():
            for _ in range(n):
                receipt = create_response(session, survey=survey, definition=definition)
                session.execute(
                    update(SurveyResponse)
                    .where(SurveyResponse.receipt_code == receipt.code)
                    .values(area_code=code)
                )


def load_heartsease(url, tmp_path, *, lookup: bool = True):
    """Load both editions (and the lookup) and the 2011-coded target area; return an engine."""
    load_two_editions(url, tmp_path, lookup=lookup)
    engine = make_engine(url)
    areas = tmp_path / "areas.yml"
    areas.write_text(AREAS)
    with session_scope(engine) as session:
        load_custom_areas(session, areas)
    return engine
