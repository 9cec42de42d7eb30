"""The project bank on SQLite and PostgreSQL: proposing, moderating, status and partner changes,
turning an idea into an action, and what the public and /area see."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engagement.ideas.store import (
    IdeaProblem,
    change_status,
    make_action,
    moderate,
    propose_idea,
    record_partner,
)
from engagement.ideas.views import (
    idea_counts,
    idea_history,
    idea_of_action,
    ideas_document,
    officer_ideas,
    published_ideas,
)
from storage import session_scope
from storage.action_models import Action, ActionArea, ActionUpdate
from storage.db import make_engine
from tests.engagement.action_factories import load_sample_into

HEATHFIELD = ("E02900001", "Heathfield & Priory Park")
OFFICER = "U0OFFICER1"


@pytest.fixture
def engine(db_url):
    load_sample_into(db_url)
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


def _propose(session, title, *, source="web", **extra):
    code, name = HEATHFIELD
    return propose_idea(
        session,
        area_code=code,
        area_name=name,
        title=title,
        description=extra.pop("description", ""),
        source=source,
        user_id="resident" if source == "web" else OFFICER,
        **extra,
    )


def test_a_residents_idea_waits_for_moderation_and_keeps_its_contact_private(engine):
    with session_scope(engine) as session:
        idea = _propose(
            session,
            "Community fridge at the church hall",
            description="Surplus food from the supermarket, shared instead of thrown away.",
            contact_name="Sam Resident",
            contact_email="sam@example.org",
        )
        idea_id = idea.id
    with session_scope(engine) as session:
        assert published_ideas(session, HEATHFIELD[0]) == []
        assert idea_counts(session, HEATHFIELD[0]) is None
        [listed] = officer_ideas(session)
        assert listed.moderation_words == "Awaiting moderation"
        assert listed.contact_email == "sam@example.org"
        # "food" is a keyword of the default taxonomy's food theme.
        assert any("food" in theme.lower() for theme in listed.public.themes)
        moderate(session, idea_id, publish=True, user_id=OFFICER)
    with session_scope(engine) as session:
        [shown] = published_ideas(session, HEATHFIELD[0])
        assert shown.title == "Community fridge at the church hall"
        assert not hasattr(shown, "contact_email")
        [document] = ideas_document(session, HEATHFIELD[0])
        assert set(document) == {"title", "status", "themes"}
        assert document["status"] == "proposed"
        assert "sam@example.org" not in repr(ideas_document(session, HEATHFIELD[0]))


def test_hiding_needs_a_reason_and_removes_the_idea_from_public_view(engine):
    with session_scope(engine) as session:
        idea_id = _propose(session, "Litter pick on Saturdays", source="officer").id
    with session_scope(engine) as session:
        with pytest.raises(IdeaProblem) as problem:
            moderate(session, idea_id, publish=False, reason=" ", user_id=OFFICER)
        assert problem.value.field == "reason"
    with session_scope(engine) as session:
        moderate(session, idea_id, publish=False, reason="Duplicate of idea 1", user_id=OFFICER)
    with session_scope(engine) as session:
        assert published_ideas(session, HEATHFIELD[0]) == []
        history = idea_history(session, idea_id)
        assert [(h.field, h.from_value, h.to_value) for h in history] == [
            ("created", None, "proposed"),
            ("moderation", "published", "hidden"),
        ]
        assert history[-1].note == "Duplicate of idea 1"
        assert history[-1].user_id == OFFICER


def test_status_changes_count_as_picked_up_and_record_who_and_why(engine):
    with session_scope(engine) as session:
        ids = [
            _propose(session, title, source="officer").id
            for title in (
                "Youth club on Friday nights",
                "Benefit advice at the library",
                "Repair café",
                "Bus shelter on the estate road",
                "Allotment for the school",
                "Walking group",
            )
        ]
    with session_scope(engine) as session:
        record_partner(session, ids[0], partner="Heartsease Youth Trust", user_id=OFFICER)
        change_status(
            session, ids[1], new_status="in_progress", user_id=OFFICER, partner="Citizens Advice"
        )
        with pytest.raises(IdeaProblem) as problem:
            change_status(session, ids[2], new_status="not_taken_forward", user_id=OFFICER)
        assert problem.value.field == "reason"
        with pytest.raises(IdeaProblem) as problem:
            change_status(session, ids[3], new_status="picked_up", user_id=OFFICER)
        assert problem.value.field == "partner"
        change_status(
            session,
            ids[4],
            new_status="not_taken_forward",
            user_id=OFFICER,
            reason="The school has no land to spare.",
        )
    with session_scope(engine) as session:
        counts = idea_counts(session, HEATHFIELD[0])
        assert (counts.total, counts.picked_up) == (6, 2)
        first = idea_history(session, ids[0])
        assert [(h.field, h.to_value) for h in first] == [
            ("created", "proposed"),
            ("partner", "Heartsease Youth Trust"),
            ("status", "picked_up"),
        ]
        shown = {i.title: i for i in published_ideas(session, HEATHFIELD[0])}
        assert shown["Allotment for the school"].status_words == "Not taken forward"
        assert shown["Allotment for the school"].status_reason == "The school has no land to spare."


def test_an_idea_becomes_an_action_once_and_each_points_to_the_other(engine):
    with session_scope(engine) as session:
        idea_id = _propose(session, "Play area repairs", source="officer").id
    with session_scope(engine) as session:
        action = make_action(session, idea_id, user_id=OFFICER)
        again = make_action(session, idea_id, user_id=OFFICER)
        assert again.id == action.id
        action_id = action.id
    with session_scope(engine) as session:
        action = session.get(Action, action_id)
        assert action.title == "Play area repairs"
        assert "Play area repairs" in action.description and "project bank" in action.description
        assert session.scalars(select(ActionArea.area_code)).all() == [HEATHFIELD[0]]
        [update] = session.scalars(select(ActionUpdate)).all()
        assert "project bank" in update.note
        came_from = idea_of_action(session, action_id)
        assert came_from.id == idea_id
        assert came_from.action_reference == action.reference
        assert came_from.status_words == "In progress"
        fields = [h.field for h in idea_history(session, idea_id)]
        assert fields == ["created", "action", "status"]
