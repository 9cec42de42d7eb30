"""On the official data with Norwich's example target areas, the demo's `/area` example and the
suggested examples each name one area."""

from __future__ import annotations

from pathlib import Path

from engagement.areas.custom import load_custom_areas
from engagement.areas.examples import example_areas
from engagement.areas.lookup import look_up_area
from storage import session_scope
from storage.db import make_engine

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
NORWICH = ("E07000148",)


def test_norwich_examples_each_find_one_area(england_copy_url):
    engine = make_engine(england_copy_url)
    with session_scope(engine) as session:
        load_custom_areas(session, EXAMPLES / "areas.yml")
    with session_scope(engine) as session:
        examples = example_areas(session, scope=NORWICH)
        # Norwich's first MSOA by code (its House of Commons Library name, typed as people
        # would), that MSOA's code, and a Norwich ward.
        assert examples == ["catton grove and airport", "E02005584", "bowthorpe"]
        # scripts/demo.sh suggests this one when the official data is loaded.
        assert look_up_area(session, "heartsease").status == "found"
        for query in examples:
            assert look_up_area(session, query, scope=NORWICH).status == "found", query
    engine.dispose()
