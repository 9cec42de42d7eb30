"""The example action plan (examples/actions.csv) in a database holding Norwich's official IoD2019
figures and the example target areas, as an officer would set it up before loading
examples/impact-assessment.yml."""

from __future__ import annotations

from pathlib import Path

from engagement.actions.plan_import import import_actions
from engagement.areas.custom import load_custom_areas
from engagement.areas.iod_import import import_iod_files
from storage import session_scope
from storage.db import make_engine
from tests.engagement.official_subset import NORWICH, write_subset

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
EXAMPLE_ASSESSMENT = EXAMPLES / "impact-assessment.yml"


def example_plan_engine(url: str, official: dict[str, Path], folder: Path):
    """Return an Engine on url with Norwich's figures, examples/areas.yml and
    examples/actions.csv imported."""
    engine = make_engine(url)
    with session_scope(engine) as session:
        import_iod_files(session, write_subset(official, folder / "iod"))
        load_custom_areas(session, EXAMPLES / "areas.yml")
        import_actions(session, EXAMPLES / "actions.csv", scope=(NORWICH,))
    return engine
