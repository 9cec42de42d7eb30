"""Who is signed in to the officer pages, and the decorators that keep everyone else out.

Officers sign in from Slack: `/fairer login` answers with a one-time link to
/officers/sign-in/<token> (engagement/officers/sign_in.py issues and checks it; the pages are in
surveys/officers/home.py). Admins are the Slack user ids in FAIRER_ADMIN_USER_IDS, read on every
request, so taking someone off the list takes effect at once.

Protecting a page::

    from surveys.officers.auth import (
        admin_required,
        current_officer,
        officer_home_link,
        officer_required,
    )

    @bp.get("/officers/actions")
    @officer_required                      # below the route decorator, so the route gets the check
    @officer_home_link("Actions", "Follow and update the actions planned in each area.")
    def actions_list():
        officer = current_officer()        # never None inside an officer_required view
        ...

    @bp.post("/officers/actions/import")
    @admin_required
    def import_actions(): ...

Anyone not signed in gets, for GET and HEAD, a 302 to the "Sign in from Slack" page
(/officers/sign-in?next=<the page>; once they sign in in the same browser they land on that
page, if it is an /officers path), and for any other
method that page itself with status 401. A signed-in officer who is not an admin gets a 403 page
from an admin_required view. The decorators mark the view (view.officer_access is "officer" or
"admin") so tests can find every protected route; tests/surveys/officers/test_officer_access.py
walks app.url_map and checks every /officers route refuses anonymous visitors.
officer_home_link(title, description) lists a page (GET, no URL arguments) on /officers.

In tests, sign a client in through the real one-time-link flow (tests/officer_fixtures.py)::

    from tests.officer_fixtures import sign_in

    def test_officers_see_actions(slack_app):        # slack_app, or any app from app_factory
        client = slack_app.test_client()
        sign_in(client)                               # an officer: OFFICER_USER_ID
        sign_in(client, admin=True)                   # an admin: ADMIN_USER_ID
        sign_in(client, "U0SOMEONE1")                 # any Slack user id

app_factory configures ADMIN_USER_ID as the only admin; pass FAIRER_ADMIN_USER_IDS=… to change
that. The fixtures `officer_client` and `admin_client` are signed-in clients of slack_app.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlsplit

from flask import (
    current_app,
    g,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from engagement.officers.sign_in import SESSION_LIFETIME, sign_in_is_live
from surveys.database import web_session

log = logging.getLogger(__name__)
# app.extensions[ALLOWED_TEAMS_KEY]: a function returning the Slack workspace IDs whose members
# may sign in (FAIRER_SLACK_TEAM_IDS, else the bot token's team), an empty set for any, or None
# when they cannot be learnt now. The composition root (bot/app.py) provides it.
ALLOWED_TEAMS_KEY = "fairer.allowed_slack_teams"
SESSION_KEY = "officer"
NEXT_KEY = "officer_next"  # where an anonymous visitor was going, kept until they sign in
_UNSET = object()
View = TypeVar("View", bound=Callable)


@dataclass(frozen=True)
class Officer:
    """A signed-in officer: their Slack user and team, and whether they are an admin."""

    slack_user_id: str
    slack_team_id: str
    is_admin: bool
    sign_in_id: int


def current_officer() -> Officer | None:
    """Return the Officer signed in on this request, or None for an anonymous visitor.

    A session that was signed out, or began more than 8 hours ago, counts as anonymous.
    """
    cached = g.get("_fairer_officer", _UNSET)
    if cached is not _UNSET:
        return cached
    officer = _officer_from_session()
    g._fairer_officer = officer
    return officer


def _officer_from_session() -> Officer | None:
    stored = session.get(SESSION_KEY)
    if not isinstance(stored, dict):
        return None
    user_id, team_id, sign_in_id = (
        stored.get("user_id"),
        stored.get("team_id"),
        stored.get("sign_in_id"),
    )
    if not (isinstance(user_id, str) and isinstance(team_id, str) and isinstance(sign_in_id, int)):
        return None
    # The cookie alone is not enough: signing out ends the session on the server too.
    with web_session() as db:
        if not sign_in_is_live(db, sign_in_id, slack_user_id=user_id):
            return None
    return Officer(
        slack_user_id=user_id,
        slack_team_id=team_id,
        sign_in_id=sign_in_id,
        is_admin=user_id in admin_user_ids(),
    )


def admin_user_ids() -> tuple[str, ...]:
    """Return the Slack user ids of the admins (FAIRER_ADMIN_USER_IDS)."""
    return tuple(current_app.config.get("FAIRER_ADMIN_USER_IDS") or ())


def allowed_teams() -> frozenset[str] | None:
    """Return the Slack workspace IDs whose members may sign in (empty: any), or None when they
    cannot be learnt now. It may ask Slack (once per process): call it outside a transaction."""
    find = current_app.extensions.get(ALLOWED_TEAMS_KEY)
    return find() if find is not None else frozenset()


def team_refusal(team_id: str, allowed: frozenset[str] | None) -> str | None:
    """Return why a member of the Slack workspace team_id may not sign in, given the allowed
    workspaces ("other-team", or "unchecked" when they could not be learnt), or None when they
    may."""
    if allowed is None:
        return "unchecked"
    if allowed and (team_id or "").upper() not in allowed:
        return "other-team"
    return None


def start_officer_session(slack_user_id: str, slack_team_id: str, sign_in_id: int) -> str | None:
    """Sign the browser in: start a fresh session for the officer; return the safe local path they
    were going to before signing in, if any."""
    next_path = safe_next_path(session.get(NEXT_KEY))
    # A fresh session: nothing set before sign-in (by anyone who planted a cookie) carries over.
    session.clear()
    session.permanent = True
    session[SESSION_KEY] = {
        "user_id": slack_user_id,
        "team_id": slack_team_id,
        "sign_in_id": sign_in_id,
    }
    g.pop("_fairer_officer", None)
    return next_path


def end_officer_session() -> Officer | None:
    """Forget the officer in this browser; return who was signed in (None if nobody was)."""
    officer = current_officer()
    session.clear()
    g._fairer_officer = None
    return officer


def safe_next_path(value: object) -> str | None:
    """Return value if it is an officer page's path on this site (such as /officers/actions?area=x),
    else None.

    Refuses anything a browser could read as another site (//host, /\\host, schemes, control
    characters, backslashes) and paths climbing out with "..".
    """
    if not isinstance(value, str) or not value.startswith("/officers") or len(value) > 2000:
        return None
    if (
        value.startswith("//")
        or "\\" in value
        or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value)
    ):
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or ".." in parts.path.split("/"):
        return None
    return value


def officer_required(view: View) -> View:
    """Return view wrapped so only signed-in officers (admins included) reach it."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if current_officer() is None:
            return refuse_anonymous()
        return _not_stored(view(*args, **kwargs))

    wrapped.officer_access = "officer"
    return wrapped  # type: ignore[return-value]


