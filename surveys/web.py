"""The web side of the app: GOV.UK-style templates, static assets, error pages and blueprints.

create_app() (bot/app.py) calls register_web(app) once; everything a page needs is set up here.
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import Blueprint, Flask, render_template, request
from flask_wtf.csrf import CSRFError, CSRFProtect
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader, select_autoescape
from werkzeug.exceptions import InternalServerError, NotFound, RequestEntityTooLarge

from engagement import figures
from surveys import security_headers
from surveys.areas import pages as area_pages
from surveys.officers import (
    actions,
    builder,
    builder_questions,
    comments,
    home,
    indicators,
    paper,
    results,
)
from surveys.officers import assessment_totals as officer_assessment_totals
from surveys.officers import assessments as officer_assessments
from surveys.officers import assets as officer_assets
from surveys.officers import ideas as officer_ideas
from surveys.officers import pb as officer_pb
from surveys.officers import you_said_we_did as officer_notes
from surveys.residents import (
    front_page,
    ideas,
    pb_pages,
    published_results,
    site_pages,
    survey_pages,
    you_said_we_did,
)
from surveys.residents.survey_guard import allow_large_form

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
SERVICE_NAME = "Fairer Places"
# Each page module's blueprint, by audience; officers' sign-in (home) registers itself.
# builder_questions adds its pages to builder's blueprint, which is registered once.
RESIDENT_PAGES = (
    front_page,
    survey_pages,
    published_results,
    you_said_we_did,
    site_pages,
    ideas,
    pb_pages,
)
OFFICER_PAGES = (
    results,
    builder,
    builder_questions,
    paper,
    comments,
    officer_notes,
    actions,
    indicators,
    officer_assets,
    officer_ideas,
    officer_pb,
    officer_assessments,
    officer_assessment_totals,
)
AREA_PAGES = (area_pages,)
# Jinja filters: the names templates use for engagement.figures, which words every figure.
FILTERS = {
    "thousands": figures.count,
    "rank": figures.rank,
    "percent": figures.percent,  # a fraction, 0 to 1
    "percentage": figures.percentage,  # an exact percentage, 0 to 100
    "decimal": figures.decimal,
    "long_date": figures.long_date,
}
# Any request bigger than this gets the "too large" page; survey forms and the CSV upload of
# paper responses raise their own limits (surveys/residents/survey_guard.py,
# surveys/officers/paper.py).
MAX_REQUEST_BYTES = 1024 * 1024
# The forms that may be long (a survey's pages, a paper response typed in) have their larger
# limit raised before anything reads the form: the CSRF check reads it first of all.
LARGE_FORMS = frozenset({"surveys.step", "surveys.submit", "paper.step", "paper.submit"})

# Serves surveys/static at /assets: our own files under fairer/, GOV.UK Frontend's (copied there
# by `make install`) under govuk/.
assets = Blueprint("assets", __name__, static_folder=str(STATIC), static_url_path="/assets")


def register_web(app: Flask) -> None:
    """Mount the web pages on app: templates, filters, assets, error pages and blueprints."""
    _configure_jinja(app)
    security_headers.register(app)
    # First of all the request hooks, so that the CSRF check reads a long form under its limit.
    app.before_request_funcs.setdefault(None, []).insert(0, _allow_large_forms)
    if "csrf" not in app.extensions:
        # Every form POST needs a token; create_app exempts the Slack endpoint, which Slack signs.
        CSRFProtect(app)
    app.register_blueprint(assets)
    if app.config.get("MAX_CONTENT_LENGTH") is None:  # Flask's own default is None: no limit
        app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    # Flask's own limit on a form's fields (500 kB) would otherwise refuse what the request
    # limit allows: one limit for both.
    app.config["MAX_FORM_MEMORY_SIZE"] = app.config["MAX_CONTENT_LENGTH"]
    for bp in dict.fromkeys(page.bp for page in (*RESIDENT_PAGES, *OFFICER_PAGES, *AREA_PAGES)):
        app.register_blueprint(bp)
    home.register(app)
    app.register_error_handler(NotFound, page_not_found)
    app.register_error_handler(InternalServerError, server_error)
    app.register_error_handler(CSRFError, form_expired)
    app.register_error_handler(RequestEntityTooLarge, too_large)

    @app.context_processor
    def layout_context() -> dict[str, object]:
        return {
            "service_name": SERVICE_NAME,
            "council_name": app.config.get("FAIRER_COUNCIL_NAME")
            or os.environ.get("FAIRER_COUNCIL_NAME"),
        }


def _allow_large_forms() -> None:
    """Raise this request's size limits when it posts a form that may be long; returns None."""
    if request.method == "POST" and request.endpoint in LARGE_FORMS:
        allow_large_form()


def _configure_jinja(app: Flask) -> None:
    loaders = [app.jinja_loader] if app.jinja_loader is not None else []
    # The app's own templates (if any), then ours, then the GOV.UK Frontend macros under the
    # prefix their own imports use ({% from "govuk_frontend_jinja/components/…" import … %}).
    loaders += [
        FileSystemLoader(str(TEMPLATES)),
        PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
    ]
    app.jinja_loader = ChoiceLoader(loaders)
    # Escape everything by default, not only files Flask recognises by extension.
    app.jinja_env.autoescape = select_autoescape(default=True, default_for_string=True)
    app.jinja_env.filters.update(FILTERS)


def page_not_found(error: NotFound):
    """Return the GOV.UK-style "Page not found" page."""
    return render_template("errors/404.html"), 404


def form_expired(error: CSRFError):
    """Return a GOV.UK-style page for a form sent without a valid token (expired or forged)."""
    return render_template("errors/form_expired.html"), 400


def too_large(error: RequestEntityTooLarge):
    """Return the GOV.UK-style "What you sent is too large" page (413)."""
    return render_template("errors/413.html"), 413


def server_error(error: InternalServerError):
    """Return the GOV.UK-style "Sorry, there is a problem with the service" page.

    Flask has already logged the original exception by the time this runs.
    """
    return render_template("errors/500.html"), 500
