""""You said, we did": what residents said and what the council did, for everyone to read.

/s/<slug>/you-said-we-did                    a survey's protected summary, quotes and notes
/areas/<code>/you-said-we-did                the same for one neighbourhood
/officers/surveys/<slug>/you-said-we-did     (officers) write notes and link actions to them

Public pages show nothing under 10 responses and only quotes officers published, redacted.
"""
from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    get_flashed_messages,
    redirect,
    render_template,
    request,
    url_for,
)

from engagement.surveys.area_voices import latest_survey_figures
from engagement.surveys.you_said_we_did import (
    add_note,
    area_choices,
    area_name,
    area_notes,
    area_quotes,
    delete_note,
    survey_notes,
)
from engagement.surveys.invites import published_quotes
from engagement.surveys.summary import summarise_survey
from surveys.officers.actions import TAG_CLASSES, long_moment
from surveys.database import web_session
from surveys.officers.auth import current_officer, officer_required
from surveys.officers.results_tables import agreement_text, results_view
from surveys.residents.survey_flow import load_survey, scope

bp = Blueprint("response", __name__)
TOP_THEMES = 5


def _when(moment) -> str:
    return long_moment(moment, current_app.config.get("FAIRER_TIMEZONE") or "Europe/London")


@bp.get("/s/<slug>/you-said-we-did")
def survey_page(slug: str):
    """Return what residents said in a survey (protected summary, published quotes) and what was done."""
    loaded = load_survey(slug)
    with web_session() as db:
        summary = summarise_survey(db, slug, scope=scope())
        quotes = published_quotes(db, loaded.survey.id)
        notes = survey_notes(db, loaded.survey.id)
    view = results_view(summary, public=True)
    themes = (view["comments"] or {}).get("themes", [])[:TOP_THEMES] if view["enough"] else []
    return render_template("response/survey.html", survey=loaded.definition, slug=slug, view=view, themes=themes,
                           quotes=quotes if view["enough"] else [], notes=notes, tags=TAG_CLASSES, when=_when,
                           page_title=f"You said, we did – {loaded.definition.title}")


@bp.get("/areas/<code>/you-said-we-did")
def area_page(code: str):
    """Return what residents of one neighbourhood said in their latest survey, and what was done there."""
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
    return render_template("response/area.html", code=code, name=name, figures=figures, statements=statements,
                           quotes=quotes, notes=notes, tags=TAG_CLASSES, when=_when,
                           page_title=f"You said, we did – {name}")


@bp.route("/officers/surveys/<slug>/you-said-we-did", methods=["GET", "POST"])
@officer_required
def notes_page(slug: str):
    """Return a survey's notes with a form to add one; on POST, add it."""
    loaded = load_survey(slug)
    errors: dict[str, str] = {}
    with web_session() as db:
        if request.method == "POST":
            errors = add_note(db, loaded.survey.id, area_code=request.form.get("area_code", ""),
                              said=request.form.get("said", ""), did=request.form.get("did", ""),
                              references=request.form.get("references", ""), author=current_officer().slack_user_id)
            if not errors:
                flash("Note added", "response-note")
                return redirect(url_for("response.notes_page", slug=slug), 303)
        notes = survey_notes(db, loaded.survey.id)
        areas = area_choices(db, loaded.survey.id)
    chosen = request.form.get("area_code", "") if errors else ""
    area_items = [{"value": "", "text": "The whole survey", "selected": chosen == ""}] + [
        {"value": c, "text": n, "selected": c == chosen} for c, n in areas]
    done = get_flashed_messages(category_filter=["response-note"])
    return render_template("response/officer.html", survey=loaded.definition, slug=slug, notes=notes, errors=errors,
                           form=request.form if errors else None, area_items=area_items, tags=TAG_CLASSES,
                           when=_when, done=done[0] if done else None,
                           delete_url=lambda note_id: url_for("response.delete", slug=slug, note_id=note_id),
                           page_title=("Error: " if errors else "") + f"You said, we did – {loaded.definition.title}"), \
        400 if errors else 200


@bp.post("/officers/surveys/<slug>/you-said-we-did/<int:note_id>/delete")
@officer_required
def delete(slug: str, note_id: int):
    """Delete one of the survey's notes."""
    loaded = load_survey(slug)
    with web_session() as db:
        if not delete_note(db, loaded.survey.id, note_id):
            abort(404)
    flash("Note deleted", "response-note")
    return redirect(url_for("response.notes_page", slug=slug), 303)
