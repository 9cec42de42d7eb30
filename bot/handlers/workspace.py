"""Who may use the app: members of the configured workspace(s), and guests only when allowed.

One check runs before every listener (members_only, called by provide_context's middleware).
Requests on the allow-list below, which show only published statistics or help, pass without
it; anything else from a person outside FAIRER_SLACK_TEAM_IDS (by default the bot token's own
workspace, from auth.test), a Slack Connect user from another organisation, or a guest (unless
FAIRER_ALLOW_GUESTS) is refused with a private message and logged.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from slack_bolt import BoltResponse
from slack_sdk import WebClient

from bot.blocks import actions as action_blocks
from bot.blocks import area as area_blocks
from bot.blocks import fairer as fairer_blocks
from bot.blocks import home as home_blocks
from bot.blocks import home_area
from bot.blocks import surveys as survey_blocks
from bot.blocks.help import HELP_WORDS
from bot.config import Settings
from bot.slack_client import SLACK_FAILURES, classify
from bot.slack_users import NAMES

log = logging.getLogger(__name__)

# What anyone the app can hear from may do: published figures for areas, and help.
OPEN_COMMANDS = {"/area"}
OPEN_SUBCOMMANDS = HELP_WORDS  # `/survey help` …; every /fairer word but login (see is_open)
LOGIN_WORDS = {"login", "log-in", "signin", "sign-in"}  # the one officer-only /fairer word
# Buttons showing an area's figures, and link buttons whose click only needs acknowledging.
OPEN_ACTIONS = re.compile(
    "^(?:"
    + "|".join(
        [
            re.escape(area_blocks.CHOOSE_ACTION_PREFIX) + r"\d+",
            re.escape(home_area.PICK_ACTION_PREFIX) + r"\d+",
            *map(
                re.escape,
                [
                    area_blocks.MORE_FIGURES_ACTION_ID,
                    area_blocks.OPEN_WEB_ACTION_ID,
                    home_blocks.FIND_AREA_ACTION_ID,
                    fairer_blocks.SIGN_IN_ACTION_ID,
                    action_blocks.OPEN_WEB_ACTION_ID,
                    survey_blocks.RESULTS_ACTION_ID,
                ],
            ),
        ]
    )
    + ")$"
)
OPEN_VIEWS = {home_area.CALLBACK_ID}
GATED_EVENTS = {"app_home_opened"}  # other events (a mention) only ever get help

TEAM_RETRY_SECONDS = 30  # after auth.test fails, members are refused this long before asking again
REFUSAL = (
    "Fairer Places is only for officers in this council's Slack workspace, so it cannot do that "
    "for you. If you think you should have access, ask your Slack administrator."
)
UNCHECKED = "Fairer Places cannot check your workspace with Slack just now. Try again in a minute."


@dataclass(frozen=True)
class Requester:
    """Who sent a request: their user ID and every workspace ID the payload names for them."""

    user_id: str
    team_ids: frozenset[str]


def requester(body: dict) -> Requester:
    """Return the person and workspace(s) a Slack request body names (empty when it names none)."""
    teams: set[str] = set()
    user_id = ""
    if isinstance(body.get("command"), str):  # a slash command's form
        user_id = body.get("user_id") or ""
        teams.add(body.get("team_id") or "")
    elif isinstance(body.get("event"), dict):
        event = body["event"]
        user = event.get("user")
        user_id = user if isinstance(user, str) else ""
        teams.update({event.get("user_team") or "", body.get("team_id") or ""})
    else:  # an interaction: block_actions, view_submission …
        user = body.get("user") if isinstance(body.get("user"), dict) else {}
        team = body.get("team") if isinstance(body.get("team"), dict) else {}
        user_id = user.get("id") or ""
        teams.update({user.get("team_id") or "", team.get("id") or ""})
    return Requester(str(user_id), frozenset(str(t).upper() for t in teams if t))


def is_open(body: dict) -> bool:
    """Return True when the request is on the allow-list anyone may use (figures and help)."""
    command = body.get("command")
    if isinstance(command, str):
        first = (str(body.get("text") or "").split() or [""])[0].lower()
        if command in OPEN_COMMANDS or first in OPEN_SUBCOMMANDS:
            return True
        return command == "/fairer" and first not in LOGIN_WORDS
    event = body.get("event")
    if isinstance(event, dict):
        return event.get("type") not in GATED_EVENTS
    kind = body.get("type")
    if kind == "block_actions":
        actions = body.get("actions")
        actions = actions if isinstance(actions, list) else []
        ids = [a.get("action_id") for a in actions if isinstance(a, dict)]
        return bool(ids) and all(isinstance(i, str) and OPEN_ACTIONS.match(i) for i in ids)
    if kind in ("view_submission", "view_closed"):
        view = body.get("view") if isinstance(body.get("view"), dict) else {}
        return view.get("callback_id") in OPEN_VIEWS
    return False


class WorkspaceTeams:
    """The workspace IDs whose members may use the app: configured, or the bot token's own team
    from auth.test (asked once and kept; after a failure, asked again TEAM_RETRY_SECONDS later)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._lock = threading.Lock()
        self._known: dict[tuple[str, str], str] = {}
        self._failed: dict[tuple[str, str], float] = {}

    def allowed(self, settings: Settings, client: WebClient | None) -> frozenset[str] | None:
        """Return the allowed team IDs, or None when they cannot be learnt now (auth.test failed);
        an empty set means any team (a demo with no bot token and no configured teams)."""
        if settings.slack_team_ids:
            return frozenset(settings.slack_team_ids)
        if not settings.bot_token or client is None:
            return frozenset()
        key = (settings.slack_api_url, settings.bot_token)
        with self._lock:
            if key in self._known:
                return frozenset({self._known[key]})
            if self._clock() < self._failed.get(key, float("-inf")):
                return None
            try:
                team = str(client.auth_test(token=settings.bot_token).get("team_id") or "")
            except SLACK_FAILURES as err:
                log.warning("auth.test failed; members cannot be checked: %s", classify(err).detail)
                team = ""
            if not team:
                self._failed[key] = self._clock() + TEAM_RETRY_SECONDS
                return None
            self._known[key] = team.upper()
            return frozenset({self._known[key]})

    def forget(self) -> None:
        """Forget what auth.test said (tests); returns nothing."""
        with self._lock:
            self._known.clear()
            self._failed.clear()


