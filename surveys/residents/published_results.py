"""The published results of a survey, for everyone: small groups suppressed, no free text but the
quotes officers redacted and published.

/s/<slug>/results        ?by=respondent_type|neighbourhood
"""

from __future__ import annotations

from flask import Blueprint, render_template, request
from markupsafe import Markup

from engagement.surveys.invites import published_quotes
from engagement.surveys.response_map import response_map_svg
from engagement.surveys.store import survey_state
from engagement.surveys.summary import summarise_survey
from surveys.database import web_session
from surveys.residents.survey_flow import load_survey, scope
from surveys.results_tables import GROUPINGS, chosen_grouping, results_view

bp = Blueprint("published", __name__)


@bp.get("/s/<slug>/results")
def results(slug: str):
    """Return the published results: small groups suppressed, no free text but published quotes."""
    loaded = load_survey(slug)
    with web_session() as db:
        summary = summarise_survey(db, slug, scope=scope())
        quotes = published_quotes(db, loaded.survey.id)
        svg = response_map_svg(db, summary, protected=True)
    view = results_view(summary, public=True, grouping=chosen_grouping(request.args.get("by", "")))
    return render_template(
        "surveys/results.html",
        survey=loaded.definition,
        slug=slug,
        view=view,
        quotes=quotes,
        # The SVG writer escapes every text it writes (area names, the survey's title), so the
        # map is markup we made, not text from people.
        response_map=Markup(svg) if svg else None,
        state=survey_state(loaded.survey),
        groupings=GROUPINGS,
        page_title=f"Results – {loaded.definition.title}",
    )
