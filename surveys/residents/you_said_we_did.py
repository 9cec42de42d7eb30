""" "You said, we did": what residents said and what the council did, for everyone to read.

/s/<slug>/you-said-we-did                    a survey's protected summary, quotes and notes
/areas/<code>/you-said-we-did                the same for one neighbourhood

Public pages show nothing under 10 responses and only quotes officers published, redacted.

Officers write the notes at surveys/officers/you_said_we_did.py.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    render_template,
)

from engagement.surveys.area_voices import latest_survey_figures
from engagement.surveys.invites import published_quotes
from engagement.surveys.summary import summarise_survey
from engagement.surveys.you_said_we_did import (
    area_name,
    area_notes,
    area_quotes,
    survey_notes,
)
from surveys.action_tags import ACTION_TAG_CLASSES
from surveys.council_time import local_date
from surveys.database import web_session
from surveys.residents.survey_flow import load_survey, scope
from surveys.results_tables import agreement_text, results_view

bp = Blueprint("response", __name__)
TOP_THEMES = 5


@bp.get("/s/<slug>/you-said-we-did")
def survey_page(slug: str):
    """Return what residents said in a survey (protected summary, published quotes)
    and what was done."""
    loaded = load_survey(slug)
    with web_session() as db:
        summary = summarise_survey(db, slug, scope=scope())
        quotes = published_quotes(db, loaded.survey.id)
        notes = survey_notes(db, loaded.survey.id)
    view = results_view(summary, public=True)
    themes = (view["comments"] or {}).get("themes", [])[:TOP_THEMES] if view["enough"] else []
    return render_template(
        "response/survey.html",
        survey=loaded.definition,
        slug=slug,
        view=view,
        themes=themes,
        quotes=quotes if view["enough"] else [],
        notes=notes,
        tags=ACTION_TAG_CLASSES,
        when=local_date,
        page_title=f"You said, we did – {loaded.definition.title}",
    )


@bp.get("/areas/<code>/you-said-we-did")
def area_page(code: str):
    """Return what residents of one neighbourhood said in their latest survey,
    and what was done there."""
    if len(code) > 40:
        abort(404)
    with web_session() as db:
        name = area_name(db, code)
        if name is None:
            abort(404)
        figures = latest_survey_figures(db, code)
        enough = figures is not None and figures.responses is not None
        quotes = area_quotes(db, code) if enough else []
        notes = area_notes(db, code)
    statements = [(prompt, agreement_text(a)) for prompt, a in figures.statements] if enough else []
    return render_template(
        "response/area.html",
        code=code,
        name=name,
        figures=figures,
        statements=statements,
        quotes=quotes,
        notes=notes,
        tags=ACTION_TAG_CLASSES,
        when=local_date,
        page_title=f"You said, we did – {name}",
    )
