"""Survey pages for residents: the start page, a page of questions at a time, check your answers,
send, the receipt, and deleting your answers with the receipt code.

/s/<slug>                start page (POST: send the answers)
/s/<slug>/<n>            page n of the questions
/s/<slug>/check-answers  check your answers
/s/<slug>/done           the receipt code
/s/<slug>/erase          delete your answers

Each page is in the language the resident chose (?lang=cy, kept in the session; see
surveys/residents/language.py) when the survey is offered in it, else in English.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from flask import Blueprint, redirect, render_template, request

from engagement.surveys.invites import (
    check_typed_invite,
    claim_invite,
    invite_is_unused,
)
from engagement.surveys.store import (
    erase_response,
    new_receipt_code,
    receipt_for_token,
    survey_state,
)
from surveys.database import web_session
from surveys.residents import language
from surveys.residents import survey_session as kept
from surveys.residents.language import words
from surveys.residents.survey_flow import (
    Flow,
    LoadedSurvey,
    SubmissionRefused,
    first_step_url,
    load_survey,
    show_check_answers,
    show_step,
    take_step,
    take_submission,
)
from surveys.residents.survey_guard import allow_large_form, caught_by_honeypot, seconds_to_wait
from surveys.residents.survey_steps import survey_steps

bp = Blueprint("surveys", __name__, url_prefix="/s")
FLOW = Flow("web", "surveys")
RECEIPT_FORMAT = re.compile(r"^FP-[A-Z0-9]{4}-[A-Z0-9]{4}$")


@bp.app_context_processor
def _page_language() -> dict:
    # Every page's layout needs t() and <html lang dir>: English outside a survey.
    return language.template_context()


def _load(slug: str) -> LoadedSurvey:
    """Return the survey with this slug in the resident's language (or abort with the 404)."""
    loaded = load_survey(slug)
    code = language.choose(loaded.definition)
    if code == loaded.definition.language:
        return loaded
    definition = loaded.definition.in_language(code)
    return LoadedSurvey(loaded.survey, definition, survey_steps(definition))


def govuk_date(moment: datetime | None) -> str:
    """Return the day of moment the GOV.UK way, "31 March 2027" (UTC, as the survey's dates
    are set), in the page's language."""
    if moment is None:
        return ""
    day = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
    return language.long_date(day)


def _dates(loaded: LoadedSurvey) -> dict[str, str]:
    return {
        "opens": govuk_date(loaded.survey.opens_at),
        "closes": govuk_date(loaded.survey.closes_at),
    }


def _not_open(loaded: LoadedSurvey):
    """The polite page for a survey that is not open (and None when it is open)."""
    state = survey_state(loaded.survey)
    if state == "open":
        return None
    title = words("closed_title" if state == "closed" else "not_open_title")
    page = render_template(
        "surveys/not_open.html",
        survey=loaded.definition,
        slug=loaded.slug,
        state=state,
        dates=_dates(loaded),
        page_title=f"{title} – {loaded.definition.title}",
    )
    # Gone for good (410) once closed; not open yet is an ordinary page.
    return page, 410 if state == "closed" else 200


def _needs_invite(loaded: LoadedSurvey) -> bool:
    return loaded.survey.invite_only and not kept.invite_code(loaded.slug)


def _gate(loaded: LoadedSurvey):
    """Return the response for someone who cannot answer now (closed, no invite), else None."""
    refused = _not_open(loaded)
    if refused is not None:
        return refused
    if _needs_invite(loaded):
        return redirect(FLOW.url("start", loaded.slug))
    return None


def _slow_down():
    """Return the "too many answers at once" page if this client is over its rate, else None."""
    wait = seconds_to_wait()
    if not wait:
        return None
    page = render_template("surveys/slow_down.html", wait=wait, page_title=words("wait_title"))
    return page, 429, {"Retry-After": str(wait)}


def _start_page(
    loaded: LoadedSurvey, *, invite_error: str | None = None, code: str = "", status: int = 200
):
    return render_template(
        "surveys/start.html",
        survey=loaded.definition,
        slug=loaded.slug,
        dates=_dates(loaded),
        needs_invite=_needs_invite(loaded),
        invite_error=invite_error,
        code=code,
        start_url=first_step_url(FLOW, loaded),
        page_title=(words("error_prefix") if invite_error else "") + loaded.definition.title,
    ), status


@bp.get("/<slug>")
def start(slug: str):
    """Return the survey's start page: what it is about, how answers are used, and Start now."""
    loaded = _load(slug)
    return _not_open(loaded) or _start_page(loaded)


@bp.get("/<slug>/privacy")
def privacy(slug: str):
    """Return the survey's privacy notice: its own words, what is kept and for how long, and
    how to delete the answers. Open, closed or not yet open, it can always be read."""
    loaded = _load(slug)
    return render_template(
        "surveys/privacy.html",
        survey=loaded.definition,
        slug=slug,
        page_title=f"{words('privacy_title')} – {loaded.definition.title}",
    )


