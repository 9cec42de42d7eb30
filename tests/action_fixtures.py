"""An action plan in Sampleton (the fixture `plan`, registered for every folder by pytest_plugins in
tests/conftest.py), and helpers to read what the app sent to Slack."""

from __future__ import annotations

import json

import pytest

from storage import session_scope
from storage.db import engine_for
from tests.engagement.action_factories import create_action, days_from_today
from tests.slack_helpers import USER_ID

OTHER_USER = "U0OTHER001"
HEATHFIELD = ("E02900001", "Heathfield & Priory Park")
CASTLE = ("E05900003", "Castle")
HOSTILE_TITLE = "Holiday hunger club <!channel> & <https://evil.example|friends>"


def make_plan(url: str) -> dict[str, int]:
    """Add four actions to the database at url; return {reference: id}.

    HP-01 (USER_ID's, overdue, hostile title) and HP-02 (OTHER_USER's) in Heathfield; BW-01
    (USER_ID's, borough-wide, complete); CA-01 (OTHER_USER's, Castle ward, food theme).
    """
    with session_scope(engine_for(url)) as session:
        made = [
            create_action(
                session,
                reference="HP-01",
                title=HOSTILE_TITLE,
                owner_id=USER_ID,
                status="on_track",
                due=days_from_today(-10),
                theme="Food and fuel poverty",
                areas=(HEATHFIELD,),
            ),
            create_action(
                session,
                reference="HP-02",
                title="Participatory budgeting round",
                owner_id=OTHER_USER,
                status="at_risk",
                due=days_from_today(60),
                due_label="by the summer",
                theme="Community power",
                areas=(HEATHFIELD,),
            ),
            create_action(
                session,
                reference="BW-01",
                title="Baseline profile of each area",
                owner_id=USER_ID,
                status="complete",
                due=days_from_today(-40),
                theme="Understanding our areas",
            ),
            create_action(
                session,
                reference="CA-01",
                title="Fuel poverty advice drop-ins",
                owner_id=OTHER_USER,
                status="not_started",
                due=days_from_today(90),
                theme="Food and fuel poverty",
                areas=(CASTLE,),
            ),
        ]
        return {a.reference: a.id for a in made}


@pytest.fixture
def plan(sample_url) -> dict[str, int]:
    """The four actions above in the sample borough's database (the one slack_app uses)."""
    return make_plan(sample_url)


def section_texts(message: dict) -> list[str]:
    """Return the text of every section block."""
    return [b["text"]["text"] for b in message["blocks"] if b["type"] == "section" and "text" in b]


def update_buttons(message: dict) -> list[dict]:
    """Return the Update buttons of a message or view, in order."""
    return [
        b["accessory"]
        for b in message["blocks"]
        if b.get("accessory", {}).get("action_id", "").startswith("action_update_")
    ]


def posted_json(call) -> dict:
    """Return the JSON a call to the fake carried, decoding a form field "view" or "blocks" if
    needed."""
    params = dict(call.params)
    for key in ("view", "blocks"):
        if isinstance(params.get(key), str):
            params[key] = json.loads(params[key])
    return params
