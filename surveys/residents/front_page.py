"""The front page: the surveys residents can answer now, and the area search."""

from __future__ import annotations

from flask import Blueprint, render_template

from engagement.surveys.lookup import list_surveys
from engagement.surveys.store import find_survey
from surveys.database import web_session
from surveys.residents.survey_pages import govuk_date

bp = Blueprint("front", __name__)


@bp.get("/")
def home():
    """Return the start page: open surveys, newest first, and a box to find an area."""
    with web_session() as db:
        open_surveys = []
        for listing in list_surveys(db):
            if listing.state != "open":
                continue
            found = find_survey(db, listing.slug)
            closes = govuk_date(found[0].closes_at) if found else ""
            open_surveys.append({"slug": listing.slug, "title": listing.title, "closes": closes})
    return render_template("front.html", surveys=open_surveys)