@bp.post("/<slug>/invite")
def invite(slug: str):
    """Check a resident's invite code for an invite-only survey and start, or show the error."""
    loaded = _load(slug)
    refused = _not_open(loaded) or _slow_down()
    if refused is not None:
        return refused
    typed = request.form.get("invite_code", "")

    def unused(code: str) -> bool:
        with web_session() as db:
            return invite_is_unused(db, loaded.survey.id, code)

    code, problem = check_typed_invite(typed, unused)
    if problem:
        return _start_page(loaded, invite_error=words(problem), code=typed[:40])
    kept.keep_invite(slug, code)
    return redirect(first_step_url(FLOW, loaded))


@bp.route("/<slug>/<int:number>", methods=["GET", "POST"])
def step(slug: str, number: int):
    """Return page `number` of the questions; on POST, check it and go on."""
    loaded = _load(slug)
    refused = _gate(loaded)
    if refused is not None:
        return refused
    if request.method == "GET":
        return show_step(FLOW, loaded, number)
    refused = _slow_down()
    if refused is not None:
        return refused
    allow_large_form()
    if caught_by_honeypot(request.form):
        return _pretend_sent(loaded)
    return take_step(FLOW, loaded, number, request.form)


@bp.get("/<slug>/check-answers")
def check_answers(slug: str):
    """Return the "Check your answers" page."""
    loaded = _load(slug)
    return _gate(loaded) or show_check_answers(FLOW, loaded)


@bp.post("/<slug>")
def submit(slug: str):
    """Store the resident's answers once and redirect to their receipt."""
    loaded = _load(slug)
    refused = _gate(loaded) or _slow_down()
    if refused is not None:
        return refused
    allow_large_form()
    if caught_by_honeypot(request.form):
        return _pretend_sent(loaded)
    before_store = None
    if loaded.survey.invite_only:
        code = kept.invite_code(slug) or ""

        def before_store(db, token):
            # The same form sent twice used the invite the first time:
            # store_responses returns that receipt.
            if receipt_for_token(db, loaded.survey.id, token) is None and not claim_invite(
                db, loaded.survey.id, code
            ):
                raise SubmissionRefused("invite already used")

    try:
        return take_submission(FLOW, loaded, request.form, before_store=before_store)
    except SubmissionRefused:
        kept.keep_invite(slug, "")
        return _start_page(loaded, invite_error=words("invite_used"), status=409)


def _pretend_sent(loaded: LoadedSurvey):
    # A robot filled in the hidden field: tell it all went well, store nothing.
    kept.forget_answers(FLOW.name, loaded.slug)
    kept.remember_receipt(FLOW.name, loaded.slug, new_receipt_code(), "")
    return redirect(FLOW.url("done", loaded.slug), 303)


@bp.get("/<slug>/done")
def done(slug: str):
    """Return the confirmation with the receipt code, and how to delete the answers with it."""
    loaded = _load(slug)
    receipt = kept.last_receipt(FLOW.name, slug)
    if receipt is None:
        return redirect(FLOW.url("start", slug))
    return render_template(
        "surveys/done.html",
        survey=loaded.definition,
        slug=slug,
        code=receipt["code"],
        page_title=f"{words('sent_title')} – {loaded.definition.title}",
    )


def normalise_receipt_code(text: str) -> str:
    """Return a receipt code as typed (any case, with or without spaces and hyphens) as
    FP-XXXX-XXXX, or the cleaned text when it cannot be one."""
    compact = re.sub(r"[\s\-–]", "", text or "").upper()
    if len(compact) == 10 and compact.startswith("FP"):
        return f"FP-{compact[2:6]}-{compact[6:]}"
    return compact[:40]


@bp.route("/<slug>/erase", methods=["GET", "POST"])
def erase(slug: str):
    """Return the "Delete your answers" form; on POST, delete the answers with that receipt code."""
    loaded = _load(slug)
    if request.method == "GET":
        return _erase_page(loaded)
    refused = _slow_down()
    if refused is not None:
        return refused
    typed = request.form.get("receipt_code", "")
    code = normalise_receipt_code(typed)
    if not typed.strip():
        return _erase_page(loaded, words("receipt_missing"), typed)
    if not RECEIPT_FORMAT.match(code):
        return _erase_page(loaded, words("receipt_format"), typed)
    with web_session() as db:
        erased = erase_response(db, code)
    if not erased:
        return _erase_page(loaded, words("receipt_unknown"), typed)
    kept.remember_erased(slug, code)
    return redirect(FLOW.url("erased", slug), 303)


def _erase_page(loaded: LoadedSurvey, error: str | None = None, typed: str = ""):
    return render_template(
        "surveys/erase.html",
        survey=loaded.definition,
        slug=loaded.slug,
        error=error,
        typed=typed[:40],
        page_title=(words("error_prefix") if error else "") + words("erase_title"),
    )


@bp.get("/<slug>/erased")
def erased(slug: str):
    """Return the confirmation that the answers were deleted."""
    loaded = _load(slug)
    code = kept.last_erased(slug)
    if code is None:
        return redirect(FLOW.url("erase", slug))
    return render_template(
        "surveys/erased.html",
        survey=loaded.definition,
        slug=slug,
        code=code,
        page_title=words("erased_title"),
    )
