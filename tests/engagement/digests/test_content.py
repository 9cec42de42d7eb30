"""What a weekly digest says: changes to actions since the last digest, survey results with small
numbers left out, and a quiet week that still lists what is overdue. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from engagement.digests.content import compose_digest
from storage import session_scope
from tests.engagement.action_factories import create_action
from tests.engagement.digest_factories import (
    LONDON,
    change_status,
    create_subscription,
    date_responses,
    utc,
)
from tests.engagement.survey_factories import create_example_survey, create_response

SINCE, UNTIL = utc(2026, 11, 23, 9, 0), utc(2026, 11, 30, 9, 0)
LONG_AGO = utc(2026, 10, 1, 12, 0)
ANSWERED_AT = utc(2026, 11, 25, 12, 0)  # _answer's default: inside the week SINCE to UNTIL


@pytest.fixture
def plan(engine):
    """Actions created long ago, changed in and around the week of 23 to 30 November 2026."""
    with session_scope(engine) as session:
        made = {
            ref: create_action(
                session, reference=ref, title=f"Action {ref}", last_update_at=LONG_AGO, **extra
            )
            for ref, extra in {
                "NR-01": {},
                "NR-02": {},
                "NR-03": {"status": "at_risk"},
                "NR-04": {},
                "NR-06": {"due": date(2026, 11, 10)},
                "NR-07": {"due": date(2026, 11, 25)},
                "NR-08": {},
                "NR-09": {},
                "HS-01": {"theme": "Housing", "status": "on_track"},
            }.items()
        }
        change_status(session, made["NR-01"], "complete", utc(2026, 11, 25, 10, 0))
        change_status(session, made["NR-02"], "at_risk", utc(2026, 11, 24, 10, 0))
        change_status(session, made["NR-03"], "off_track", utc(2026, 11, 26, 10, 0))
        change_status(session, made["NR-04"], "at_risk", utc(2026, 11, 24, 10, 0))
        change_status(
            session, made["NR-04"], "on_track", utc(2026, 11, 27, 10, 0)
        )  # and back: no news
        change_status(
            session, made["NR-08"], "at_risk", utc(2026, 11, 23, 8, 59)
        )  # before the week
        change_status(session, made["NR-09"], "off_track", utc(2026, 11, 30, 9, 1))  # after it
        change_status(session, made["HS-01"], "off_track", utc(2026, 11, 24, 12, 0))
        create_action(
            session, reference="NR-05", title="A new one", last_update_at=utc(2026, 11, 27, 15, 0)
        )
    return engine


def digest(engine, text="subscribe", since=SINCE, until=UNTIL):
    with session_scope(engine) as session:
        subscription = create_subscription(
            session, text=text, channel_id=f"C{abs(hash(text)) % 10**8:08d}"
        )
        return compose_digest(session, subscription, since=since, until=until, timezone=LONDON)


def refs(actions):
    return [a.reference for a in actions]


def test_actions_completed_changed_new_and_overdue_in_the_week(plan):
    content = digest(plan)
    changes = content.actions
    assert refs(changes.completed) == ["NR-01"]
    assert [
        (c.action.reference, c.from_status.key, c.to_status.key) for c in changes.status_changes
    ] == [
        ("HS-01", "on_track", "off_track"),
        ("NR-03", "at_risk", "off_track"),
        ("NR-02", "on_track", "at_risk"),
    ]
    assert refs(changes.new) == ["NR-05"]
    assert refs(changes.overdue) == ["NR-06", "NR-07"]  # longest overdue first
    assert {a.reference for a in changes.overdue if a.id in changes.newly_overdue} == {"NR-07"}
    assert not content.quiet and changes.changed


def test_a_theme_digest_is_about_that_theme_only(plan):
    content = digest(plan, "subscribe theme housing")
    assert content.scope_kind == "theme" and content.scope_label == "Housing"
    assert [c.action.reference for c in content.actions.status_changes] == ["HS-01"]
    assert content.actions.total == 1 and not content.actions.completed


def test_a_quiet_week_is_quiet_but_still_knows_what_is_overdue(plan):
    content = digest(plan, since=utc(2026, 12, 7, 9, 0), until=utc(2026, 12, 14, 9, 0))
    assert content.quiet
    assert refs(content.actions.overdue) == ["NR-06", "NR-07"] and not content.actions.newly_overdue


def _answer(engine, count, *, comments=None, at=ANSWERED_AT):
    with session_scope(engine) as session:
        survey, definition = create_example_survey(session)
        for i in range(count):
            create_response(
                session,
                survey=survey,
                definition=definition,
                priority_1="agree" if i % 4 else "disagree",
                comments=comments,
            )
        date_responses(session, survey.id, at)


def test_survey_week_agreement_with_interval_sentiment_and_themes(engine):
    _answer(engine, 12, comments="The damp and mould in our flat is making the children ill")
    [survey] = digest(engine).surveys
    assert (survey.slug, survey.new_responses, survey.responses, survey.state) == (
        "draft-priorities",
        12,
        12,
        "open",
    )
    first = survey.statements[0]
    assert first.agreement.n == 12 and first.agreement.agree_pct == pytest.approx(75.0)
    lo, hi = first.agreement.ci95
    assert lo < 75 < hi
    assert survey.comments.n == 12 and survey.comments.negative_pct is not None
    assert ("Housing", 12) in survey.themes and len(survey.themes) <= 3


def test_fewer_than_ten_people_are_never_counted_in_a_digest(engine):
    _answer(engine, 9, comments="More buses please")
    [survey] = digest(engine).surveys
    assert survey.new_responses == 9
    assert all(s.agreement is None and s.n == 9 for s in survey.statements)
    assert survey.comments is None and survey.themes == ()


def test_responses_outside_the_week_are_not_new(engine):
    _answer(engine, 10, at=utc(2026, 11, 20, 12, 0))
    [survey] = digest(engine).surveys
    assert survey.new_responses == 0 and survey.responses == 10
    assert digest(engine, "subscribe survey draft priorities").surveys[0].new_responses == 0


def test_a_survey_digest_has_no_actions(plan):
    _answer(plan, 3)
    content = digest(plan, "subscribe survey draft-priorities")
    assert content.actions is None and [s.slug for s in content.surveys] == ["draft-priorities"]
    assert content.surveys[0].new_responses == 3 and not content.quiet


def _survey_with_comments(engine, comments: dict[str, int]):
    with session_scope(engine) as session:
        survey, definition = create_example_survey(session)
        for text, count in comments.items():
            for _ in range(count):
                create_response(
                    session,
                    survey=survey,
                    definition=definition,
                    comments=text,
                    submitted_at=ANSWERED_AT,
                )


def test_a_theme_digest_carries_only_what_belongs_to_its_theme(engine):
    with session_scope(engine) as session:
        create_action(session, reference="FF-01", theme="Food and fuel poverty")
        create_action(session, reference="HS-01", theme="Housing")
    _survey_with_comments(
        engine, {"The foodbank kept us going this winter": 12, "Damp and mould in the flat": 11}
    )

    food = digest(engine, "subscribe theme Food and fuel poverty")
    assert food.actions.total == 1  # FF-01 only, not HS-01
    [survey] = food.surveys
    assert survey.themes == (("Food", 12),)  # not Housing
    assert survey.statements == ()  # no priority speaks of food, fuel or poverty
    assert survey.comments is None  # the shares of every comment are not the theme's

    everything = digest(engine, "subscribe")
    assert {name for name, _n in everything.surveys[0].themes} >= {"Food", "Housing"}
    assert len(everything.surveys[0].statements) == 3


def test_a_survey_saying_nothing_of_the_theme_is_left_out_of_its_digest(engine):
    with session_scope(engine) as session:
        create_action(session, reference="CP-01", theme="Community power")
    _survey_with_comments(engine, {"The foodbank kept us going this winter": 12})

    assert digest(engine, "subscribe theme Community power").surveys == ()
