"""Paper responses for officers: type one in through the residents' own pages and checks, or
upload a CSV of many (the same import as `fairer survey import`).

/officers/surveys/<slug>/paper                 start (POST: save the response)
/officers/surveys/<slug>/paper/<n>             page n of the questions
/officers/surveys/<slug>/paper/check-answers   check the answers
/officers/surveys/<slug>/paper/saved           the receipt code, and enter another
/officers/surveys/<slug>/paper/upload          upload a CSV of paper responses

Responses are recorded with channel "paper" and entered_by the officer's Slack user id. Paper
forms can be typed in after a survey closes: they were filled in while it was open.
"""

from __future__ import annotations

from flask import Blueprint, flash, get_flashed_messages, redirect, render_template, request

from engagement import figures
from engagement.errors import ImportProblem
from engagement.surveys.store import import_paper_responses
from surveys.database import web_session
from surveys.officers.auth import current_officer, officer_required
from surveys.officers.uploads import UploadRefused, uploaded_csv
from surveys.residents import survey_session as kept
from surveys.residents.survey_flow import (
    Flow,
    first_step_url,
    load_survey,
    scope,
    show_check_answers,
    show_step,
    take_step,
    take_submission,
)
from surveys.residents.survey_guard import allow_large_form

bp = Blueprint("paper", __name__, url_prefix="/officers/surveys")
FLOW = Flow("paper", "paper")


def _layout(slug: str) -> dict:
    return {"officer_area": True}


@bp.get("/<slug>/paper")
@officer_required
def start(slug: str):
    """Return the page for entering paper responses: one at a time, or a CSV upload."""
    loaded = load_survey(slug)
    imported = get_flashed_messages(category_filter=["paper-imported"])
    return render_template(
        "officers/surveys/paper_start.html",
        survey=loaded.definition,
        slug=slug,
        start_url=first_step_url(FLOW, loaded),
        imported=imported[0] if imported else None,
        page_title=f"Enter paper responses – {loaded.definition.title}",
        **_layout(slug),
    )


@bp.route("/<slug>/paper/<int:number>", methods=["GET", "POST"])
@officer_required
def step(slug: str, number: int):
    """Return page `number` of the paper form; on POST, check it and go on."""
    loaded = load_survey(slug)
    if request.method == "GET":
        return show_step(FLOW, loaded, number, layout=_layout(slug))
    allow_large_form()
    return take_step(FLOW, loaded, number, request.form, layout=_layout(slug))


@bp.get("/<slug>/paper/check-answers")
@officer_required
def check_answers(slug: str):
    """Return the check-answers page for the paper form being typed in."""
    return show_check_answers(FLOW, load_survey(slug), layout=_layout(slug))


@bp.post("/<slug>/paper")
@officer_required
def submit(slug: str):
    """Save the paper response once, recorded as entered by this officer,
    and redirect to its receipt."""
    loaded = load_survey(slug)
    allow_large_form()
    return take_submission(FLOW, loaded, request.form, entered_by=current_officer().slack_user_id)


@bp.get("/<slug>/paper/saved")
@officer_required
def done(slug: str):
    """Return the confirmation that the paper response was saved, with its receipt code."""
    loaded = load_survey(slug)
    receipt = kept.last_receipt(FLOW.name, slug)
    if receipt is None:
        return redirect(FLOW.url("start", slug))
    return render_template(
        "officers/surveys/paper_saved.html",
        survey=loaded.definition,
        slug=slug,
        code=receipt["code"],
        start_url=first_step_url(FLOW, loaded),
        page_title=f"Paper response saved – {loaded.definition.title}",
        **_layout(slug),
    )


@bp.route("/<slug>/paper/upload", methods=["GET", "POST"])
@officer_required
def upload(slug: str):
    """Return the CSV upload form; on POST, import every row or none,
    naming a bad row's line and column."""
    loaded = load_survey(slug)
    if request.method == "GET":
        return _upload_page(loaded.definition, slug)
    try:
        with (
            uploaded_csv(
                "responses_file", "responses.csv", "Select a CSV file of paper responses"
            ) as path,
            web_session() as db,
        ):
            count = import_paper_responses(
                db, slug, path, entered_by=current_officer().slack_user_id, scope=scope()
            )
    except UploadRefused as refused:
        return _upload_page(loaded.definition, slug, str(refused))
    except ImportProblem as problem:
        return _upload_page(loaded.definition, slug, str(problem).rstrip("."))
    name = path.name
    flash(
        f"{figures.count(count)} paper response{'' if count == 1 else 's'} imported from {name}",
        "paper-imported",
    )
    return redirect(FLOW.url("start", slug), 303)


def _upload_page(definition, slug: str, error: str | None = None):
    columns = [q.key for q in definition.questions]
    return render_template(
        "officers/surveys/paper_upload.html",
        survey=definition,
        slug=slug,
        error=error,
        columns=columns,
        page_title=("Error: " if error else "") + f"Upload paper responses – {definition.title}",
        **_layout(slug),
    )