TEAMS = WorkspaceTeams()  # the process's one cache


def refusal_reason(settings: Settings, client: WebClient | None, body: dict) -> str | None:
    """Return why the request's sender may not use the app ("other-team", "guest",
    "deactivated", "unknown", "unchecked"), or None when they may."""
    if not settings.posting_enabled:  # no token: the client could only reach Slack unauthorised
        client = None
    who = requester(body)
    allowed = TEAMS.allowed(settings, client)
    if allowed is None:
        return "unchecked"
    if not who.user_id:
        return "unknown"
    if allowed and (not who.team_ids or not who.team_ids <= allowed):
        return "other-team"
    person = NAMES.person(client, who.user_id)
    if person is None:  # users.info cannot say: the signed payload's team is all there is
        return None
    if person.deleted:
        return "deactivated"
    if allowed and person.team_id and person.team_id.upper() not in allowed:
        return "other-team"
    if person.guest and not settings.allow_guests:
        return "guest"
    return None


def members_only(
    settings: Settings, body: dict, client: WebClient | None, respond: Callable | None
) -> BoltResponse | None:
    """Return the private refusal to send instead of running the listener, or None when the
    request may go on (it is on the allow-list, or its sender is a member)."""
    if not isinstance(body, dict) or is_open(body):
        return None
    reason = refusal_reason(settings, client, body)
    if reason is None:
        return None
    who = requester(body)
    log.warning(
        "Refused a Slack request (%s) from user %s of team(s) %s: %s",
        _kind(body),
        who.user_id or "?",
        ",".join(sorted(who.team_ids)) or "?",
        reason,
    )
    text = UNCHECKED if reason == "unchecked" else REFUSAL
    message = {
        "response_type": "ephemeral",
        "text": text,
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text}}],
    }
    if isinstance(body.get("command"), str):
        return _json(message)
    if body.get("type") == "view_submission":
        view = {
            "type": "modal",
            "title": {"type": "plain_text", "text": "Fairer Places"},
            "close": {"type": "plain_text", "text": "Close"},
            "blocks": message["blocks"],
        }
        return _json({"response_action": "update", "view": view})
    if body.get("type") == "block_actions" and respond is not None and body.get("response_url"):
        try:
            respond(
                text=text,
                blocks=message["blocks"],
                response_type="ephemeral",
                replace_original=False,
            )
        except (*SLACK_FAILURES, ValueError) as err:
            log.info("Could not tell a refused person why: %s", err)
    return BoltResponse(status=200, body="")


def _kind(body: dict) -> str:
    if isinstance(body.get("command"), str):
        return f"command {body['command']}"
    if isinstance(body.get("event"), dict):
        return f"event {body['event'].get('type')}"
    return str(body.get("type") or "request")


def _json(message: dict) -> BoltResponse:
    return BoltResponse(
        status=200,
        body=json.dumps(message),
        headers={"content-type": "application/json;charset=utf-8"},
    )


def home_team(settings: Settings) -> str:
    """Return the workspace ID a locally made request (`fairer slash`) should carry: the first of
    FAIRER_SLACK_TEAM_IDS, else the bot token's team from auth.test, else "" (no token, or Slack
    cannot say)."""
    client = (
        WebClient(token=settings.bot_token, base_url=settings.slack_api_url, timeout=10)
        if settings.posting_enabled
        else None
    )
    if settings.slack_team_ids:
        return settings.slack_team_ids[0]
    allowed = TEAMS.allowed(settings, client)
    return next(iter(allowed), "") if allowed else ""
