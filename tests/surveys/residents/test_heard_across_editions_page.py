"""The public results page counts answers stored with 2011 LSOA codes in IoD2025's neighbourhoods
and names the edition its deciles come from (hand-worked figures in
tests/engagement/surveys/test_heard_across_editions.py)."""

from __future__ import annotations

from engagement.surveys.store import find_survey
from storage import session_scope
from tests.engagement.surveys.old_answers import add_old_answers, load_heartsease
from tests.surveys.pages import parse, text
from tests.surveys.survey_helpers import SLUG, open_example_survey


def test_old_answers_are_placed_and_the_deciles_edition_is_named(app_factory, db_url, tmp_path):
    engine = load_heartsease(db_url, tmp_path)
    open_example_survey(db_url)
    with session_scope(engine) as session:
        survey, definition = find_survey(session, SLUG)
    add_old_answers(engine, survey, definition)
    engine.dispose()
    app = app_factory(db_url, FAIRER_LOCAL_AUTHORITIES="E07000148")

    page = parse(app.test_client().get(f"/s/{SLUG}/results"))

    rows = page.select("table#heard tbody tr")
    heard = {text(r.select_one("th")): [text(td) for td in r.select("td")] for r in rows}
    assert heard["Heartsease core Target area"][:2] == ["23", "7,400"]
    assert "fewer than 10" in text(page.select_one("#not-placed"))  # the 3 blank answers
    assert text(page.select_one("#deciles-from")) == (
        "Deciles from the English Indices of Deprivation 2025."
    )
