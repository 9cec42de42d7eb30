"""Answers in progress, kept in the signed session cookie until they are sent.

Nothing a person answers reaches the database before they press "Send": until then their
answers live only in their own browser's cookie, signed so they cannot be altered (they are
checked again on sending all the same), with the submission token the server issued for the
visit, under which the answers are stored once. Each flow ("web" for residents, "paper" for
staff typing in a form) has its own slot, one survey at a time.
"""

from __future__ import annotations

import re
import secrets

from flask import current_app, session

SLOTS_KEY = "fp_survey"
RECEIPT_KEY = "fp_receipt"
ERASED_KEY = "fp_erased"
# Browsers keep cookies of up to 4,096 bytes; the rest of the session (sign-in, form token)
# needs a little of that.
COOKIE_BUDGET = 3_800
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def _slot_name(flow: str, slug: str) -> str:
    return f"{flow}:{slug}"


def _slot(flow: str, slug: str) -> dict:
    slots = session.get(SLOTS_KEY)
    slot = slots.get(_slot_name(flow, slug)) if isinstance(slots, dict) else None
    return slot if isinstance(slot, dict) else {}


def visit_token(flow: str, slug: str) -> str | None:
    """Return the submission token the server issued for this visit to the survey, if any."""
    return visit_token_of(_slot(flow, slug))


def _with_visit(slot: dict) -> dict:
    # The token is issued here, by the server, when a visit first keeps anything, and lives in
    # the signed cookie with the answers: a cookie replayed from before sending carries the
    # token already used, so the response it would store is the one already stored. Only a
    # new visit (a fresh cookie, answering every page again) gets a new token.
    return slot if visit_token_of(slot) else {**slot, "v": new_submission_token()}


def visit_token_of(slot: dict) -> str | None:
    """Return the visit token kept in a slot, or None."""
    token = slot.get("v")
    return token if isinstance(token, str) and _TOKEN.match(token) else None


def answers_so_far(flow: str, slug: str) -> dict[str, object]:
    """Return the answers kept for this survey in this flow (an empty dict if none)."""
    answers = _slot(flow, slug).get("a")
    return dict(answers) if isinstance(answers, dict) else {}


def invite_code(slug: str) -> str | None:
    """Return the invite code a resident entered for this survey, if any."""
    code = _slot("web", slug).get("i")
    return code if isinstance(code, str) else None


def _write(flow: str, slug: str, slot: dict) -> None:
    # Only the survey being answered is kept: an abandoned one should not fill the cookie.
    others = {
        k: v for k, v in (session.get(SLOTS_KEY) or {}).items() if not k.startswith(f"{flow}:")
    }
    session[SLOTS_KEY] = {**others, _slot_name(flow, slug): slot}


def keep_answers(flow: str, slug: str, answers: dict[str, object]) -> bool:
    """Keep answers for this survey; return False (keeping the old ones)
    if they would not fit in a cookie."""
    before = session.get(SLOTS_KEY)
    _write(flow, slug, _with_visit({**_slot(flow, slug), "a": answers}))
    if session_size() > COOKIE_BUDGET:
        session[SLOTS_KEY] = before if before is not None else {}
        return False
    return True


def keep_invite(slug: str, code: str) -> None:
    """Remember the (checked) invite code a resident entered, for when they send their answers."""
    _write("web", slug, _with_visit({**_slot("web", slug), "i": code}))


def forget_answers(flow: str, slug: str) -> None:
    """Drop the answers (and invite code) kept for this survey in this flow."""
    slots = session.get(SLOTS_KEY)
    if isinstance(slots, dict) and _slot_name(flow, slug) in slots:
        session[SLOTS_KEY] = {k: v for k, v in slots.items() if k != _slot_name(flow, slug)}


def session_size() -> int:
    """Return the length in bytes the session cookie's value would have now."""
    serializer = current_app.session_interface.get_signing_serializer(current_app)
    return len(serializer.dumps(dict(session))) if serializer is not None else 0


def new_submission_token() -> str:
    """Return a fresh token for a check-answers form, so the form sent twice is stored once."""
    return secrets.token_urlsafe(24)


def submission_token(flow: str, slug: str, posted: object) -> str:
    """Return the token to store this visit's answers under: the one the server issued for the
    visit (a posted one is not trusted over it); for answers kept before visits had tokens, the
    posted token if well formed, else a fresh one."""
    issued = visit_token(flow, slug)
    if issued:
        return issued
    return posted if isinstance(posted, str) and _TOKEN.match(posted) else new_submission_token()


def remember_receipt(flow: str, slug: str, code: str, token: str) -> None:
    """Remember the receipt just given, for the confirmation page and a form sent twice."""
    session[RECEIPT_KEY] = {"flow": flow, "slug": slug, "code": code, "token": token}


def last_receipt(flow: str, slug: str) -> dict | None:
    """Return {"code", "token"} of the last receipt given in this browser for this
    survey and flow."""
    receipt = session.get(RECEIPT_KEY)
    if isinstance(receipt, dict) and receipt.get("flow") == flow and receipt.get("slug") == slug:
        return receipt
    return None


def remember_erased(slug: str, code: str) -> None:
    """Remember which receipt code was just erased, for the confirmation page."""
    session[ERASED_KEY] = {"slug": slug, "code": code}


def last_erased(slug: str) -> str | None:
    """Return the receipt code erased last in this browser for this survey, if any."""
    erased = session.get(ERASED_KEY)
    return erased.get("code") if isinstance(erased, dict) and erased.get("slug") == slug else None
