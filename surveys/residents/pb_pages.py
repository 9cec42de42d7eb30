"""Participatory budgeting pages for residents: the ballot, the receipt and the results.

/pb/<slug>          the ballot (POST: "Check total" shows it again with the running total;
                    "Send my vote" stores it once and redirects to the receipt)
/pb/<slug>/invite   check an invite code (rounds open by invitation)
/pb/<slug>/done     the receipt code
/pb/<slug>/results  the results, once published

Everything works without JavaScript: the running total is worked out by the server each time
"Check total" is pressed. Abuse control is the surveys' (surveys/residents/survey_guard.py), and
a visit's submission token is kept as the surveys keep it (survey_session.py), in the "pb" slot.
"""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for

from engagement import figures
from engagement.pb.ballots import (
    BallotRefused,
    check_choices,
    invite_is_unused,
    store_web_ballot,
)
from engagement.pb.places import neighbourhood_choices
from engagement.pb.results import round_results
from engagement.pb.rounds import LoadedRound, find_round, round_state
from engagement.surveys.invites import check_typed_invite
from engagement.surveys.store import new_receipt_code
from surveys.database import reading_session, web_session
from surveys.residents import survey_session as kept
from surveys.residents.survey_fields import listed_areas
from surveys.residents.survey_guard import HONEYPOT_FIELD, caught_by_honeypot, seconds_to_wait

bp = Blueprint("pb", __name__, url_prefix="/pb")
FLOW = "pb"
INVITE_ERRORS = {
    "invite_missing": "Enter your invite code",
    "invite_format": "Enter the invite code as it is printed, like INV-ABCDE-FGHJK",
    "invite_wrong": "This invite code is not right, or has already been used",
}
SOMEWHERE_ELSE = "somewhere_else"
MAX_RADIO_AREAS = 12  # more neighbourhoods than this are a select, as the surveys' are


def _load(slug: str) -> tuple[LoadedRound, list]:
    with reading_session() as db:
        loaded = find_round(db, slug)
        if loaded is None:
            abort(404)
        areas = listed_areas(neighbourhood_choices(db, loaded)) or [
            a for a in neighbourhood_choices(db, loaded)
        ]
    return loaded, areas


def _not_open(loaded: LoadedRound):
    state = round_state(loaded.round)
    if state == "open":
        return None
    page = render_template(
        "pb/not_open.html",
        loaded=loaded,
        state=state,
        opens=figures.long_date(loaded.round.opens_on),
        closes=figures.long_date(loaded.round.closes_on),
        page_title=("Voting has closed" if state != "not_open_yet" else "Voting has not started")
        + f" – {loaded.round.title}",
    )
    return page, 410 if state in ("closed", "published") else 200


def _slow_down():
    wait = seconds_to_wait()
    if not wait:
        return None
    page = render_template("surveys/slow_down.html", wait=wait, page_title="Please wait")
    return page, 429, {"Retry-After": str(wait)}


def _kept() -> dict:
    return kept.answers_so_far(FLOW, request.view_args["slug"])


def _needs_invite(loaded: LoadedRound, slot: dict) -> bool:
    return loaded.round.voters == "invite" and not slot.get("i")


def _ballot_page(
    loaded: LoadedRound,
    areas: list,
    *,
    chosen: list[str],
    area: str = "",
    errors: dict[str, str] | None = None,
    checked: bool = False,
    invite_error: str | None = None,
    status: int = 200,
):
    choice = check_choices(loaded, chosen)
    pb_round = loaded.round
    errors = errors or {}
    return render_template(
        "pb/ballot.html",
        loaded=loaded,
        areas=areas,
        radios=len(areas) <= MAX_RADIO_AREAS,
        chosen={str(c) for c in chosen},
        area=area,
        errors=errors,
        checked=checked,
        total=figures.money(choice.total),
        left=figures.money(pb_round.budget - choice.total),
        over=pb_round.rule == "budget" and choice.total > pb_round.budget,
        count=len(choice.projects),
        budget=figures.money(pb_round.budget),
        closes=figures.long_date(pb_round.closes_on),
        needs_invite=_needs_invite(loaded, _kept()),
        invite_error=invite_error,
        money=figures.money,
        honeypot=HONEYPOT_FIELD,
        page_title=("Error: " if errors or invite_error else "") + pb_round.title,
    ), status


@bp.get("/<slug>")
def ballot(slug: str):
    """Return the ballot: the projects with their costs, and the voter's neighbourhood."""
    loaded, areas = _load(slug)
    refused = _not_open(loaded)
    if refused is not None:
        return refused
    slot = _kept()
    # The visit's submission token is issued now, so the ballot sent twice is stored once.
    kept.keep_answers(FLOW, slug, slot)
    return _ballot_page(loaded, areas, chosen=slot.get("c") or [], area=slot.get("n") or "")


