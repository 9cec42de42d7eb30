"""Every Slack reply the tests can produce, and every officer page, read as a person would: no
doubled punctuation (".:", "..", ",,", " ,") and no unpluralised counts ("1 actions", "2 action ",
"1 responses", "1 people"), on the sample borough with a survey, a plan and a digest."""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, datetime, timedelta

import pytest

from bot.config import Settings
from bot.jobs.reminders import send_action_reminders
from storage import session_scope
from storage.db import engine_for
from tests.action_fixtures import make_plan
from tests.bot.digest_helpers import last_weeks_digest
from tests.engagement.action_factories import create_action
from tests.engagement.survey_factories import create_example_survey, create_response
from tests.slack_helpers import SIGNING_SECRET, USER_ID, block_actions_payload

DOUBLED = re.compile(r"\.:|(?<!\.)\.\.(?![.\w/])|,,| ,")
UNPLURAL = re.compile(
    r"(?<![\d,.])1 (actions|responses|respondents|people|days|weeks|comments|surveys|statements)\b"
    r"|(?<![\d,.])(?:[02-9]|\d{2,}) (action|response|respondent|day|week|comment|survey)\b"
    r"(?![-'])(?! (?:responses?|respondents?|plans?|updates?|results?|page|pages)\b)"
    r"|\b\d+ of (?:your|their|the) (action|response|survey|comment)\b"
)
COMMANDS = [
    ("/area", ""),
    ("/area", "heathfield"),
    ("/area", "mill cross"),
    ("/area", "zzz castle"),
    ("/area", "help"),
    ("/survey", ""),
    ("/survey", "draft priorities"),
    ("/survey", "parking"),
    ("/survey", "help"),
    ("/actions", ""),
    ("/actions", "mine"),
    ("/actions", "overdue"),
    ("/actions", "all"),
    ("/actions", "borough"),
    ("/actions", "theme Food and fuel poverty"),
    ("/actions", "heathfield"),
    ("/actions", "help"),
    ("/digest", ""),
    ("/digest", "subscribe"),
    ("/digest", "subscribe theme Food and fuel poverty"),
    ("/digest", "list"),
    ("/digest", "frobnicate"),
    ("/digest", "unsubscribe theme Food and fuel poverty"),
    ("/fairer", ""),
    ("/fairer", "login"),
    ("/fairer", "nonsense"),
]


def texts(value) -> list[str]:
    """Return every "text" string in a Slack body, as a person reads it (entities decoded)."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("text", "alt_text") and isinstance(item, str):
                found.append(html.unescape(re.sub(r"<[^|>]+\|([^>]*)>", r"\1", item)))
            else:
                found += texts(item)
    elif isinstance(value, list):
        for item in value:
            found += texts(item)
    return found


def as_json(value):
    return json.loads(value) if isinstance(value, str) else value


def problems(where: str, text: str) -> list[str]:
    """Return each doubled punctuation or unpluralised count in text, with some context."""
    found = []
    for pattern in (DOUBLED, UNPLURAL):
        for match in pattern.finditer(text):
            start = max(match.start() - 30, 0)
            found.append(f"{where}: …{text[start : match.end() + 30]}…")
    return found


@pytest.fixture
def busy_borough(sample_url):
    """The sample borough with the plan, one more action overdue, and 12 survey responses."""
    make_plan(sample_url)
    engine = engine_for(sample_url)
    with session_scope(engine) as session:
        create_action(
            session,
            reference="ONE-01",
            owner_id="U0ONLY0001",
            due=datetime.now(UTC).date() - timedelta(days=2),
        )
        survey, definition = create_example_survey(session)
        for n in range(12):
            create_response(
                session,
                survey=survey,
                definition=definition,
                comments="The foodbank kept us going." if n % 2 else "Damp flats, no repairs.",
            )
        create_response(session, survey=survey, definition=definition, priority_1="disagree")
    engine.dispose()
    return sample_url


def test_no_slack_reply_has_doubled_punctuation_or_unpluralised_counts(
    slack, fake_slack, busy_borough
):
    found = []
    for command, text in COMMANDS:
        body = slack.command(command, text).get_json()
        found += problems(f"{command} {text}", "\n".join(texts(body)))
    for call in fake_slack.calls_to("chat.postMessage"):  # the digest's note in the channel
        found += problems("channel note", call.params.get("text", ""))

    slack.event(
        {"type": "app_home_opened", "user": USER_ID, "tab": "home", "event_ts": "1.2"},
        event_id="Ev0COPY001",
    )
    [home] = fake_slack.wait_for("views.publish")
    found += problems("home", "\n".join(texts(as_json(home.params["view"]))))

    fake_slack.reset()
    slack.interaction(block_actions_payload("home_find_area", value="find"))
    found += problems(
        "find an area", "\n".join(texts([c.params for c in fake_slack.calls_to("views.open")]))
    )
    assert found == []


def test_no_digest_or_reminder_has_doubled_punctuation_or_unpluralised_counts(
    fake_slack, busy_borough
):
    engine = engine_for(busy_borough)
    found = []
    for text in ("subscribe", "subscribe theme Food and fuel poverty", "subscribe heathfield"):
        message = last_weeks_digest(
            engine, text, channel_id="C0COPY0001", public_base_url="https://fairer.example.org"
        )
        read = "\n".join(texts(message))
        found += problems(f"digest {text}", read)
        if text == "subscribe":  # the statements, whose prompts end with a full stop, are read
            assert "debt advice and cheaper energy: *92% agree*" in read
    engine.dispose()

    settings = Settings.from_env(
        {
            "TESTING": True,
            "DATABASE_URL": busy_borough,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_BOT_TOKEN": "xoxb-test-token",
            "SLACK_API_URL": fake_slack.api_url,
        }
    )
    send_action_reminders(settings)
    reminders = fake_slack.calls_to("chat.postMessage")
    assert reminders  # the plan has overdue actions
    for call in reminders:
        found += problems("reminder", "\n".join(texts(as_json(call.params["blocks"]))))
        found += problems("reminder", call.params["text"])
    assert found == []


def _officer_paths(app) -> list[str]:
    paths = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or not rule.rule.startswith("/officers"):
            continue
        if "export" in rule.rule or "sign-in" in rule.rule or "sign-out" in rule.rule:
            continue
        path = rule.rule.replace("<slug>", "draft-priorities")
        if "<" not in path:
            paths.append(path)
    return sorted(set(paths))


def test_no_officer_page_has_doubled_punctuation_or_unpluralised_counts(
    slack_app, admin_client, busy_borough
):
    found, seen = [], 0
    for path in _officer_paths(slack_app):
        response = admin_client.get(path)
        if response.status_code != 200 or "html" not in response.content_type:
            continue
        seen += 1
        page = response.get_data(as_text=True)
        page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
        text = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))
        text = re.sub(r" (?=[.,:;])", "", text)  # a tag's edge is not a space a person reads
        found += problems(path, text)
    assert seen >= 5
    assert found == []
