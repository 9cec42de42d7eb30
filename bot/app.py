"""The composition root: create_app() builds the Flask app, the Bolt app and mounts both."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping

from flask import Flask, Response, jsonify, request
from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.adapter.flask import SlackRequestHandler
from slack_bolt.authorization import AuthorizeResult
from slack_sdk.signature import SignatureVerifier
from werkzeug.middleware.proxy_fix import ProxyFix

from bot import request_guard, retries
from bot.blocks import area as blocks
from bot.config import Settings
from bot.handlers import (
    actions,
    area,
    digests,
    fairer,
    home,
    ideas,
    provide_context,
    share,
    surveys,
    workspace,
)
from bot.jobs.pb_results import publish_and_announce
from bot.slack_client import build_web_client
from storage.db import database_answers, engine_for
from surveys.officers.auth import ALLOWED_TEAMS_KEY
from surveys.officers.pb import PB_PUBLISHER_KEY
from surveys.settings import store_settings
from surveys.web import register_web

log = logging.getLogger(__name__)
BOLT_KEY = "fairer_bolt"
# Stands in for a token when none is configured. Code that posts on its own (digests) checks
# Settings.posting_enabled and logs the message instead of sending it.
PLACEHOLDER_TOKEN = "xoxb-not-configured"
HANDLERS = (area, surveys, fairer, actions, home, digests, share, ideas)
ERROR_HEADER = (
    "X-Fairer-Error"  # marks an apology sent in place of an answer (read by `fairer slash`)
)


def create_app(test_config: Mapping[str, object] | None = None) -> Flask:
    """Return the Flask app serving POST /slack/events, GET /healthz and the survey pages.

    test_config overrides environment variables by name (DATABASE_URL, SLACK_API_URL, …) and
    may carry Flask settings such as TESTING.
    """
    settings = Settings.from_env(test_config)
    app = Flask(__name__, static_folder=None)  # assets are served by the survey module
    if test_config:
        app.config.from_mapping(test_config)
    app.config.from_mapping(settings.flask_config())  # normalised values win over the raw overrides

    bolt_app = build_bolt_app(settings)
    store_settings(app, settings)
    app.extensions[BOLT_KEY] = bolt_app
    # Officers publish a budgeting round's results from its page; the post goes through Slack.
    app.extensions[PB_PUBLISHER_KEY] = lambda slug, channel, officer: publish_and_announce(
        slug, channel=channel, published_by=officer, settings=settings
    )
    # The web sign-in checks the same workspaces as Slack's members-only check, when a link is used.
    app.extensions[ALLOWED_TEAMS_KEY] = lambda: workspace.TEAMS.allowed(
        settings, bolt_app.client if settings.posting_enabled else None
    )
    slack_handler = SlackRequestHandler(bolt_app)
    verifier = SignatureVerifier(settings.signing_secret)

    @app.post("/slack/events")
    def slack_events():
        """Hand every signed, well-formed request from Slack (commands, interactivity, events)
        to Bolt; refuse anything else with a short 4xx before Bolt parses it."""
        refusal = request_guard.too_large(request.content_length) or request_guard.check_request(
            request.get_data(cache=True), request.headers, verifier
        )
        if refusal is not None:
            log.warning(
                "Refused a request to /slack/events (%d): %s", refusal.status, refusal.reason
            )
            return Response(refusal.body, status=refusal.status, mimetype=refusal.mimetype)
        # Bolt verifies the signature again over the same cached bytes: defence in depth.
        return slack_handler.handle(request)

    engine = engine_for(settings.database_url)

    @app.get("/healthz")
    def healthz():
        """Return 200 {"status": "ok"} when the database answers SELECT 1, else 503."""
        if not database_answers(engine):
            return jsonify(status="unavailable", database="not answering"), 503
        return jsonify(status="ok")

    register_web(app)
    if settings.proxy_hops:
        # Behind a proxy every request comes from the proxy's address: without this, residents
        # would share one rate-limit bucket and links would say http.
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=settings.proxy_hops, x_proto=settings.proxy_hops
        )
    csrf = app.extensions.get("csrf")
    if csrf is not None:  # Slack signs its requests; it cannot send a CSRF token
        csrf.exempt(slack_events)
    return app


def build_bolt_app(settings: Settings) -> App:
    """Return the Bolt app with every feature's listeners registered, never calling auth.test."""
    client = build_web_client(
        settings
    )  # Bolt gives each request a copy carrying the authorized token
    bolt_app = App(
        signing_secret=settings.signing_secret,
        authorize=single_team_authorize(settings),
        client=client,
        # Every command answers inside the ack; this skips the threaded runner's 10 ms ack polling.
        process_before_response=True,
        name="fairer-places",
    )
    engine = engine_for(settings.database_url)
    bolt_app.use(provide_context(settings, engine))  # how listeners reach settings and sessions
    retries.install(bolt_app, engine)

    @bolt_app.error
    def listener_failed(error: Exception, request: BoltRequest, logger: logging.Logger):
        logger.error("A Slack listener failed", exc_info=error)
        retries.release_claim(engine, request, logger)
        if isinstance(request.body, dict) and request.body.get("command"):
            # Slack would only show the officer "dispatch_failed"; say something a person
            # understands.
            return BoltResponse(
                status=200,
                body=json.dumps(blocks.apology_message()),
                headers={
                    "content-type": "application/json;charset=utf-8",
                    ERROR_HEADER: "listener-failed",
                },
            )
        return None

    for handler in HANDLERS:
        handler.register(bolt_app)
    return bolt_app


def single_team_authorize(settings: Settings):
    """Return an authorize function answering from configuration alone.

    Bolt's own single-team authorization calls auth.test, on every request when Slack cannot be
    reached; one installation per deployment needs no such round trip.
    """
    token = settings.bot_token or PLACEHOLDER_TOKEN

    def authorize(
        enterprise_id: str | None, team_id: str | None, user_id: str | None
    ) -> AuthorizeResult:
        return AuthorizeResult(
            enterprise_id=enterprise_id, team_id=team_id, user_id=user_id, bot_token=token
        )

    return authorize
