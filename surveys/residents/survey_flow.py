"""Going through a survey a page at a time, checking the answers and sending them.

Residents (surveys/residents/survey_pages.py) and staff typing in a paper form
(surveys/officers/paper.py) use the same pages and the same checks; a Flow says which blueprint's
addresses to use and how the response is recorded. Each blueprint has the endpoints start, step,
check_answers, submit and done.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field

from flask import abort, current_app, redirect, render_template, request, url_for

from engagement.areas.lookup import get_area_profile, neighbourhoods
from engagement.comments.taxonomy import themes_taxonomy
from engagement.model import AreaSummary
from engagement.surveys.answers import check_answers
from engagement.surveys.definition import Question, SurveyDefinition
from engagement.surveys.store import Receipt, find_survey, prepare_response
from storage.db import could_not_write_in_time
from storage.survey_models import Survey
from surveys.database import app_database_url, reading_session
from surveys.group_writer import group_writer
from surveys.residents import survey_session as kept
from surveys.residents.language import words
from surveys.residents.question_wording import equality_notice, named_error, too_long_to_keep
from surveys.residents.survey_fields import answer_html, answer_lines, field_params, read_step
from surveys.residents.survey_guard import HONEYPOT_FIELD
from surveys.residents.survey_retry import try_again_page
from surveys.residents.survey_steps import (
    Step,
    next_step,
    previous_step,
    shown_questions,
    step_numbered,
    step_of,
    survey_steps,
    without_hidden,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Flow:
    """Whose form this is: "web" (a resident) or "paper" (staff typing in a paper form)."""

    name: str
    blueprint: str

    @property
    def is_paper(self) -> bool:
        """Return whether staff are typing in a paper form."""
        return self.name == "paper"

    def url(self, endpoint: str, slug: str, **values) -> str:
        """Return the address of one of this flow's pages for the survey."""
        return url_for(f"{self.blueprint}.{endpoint}", slug=slug, **values)


@dataclass
class LoadedSurvey:
    """A survey and what its pages need: its definition, its steps and the areas to choose from."""

    survey: Survey
    definition: SurveyDefinition
    steps: list[Step]
    _areas: list[AreaSummary] | None = field(default=None, repr=False)

    @property
    def slug(self) -> str:
        """Return the survey's slug, as in its address /s/<slug>."""
        return self.survey.slug

    def areas(self) -> list[AreaSummary]:
        """Return the neighbourhoods residents choose from (looked up once, when first needed)."""
        if self._areas is None:
            with reading_session() as db:
                self._areas = neighbourhoods(db, scope())
        return self._areas


def scope() -> tuple[str, ...]:
    """Return the council's local authority codes (FAIRER_LOCAL_AUTHORITIES), or ()
    for all of England."""
    return tuple(current_app.config.get("FAIRER_LOCAL_AUTHORITIES") or ())


# (database URL, slug) -> (when to look again, survey, definition, steps). A survey is read and
# parsed once every CACHE_SECONDS per process, not on every page: a change made with
# `fairer survey load` shows within that time.
CACHE_SECONDS = 2.0
_cache: dict[tuple[str, str], tuple[float, Survey, SurveyDefinition, list[Step]]] = {}
_cache_lock = threading.Lock()


def load_survey(slug: str) -> LoadedSurvey:
    """Return the survey with this slug, or abort with the 404 page."""
    if len(slug) > 80:
        abort(404)
    key = (app_database_url(), slug)
    cached = _cache.get(key)
    if cached is None or cached[0] < time.monotonic():
        with reading_session() as db:
            found = find_survey(db, slug)
        if found is None:
            abort(404)
        survey, definition = found
        cached = (time.monotonic() + CACHE_SECONDS, survey, definition, survey_steps(definition))
        with _cache_lock:
            if len(_cache) > 1000:  # only ever a handful of surveys; unknown slugs are not cached
                _cache.clear()
            _cache[key] = cached
    _expires, survey, definition, steps = cached
    return LoadedSurvey(survey, definition, steps)


_taxonomies: dict[str, tuple[float, object]] = {}


def comment_taxonomy(db) -> object:
    """Return the keyword taxonomy comments are coded with, read at most every CACHE_SECONDS."""
    key = app_database_url()
    cached = _taxonomies.get(key)
    if cached is None or cached[0] < time.monotonic():
        cached = _taxonomies[key] = (time.monotonic() + CACHE_SECONDS, themes_taxonomy(db))
    return cached[1]


def _anchor(q: Question) -> str:
    # GOV.UK radios and checkboxes give the first option the question's key as its id.
    return f"#{q.key}"


