"""The pages every footer links to: the privacy notice, the accessibility statement and cookies.

/privacy        the service's privacy notice (each survey also has its own, /s/<slug>/privacy)
/accessibility  the accessibility statement
/cookies        the one cookie the app sets, what it is for and when it expires
"""

from __future__ import annotations

from flask import Blueprint, current_app, render_template

from engagement.officers.sign_in import SESSION_LIFETIME

bp = Blueprint("site", __name__)
# When the accessibility statement was last checked against the pages (GOV.UK's model statement
# asks for the date); change it whenever the statement is reviewed.
STATEMENT_PREPARED = "6 December 2026"


def _hours(lifetime) -> int:
    return int(lifetime.total_seconds() // 3600)


@bp.get("/privacy")
def privacy():
    """Return the service's privacy notice: what is kept about residents and staff, and for how
    long."""
    return render_template("site/privacy.html", page_title="Privacy notice")


@bp.get("/accessibility")
def accessibility():
    """Return the accessibility statement, after GOV.UK's model statement."""
    return render_template(
        "site/accessibility.html",
        prepared=STATEMENT_PREPARED,
        page_title="Accessibility statement",
    )


@bp.get("/cookies")
def cookies():
    """Return the cookies page: the session cookie's name, purpose and expiry."""
    lifetime = current_app.config.get("PERMANENT_SESSION_LIFETIME") or SESSION_LIFETIME
    return render_template(
        "site/cookies.html",
        cookie_name=current_app.config.get("SESSION_COOKIE_NAME") or "session",
        signed_in_hours=_hours(lifetime),
        page_title="Cookies",
    )
