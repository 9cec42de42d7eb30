"""Abuse control on the survey forms, and hostile input: refused or stored safely, never a 500,
never shown unescaped; and nobody shut out."""

from __future__ import annotations

import pytest

from surveys.residents.survey_guard import TokenBucket, client_key
from tests.surveys.pages import parse, text
from tests.surveys.residents.test_survey_pages import stored
from tests.surveys.survey_helpers import (
    ANSWERS,
    START,
    Visitor,
    errors_on,
    open_example_survey,
    receipt_code,
)

HOSTILE = (
    "<script>alert('x')</script> <img src=x onerror=alert(1)> '; DROP TABLE survey_responses; -- "
    "\u202egnp.exe \u200b\u200d 🏚️👨‍👩‍👧 {{ 7*7 }} %(x)s"
)


def test_a_filled_in_honeypot_is_told_all_went_well_and_nothing_is_stored(visitor, survey_app):
    visitor.answer_all()
    page = parse(visitor.check_answers_page())
    assert page.select_one("div[hidden] input[name=website]")["tabindex"] == "-1"

    sent = visitor.post(START, {"submission_token": "t" * 32, "website": "http://spam.example"})

    assert sent.status_code == 303 and sent.location == f"{START}/done"
    assert receipt_code(visitor.client.get(sent.location)).startswith("FP-")
    assert stored(survey_app) == []


def test_the_same_form_sent_twice_is_stored_once(visitor, survey_app):
    visitor.answer_all()
    token = parse(visitor.check_answers_page()).select_one("input[name=submission_token]")["value"]
    cookie = visitor.client.get_cookie("session").value

    first = visitor.send(token)
    code = receipt_code(visitor.client.get(first.location))
    # A double click: the second request left with the same cookie as the first.
    visitor.client.set_cookie("session", cookie)
    second = visitor.send(token)
    again = receipt_code(visitor.client.get(second.location))
    # A resend after the first answer arrived (the cookie no longer holds the answers).
    third = visitor.post(START, {"submission_token": token})

    assert second.status_code == 303 and again == code
    assert third.location == f"{START}/done"
    assert [r.receipt_code for r, _answers in stored(survey_app)] == [code]


@pytest.mark.parametrize("path", [f"{START}/1", START, f"{START}/erase"])
def test_a_form_without_its_csrf_token_is_refused_politely(visitor, survey_app, path):
    visitor.answer_all()

    response = visitor.client.post(path, data={**ANSWERS[1], "receipt_code": "FP-2222-2222"})

    assert response.status_code == 400
    assert text(parse(response).select_one("h1")) == "Sorry, this form has expired"
    assert stored(survey_app) == []


def test_every_survey_form_carries_the_csrf_token(visitor):
    visitor.answer_all()
    pages = [
        START,
        f"{START}/1",
        f"{START}/2",
        f"{START}/3",
        f"{START}/4",
        f"{START}/check-answers",
        f"{START}/erase",
    ]

    for path in pages:
        forms = parse(visitor.client.get(path)).select("main form[method=post]")
        assert all(form.select_one("input[name=csrf_token]")["value"] for form in forms), path


def test_too_many_posts_from_one_connection_are_slowed_not_lost(app_factory, sample_url):
    open_example_survey(sample_url)
    app = app_factory(sample_url, FAIRER_SURVEY_RATE_LIMIT="3/6")
    flood = Visitor(app.test_client())
    neighbour = Visitor(app.test_client())
    neighbour.client.environ_base["REMOTE_ADDR"] = "192.0.2.7"

    statuses = [flood.answer(1).status_code for _ in range(4)]

    assert statuses == [302, 302, 302, 429]
    slowed = flood.answer(1)
    assert slowed.status_code == 429 and int(slowed.headers["Retry-After"]) >= 1
    assert text(parse(slowed).select_one("h1")) == "Please wait a moment"
    assert neighbour.answer(1).status_code == 302  # someone else is not held up
    page = parse(flood.client.get(f"{START}/1"))  # and what was answered is still there
    assert page.select_one("input[name=priority_1][value=agree]").has_attr("checked")


def test_the_bucket_refills_and_keys_clients_by_a_salted_hash():
    now = [0.0]
    bucket = TokenBucket(2, 60, clock=lambda: now[0])
    key = client_key("203.0.113.9")

    assert [bucket.allow(key), bucket.allow(key)] == [0, 0]
    assert bucket.allow(key) == pytest.approx(1.0)
    now[0] += 1.0
    assert bucket.allow(key) == 0
    assert b"203.0.113.9" not in key and len(key) == 16 and key != client_key("203.0.113.10")