def first_step_url(flow: Flow, loaded: LoadedSurvey) -> str:
    """Return the address of the first page with a question to ask."""
    first = next_step(loaded.steps, 0, kept.answers_so_far(flow.name, loaded.slug))
    return (
        flow.url("step", loaded.slug, number=first.number)
        if first
        else flow.url("check_answers", loaded.slug)
    )


def show_step(
    flow: Flow,
    loaded: LoadedSurvey,
    number: int,
    *,
    errors: dict[str, str] | None = None,
    echo: dict[str, object] | None = None,
    status: int = 200,
    layout: dict | None = None,
):
    """Return one page of questions, with errors and what was posted when it is shown again."""
    step = step_numbered(loaded.steps, number)
    if step is None:
        abort(404)
    answers = kept.answers_so_far(flow.name, loaded.slug)
    questions = shown_questions(step, answers)
    if not questions:
        # Nothing to ask here given the answers so far (show_if): carry on to the next page.
        following = next_step(loaded.steps, number, answers)
        return redirect(
            flow.url("step", loaded.slug, number=following.number)
            if following
            else flow.url("check_answers", loaded.slug)
        )
    errors = errors or {}
    heading = len(questions) == 1
    needs_areas = any(q.kind == "neighbourhood" for q in questions)
    fields = [
        field_params(
            q,
            (echo if echo is not None else answers).get(q.key),
            errors.get(q.key),
            heading=heading,
            areas=loaded.areas() if needs_areas else [],
        )
        for q in questions
    ]
    previous = previous_step(loaded.steps, number, answers)
    title = questions[0].prompt if heading else step.title
    return render_template(
        "surveys/step.html",
        flow=flow,
        survey=loaded.definition,
        step=step,
        fields=fields,
        heading=heading,
        error_list=[
            {"text": errors[q.key], "href": _anchor(q)} for q in questions if q.key in errors
        ],
        action=flow.url("step", loaded.slug, number=number, change=request.args.get("change")),
        back_url=flow.url("step", loaded.slug, number=previous.number)
        if previous
        else flow.url("start", loaded.slug),
        honeypot=HONEYPOT_FIELD,
        equality_notice=equality_notice(loaded.definition.equality_notice)
        if step.equality
        else None,
        page_title=(words("error_prefix") if errors else "")
        + f"{title} – {loaded.definition.title}",
        **(layout or {}),
    ), status


def take_step(flow: Flow, loaded: LoadedSurvey, number: int, form, *, layout: dict | None = None):
    """Check one posted page: show it again with errors, or keep the answers and go on."""
    step = step_numbered(loaded.steps, number)
    if step is None:
        abort(404)
    answers = kept.answers_so_far(flow.name, loaded.slug)
    if step.skippable and form.get("skip"):
        # "Skip these questions": whatever was answered here before is forgotten too.
        skipped = {q.key for q in step.questions}
        kept.keep_answers(
            flow.name, loaded.slug, {k: v for k, v in answers.items() if k not in skipped}
        )
        return _go_on(flow, loaded, number)
    questions = shown_questions(step, answers)
    posted = read_step(
        questions, form, loaded.areas() if any(q.kind == "neighbourhood" for q in questions) else []
    )
    if posted.moved:
        # A ranking's "move up" or "move down": the page again, the choices in their new order.
        return show_step(flow, loaded, number, echo=answers | posted.echo, layout=layout)
    checked = check_answers(
        loaded.definition, answers | posted.given, keys=[q.key for q in questions]
    )
    errors = {
        q.key: named_error(q, posted.errors.get(q.key) or checked.errors[q.key])
        for q in questions
        if q.key in posted.errors or q.key in checked.errors
    }
    if not errors:
        updated = {
            k: v for k, v in answers.items() if k not in {q.key for q in step.questions}
        } | checked.answers
        if not kept.keep_answers(
            flow.name, loaded.slug, without_hidden(loaded.definition, updated)
        ):
            longest = max(
                (q for q in questions if q.kind == "text"),
                default=questions[-1],
                key=lambda q: len(str(checked.answers.get(q.key, ""))),
            )
            errors = {longest.key: too_long_to_keep(longest)}
    if errors:
        return show_step(
            flow, loaded, number, errors=errors, echo=answers | posted.echo, layout=layout
        )
    if posted.to_order:
        # New choices in a ranking: kept as chosen, then the same page, at "put them in order".
        return redirect(
            flow.url("step", loaded.slug, number=number, change=request.args.get("change"))
            + f"#{posted.to_order[0]}-order"
        )
    return _go_on(flow, loaded, number)


