"""Survey results for officers: every figure, by group, and exports. The published page residents
see is surveys/residents/published_results.py.

/officers/surveys                        the surveys, with their state and responses
/officers/surveys/<slug>                 results for officers; ?by=respondent_type|neighbourhood
/officers/surveys/<slug>/export.csv      one row per response (CONTRACT.md), also .xlsx
/officers/surveys/<slug>/responses/<id>/exclude   POST: leave a likely duplicate out, with a reason
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, redirect, render_template, request, url_for
from markupsafe import Markup, escape

from engagement import figures
from engagement.surveys.duplicates import MAX_REASON, exclude_response, likely_duplicates
from engagement.surveys.export import export_bytes, responses_table
from engagement.surveys.lookup import list_surveys
from engagement.surveys.response_map import response_map_svg
from engagement.surveys.store import survey_state
from engagement.surveys.summary import summarise_survey
from surveys.database import web_session
from surveys.officers.auth import current_officer, officer_home_link, officer_required
from surveys.officers.downloads import spreadsheet_download
from surveys.residents.survey_flow import load_survey, scope
from surveys.results_tables import GROUPINGS, chosen_grouping, results_view

bp = Blueprint("results", __name__)
DUPLICATE_GROUPS_SHOWN = 50  # the most recent; a flood would otherwise make the page huge
STATES = {"open": "Open", "not_open_yet": "Not open yet", "closed": "Closed"}


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
    who was heard, and the likely duplicates to exclude."""
    return _results_page(slug)


def _results_page(slug: str, *, exclude_errors: dict[int, str] | None = None, status: int = 200):
    loaded = load_survey(slug)
    with web_session() as db:
        summary = summarise_survey(db, slug, scope=scope())
        svg = response_map_svg(db, summary, protected=False)
        duplicates = likely_duplicates(db, loaded.survey.id)
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
        excluded_words=summary.excluded_words,
        duplicates=duplicates[:DUPLICATE_GROUPS_SHOWN],
        duplicate_groups=len(duplicates),
        exclude_errors=exclude_errors or {},
        max_reason=MAX_REASON,
        page_title=("Error: " if exclude_errors else "") + f"Results – {loaded.definition.title}",
    ), status


@bp.post("/officers/surveys/<slug>/responses/<int:response_id>/exclude")
@officer_required
def exclude(slug: str, response_id: int):
    """Leave one response out of the survey's results, with the reason given; back to the
    results (or the results again, with the error, when no reason was given)."""
    loaded = load_survey(slug)
    reason = request.form.get("reason", "").strip()
    if not reason:
        return _results_page(
            slug, exclude_errors={response_id: "Enter why this response is excluded"}, status=400
        )
    if len(reason) > MAX_REASON:
        return _results_page(
            slug,
            exclude_errors={response_id: f"The reason must be {MAX_REASON} characters or fewer"},
            status=400,
        )
    officer = current_officer()
    with web_session() as db:
        found = exclude_response(
            db, loaded.survey.id, response_id, reason, officer.slack_user_id if officer else None
        )
    if not found:
        abort(404)
    return redirect(url_for("results.officer", slug=slug) + "#duplicates", 303)


@bp.get("/officers/surveys/<slug>/export.<any(csv, xlsx):fmt>")
@officer_required
def export(slug: str, fmt: str):
    """Return every response as a CSV or XLSX download: one row each, one column per question."""
    load_survey(slug)
    with web_session() as db:
        data = export_bytes(responses_table(db, slug), fmt)
    filename = f"{slug}-responses-{date.today().isoformat()}.{fmt}"
    return spreadsheet_download(data, fmt, filename)
