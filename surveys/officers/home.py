"""The officer pages' front door: the sign-in link from Slack, the officer home page and sign-out.

Who may see what is decided in surveys/officers/auth.py; the links themselves are issued and
checked by engagement/officers/sign_in.py.
"""

from __future__ import annotations

import logging

from flask import (
    Blueprint,
    Flask,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from engagement.officers.names import known_names, person
from engagement.officers.sign_in import (
    SignInRefused,
    consume_sign_in_link,
    end_sign_in,
    recent_sign_ins,
)
from surveys import database_unavailable
from surveys.council_time import local_moment
from surveys.database import web_session
from surveys.officers.auth import (
    NEXT_KEY,
    admin_required,
    allowed_teams,
    current_officer,
    end_officer_session,
    officer_home_link,
    officer_required,
    safe_next_path,
    session_cookie_config,
    start_officer_session,
    team_refusal,
)

log = logging.getLogger(__name__)
bp = Blueprint("officers", __name__, url_prefix="/officers")
# Endpoints anyone may open: the way in and the way out (signing out with an expired session must
# still work). Every other /officers route must refuse anonymous visitors, and
# tests/surveys/officers/test_officer_access.py checks each one.
PUBLIC_ENDPOINTS = frozenset(
    {"officers.sign_in", "officers.use_sign_in_link", "officers.sign_out", "officers.signed_out"}
)
# A used or expired link is gone for good (410); a malformed or altered one is a bad request.
REFUSED_STATUS = {"used": 410, "expired": 410, "altered": 400, "unknown": 400}


def register(app: Flask) -> None:
    """Mount the officer sign-in pages on app and set the session cookie's flags; returns None."""
    app.config.update(
        session_cookie_config(demo=bool(app.config.get("FAIRER_DEMO")), testing=app.testing)
    )
    app.register_blueprint(bp)
    # Every page, not only officers', answers an empty or unreachable database with a 503.
    database_unavailable.register(app)


@bp.get("")
@officer_required
def home():
    """Return the officer home page: who is signed in and the officer pages they can open."""
    officer = current_officer()
    with web_session() as db:
        names = known_names(db, [officer.slack_user_id])
    return render_template(
        "officers/home.html",
        page_title="Officer pages",
        officer=officer,
        officer_name=names.get(officer.slack_user_id),
        links=home_links(officer.is_admin),
    )


def home_links(is_admin: bool) -> list[dict[str, str]]:
    """Return [{"title", "description", "href"}] for every page marked with officer_home_link
    that this officer may open, sorted by title."""
    links = []
    for rule in current_app.url_map.iter_rules():
        view = current_app.view_functions.get(rule.endpoint)
        marked = getattr(view, "officer_home_link", None)
        if marked is None or rule.arguments or "GET" not in (rule.methods or ()):
            continue
        if getattr(view, "officer_access", None) == "admin" and not is_admin:
            continue
        title, description = marked
        links.append({"title": title, "description": description, "href": url_for(rule.endpoint)})
    return sorted(links, key=lambda link: link["title"].lower())


@bp.get("/sign-in")
def sign_in():
    """Return the "Sign in from Slack" page; remember ?next= (an officer page) for after sign-in."""
    next_path = safe_next_path(request.args.get("next"))
    if current_officer() is not None:
        return redirect(next_path or url_for("officers.home"))
    if next_path:
        session[NEXT_KEY] = next_path
    return render_template("officers/sign_in.html", page_title="Sign in from Slack")


@bp.get("/sign-in/<token>")
def use_sign_in_link(token: str):
    """Sign the browser in with a one-time link and redirect to the officer pages, or return the
    "link has expired or has already been used" page (410, or 400 for a link that was altered),
    or "You cannot sign in with this link" (403 for a workspace not allowed now; 503 when Slack
    cannot say which workspace is ours, leaving the link unused)."""
    if request.method == "HEAD":
        # Link checkers and previewers send HEAD; only a person's GET may use up the link.
        return "", 200, {"Cache-Control": "no-store"}
    # Checked at use, not only when `/fairer login` issued the link: the workspaces allowed may
    # have changed since. Learnt before the transaction, as it may ask Slack.
    allowed = allowed_teams()
    try:
        with web_session() as db:
            signed_in = consume_sign_in_link(db, secret_key=current_app.secret_key, token=token)
            # Raising undoes the use: nothing is recorded as a sign-in.
            refused_team = team_refusal(signed_in.slack_team_id, allowed)
            if refused_team:
                raise _WrongWorkspace(refused_team)
    except _WrongWorkspace as wrong:
        log.warning(
            "Refused a sign-in link of user %s of team %s: %s",
            signed_in.slack_user_id,
            signed_in.slack_team_id or "?",
            wrong.reason,
        )
        page = render_template(
            "officers/not_your_workspace.html",
            unchecked=wrong.reason == "unchecked",
            page_title="You cannot sign in with this link",
        )
        return page, 503 if wrong.reason == "unchecked" else 403, _private_headers()
    except SignInRefused as refused:
        log.info("Sign-in link refused: %s", refused.reason)
        page = render_template(
            "officers/link_invalid.html",
            page_title="This sign-in link has expired or has already been used",
        )
        return page, REFUSED_STATUS[refused.reason], _private_headers()
    next_path = start_officer_session(
        signed_in.slack_user_id, signed_in.slack_team_id, signed_in.sign_in_id
    )
    log.info("Officer %s signed in", signed_in.slack_user_id)
    return redirect(next_path or url_for("officers.home")), 302, _private_headers()


class _WrongWorkspace(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _private_headers() -> dict[str, str]:
    # The address holds the token: keep it out of caches and out of the next site's Referer.
    return {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


@bp.post("/sign-out")
def sign_out():
    """End the officer's session, in the browser and on the server;
    return a redirect to the signed-out page."""
    officer = end_officer_session()
    if officer is not None:
        with web_session() as db:
            end_sign_in(db, officer.sign_in_id)
        log.info("Officer %s signed out", officer.slack_user_id)
    return redirect(url_for("officers.signed_out"))


@bp.get("/signed-out")
def signed_out():
    """Return the "You have signed out" page."""
    return render_template("officers/signed_out.html", page_title="You have signed out")


@bp.get("/sign-ins")
@admin_required
@officer_home_link("Recent sign-ins", "Who has signed in to the officer pages, and when.")
def sign_ins():
    """Return the admins' page listing the latest sign-ins to the officer pages."""
    with web_session() as db:
        records = recent_sign_ins(db, limit=100)
        names = known_names(db, [record.slack_user_id for record in records])
    rows = [
        [
            {"text": person(names, record.slack_user_id)},
            {"text": local_moment(record.signed_in_at)},
            {
                "text": local_moment(record.signed_out_at)
                if record.signed_out_at
                else "Not signed out"
            },
        ]
        for record in records
    ]
    return render_template("officers/sign_ins.html", page_title="Recent sign-ins", rows=rows)