def _go_on(flow: Flow, loaded: LoadedSurvey, number: int):
    """Redirect to the page after step `number` (or back to check answers when changing one)."""
    answers = kept.answers_so_far(flow.name, loaded.slug)
    if request.args.get("change") and check_answers(loaded.definition, answers).ok:
        return redirect(flow.url("check_answers", loaded.slug))
    following = next_step(loaded.steps, number, answers)
    return redirect(
        flow.url("step", loaded.slug, number=following.number)
        if following
        else flow.url("check_answers", loaded.slug)
    )


def _first_unfinished(flow: Flow, loaded: LoadedSurvey, errors: dict[str, str]):
    step = next((step_of(loaded.steps, key) for key in errors), None)
    return redirect(
        flow.url("step", loaded.slug, number=step.number)
        if step
        else flow.url("start", loaded.slug)
    )


def area_names(answers: dict[str, object], definition: SurveyDefinition) -> dict[str, str]:
    """Return {area code: name} for the neighbourhoods chosen from the list in answers."""
    names = {}
    with reading_session() as db:
        for q in definition.questions:
            value = answers.get(q.key)
            if q.kind == "neighbourhood" and isinstance(value, str) and len(value) <= 80:
                profile = get_area_profile(db, value)
                if profile is not None and profile.area.code.upper() == value.upper():
                    names[value] = profile.area.name
    return names


def show_check_answers(flow: Flow, loaded: LoadedSurvey, *, layout: dict | None = None):
    """Return the "Check your answers" page, or send the person back to a page still to answer."""
    answers = without_hidden(loaded.definition, kept.answers_so_far(flow.name, loaded.slug))
    if not answers:
        return redirect(first_step_url(flow, loaded))
    checked = check_answers(loaded.definition, answers)
    if not checked.ok:
        return _first_unfinished(flow, loaded, checked.errors)
    names = area_names(answers, loaded.definition)
    sections = []
    for step in loaded.steps:
        rows = [
            {
                "key": {"text": q.prompt},
                "value": {"html": answer_html(answer_lines(q, answers.get(q.key), names))},
                "actions": {
                    "items": [
                        {
                            "href": flow.url("step", loaded.slug, number=step.number, change=1)
                            + _anchor(q),
                            "text": words("change"),
                            "visuallyHiddenText": q.short or q.prompt,
                        }
                    ]
                },
            }
            for q in shown_questions(step, answers)
        ]
        if rows:
            if sections and sections[-1]["title"] == step.title:
                sections[-1]["rows"] += rows
            else:
                sections.append({"title": step.title, "rows": rows})
    return render_template(
        "surveys/check_answers.html",
        flow=flow,
        survey=loaded.definition,
        sections=sections,
        submit_url=flow.url("submit", loaded.slug),
        token=kept.visit_token(flow.name, loaded.slug) or kept.new_submission_token(),
        honeypot=HONEYPOT_FIELD,
        page_title=f"{words('check_answers_title')} – {loaded.definition.title}",
        **(layout or {}),
    )


class SubmissionRefused(Exception):
    """The response could not be stored (an invite code already used); the transaction is undone."""


def take_submission(
    flow: Flow, loaded: LoadedSurvey, form, *, entered_by: str | None = None, before_store=None
):
    """Store the answers kept for this survey once, and redirect to the confirmation page.

    before_store(connection, token) runs first in the same transaction (claiming an invite, say),
    and may raise SubmissionRefused to store nothing (the caller handles that).
    """
    token = kept.submission_token(flow.name, loaded.slug, form.get("submission_token"))
    answers = without_hidden(loaded.definition, kept.answers_so_far(flow.name, loaded.slug))
    done = flow.url("done", loaded.slug)
    if not answers:
        receipt = kept.last_receipt(flow.name, loaded.slug)
        # The same form sent again after the first was stored (a double click, a resend).
        return redirect(
            done if receipt and receipt.get("token") == token else first_step_url(flow, loaded), 303
        )
    checked = check_answers(loaded.definition, answers)
    if not checked.ok:
        return _first_unfinished(flow, loaded, checked.errors)
    with reading_session() as db:
        prepared = prepare_response(
            db,
            loaded.survey,
            loaded.definition,
            checked.answers,
            channel=flow.name,
            submission_token=token,
            entered_by=entered_by,
            scope=scope(),
            taxonomy=comment_taxonomy(db),
        )
    try:
        receipt: Receipt = group_writer(app_database_url()).store(prepared, before_store)
    except Exception as error:
        if not could_not_write_in_time(error):
            raise
        # Not written within the few seconds' wait (another holds the lock, or the database is
        # away): nothing stored, the answers still kept, so "try again", never a 500 or a hang.
        log.warning("A response could not be stored in time: the sender was asked to try again")
        return try_again_page(flow, loaded, token)
    kept.forget_answers(flow.name, loaded.slug)
    kept.remember_receipt(flow.name, loaded.slug, receipt.code, token)
    return redirect(done, 303)
