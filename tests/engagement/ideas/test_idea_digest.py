"""An area's weekly digest says which ideas were published and picked up that week, on SQLite and
PostgreSQL; the Slack message escapes their titles."""

from __future__ import annotations

import json

import pytest

from bot.blocks.digest import digest_message
from engagement.digests.content import compose_digest
from engagement.ideas.store import moderate, propose_idea, record_partner
from storage import session_scope
from storage.db import make_engine
from tests.engagement.action_factories import load_sample_into
from tests.engagement.digest_factories import LONDON, create_subscription, utc

SINCE, UNTIL = utc(2026, 11, 23, 9, 0), utc(2026, 11, 30, 9, 0)
HEATHFIELD = ("E02900001", "Heathfield & Priory Park")


@pytest.fixture
def engine(db_url):
    load_sample_into(db_url)
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


def idea(session, title, *, at, source="officer"):
    return propose_idea(
        session,
        area_code=HEATHFIELD[0],
        area_name=HEATHFIELD[1],
        title=title,
        source=source,
        user_id="U0OFFICER1",
        now=at,
    )


def test_the_area_digest_lists_ideas_published_and_picked_up_in_the_week(engine):
    with session_scope(engine) as session:
        old = idea(session, "Repair café", at=utc(2026, 10, 1, 12, 0))
        idea(session, "<!channel> Litter pick", at=utc(2026, 11, 24, 10, 0))
        resident = idea(session, "Community fridge", at=utc(2026, 11, 20, 10, 0), source="web")
        moderate(session, resident.id, publish=True, user_id="U0OFFICER1", now=utc(2026, 11, 25))
        record_partner(session, old.id, partner="FoodCycle", user_id="U0O", now=utc(2026, 11, 26))
        idea(session, "Too late", at=utc(2026, 11, 30, 9, 1))
        subscription = create_subscription(session, text="subscribe heathfield")
        content = compose_digest(session, subscription, since=SINCE, until=UNTIL, timezone=LONDON)

    assert content.ideas.published == ("<!channel> Litter pick", "Community fridge")
    assert content.ideas.picked_up == (("Repair café", "FoodCycle"),)
    assert not content.quiet
    message = digest_message(content, public_base_url="https://fairer.example", timezone=LONDON)
    raw = json.dumps(message, ensure_ascii=False)
    assert "<!channel>" not in raw
    [part] = [
        b["text"]["text"]
        for b in message["blocks"]
        if b["type"] == "section" and "Project bank" in b["text"]["text"]
    ]
    assert part.splitlines() == [
        "*Project bank*: 4 ideas, 1 picked up",
        "New: *&lt;!channel&gt; Litter pick*; *Community fridge*",
        ":raised_hand: *Repair café* picked up by FoodCycle",
    ]


def test_a_digest_of_everything_has_no_ideas_part(engine):
    with session_scope(engine) as session:
        idea(session, "Litter pick", at=utc(2026, 11, 24, 10, 0))
        subscription = create_subscription(session, text="subscribe")
        content = compose_digest(session, subscription, since=SINCE, until=UNTIL, timezone=LONDON)
    assert content.ideas is None
