"""Responses given before IoD2025 (their neighbourhood stored as a 2011 LSOA code) still count in
"who was heard" once IoD2025 is the current edition, placed through the ONS LSOA 2011 to 2021
lookup; without the lookup they are "not placed".

Files written by tests/engagement/areas/edition_files.py (IoD2019 and IoD2025 File 2 and File 6
headers and the ONS lookup headers, verbatim). By hand, in IoD2025 (all in MSOA Norwich 004,
9,000 people; the target area "Heartsease core", listed as 2011 LSOAs 004A, 004B and 004C, is
004A 1,100 + 004F 1,200 + 004G 900 + 004H 4,200 = 7,400 people):
  12 responses from 2011 004B, split into 004F and 004G: both in the target area, weight 1
  11 responses from 2011 004D, merged with 004C into 004H: in the target area, weight 1
  10 responses from 2011 004E, redrawn (X) as 004J: outside the target area
   3 responses naming no neighbourhood
  MSOA: 33 responses, 1000 x 33 / 9,000 = 3.67 per 1,000; target: 23, 1000 x 23 / 7,400 = 3.11.
  MSOA IMD decile in IoD2025: average rank (1,100x1,500 + 1,200x4,000 + 900x2,500 + 4,200x3,000
  + 1,600x25,000) / 9,000 = 61,300,000 / 9,000 = 6,811.1; ceil(10 x 6,811.1 / 33,755) = 3.
"""

from __future__ import annotations

import pytest

from engagement.surveys.representation import (
    counts_by_code,
    deciles_source,
    heard_by_decile,
    not_placed,
    who_was_heard,
)
from engagement.surveys.summary import summarise_survey
from engagement.surveys.text import summary_text
from storage import session_scope
from storage.db import make_engine
from tests.engagement.areas.edition_files import MSOA
from tests.engagement.survey_factories import create_example_survey
from tests.engagement.surveys.old_answers import add_old_answers, load_heartsease


def _survey_with_old_answers(url, tmp_path, *, lookup: bool):
    engine = load_heartsease(url, tmp_path, lookup=lookup)
    with session_scope(engine) as session:
        survey, definition = create_example_survey(session)
    add_old_answers(engine, survey, definition)
    return engine, survey


@pytest.fixture
def with_lookup(db_url, tmp_path):
    engine, survey = _survey_with_old_answers(db_url, tmp_path, lookup=True)
    yield engine, survey
    engine.dispose()


def test_2011_codes_count_toward_2021_neighbourhoods_and_target_areas(with_lookup):
    engine, survey = with_lookup
    with session_scope(engine) as session:
        counts = counts_by_code(session, survey.id)
        rows, populations, _names = who_was_heard(session, counts)
        deciles = heard_by_decile(session, counts, rows)
        unplaced = not_placed(session, counts)
        source = deciles_source(session)
    by_code = {r.area_code: r for r in rows}
    target = by_code["heartsease-core"]
    assert (target.responses, target.population) == (23, 7400)
    assert target.per_1000 == pytest.approx(1000 * 23 / 7400)
    msoa = by_code[MSOA]
    assert (msoa.responses, msoa.population, msoa.imd_decile) == (33, 9000, 3)
    assert msoa.per_1000 == pytest.approx(1000 * 33 / 9000)
    assert [(d.imd_decile, d.responses, d.population) for d in deciles] == [(3, 33, 9000)]
    assert unplaced == 3
    assert source == "Deciles from the English Indices of Deprivation 2025."
    # The 2011 codes answered are not rows of their own: they have no profile in IoD2025.
    assert set(by_code) == {"heartsease-core", MSOA}


def test_the_summary_text_names_the_edition_of_the_deciles(with_lookup):
    engine, survey = with_lookup
    with session_scope(engine) as session:
        summary = summarise_survey(session, survey.slug)
    assert summary.not_placed == 3
    assert summary.deciles_from == "Deciles from the English Indices of Deprivation 2025."
    assert summary_text(summary).endswith(
        "\n\nDeciles from the English Indices of Deprivation 2025."
    )


def test_without_the_lookup_2011_codes_are_not_placed(db_url, tmp_path):
    engine, survey = _survey_with_old_answers(db_url, tmp_path, lookup=False)
    with session_scope(engine) as session:
        counts = counts_by_code(session, survey.id)
        rows, _populations, _names = who_was_heard(session, counts, scope=("E07000148",))
        unplaced = not_placed(session, counts)
    engine.dispose()
    # 004B and 004D and 004E are not 2021 LSOAs: only the 3 blank answers and these 33.
    assert unplaced == 12 + 11 + 10 + 3
    assert {r.area_code: r.responses for r in rows} == {MSOA: 0}


def test_the_sample_borough_deciles_are_not_called_official(sample_url):
    engine = make_engine(sample_url)
    with session_scope(engine) as session:
        assert deciles_source(session) == (
            "Deciles from the generated sample borough's figures (not official)."
        )
    engine.dispose()
