"""`/area` examples come from the loaded data and each names one area."""

from __future__ import annotations

from pathlib import Path

from engagement.areas.custom import load_custom_areas
from engagement.areas.examples import example_areas
from engagement.areas.lookup import look_up_area
from storage import session_scope
from storage.db import make_engine

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def test_the_sample_borough_suggests_its_own_places_each_finding_one_area(sample_url):
    engine = make_engine(sample_url)
    with session_scope(engine) as session:
        load_custom_areas(session, EXAMPLES / "sample-areas.yml")
    with session_scope(engine) as session:
        examples = example_areas(session, scope=("E06999999",))
        # Heathfield & Priory Park is Sampleton 001; "heathfield" alone would also find the
        # Heathfield target area, so the example gives the whole name.
        assert examples == ["heathfield and priory park", "E02900001", "crownfield"]
        for query in examples:
            found = look_up_area(session, query, scope=("E06999999",))
            assert found.status == "found", query
        assert look_up_area(session, "heathfield").status == "choose"
        assert "heartsease" not in examples
    engine.dispose()


def test_nothing_loaded_gives_no_examples(sqlite_url):
    engine = make_engine(sqlite_url)
    with session_scope(engine) as session:
        assert example_areas(session) == []
    engine.dispose()
