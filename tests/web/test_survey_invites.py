"""Invite-only surveys: single-use codes, stored only as hashes, used up when the answers are stored."""
from __future__ import annotations

from click.testing import CliRunner
from sqlalchemy import select

from bot.cli import main
from engagement.survey_invites import claim_invite, create_invites, invite_is_unused, normalise_invite_code
from storage import session_scope
from storage.db import engine_for
from storage.survey_models import Survey, SurveyInvite
from tests.web.pages import parse, text
from tests.web.survey_helpers import START, SLUG, Visitor, errors_on, open_example_survey
from tests.web.test_survey_pages import stored


def make_codes(url: str, count: int) -> list[str]:
    with session_scope(engine_for(url)) as session:
        return create_invites(session, SLUG, count, label="Residents' association")


def test_codes_are_single_use_and_only_their_hashes_are_kept(sqlite_url):
    open_example_survey(sqlite_url, invite_only=True)
    codes = make_codes(sqlite_url, 3)

    with session_scope(engine_for(sqlite_url)) as session:
        survey_id = session.scalar(select(Survey.id))
        kept = session.execute(select(SurveyInvite.code_hash, SurveyInvite.label)).all()
        assert invite_is_unused(session, survey_id, codes[0].lower().replace("-", " "))
        assert claim_invite(session, survey_id, codes[0])
        assert not claim_invite(session, survey_id, codes[0])
        assert not invite_is_unused(session, survey_id, codes[0])
        assert invite_is_unused(session, survey_id, codes[1])
        assert not claim_invite(session, survey_id, "INV-22222-22222")

    assert len(set(codes)) == 3 and all(c.startswith("INV-") and len(c) == 15 for c in codes)
    assert all(normalise_invite_code(c) not in h and c not in h for c in codes for h, _label in kept)
    assert normalise_invite_code("inv abcde fghjk") == "ABCDEFGHJK" and normalise_invite_code("<script>") == ""


def test_the_command_prints_the_codes_one_a_line(sqlite_url, monkeypatch):
    open_example_survey(sqlite_url, invite_only=True)
    monkeypatch.setenv("DATABASE_URL", sqlite_url)

    result = CliRunner().invoke(main, ["survey", "invites", SLUG, "4"])
    unknown = CliRunner().invoke(main, ["survey", "invites", "no-such-survey", "4"])

    assert result.exit_code == 0
    assert [line for line in result.stdout.splitlines() if line.startswith("INV-")] == result.stdout.split()
    assert len(result.stdout.split()) == 4
    assert unknown.exit_code == 1 and "There is no survey 'no-such-survey'" in unknown.output


def test_an_invite_only_survey_asks_for_the_code_and_takes_it_once(app_factory, sample_url):
    open_example_survey(sample_url, invite_only=True)
    [code] = make_codes(sample_url, 1)
    app = app_factory(sample_url)
    first, second = Visitor(app.test_client()), Visitor(app.test_client())

    assert first.client.get(f"{START}/1").location == START
    assert parse(first.client.get(START)).select_one("input#invite_code")
    assert errors_on(first.post(f"{START}/invite", {"invite_code": ""})) == ["Enter your invite code"]
    assert first.post(f"{START}/invite", {"invite_code": code.lower()}).location == f"{START}/1"
    assert second.post(f"{START}/invite", {"invite_code": code}).location == f"{START}/1"
    first.complete()
    # The second browser checked the code before the first used it: it is refused on sending.
    second.answer_all()
    refused = second.send()
    late = Visitor(app.test_client()).post(f"{START}/invite", {"invite_code": code})

    assert refused.status_code == 409
    assert errors_on(refused) == ["This invite code has already been used"]
    assert errors_on(late) == ["This invite code is not right or has already been used – check it and try again"]
    assert len(stored(app)) == 1
    assert text(parse(refused).select_one("h1")) == "Our draft priorities for a fairer city"
