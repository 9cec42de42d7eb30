""" "You said, we did" for officers: write a survey's notes (what residents said, what the council
did, the actions it links) and delete them. Residents read them at
surveys/residents/you_said_we_did.py.

/officers/surveys/<slug>/you-said-we-did                          the notes, and a form to add one
/officers/surveys/<slug>/you-said-we-did/<note_id>/delete         delete a note
"""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    get_flashed_messages,
    redirect,
    render_template,
    request,
    url_for,
)

from engagement.surveys.you_said_we_did import add_note, area_choices, delete_note, survey_notes
from surveys.action_tags import ACTION_TAG_CLASSES
from surveys.council_time import local_date
from surveys.database import web_session
from surveys.officers.auth import current_officer, officer_required
from surveys.residents.survey_flow import load_survey

bp = Blueprint("response_notes", __name__)


@bp.route("/officers/surveys/<slug>/you-said-we-did", methods=["GET", "POST"])
@officer_required
def notes_page(slug: str):
    """Return a survey's notes with a form to add one; on POST, add it."""
    loaded = load_survey(slug)
    errors: dict[str, str] = {}
    with web_session() as db:
        if request.method == "POST":
            errors = add_note(
                db,
                loaded.survey.id,
                area_code=request.form.get("area_code", ""),
                said=request.form.get("said", ""),
                did=request.form.get("did", ""),
                references=request.form.get("references", ""),
                author=current_officer().slack_user_id,
            )
            if not errors:
                flash("Note added", "response-note")
                return redirect(url_for("response_notes.notes_page", slug=slug), 303)
        notes = survey_notes(db, loaded.survey.id)
        areas = area_choices(db, loaded.survey.id)
    chosen = request.form.get("area_code", "") if errors else ""
    area_items = [{"value": "", "text": "The whole survey", "selected": chosen == ""}] + [
        {"value": c, "text": n, "selected": c == chosen} for c, n in areas
    ]
    done = get_flashed_messages(category_filter=["response-note"])
    return render_template(
        "response/officer.html",
        survey=loaded.definition,
        slug=slug,
        notes=notes,
        errors=errors,
        form=request.form if errors else None,
        area_items=area_items,
        tags=ACTION_TAG_CLASSES,
        when=local_date,
        done=done[0] if done else None,
        delete_url=lambda note_id: url_for("response_notes.delete", slug=slug, note_id=note_id),
        page_title=("Error: " if errors else "") + f"You said, we did – {loaded.definition.title}",
    ), 400 if errors else 200


@bp.post("/officers/surveys/<slug>/you-said-we-did/<int:note_id>/delete")
@officer_required
def delete(slug: str, note_id: int):
    """Delete one of the survey's notes."""
    loaded = load_survey(slug)
    with web_session() as db:
        if not delete_note(db, loaded.survey.id, note_id):
            abort(404)
    flash("Note deleted", "response-note")
    return redirect(url_for("response_notes.notes_page", slug=slug), 303)
