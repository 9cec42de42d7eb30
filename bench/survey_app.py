"""The app the survey benchmark serves: the real create_app(), plus a bare POST view to compare
with.

gunicorn "bench.survey_app:create_bench_app()" — used only by bench/surveys.py, never deployed.
"""

from __future__ import annotations

from flask import Flask


def create_bench_app() -> Flask:
    """Return create_app() with POST /bench/bare: a view that reads a small form and answers "ok",
    with no CSRF check, no session and no database (the floor a submission is measured against)."""
    from flask import request

    from bot.app import create_app

    app = create_app()

    def bare():
        return "ok" if request.form.get("x") is not None else "no"

    app.add_url_rule("/bench/bare", "bench_bare", bare, methods=["POST"])
    app.extensions["csrf"].exempt(bare)
    return app
