"""One-time sign-in links: issued, used once, refused when altered, expired or used, on both
engines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from engagement.officers.sign_in import (
    LINK_LIFETIME,
    SESSION_LIFETIME,
    SignInRefused,
    consume_sign_in_link,
    end_sign_in,
    issue_sign_in_link,
    recent_sign_ins,
    sign_in_is_live,
)
from storage import session_scope
from storage.auth_models import SignInToken
from tests.concurrency import run_at_once
from tests.tampering import with_signature_altered

KEY = "test-secret-key"
NOON = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def issue(engine, user="U0OFFICER1", *, now=NOON, key=KEY):
    with session_scope(engine) as session:
        return issue_sign_in_link(
            session, secret_key=key, slack_user_id=user, slack_team_id="T0TEAM0001", now=now
        )


def consume(engine, token, *, now=NOON, key=KEY):
    with session_scope(engine) as session:
        return consume_sign_in_link(session, secret_key=key, token=token, now=now)


def refusal(engine, token, **options) -> str:
    with pytest.raises(SignInRefused) as refused:
        consume(engine, token, **options)
    return refused.value.reason


def test_a_link_signs_in_the_slack_user_it_was_issued_to(engine):
    link = issue(engine, "U0OFFICER1")

    signed_in = consume(engine, link.token, now=NOON + timedelta(minutes=1))

    assert (signed_in.slack_user_id, signed_in.slack_team_id) == ("U0OFFICER1", "T0TEAM0001")
    assert link.expires_at == NOON + timedelta(minutes=10) == NOON + LINK_LIFETIME


def test_a_link_works_only_once(engine):
    link = issue(engine)
    consume(engine, link.token)

    assert refusal(engine, link.token) == "used"


def test_a_link_stops_working_after_ten_minutes(engine):
    link = issue(engine)

    assert refusal(engine, link.token, now=NOON + timedelta(minutes=10)) == "expired"
    consume(engine, link.token, now=NOON + timedelta(minutes=9, seconds=59))


@pytest.mark.parametrize(
    "change",
    [
        with_signature_altered,
        lambda token: ("A" if token[0] != "A" else "B") + token[1:],  # the secret
        lambda token: token.split(".")[0],  # no signature at all
        lambda token: token + "x",
        lambda token: "",
        lambda token: "x" * 5000,
    ],
)
def test_an_altered_link_is_refused_and_the_real_one_still_works(engine, change):
    link = issue(engine)

    assert refusal(engine, change(link.token)) == "altered"
    consume(engine, link.token)


def test_a_link_signed_with_another_key_is_refused(engine):
    link = issue(engine, key="some-other-deployment")

    assert refusal(engine, link.token) == "altered"


def test_a_correctly_signed_link_the_database_never_issued_is_refused(engine):
    link = issue(engine)
    with session_scope(engine) as session:
        session.execute(update(SignInToken).values(token_hash="0" * 64))

    assert refusal(engine, link.token) == "unknown"


def test_only_a_hash_of_the_secret_is_stored(engine):
    link = issue(engine)
    secret = link.token.split(".")[0]

    with session_scope(engine) as session:
        stored = session.execute(select(SignInToken)).scalar_one()

    assert secret not in stored.token_hash and len(stored.token_hash) == 64
    assert stored.used_at is None


def test_two_simultaneous_clicks_sign_in_once(engine):
    link = issue(engine)

    def click() -> str:
        try:
            consume(engine, link.token)
            return "signed in"
        except SignInRefused as refused:
            return refused.reason

    outcomes = run_at_once([click] * 4)

    assert sorted(outcomes) == ["signed in", "used", "used", "used"]


def test_a_session_lives_until_sign_out_or_eight_hours(engine):
    signed_in = consume(engine, issue(engine).token)
    live = lambda **options: _live(engine, signed_in.sign_in_id, **options)  # noqa: E731

    assert live(now=NOON + SESSION_LIFETIME - timedelta(seconds=1))
    assert not live(now=NOON + SESSION_LIFETIME)
    assert not live(user="U0SOMEONE2")

    with session_scope(engine) as session:
        end_sign_in(session, signed_in.sign_in_id, now=NOON + timedelta(minutes=5))

    assert not live(now=NOON + timedelta(minutes=6))


def _live(engine, sign_in_id, *, user="U0OFFICER1", now=NOON + timedelta(minutes=1)) -> bool:
    with session_scope(engine) as session:
        return sign_in_is_live(session, sign_in_id, slack_user_id=user, now=now)


def test_an_unused_link_is_no_session(engine):
    issue(engine)
    with session_scope(engine) as session:
        row_id = session.execute(select(SignInToken.id)).scalar_one()

    assert not _live(engine, row_id)


def test_issuing_purges_records_too_old_to_matter(engine):
    consume(engine, issue(engine, "U0OLD00001", now=NOON).token, now=NOON + timedelta(minutes=9))
    issue(engine, "U0RECENT01", now=NOON + timedelta(minutes=2))
    old_session_over = NOON + LINK_LIFETIME + SESSION_LIFETIME + timedelta(seconds=1)

    issue(engine, "U0NEW00001", now=old_session_over)

    with session_scope(engine) as session:
        users = session.execute(select(SignInToken.slack_user_id)).scalars().all()
    assert sorted(users) == ["U0NEW00001", "U0RECENT01"]


def test_recent_sign_ins_lists_used_links_newest_first(engine):
    first = consume(engine, issue(engine, "U0FIRST001").token, now=NOON)
    issue(engine, "U0UNUSED01")
    consume(engine, issue(engine, "U0SECOND01").token, now=NOON + timedelta(minutes=2))
    with session_scope(engine) as session:
        end_sign_in(session, first.sign_in_id, now=NOON + timedelta(minutes=3))

    with session_scope(engine) as session:
        records = recent_sign_ins(session)

    assert [(r.slack_user_id, r.signed_in_at, r.signed_out_at) for r in records] == [
        ("U0SECOND01", NOON + timedelta(minutes=2), None),
        ("U0FIRST001", NOON, NOON + timedelta(minutes=3)),
    ]
