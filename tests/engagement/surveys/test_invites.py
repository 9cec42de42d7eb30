"""Invite codes for invite-only surveys: single use, and only their hashes kept."""

from __future__ import annotations

from sqlalchemy import select

from engagement.surveys.invites import claim_invite, invite_is_unused, normalise_invite_code
from storage import session_scope
from storage.db import engine_for
from storage.survey_models import Survey, SurveyInvite
from tests.surveys.residents.test_survey_invites import make_codes
from tests.surveys.survey_helpers import open_example_survey


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
    assert all(
        normalise_invite_code(c) not in h and c not in h for c in codes for h, _label in kept
    )
    assert (
        normalise_invite_code("inv abcde fghjk") == "ABCDEFGHJK"
        and normalise_invite_code("<script>") == ""
    )
