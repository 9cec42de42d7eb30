"""Officer pages for the project bank: the list (and its download), adding an idea from a meeting,
and one idea's page where officers moderate it, change its status, record the partner who picked
it up and turn it into an action. Every change is recorded in the idea's history."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for

from engagement import figures
from engagement.ideas.export import to_csv, to_xlsx
from engagement.ideas.proposals import FIELDS, check_proposal, store_proposal
from engagement.ideas.store import (
    IdeaProblem,
    change_status,
    make_action,
    moderate,
    record_partner,
)
from engagement.ideas.store import describe_change as change_words
from engagement.ideas.terms import MODERATION, STATUSES
from engagement.ideas.views import idea_history, officer_idea, officer_ideas
from engagement.officers.names import known_names, person
from surveys.council_time import in_council_time
from surveys.database import web_session
from surveys.officers.auth import current_officer, officer_home_link, officer_required
from surveys.officers.downloads import spreadsheet_download
from surveys.residents.ideas import TAG_COLOURS, form_page
from surveys.residents.survey_flow import scope

bp = Blueprint("officer_ideas", __name__, url_prefix="/officers")
DONE = {
    "published": "The idea is published on the area’s page.",
    "hidden": "The idea is hidden.",
    "status": "The idea’s status is changed.",
    "partner": "The partner is recorded.",
    "action": "The idea is now an action in the action plan.",
    "added": "The idea is added to the project bank.",
}


def _officer_id() -> str:
    return current_officer().slack_user_id


@bp.get("/ideas")
@officer_required
@officer_home_link(
    "Project bank", "Ideas for each area: moderate them, record who picked them up, download them."
)
def idea_list():
    """Return the list of ideas, those awaiting moderation first (?moderation= filters)."""
    moderation = request.args.get("moderation") or None
    if moderation not in MODERATION:
        moderation = None
    with web_session() as db:
        ideas = officer_ideas(db, moderation=moderation)
    return render_template(
        "ideas/officer_list.html",
        ideas=ideas,
        moderation=moderation,
        moderation_words=MODERATION,
        tag_colours=TAG_COLOURS,
        page_title="Project bank",
    )


@bp.get("/ideas.<any(csv, xlsx):kind>")
@officer_required
def idea_download(kind: str):
    """Return every idea as CSV or Excel, contact details included (officers only)."""
    with web_session() as db:
        ideas = officer_ideas(db)
    data = to_csv(ideas) if kind == "csv" else to_xlsx(ideas)
    return spreadsheet_download(data, kind, f"ideas.{kind}")


@bp.route("/ideas/new", methods=["GET", "POST"])
@officer_required
def add_idea():
    """Show the form for an idea raised at a meeting; store it published, with its history."""
    action = url_for("officer_ideas.add_idea")
    if request.method == "GET":
        values = {name: "" for name in FIELDS}
        values["area"] = (request.args.get("area") or "")[:40]
        return form_page(values, {}, action=action, officer=True)
    with web_session() as db:
        checked = check_proposal(db, request.form, scope=scope())
        if checked.errors:
            return form_page(checked.fields, checked.errors, action=action, officer=True), 400
        idea = store_proposal(db, checked, source="officer", user_id=_officer_id())
        idea_id = idea.id
    return redirect(url_for("officer_ideas.idea_page", idea_id=idea_id, done="added"), 303)


def _idea_page(idea_id: int, errors: dict[str, str] | None = None, typed=None, status: int = 200):
    errors = errors or {}
    with web_session() as db:
        idea = officer_idea(db, idea_id)
        if idea is None:
            abort(404)
        history = idea_history(db, idea_id)
        names = known_names(db, [h.user_id for h in history])
    return render_template(
        "ideas/officer_idea.html",
        idea=idea,
        history=[
            {
                "when": figures.long_moment(in_council_time(h.created_at)),
                "who": person(names, h.user_id),
                "what": h.field,
                "from": change_words(h.field, h.from_value),
                "to": change_words(h.field, h.to_value),
                "note": h.note,
            }
            for h in history
        ],
        statuses=STATUSES,
        errors=errors,
        error_list=error_list_for(errors),
        typed=typed or {},
        done=DONE.get(request.args.get("done") or ""),
        tag_colours=TAG_COLOURS,
        page_title=("Error: " if errors else "") + idea.public.title,
    ), status


def error_list_for(errors: dict[str, str]) -> list[dict[str, str]]:
    """Return the error summary's items for the idea page's forms, each linking to its field."""
    return [{"text": text, "href": f"#{field}"} for field, text in errors.items()]


@bp.get("/ideas/<int:idea_id>")
@officer_required
def idea_page(idea_id: int):
    """Return one idea: its details, contact, history and the forms that change it."""
    return _idea_page(idea_id)


def _change(idea_id: int, done: str, apply, field_map: dict[str, str]):
    try:
        with web_session() as db:
            apply(db)
    except LookupError:
        abort(404)
    except IdeaProblem as problem:
        field = field_map.get(problem.field, problem.field)
        return _idea_page(idea_id, {field: problem.message}, dict(request.form), status=400)
    return redirect(url_for("officer_ideas.idea_page", idea_id=idea_id, done=done), 303)


@bp.post("/ideas/<int:idea_id>/moderate")
@officer_required
def moderate_idea(idea_id: int):
    """Publish the idea, or hide it with the reason given."""
    publish = request.form.get("decision") == "publish"
    reason = request.form.get("hide_reason", "")
    return _change(
        idea_id,
        "published" if publish else "hidden",
        lambda db: moderate(db, idea_id, publish=publish, reason=reason, user_id=_officer_id()),
        {"reason": "hide_reason"},
    )


@bp.post("/ideas/<int:idea_id>/status")
@officer_required
def set_status(idea_id: int):
    """Change the idea's status, with why (needed for "not taken forward") and the partner."""
    form = request.form
    return _change(
        idea_id,
        "status",
        lambda db: change_status(
            db,
            idea_id,
            new_status=form.get("status", ""),
            reason=form.get("reason", ""),
            partner=form.get("status_partner", ""),
            user_id=_officer_id(),
        ),
        {"partner": "status_partner"},
    )


@bp.post("/ideas/<int:idea_id>/partner")
@officer_required
def set_partner(idea_id: int):
    """Record the partner who picked the idea up."""
    return _change(
        idea_id,
        "partner",
        lambda db: record_partner(
            db, idea_id, partner=request.form.get("partner", ""), user_id=_officer_id()
        ),
        {},
    )


@bp.post("/ideas/<int:idea_id>/action")
@officer_required
def to_action(idea_id: int):
    """Turn the idea into an action of the action plan, linked both ways."""
    return _change(
        idea_id, "action", lambda db: make_action(db, idea_id, user_id=_officer_id()), {}
    )
