"""Invite-only surveys on the web: the code is asked for first and used up when the answers are
stored."""

from __future__ import annotations

from engagement.surveys.invites import create_invites
from storage import session_scope
from storage.db import engine_for
from tests.surveys.pages import parse, text
from tests.surveys.residents.test_survey_pages import stored
from tests.surveys.survey_helpers import SLUG, START, Visitor, errors_on, open_example_survey


def make_codes(url: str, count: int) -> list[str]:
    with session_scope(engine_for(url)) as session:
        return create_invites(session, SLUG, count, label="Residents' association")


def test_an_invite_only_survey_asks_for_the_code_and_takes_it_once(app_factory, sample_url):
    open_example_survey(sample_url, invite_only=True)
    [code] = make_codes(sample_url, 1)
    app = app_factory(sample_url)
    first, second = Visitor(app.test_client()), Visitor(app.test_client())

    assert first.client.get(f"{START}/1").location == START
    assert parse(first.client.get(START)).select_one("input#invite_code")
    assert errors_on(first.post(f"{START}/invite", {"invite_code": ""})) == [
        "Enter your invite code"
    ]
    assert first.post(f"{START}/invite", {"invite_code": code.lower()}).location == f"{START}/1"
    assert second.post(f"{START}/invite", {"invite_code": code}).location == f"{START}/1"
    first.complete()
    # The second browser checked the code before the first used it: it is refused on sending.
    second.answer_all()
    refused = second.send()
    late = Visitor(app.test_client()).post(f"{START}/invite", {"invite_code": code})

    assert refused.status_code == 409
    assert errors_on(refused) == ["This invite code has already been used"]
    assert errors_on(late) == [
        "This invite code is not right or has already been used – check it and try again"
    ]
    assert len(stored(app)) == 1
    assert text(parse(refused).select_one("h1")) == "Our draft priorities for a fairer city"


def test_the_same_form_sent_twice_with_an_invite_is_stored_once_and_not_refused(
    app_factory, sample_url
):
    open_example_survey(sample_url, invite_only=True)
    [code] = make_codes(sample_url, 1)
    visitor = Visitor(app_factory(sample_url).test_client())
    visitor.post(f"{START}/invite", {"invite_code": code})
    visitor.answer_all()
    token = parse(visitor.check_answers_page()).select_one("input[name=submission_token]")["value"]
    cookie = visitor.client.get_cookie("session").value

    first = visitor.send(token)
    visitor.client.set_cookie("session", cookie)  # a double click: the same cookie again
    second = visitor.send(token)

    assert first.status_code == second.status_code == 303
    assert len(stored(visitor.client.application)) == 1
