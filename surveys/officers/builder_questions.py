"""The survey builder's question pages: add a question (on a page, or on a new one), change,
delete or move it, and move a page. Its routes join the builder's blueprint (builder.bp).
Works without JavaScript: every change is a POST form.

/officers/surveys/<slug>/add-question              add a question to a page, or on a new page
/officers/surveys/<slug>/questions/<key>           change a question; …/delete and …/move (POST)
/officers/surveys/<slug>/pages/<number>/move       move a page up or down (POST)
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for

from engagement.surveys import builder
from engagement.surveys.builder import BuilderProblem
from engagement.surveys.definition import KINDS, definition_from_json
from surveys.officers.auth import officer_required
from surveys.officers.builder import SURVEY, apply_change, bp, load, save
from surveys.officers.builder_forms import (
    KIND_NAMES,
    error_list,
    question_values,
    read_question,
)


def _earlier(stored: dict, key: str | None) -> dict:
    """Return the questions before key (all of them for a new question), by key."""
    earlier = {}
    for question in definition_from_json(stored).questions:
        if question.key == key:
            break
        earlier[question.key] = question
    return earlier


def _question_page(
    slug: str,
    stored: dict,
    question: dict | None,
    values,
    errors: dict,
    *,
    answered: bool,
    kind: str,
    status: int = 200,
):
    heading = "Add a question" if question is None else "Change a question"
    return render_template(
        "builder/question.html",
        slug=slug,
        stored=stored,
        question=question,
        values=values,
        errors=errors,
        error_list=error_list(errors),
        kinds=KINDS,
        kind_names=KIND_NAMES,
        kind=kind,
        earlier=_earlier(stored, question["key"] if question else None),
        answered=answered,
        heading=heading,
        page_title=("Error: " if errors else "") + heading,
    ), status


@bp.route(SURVEY + "/add-question", methods=["GET", "POST"])
@officer_required
def add_question(slug: str):
    """Return the form for a new question, or add the question posted to its page."""
    stored, _state, responses = load(slug)
    kind = request.values.get("kind", "")
    if request.method == "GET" and kind not in KINDS:
        items = [{"value": k, "text": KIND_NAMES[k]} for k in KINDS]
        return render_template(
            "builder/choose_kind.html",
            slug=slug,
            page=request.args.get("page", ""),
            kind_items=items,
            page_title="What kind of question is it?",
        )
    if request.method == "GET":
        return _question_page(
            slug,
            stored,
            None,
            {**question_values(None), "page": request.args.get("page", "")},
            {},
            answered=bool(responses),
            kind=kind,
        )
    question, errors = read_question(request.form, kind, _earlier(stored, None))
    page = request.form.get("page", "")
    if not errors:
        try:
            save(
                lambda: builder.add_question(
                    stored,
                    int(page) if page.isdigit() else None,
                    question,
                    request.form.get("page_title", ""),
                )
            )
            flash(f"Question ‘{question['key']}’ added")
            return redirect(url_for("builder.edit", slug=slug))
        except BuilderProblem as problem:
            errors[problem.field or "key"] = problem.message
    return _question_page(
        slug, stored, None, request.form, errors, answered=bool(responses), kind=kind, status=400
    )


def _stored_question(stored: dict, key: str) -> dict:
    for page in stored["pages"]:
        for question in page["questions"]:
            if question["key"] == key:
                return question
    abort(404)


@bp.route(SURVEY + "/questions/<key>", methods=["GET", "POST"])
@officer_required
def change_question(slug: str, key: str):
    """Return a question's form, or save the changes posted (only its wording once
    people have answered)."""
    stored, _state, responses = load(slug)
    question = _stored_question(stored, key)
    if request.method == "GET":
        return _question_page(
            slug,
            stored,
            question,
            question_values(question),
            {},
            answered=bool(responses),
            kind=question["kind"],
        )
    changed, errors = read_question(request.form, question["kind"], _earlier(stored, key))
    if not errors:
        try:
            save(lambda: builder.update_question(stored, key, changed, answered=bool(responses)))
            flash(f"Question ‘{changed['key']}’ saved")
            return redirect(url_for("builder.edit", slug=slug))
        except BuilderProblem as problem:
            errors[problem.field or "key"] = problem.message
    return _question_page(
        slug,
        stored,
        question,
        request.form,
        errors,
        answered=bool(responses),
        kind=question["kind"],
        status=400,
    )


def _step() -> int:
    return -1 if request.form.get("direction") == "up" else 1


@bp.post(SURVEY + "/questions/<key>/delete")
@officer_required
def delete_question(slug: str, key: str):
    """Delete a question (refused once people have answered the survey)."""
    stored, _state, responses = load(slug)
    return apply_change(
        slug,
        lambda: builder.delete_question(stored, key, answered=bool(responses)),
        f"Question ‘{key}’ deleted",
    )


@bp.post(SURVEY + "/questions/<key>/move")
@officer_required
def move_question(slug: str, key: str):
    """Move a question one place up or down on its page."""
    stored, _state, _responses = load(slug)
    return apply_change(
        slug, lambda: builder.move_question(stored, key, _step()), f"Question ‘{key}’ moved"
    )


@bp.post(SURVEY + "/pages/<int:number>/move")
@officer_required
def move_page(slug: str, number: int):
    """Move a page one place up or down."""
    stored, _state, _responses = load(slug)
    return apply_change(
        slug, lambda: builder.move_page(stored, number, _step()), f"Page {number} moved"
    )
