"""Residents propose an idea for their area: the project bank's public form and its confirmation.

/ideas/new               the form (?area=<code> chooses the area, as the area page's link does)
/areas/<code>/ideas/new  the same form for one area
/ideas/sent              the confirmation

The same abuse control as surveys: the form token (CSRF), the per-client rate limit, the hidden
field robots fill in, and a server-issued visit token (surveys/residents/survey_session.py) under
which the idea is stored once, however often the form is sent.
"""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for

from engagement.areas.lookup import neighbourhoods
from engagement.ideas.proposals import FIELDS, check_proposal, store_proposal
from engagement.ideas.store import idea_for_token
from engagement.ideas.views import PublicIdea, published_ideas
from surveys.database import reading_session, web_session
from surveys.residents import survey_session as kept
from surveys.residents.language import words
from surveys.residents.survey_fields import listed_areas
from surveys.residents.survey_flow import scope
from surveys.residents.survey_guard import HONEYPOT_FIELD, caught_by_honeypot, seconds_to_wait

bp = Blueprint("ideas", __name__)
FLOW, SLOT = "idea", "new"
# Order of the error summary: the order of the fields on the page.
TAG_COLOURS = {
    "proposed": "blue",
    "picked_up": "purple",
    "in_progress": "green",
    "done": "teal",
    "not_taken_forward": "grey",
}
ERROR_ORDER = ("area", "title", "description", "contact_name", "contact_email")


def area_choices() -> list[dict[str, str]]:
    """Return the neighbourhoods residents choose from, by the names they use ([] when there are
    too many to list, and the form asks them to type the name instead)."""
    with reading_session() as db:
        return [{"code": a.code, "name": a.name} for a in listed_areas(neighbourhoods(db, scope()))]


def error_list(errors: dict[str, str]) -> list[dict[str, str]]:
    """Return the GOV.UK error summary's items, each linking to its field, in page order."""
    return [{"text": errors[f], "href": f"#{f}"} for f in ERROR_ORDER if f in errors]


def form_page(values: dict[str, str], errors: dict[str, str], *, action: str, officer=False):
    """Return the idea form with what was typed and the errors by field."""
    areas = area_choices()
    chosen = values.get("area", "")
    return render_template(
        "ideas/new.html",
        values=values,
        errors=errors,
        error_list=error_list(errors),
        areas=areas,
        area_items=[
            {"value": a["code"], "text": a["name"], "selected": a["code"] == chosen} for a in areas
        ],
        honeypot=HONEYPOT_FIELD,
        token=None if officer else kept.visit_token(FLOW, SLOT),
        action=action,
        officer=officer,
        page_title=("Error: " if errors else "") + "Propose an idea for your area",
    )


@bp.app_context_processor
def _area_ideas() -> dict:
    """Give templates area_ideas(code): the area's published ideas (areas/_ideas.html)."""
    return {"area_ideas": published_for, "idea_tag_colours": TAG_COLOURS}


def published_for(code: str) -> list[PublicIdea]:
    """Return the area's published ideas, newest first."""
    with reading_session() as db:
        return published_ideas(db, code)


@bp.get("/ideas/new")
def new():
    """Show the form, with the area chosen when ?area= names one."""
    # The visit token is issued now and kept in the signed cookie: see the module docstring.
    if not kept.visit_token(FLOW, SLOT):
        kept.keep_answers(FLOW, SLOT, {})
    values = {name: "" for name in FIELDS}
    values["area"] = (request.args.get("area") or "")[:40]
    return form_page(values, {}, action=url_for("ideas.new"))


@bp.get("/areas/<code>/ideas/new")
def new_for_area(code: str):
    """Send the visitor to the form with this area chosen."""
    return redirect(url_for("ideas.new", area=code[:40]))


@bp.post("/ideas/new")
def send():
    """Store the idea once (awaiting moderation) and show the confirmation; or the form again
    with every problem named and nothing lost."""
    wait = seconds_to_wait()
    if wait:
        page = render_template("surveys/slow_down.html", wait=wait, page_title=words("wait_title"))
        return page, 429, {"Retry-After": str(wait)}
    if caught_by_honeypot(request.form):
        kept.forget_answers(FLOW, SLOT)
        return redirect(url_for("ideas.sent"), 303)
    token = kept.submission_token(FLOW, SLOT, request.form.get("token"))
    with web_session() as db:
        if idea_for_token(db, token) is not None:
            return redirect(url_for("ideas.sent"), 303)
        checked = check_proposal(db, request.form, scope=scope())
        if checked.errors:
            return form_page(checked.fields, checked.errors, action=url_for("ideas.new")), 400
        store_proposal(db, checked, source="web", user_id="resident", submission_token=token)
    kept.forget_answers(FLOW, SLOT)
    return redirect(url_for("ideas.sent", area=checked.area_code), 303)


@bp.get("/ideas/sent")
def sent():
    """Show that the idea was received and what happens next."""
    return render_template(
        "ideas/sent.html",
        area=(request.args.get("area") or "")[:40],
        page_title="Idea sent",
    )
