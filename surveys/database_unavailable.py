"""A plain 503 page, not a 500 with a traceback in the log only, when the database is not ready.

A database with no tables yet (`fairer db upgrade` not run) or one that does not answer raises
SQLAlchemy's OperationalError or ProgrammingError from any page; visitors get "Sorry, the
service is unavailable" and the log gets one line naming the cause and the fix.
"""

from __future__ import annotations

import logging

from flask import Flask, render_template
from sqlalchemy.exc import OperationalError, ProgrammingError

from surveys.database import app_database_url

log = logging.getLogger(__name__)
MISSING_SCHEMA = ("no such table", "no such column", "does not exist", "undefinedtable")


def register(app: Flask) -> None:
    """Answer database errors on every page of app with the 503 page; returns None."""
    app.register_error_handler(OperationalError, database_unavailable)
    app.register_error_handler(ProgrammingError, database_unavailable)


def database_unavailable(error: Exception):
    """Return the GOV.UK-style "Sorry, the service is unavailable" page with status 503."""
    said = str(getattr(error, "orig", error)).lower()
    host = app_database_url().split("@")[-1]
    if any(words in said for words in MISSING_SCHEMA):
        log.error("The database %s has no tables yet: run `fairer db upgrade`. (%s)", host, said)
    else:
        log.error("The database %s did not answer: check DATABASE_URL. (%s)", host, said)
    response = render_template("errors/503.html")
    return response, 503, {"Retry-After": "60"}