def admin_required(view: View) -> View:
    """Return view wrapped so only admins reach it: anonymous visitors are sent to sign in,
    other officers get a 403 page."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        officer = current_officer()
        if officer is None:
            return refuse_anonymous()
        if not officer.is_admin:
            return refuse_non_admin(officer)
        return _not_stored(view(*args, **kwargs))

    wrapped.officer_access = "admin"
    return wrapped  # type: ignore[return-value]


def _not_stored(result):
    # Officer pages must not be kept by shared caches, or shown again from the browser's history
    # after signing out on a shared computer.
    response = make_response(result)
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def officer_home_link(title: str, description: str = "") -> Callable[[View], View]:
    """Return a decorator listing the view on the officer home page under title,
    with description."""

    def mark(view: View) -> View:
        view.officer_home_link = (title, description)
        return view

    return mark


def refuse_anonymous():
    """Return the answer to an anonymous visitor: a 302 to the sign-in page for GET/HEAD, else
    the sign-in page with status 401."""
    if request.method in ("GET", "HEAD"):
        return redirect(
            url_for("officers.sign_in", next=safe_next_path(request.full_path.rstrip("?"))),
            code=302,
        )
    return render_template("officers/sign_in.html", page_title="Sign in from Slack"), 401


def refuse_non_admin(officer: Officer):
    """Return the 403 page shown to an officer who opens an admin-only page."""
    log.info("Officer %s refused an admin-only page: %s", officer.slack_user_id, request.path)
    return render_template("officers/forbidden.html", page_title="You cannot use this page"), 403


def session_cookie_config(*, demo: bool, testing: bool) -> dict[str, object]:
    """Return the Flask settings for the session cookie that carries an officer's sign-in."""
    return {
        "SESSION_COOKIE_HTTPONLY": True,
        # Lax, not Strict: following a link from Slack to an officer page is a cross-site
        # navigation, and must arrive signed in (and with the page asked for before signing in).
        "SESSION_COOKIE_SAMESITE": "Lax",
        # The demo and the tests are served over plain http on 127.0.0.1.
        "SESSION_COOKIE_SECURE": not (demo or testing),
        "PERMANENT_SESSION_LIFETIME": SESSION_LIFETIME,
    }
