"""/ideas through the real POST /slack/events with signed requests, on Sampleton: an area's
published ideas, text from residents that cannot ping a channel, and the line /area adds."""

from __future__ import annotations

import json

import pytest

from engagement.ideas.store import moderate, propose_idea, record_partner
from storage import session_scope
from storage.db import engine_for
from tests.block_kit import block_kit_problems
from tests.slack_fixtures import PUBLIC_BASE_URL

HEATHFIELD = ("E02900001", "Heathfield & Priory Park")
HOSTILE = "<!channel> Free bikes & <https://evil.example|prizes>"


@pytest.fixture
def bank(slack_app):
    """Six published ideas for Heathfield & Priory Park (two picked up), one awaiting and one
    hidden."""
    with session_scope(engine_for(slack_app.config["DATABASE_URL"])) as session:
        ids = []
        for title in (
            "Youth club on Friday nights",
            "Benefit advice at the library",
            "Repair café",
            "Bus shelter on the estate road",
            "Allotment for the school",
            HOSTILE,
        ):
            ids.append(
                propose_idea(
                    session,
                    area_code=HEATHFIELD[0],
                    area_name=HEATHFIELD[1],
                    title=title,
                    source="officer",
                    user_id="U0OFFICER1",
                ).id
            )
        record_partner(session, ids[0], partner="Youth Trust", user_id="U0OFFICER1")
        record_partner(session, ids[1], partner="Citizens Advice", user_id="U0OFFICER1")
        for title, hide in (("Awaiting idea", False), ("Hidden idea", True)):
            idea = propose_idea(
                session,
                area_code=HEATHFIELD[0],
                area_name=HEATHFIELD[1],
                title=title,
                source="web",
                user_id="resident",
            )
            if hide:
                moderate(session, idea.id, publish=False, reason="Spam", user_id="U0OFFICER1")
    return ids


def ask(slack, command: str, text: str) -> dict:
    response = slack.command(command, text)
    assert response.status_code == 200
    message = response.get_json()
    assert block_kit_problems(message) == []
    assert message["response_type"] == "ephemeral"
    return message


def texts(message: dict) -> list[str]:
    return [b["text"]["text"] for b in message["blocks"] if b["type"] == "section"]


def test_ideas_lists_the_published_ideas_of_an_area(slack, bank):
    message = ask(slack, "/ideas", "heathfield")

    assert message["blocks"][0]["text"]["text"] == "Project bank for Heathfield & Priory Park"
    summary, listing = texts(message)
    assert summary == "*Project bank*: 6 ideas, 2 picked up"
    lines = listing.splitlines()
    assert len(lines) == 6
    assert "*Youth club on Friday nights* — Picked up by Youth Trust" in listing
    assert "Awaiting idea" not in listing and "Hidden idea" not in listing
    assert f"{PUBLIC_BASE_URL}/areas/E02900001#ideas" in json.dumps(message)


def test_an_idea_titled_channel_cannot_ping_or_make_a_link(slack, bank):
    message = ask(slack, "/ideas", "heathfield")
    raw = json.dumps(message, ensure_ascii=False)
    assert "<!channel>" not in raw and "<https://evil" not in raw
    assert (
        "&lt;!channel&gt; Free bikes &amp; &lt;https://evil.example|prizes&gt;" in texts(message)[1]
    )


def test_area_counts_the_ideas(slack, bank):
    message = ask(slack, "/area", "heathfield")
    assert "*Project bank*: 6 ideas, 2 picked up" in texts(message)


def test_unknown_areas_and_empty_banks_are_answered_plainly(slack, bank):
    assert texts(ask(slack, "/ideas", "atlantis"))[0].startswith("No area matches “atlantis”.")
    assert texts(ask(slack, "/ideas", "castle green")) == ["No ideas for Castle Green yet."]
    assert "/ideas heartsease" in ask(slack, "/ideas", "")["text"]
    assert "project bank" in json.dumps(ask(slack, "/ideas", "help"))
