"""The survey builder for officers, survey by survey: the list of surveys, a new survey's
details, the survey's edit page, its details, opening and closing it, its preview and its
definition as YAML. Owns the builder's blueprint, which builder_questions adds its pages to.
Works without JavaScript: every change is a POST form.

/officers/survey-builder                           surveys, with "Create a survey"
/officers/survey-builder/create-survey             a new survey's details
/officers/surveys/<slug>/edit                      the survey: details, pages and questions
/officers/surveys/<slug>/details                   change the details
/officers/surveys/<slug>/open, …/close             open or close now, after a confirm page
/officers/surveys/<slug>/preview                   every page as residents see it
/officers/surveys/<slug>/definition.yml            the definition, for `fairer survey load`
"""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)

from engagement.areas.lookup import neighbourhoods
from engagement.surveys import builder
from engagement.surveys.builder import BuilderProblem
from engagement.surveys.definition import definition_from_json
from engagement.surveys.lookup import list_surveys
from engagement.surveys.store import find_survey, save_definition, survey_state
from storage.base import utcnow
from surveys.council_time import local_moment
from surveys.database import web_session
from surveys.officers.auth import officer_home_link, officer_required
from surveys.officers.builder_forms import (
    KIND_NAMES,
    details_values,
    error_list,
    read_details,
)
from surveys.residents.survey_fields import field_params, listed_areas
from surveys.residents.survey_flow import scope

bp = Blueprint("builder", __name__, url_prefix="/officers")
STATES = {"open": "Open", "not_open_yet": "Not open yet", "closed": "Closed"}
SURVEY = "/surveys/<slug>"


@bp.get("/survey-builder")
@officer_required
@officer_home_link(
    "Survey builder", "Create and change surveys: questions, their order, preview, open and close."
)
def survey_list():
    """Return the list of surveys to edit, with their state and responses, and "Create a survey"."""
    with web_session() as db:
        surveys = list_surveys(db)
    return render_template(
        "builder/list.html", surveys=surveys, states=STATES, page_title="Survey builder"
    )


def _details_page(stored: dict | None, values: dict, errors: dict, status: int = 200):
    title = "Create a survey" if stored is None else "Change the survey details"
    return render_template(
        "builder/details.html",
        stored=stored,
        values=values,
        errors=errors,
        error_list=error_list(errors),
        page_title=("Error: " if errors else "") + title,
        heading=title,
    ), status


@bp.route("/survey-builder/create-survey", methods=["GET", "POST"])
@officer_required
def create():
    """Return the new survey form, or create the survey it describes."""
    if request.method == "GET":
        return _details_page(None, details_values(None), {})
    details, errors = read_details(request.form)
    if not errors:
        try:
            definition = builder.new_survey(details)
            with web_session() as db:
                if find_survey(db, definition.slug):
                    raise BuilderProblem(
                        f"There is already a survey with the slug ‘{definition.slug}’", "slug"
                    )
                save_definition(db, definition)
            flash(
                "Survey created. It starts with one free-text question: add your own, "
                "then delete it if you do not need it."
            )
            return redirect(url_for("builder.edit", slug=definition.slug))
        except BuilderProblem as problem:
            errors[problem.field or "title"] = problem.message
    return _details_page(None, request.form, errors, 400)


def load(slug: str) -> tuple[dict, str, int]:
    """Return (stored definition, state, responses) for slug, or a 404."""
    with web_session() as db:
        found = find_survey(db, slug)
        if found is None:
            abort(404)
        survey = found[0]
        return survey.definition, survey_state(survey), builder.response_count(db, survey.id)


def save(edit) -> None:
    """Save the definition edit() returns; edit raises BuilderProblem, and then nothing is saved."""
    with web_session() as db:
        save_definition(db, edit())


@bp.get(SURVEY + "/edit")
@officer_required
def edit(slug: str):
    """Return the survey's details, pages and questions, with the buttons that change them."""
    return _edit_page(slug)


def _edit_page(slug: str, errors: dict | None = None, status: int = 200):
    stored, state, responses = load(slug)
    return render_template(
        "builder/edit.html",
        stored=stored,
        slug=slug,
        state=state,
        states=STATES,
        responses=responses,
        kind_names=KIND_NAMES,
        error_list=error_list(errors or {}),
        moment=local_moment,
        page_title=stored["title"],
    ), status


@bp.route(SURVEY + "/details", methods=["GET", "POST"])
@officer_required
def details(slug: str):
    """Return the details form of a survey, or save the details posted."""
    stored, _state, _responses = load(slug)
    if request.method == "GET":
        return _details_page(stored, details_values(stored), {})
    values, errors = read_details(request.form, stored)
    if not errors:
        try:
            save(lambda: builder.update_details(stored, values))
            flash("Survey details saved")
            return redirect(url_for("builder.edit", slug=slug))
        except BuilderProblem as problem:
            errors[problem.field or "title"] = problem.message
    return _details_page(stored, {**request.form, "slug": slug}, errors, 400)


def apply_change(slug: str, edit, done: str):
    """Apply a button's edit and go back to the survey, or show the survey with the problem."""
    try:
        save(edit)
    except BuilderProblem as problem:
        return edit_with_error(slug, problem.message)
    flash(done)
    return redirect(url_for("builder.edit", slug=slug))


def edit_with_error(slug: str, message: str):
    """Return the survey page with message in its error summary (status 400)."""
    return _edit_page(slug, errors={"_": message}, status=400)


@bp.route(SURVEY + "/<any(open, close):action>", methods=["GET", "POST"])
@officer_required
def open_or_close(slug: str, action: str):
    """Return the confirm page for opening or closing a survey now, or do it."""
    stored, state, _responses = load(slug)
    if request.method == "GET":
        heading = f"{'Open' if action == 'open' else 'Close'} ‘{stored['title']}’ now?"
        return render_template(
            "builder/confirm.html",
            slug=slug,
            action=action,
            state=state,
            states=STATES,
            heading=heading,
            page_title=heading,
        )
    change = builder.open_now if action == "open" else builder.close_now
    return apply_change(
        slug,
        lambda: change(stored, utcnow()),
        "Survey opened" if action == "open" else "Survey closed",
    )


@bp.get(SURVEY + "/preview")
@officer_required
def preview(slug: str):
    """Return every page of the survey as residents see it; nothing on it is saved."""
    stored, state, _responses = load(slug)
    definition = definition_from_json(stored)
    areas = []
    if any(q.kind == "neighbourhood" for q in definition.questions):
        with web_session() as db:
            areas = listed_areas(neighbourhoods(db, scope()))
    pages = [
        (
            page,
            [(q, field_params(q, None, None, heading=False, areas=areas)) for q in page.questions],
        )
        for page in definition.pages
    ]
    return render_template(
        "builder/preview.html",
        survey=definition,
        slug=slug,
        pages=pages,
        state=state,
        states=STATES,
        page_title=f"Preview – {definition.title}",
    )


@bp.get(SURVEY + "/definition.yml")
@officer_required
def definition_yaml(slug: str):
    """Return the survey's definition as YAML that `fairer survey load` reads back to
    the same survey."""
    stored, _state, _responses = load(slug)
    return Response(
        builder.to_yaml(stored),
        mimetype="application/yaml",
        headers={
            "Content-Disposition": f'attachment; filename="{slug}.yml"',
            "Cache-Control": "no-store",
        },
    )