@bp.post("/<slug>/invite")
def invite(slug: str):
    """Check an invite code and show the ballot, or the error."""
    loaded, areas = _load(slug)
    refused = _not_open(loaded) or _slow_down()
    if refused is not None:
        return refused

    def unused(code: str) -> bool:
        with reading_session() as db:
            return invite_is_unused(db, loaded.round.id, code)

    code, problem = check_typed_invite(request.form.get("invite_code", ""), unused)
    if problem:
        error = INVITE_ERRORS[problem]
        return _ballot_page(loaded, areas, chosen=[], invite_error=error, status=400)
    kept.keep_answers(FLOW, slug, {**_kept(), "i": code})
    return redirect(url_for("pb.ballot", slug=slug), 303)


def _area_error(loaded: LoadedRound, areas: list, area: str) -> str | None:
    if not area:
        return "Select your neighbourhood"
    if area == SOMEWHERE_ELSE:
        return f"Only people who live in {loaded.area_name} can vote in this round"
    if area not in {a.code for a in areas}:
        return "Select your neighbourhood from the list"
    return None


@bp.post("/<slug>")
def send(slug: str):
    """Check the ballot: show the running total ("Check total"), or store the vote once and
    redirect to the receipt ("Send my vote")."""
    loaded, areas = _load(slug)
    refused = _not_open(loaded) or _slow_down()
    if refused is not None:
        return refused
    slot = _kept()
    if caught_by_honeypot(request.form):
        # A robot filled in the hidden field: tell it all went well, store nothing.
        kept.forget_answers(FLOW, slug)
        kept.remember_receipt(FLOW, slug, new_receipt_code(), "")
        return redirect(url_for("pb.done", slug=slug), 303)
    chosen = [c for c in request.form.getlist("projects") if c][:200]
    area = str(request.form.get("neighbourhood", ""))[:40]
    kept.keep_answers(FLOW, slug, {**slot, "c": chosen, "n": area})
    choice = check_choices(loaded, chosen)
    if _needs_invite(loaded, slot):
        return _ballot_page(loaded, areas, chosen=chosen, area=area, status=400)
    if request.form.get("action") != "send":
        errors = {"projects": choice.error} if choice.error and chosen else {}
        return _ballot_page(loaded, areas, chosen=chosen, area=area, errors=errors, checked=True)
    errors = {}
    if choice.error:
        errors["projects"] = choice.error
    area_error = _area_error(loaded, areas, area)
    if area_error:
        errors["neighbourhood"] = area_error
    if errors:
        return _ballot_page(loaded, areas, chosen=chosen, area=area, errors=errors, status=400)
    token = kept.submission_token(FLOW, slug, None)
    try:
        with web_session() as db:
            receipt = store_web_ballot(
                db, loaded.round, choice, area_code=area, token=token, invite_code=slot.get("i", "")
            )
    except BallotRefused as refused_ballot:
        kept.keep_answers(FLOW, slug, {"c": chosen, "n": area})
        return _ballot_page(
            loaded, areas, chosen=chosen, area=area, invite_error=str(refused_ballot), status=409
        )
    kept.forget_answers(FLOW, slug)
    kept.remember_receipt(FLOW, slug, receipt, token)
    return redirect(url_for("pb.done", slug=slug), 303)


@bp.get("/<slug>/done")
def done(slug: str):
    """Return the confirmation with the receipt code."""
    loaded, _areas = _load(slug)
    receipt = kept.last_receipt(FLOW, slug)
    if receipt is None:
        return redirect(url_for("pb.ballot", slug=slug))
    return render_template(
        "pb/done.html",
        loaded=loaded,
        code=receipt["code"],
        closes=figures.long_date(loaded.round.closes_on),
        page_title=f"Vote sent – {loaded.round.title}",
    )


@bp.get("/<slug>/results")
def results(slug: str):
    """Return the results once published; until then, when they will be."""
    loaded, _areas = _load(slug)
    if loaded.round.status != "published":
        return render_template(
            "pb/results_pending.html",
            loaded=loaded,
            closes=figures.long_date(loaded.round.closes_on),
            page_title=f"Results – {loaded.round.title}",
        )
    with reading_session() as db:
        _loaded, shown = round_results(db, slug)
    return render_template(
        "pb/results.html",
        loaded=loaded,
        results=shown,
        page_title=f"Results – {loaded.round.title}",
    )
