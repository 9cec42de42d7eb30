"""Impact assessments in Slack, through the real POST /slack/events with signed requests (SQLite
and PostgreSQL): /actions shows each action's assessment, `/actions assessments [area]` adds
them up, text from people cannot ping a channel, and owners' reminders go through the fake Slack
Web API once each."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from bot.config import Settings
from bot.jobs.reminders import send_action_reminders
from engagement.actions.terms import today_in
from storage import session_scope
from storage.db import engine_for
from tests.action_fixtures import posted_json, section_texts
from tests.block_kit import block_kit_problems
from tests.engagement.action_factories import create_action, load_sample_into
from tests.engagement.assessments.assessed_plan import HOSTILE, assessed_plan
from tests.slack_fixtures import PUBLIC_BASE_URL
from tests.slack_helpers import SIGNING_SECRET, SlackClient

HOSTILE_AREA = ("E02900005", "Bullard <!channel> Fields")
ASSESSMENTS = f"{PUBLIC_BASE_URL}/officers/assessments"


@pytest.fixture
def url(db_url) -> str:
    """Sampleton with the assessed plan (review dates around today), and one more action whose
    area name would ping a channel."""
    load_sample_into(db_url)
    with session_scope(engine_for(db_url)) as session:
        assessed_plan(session, today_in("Europe/London"))
        create_action(
            session, reference="BF-01", title="Bullard Fields walks", areas=(HOSTILE_AREA,)
        )
    return db_url


@pytest.fixture
def slack(app_factory, url) -> SlackClient:
    return SlackClient(app_factory(url).test_client())


def ask(slack, text: str) -> dict:
    response = slack.command("/actions", text)
    assert response.status_code == 200
    message = response.get_json()
    assert block_kit_problems(message) == []
    assert "<!channel>" not in json.dumps(message)
    return message


def last_lines(message: dict) -> dict[str, str]:
    """Return {action reference: the last line of its section}."""
    return {
        text.split(" · ", 1)[0].strip("*"): text.splitlines()[-1] for text in section_texts(message)
    }


def test_the_actions_listing_shows_each_assessment_state(slack):
    heathfield = ask(slack, "heathfield")

    assert last_lines(heathfield) == {
        "HP-01": ":ballot_box_with_check: :shield: :alarm_clock: Impact assessment: "
        f"<{ASSESSMENTS}/HP-01|Signed off, 2 negative impacts, all mitigated, review overdue>",
        "HP-02": ":pencil2: :exclamation: :alarm_clock: Impact assessment: "
        f"<{ASSESSMENTS}/HP-02|Draft, 2 negative impacts, 1 without mitigation, review overdue>",
    }
    counts = heathfield["blocks"][1]["elements"]
    assert counts[0]["text"] == "*2 actions*: :large_green_circle: 2 on track"  # as before
    assert counts[1]["text"] == (
        "Impact assessments: :ballot_box_with_check: 1 signed off · :pencil2: 1 draft"
        " · :exclamation: 1 with unmitigated impacts · :alarm_clock: 2 review overdue"
    )

    castle = ask(slack, "castle green")
    assert last_lines(castle) == {
        "CA-01": ":ballot_box_with_check: :shield: Impact assessment: "
        f"<{ASSESSMENTS}/CA-01|Signed off, 1 negative impact, mitigated>",
        "CG-01": ":heavy_minus_sign: No impact assessment yet · "
        f"<{ASSESSMENTS}/new?action=CG-01|start one>",
    }
    # The title from the plan is shown, escaped: it cannot ping the channel or make a link.
    assert (
        "Pop-up &lt;!channel&gt; &amp; &lt;https://evil.example|advice&gt;"
        in section_texts(castle)[0]
    )
    assert HOSTILE not in json.dumps(castle)


def test_actions_assessments_adds_up_the_plan(slack):
    message = ask(slack, "assessments")

    assert message["blocks"][0]["text"]["text"] == "Impact assessments: the whole plan"
    summary, by_row, by_characteristic, unmitigated, areas = section_texts(message)
    assert summary.splitlines()[0] == (
        "*7 actions*: :ballot_box_with_check: 2 signed off · :pencil2: 2 draft"
        " · :heavy_minus_sign: 3 with no assessment · :alarm_clock: 2 review overdue"
    )
    assert "No assessment: BF-01, CG-01, MX-01" in summary
    assert by_row == "*Negative impacts by row*\n• Finance (value for money): *1* (HP-01)"
    assert by_characteristic.splitlines() == [
        "*By protected characteristic and socio-economic disadvantage*",
        "• Age: *2* (HP-01, HP-02) · :exclamation: 1 unmitigated",
        "• Disability: *1* (HP-02)",
        "• Socio-economic disadvantage: *1* (CA-01)",
        "None on the other 7.",
    ]
    assert unmitigated == ":exclamation: *Without mitigation*\n• HP-02: Age"
    assert areas.splitlines() == [
        "*Cumulative impact by area*",
        "• *Bullard &lt;!channel&gt; Fields*: 1 action, 0 signed off, 0 negative impacts",
        "• *Castle*: 2 actions, 1 signed off, 1 negative impact: Socio-economic disadvantage",
        "• *Castle Green*: 2 actions, 1 signed off, 1 negative impact: Socio-economic disadvantage",
        "• *Heathfield &amp; Priory Park*: 2 actions, 1 signed off, 4 negative impacts "
        "(1 without mitigation): Finance (value for money), Age ×2, Disability",
        "• *Mill Cross*: 1 action, 0 signed off, 0 negative impacts",
    ]
    assert message["blocks"][-2]["elements"][0]["text"] == (
        "Counted separately, across the council: Surveys: 0 assessed"
        " · Participatory budgeting rounds: 0 assessed"
        " · Decisions: 1 assessed (0 signed off, 2 negative impacts)."
    )
    [web] = message["blocks"][-1]["elements"]
    assert web["url"] == f"{PUBLIC_BASE_URL}/officers/assessment-totals"


def test_actions_assessments_for_one_area(slack):
    message = ask(slack, "assessments castle green")
    assert message["blocks"][0]["text"]["text"] == "Impact assessments: Castle Green"
    assert section_texts(message)[0].splitlines()[0] == (
        "*2 actions*: :ballot_box_with_check: 1 signed off · :pencil2: 0 draft"
        " · :heavy_minus_sign: 1 with no assessment · :alarm_clock: 0 review overdue"
    )
    [web] = message["blocks"][-1]["elements"]
    assert web["url"] == f"{PUBLIC_BASE_URL}/officers/assessment-totals?area=E02900003"

    several = ask(slack, "assessments mill cross")
    assert several["text"] == "Several areas match \u201cmill cross\u201d."
    assert "`/actions assessments E02900002`" in section_texts(several)[0]
    assert ask(slack, "assessments <!channel>")["text"] == (
        "No area matches \u201c&lt;!channel&gt;\u201d."
    )
    assert "/actions assessments [area]" in json.dumps(ask(slack, "help"))


def settings_for(url: str, fake_slack) -> Settings:
    return Settings.from_env(
        {
            "TESTING": True,
            "DATABASE_URL": url,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_BOT_TOKEN": "xoxb-test-token",
            "SLACK_API_URL": fake_slack.api_url,
            "PUBLIC_BASE_URL": PUBLIC_BASE_URL,
        }
    )


def test_owners_are_reminded_through_slack_once(url, fake_slack):
    today = today_in("Europe/London")
    with session_scope(engine_for(url)) as session:
        due = create_action(
            session,
            reference="DUE-01",
            title="Advice <!channel> sessions",
            owner_id="U0OWNER001",
            due=today + timedelta(days=10),
        )
    settings = settings_for(url, fake_slack)

    first = send_action_reminders(settings)

    assert first.sent == ["U0OWNER001", "U0OWNER002"]  # one message each, about assessments
    calls = {c.params["channel"]: posted_json(c) for c in fake_slack.calls_to("chat.postMessage")}
    mine = calls["U0OWNER001"]
    assert block_kit_problems(mine) == []
    assert mine["text"] == "2 of your actions need their impact assessments"
    raw = json.dumps(mine)
    assert "<!channel>" not in raw and "Advice &lt;!channel&gt; sessions" in raw
    first_action, second_action = section_texts(mine)[1:3]
    assert first_action.splitlines()[:2] == [
        "*DUE-01 · Advice &lt;!channel&gt; sessions*",
        f"due {due.due_date.day} {due.due_date:%b %Y} with no signed-off impact assessment",
    ]
    assert f"<{ASSESSMENTS}/new?action=DUE-01|start one>" in first_action
    yesterday = today - timedelta(days=1)
    assert first_action.startswith("*DUE-01") and second_action.splitlines()[1] == (
        f":alarm_clock: review was due {yesterday.day} {yesterday:%b %Y}"
    )
    assert calls["U0OWNER002"]["text"] == "One of your actions needs its impact assessment"

    again = send_action_reminders(settings)
    assert again.sent == [] and len(fake_slack.calls_to("chat.postMessage")) == 2