def test_a_megabyte_comment_gets_the_gov_uk_error_not_an_error_page(visitor, survey_app):
    visitor.answer(1), visitor.answer(2)

    response = visitor.answer(3, {"comments": "x" * 1_000_000})

    assert response.status_code == 200
    assert errors_on(response) == ["Your comments must be 2,000 characters or fewer"]
    assert len(parse(response).select_one("textarea#comments").get_text()) == 4000


def test_a_request_far_too_large_gets_the_too_large_page(visitor):
    response = visitor.answer(3, {"comments": "x" * 3_000_000})

    assert response.status_code == 413
    assert text(parse(response).select_one("h1")) == "What you sent is too large"


@pytest.mark.parametrize(
    "data, error",
    [
        (
            {"priority_1": "totally", "priority_2": "agree", "priority_3": "agree"},
            "Select how much you agree with priority 1",
        ),
        (
            {"priority_1": ["agree", "disagree"], "priority_2": "agree", "priority_3": "agree"},
            "Select how much you agree with priority 1",
        ),
        (
            {
                "priority_1": "agree'; DROP TABLE surveys; --",
                "priority_2": "agree",
                "priority_3": "agree",
            },
            "Select how much you agree with priority 1",
        ),
    ],
)
def test_forged_option_values_are_refused(visitor, data, error):
    response = visitor.answer(1, data)

    assert response.status_code == 200 and errors_on(response) == [error]


def test_forged_fields_and_tokens_are_ignored(visitor, survey_app):
    visitor.answer(1, {**ANSWERS[1], "survey_id": "2", "channel": "paper", "entered_by": "U0ADMIN"})
    visitor.answer(2), visitor.answer(3)
    forged_area = visitor.answer(4, {"respondent_type": "resident", "neighbourhood": "E01000001"})
    visitor.answer(4)

    sent = visitor.send("../../etc/passwd")

    assert errors_on(forged_area) == ["Select your neighbourhood from the list"]
    assert sent.status_code == 303
    [(response, _answers)] = stored(survey_app)
    assert response.channel == "web" and response.entered_by is None
    assert response.submission_token != "../../etc/passwd"


def test_hostile_text_is_stored_as_plain_text_and_shown_escaped(visitor, survey_app):
    visitor.answer_all(
        {
            3: {"comments": HOSTILE},
        }
    )

    check = visitor.check_answers_page()
    html = check.get_data(as_text=True)
    code = visitor.send()

    assert check.status_code == 200 and code.status_code == 303
    page = parse(check)
    assert not page.select("main script, main img")
    assert "&lt;script&gt;" in html and "<script>alert" not in html
    rows = {
        text(r.select_one("dt")): r.select_one("dd")
        for r in page.select(".govuk-summary-list__row")
    }
    shown = text(rows["Is there anything else you want to tell us about these priorities?"])
    assert "{{ 7*7 }}" in shown and "49" not in shown
    [(response, answers)] = stored(survey_app)
    comment = answers["comments"][0]
    assert (
        "\u202e" not in comment and "\u200b" not in comment
    )  # format characters that hide or reorder text
    assert "👨\u200d👩\u200d👧" in comment  # the joiners that make one emoji of three are kept
    assert "<script>alert('x')</script>" in comment and "DROP TABLE" in comment and "🏚" in comment
    # The neighbourhood is chosen from a list, not typed: test_survey_pages checks it refuses
    # anything else.


def test_behind_a_proxy_each_resident_has_their_own_rate_limit(app_factory, sample_url):
    open_example_survey(sample_url)
    app = app_factory(sample_url, FAIRER_SURVEY_RATE_LIMIT="2/6", FAIRER_PROXY_HOPS="1")
    flood, neighbour = Visitor(app.test_client()), Visitor(app.test_client())
    for visitor, address in ((flood, "198.51.100.1"), (neighbour, "198.51.100.2")):
        visitor.client.environ_base.update(
            REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=address
        )  # one router

    assert [flood.answer(1).status_code for _ in range(3)] == [302, 302, 429]
    assert neighbour.answer(1).status_code == 302


def test_without_a_proxy_a_forged_forwarded_for_does_not_escape_the_rate_limit(
    app_factory, sample_url
):
    open_example_survey(sample_url)
    app = app_factory(sample_url, FAIRER_SURVEY_RATE_LIMIT="2/6")
    flood = Visitor(app.test_client())

    statuses = []
    for number in range(3):
        flood.client.environ_base["HTTP_X_FORWARDED_FOR"] = f"203.0.113.{number}"
        statuses.append(flood.answer(1).status_code)

    assert statuses == [302, 302, 429]


def test_a_bad_proxy_hops_setting_is_named():
    from bot.config import ConfigError, Settings

    with pytest.raises(ConfigError, match="FAIRER_PROXY_HOPS is 'two'"):
        Settings.from_env({"FAIRER_DEMO": "1", "FAIRER_PROXY_HOPS": "two"})
