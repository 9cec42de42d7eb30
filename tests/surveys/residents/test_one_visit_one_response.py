"""Stuffing costs a whole visit: the token a response is stored under is issued by the server
for the visit, so replaying the cookie from before sending (with any submission token) stores
nothing new and shows the receipt already given."""

from __future__ import annotations

from tests.surveys.pages import parse
from tests.surveys.residents.test_survey_pages import stored
from tests.surveys.survey_helpers import START, Visitor, receipt_code


def _cookie(client) -> str:
    return client.get_cookie("session").value


def test_replaying_the_cookie_from_before_sending_stores_nothing_new(visitor, survey_app):
    visitor.answer_all()
    before_sending = _cookie(visitor.client)
    first = receipt_code(visitor.client.get(visitor.send().location))

    for attempt in range(10):
        visitor.client.set_cookie("session", before_sending)
        fresh_token = f"attacker-made-token-{attempt:04d}-xxxxxxxx"
        sent = visitor.post(START, {"submission_token": fresh_token})
        assert sent.status_code == 303 and sent.location == f"{START}/done"
        assert receipt_code(visitor.client.get(sent.location)) == first

    assert len(stored(survey_app)) == 1


def test_answering_again_after_sending_is_a_new_visit(visitor, survey_app):
    visitor.answer_all()
    first = receipt_code(visitor.client.get(visitor.send().location))
    visitor.answer_all()  # the same browser answers again: a second visit, a second response
    second = receipt_code(visitor.client.get(visitor.send().location))

    assert first != second
    assert len(stored(survey_app)) == 2


def test_two_different_visits_store_two_responses(survey_app):
    codes = set()
    for _ in range(2):
        resident = Visitor(survey_app.test_client())
        codes.add(resident.complete())
    assert len(codes) == 2
    assert len(stored(survey_app)) == 2


def _form_token(visitor) -> str:
    page = parse(visitor.check_answers_page())
    return page.select_one("input[name=submission_token]")["value"]


def test_the_check_answers_form_carries_the_visits_token(visitor):
    visitor.answer_all()
    token = _form_token(visitor)
    assert len(token) >= 16
    # The same visit, the same token, however often the page is shown.
    assert _form_token(visitor) == token
