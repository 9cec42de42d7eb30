"""Survey results for officers: every figure, by group, and exports. The published page residents
see is surveys/residents/published_results.py.

/officers/surveys                        the surveys, with their state and responses
/officers/surveys/<slug>                 results for officers; ?by=respondent_type|neighbourhood
/officers/surveys/<slug>/export.csv      one row per response (CONTRACT.md), also .xlsx
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, render_template, request, url_for
from markupsafe import Markup, escape

from engagement import figures
from engagement.surveys.export import export_bytes, responses_table
from engagement.surveys.lookup import list_surveys
from engagement.surveys.response_map import response_map_svg
from engagement.surveys.store import survey_state
from engagement.surveys.summary import summarise_survey
from surveys.database import web_session
from surveys.officers.auth import officer_home_link, officer_required
from surveys.residents.survey_flow import load_survey, scope
from surveys.results_tables import GROUPINGS, chosen_grouping, results_view

bp = Blueprint("results", __name__)
STATES = {"open": "Open", "not_open_yet": "Not open yet", "closed": "Closed"}
EXPORT_TYPES = {
    "csv": "text/csv",  # Flask adds "; charset=utf-8" to text types
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@bp.get("/officers/surveys")
@officer_required
@officer_home_link("Surveys", "Results of resident surveys, exports and paper responses.")
def officer_list():
    """Return the list of surveys with their state and number of responses."""
    with web_session() as db:
        surveys = list_surveys(db)
    rows = [
        [
            {"html": _link(s.slug, s.title)},
            {"text": STATES.get(s.state, s.state)},
            {"text": figures.count(s.responses), "format": "numeric"},
        ]
        for s in surveys
    ]
    return render_template("officers/surveys/list.html", rows=rows, page_title="Surveys")


def _link(slug: str, title: str) -> Markup:
    return Markup('<a class="govuk-link" href="{}">{}</a>').format(
        url_for("results.officer", slug=slug), escape(title)
    )


@bp.get("/officers/surveys/<slug>")
@officer_required
def officer(slug: str):
    """Return every result of a survey for officers: agreement, groups, rankings, comments,
    who was heard."""
    loaded = load_survey(slug)
    with web_session() as db:
        summary = summarise_survey(db, slug, scope=scope())
        svg = response_map_svg(db, summary, protected=False)
    view = results_view(summary, public=False, grouping=chosen_grouping(request.args.get("by", "")))
    return render_template(
        "officers/surveys/results.html",
        survey=loaded.definition,
        slug=slug,
        view=view,
        state=STATES[survey_state(loaded.survey)],
        # The SVG writer escapes every text it writes (area names, the survey's title), so the
        # map is markup we made, not text from people.
        response_map=Markup(svg) if svg else None,
        groupings=GROUPINGS,
        page_title=f"Results – {loaded.definition.title}",
    )


@bp.get("/officers/surveys/<slug>/export.<any(csv, xlsx):fmt>")
@officer_required
def export(slug: str, fmt: str):
    """Return every response as a CSV or XLSX download: one row each, one column per question."""
    load_survey(slug)
    with web_session() as db:
        data = export_bytes(responses_table(db, slug), fmt)
    filename = f"{slug}-responses-{date.today().isoformat()}.{fmt}"
    return Response(
        data,
        mimetype=EXPORT_TYPES[fmt],
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            # Responses are personal data: never kept by a shared cache or the browser's.
            "Cache-Control": "no-store",
        },
    )
