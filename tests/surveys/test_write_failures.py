"""A write that cannot happen within a few seconds fails fast with the "try again" page and
loses nothing; /healthz says when the database cannot be written; long forms up to the
documented 2 MB are read; HSTS over HTTPS only."""

from __future__ import annotations

import time

from sqlalchemy import select

from storage import session_scope
from storage.db import engine_for
from storage.survey_models import SurveyResponse
from surveys.web import MAX_REQUEST_BYTES
from tests.surveys.pages import parse, text
from tests.surveys.survey_helpers import START, receipt_code, write_lock_held

HSTS = "max-age=31536000; includeSubDomains"


def _stored(url: str) -> int:
    with session_scope(engine_for(url)) as session:
        return len(session.scalars(select(SurveyResponse.id)).all())


def test_a_send_while_the_database_is_locked_says_try_again_within_seconds(visitor, survey_app):
    url = survey_app.config["DATABASE_URL"]
    visitor.answer_all()
    with write_lock_held(url):
        began = time.monotonic()
        sent = visitor.send()
        took = time.monotonic() - began
        health = survey_app.test_client().get("/healthz")

    assert sent.status_code == 503 and took < 5.5, (sent.status_code, took)
    page = parse(sent)
    assert text(page.select_one("h1")) == "Sorry, there is a problem with the service"
    assert "have been kept" in text(page.select_one("main"))
    assert health.status_code == 503
    assert _stored(url) == 0

    # The lock is gone: the page's own button sends the kept answers, once.
    form = page.select_one("form[method=post]")
    again = visitor.post(
        form["action"],
        {"submission_token": form.select_one("input[name=submission_token]")["value"]},
    )
    assert again.status_code == 303
    assert receipt_code(visitor.client.get(again.location)).startswith("FP-")
    assert _stored(url) == 1
    assert survey_app.test_client().get("/healthz").status_code == 200


def test_healthz_is_ok_when_the_database_can_be_written(survey_app):
    assert survey_app.test_client().get("/healthz").status_code == 200


def test_a_form_of_one_and_a_half_megabytes_is_read(visitor):
    visitor.answer(1)
    visitor.answer(2)
    long = visitor.answer(3, {"comments": "a" * 1_500_000})
    # Read and answered on its question (too long for it), not refused as too large.
    assert long.status_code == 200
    assert parse(long).select_one(".govuk-error-message") is not None


def test_a_form_of_three_megabytes_gets_the_too_large_page(visitor):
    visitor.answer(1)
    visitor.answer(2)
    huge = visitor.answer(3, {"comments": "a" * 3_000_000})
    assert huge.status_code == 413


def test_other_forms_keep_the_smaller_limit(visitor):
    huge = visitor.post(f"{START}/erase", {"receipt_code": "a" * (MAX_REQUEST_BYTES + 10)})
    assert huge.status_code == 413


def test_hsts_only_over_https(survey_app):
    client = survey_app.test_client()
    assert "Strict-Transport-Security" not in client.get(START).headers
    secure = client.get(START, base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"] == HSTS


def test_hsts_behind_a_proxy_that_says_https(app_factory, sample_url):
    app = app_factory(sample_url, FAIRER_PROXY_HOPS="1")
    client = app.test_client()
    proxied = client.get("/healthz", headers={"X-Forwarded-Proto": "https"})
    plain = client.get("/healthz", headers={"X-Forwarded-Proto": "http"})
    assert proxied.headers["Strict-Transport-Security"] == HSTS
    assert "Strict-Transport-Security" not in plain.headers


def test_the_health_check_writes_nothing_and_writes_wait_seconds_not_minutes(db_url):
    from sqlalchemy import text as sql

    from storage.db import database_answers, make_engine

    engine = make_engine(db_url)
    try:
        assert database_answers(engine)
        with engine.connect() as connection:
            if engine.dialect.name == "postgresql":
                wait = connection.execute(sql("SHOW lock_timeout")).scalar()
                assert wait == "2s"
                tables = "SELECT count(*) FROM pg_class WHERE relname = 'fairer_healthz'"
            else:
                wait = connection.execute(sql("PRAGMA busy_timeout")).scalar()
                assert wait == 2000
                tables = "SELECT count(*) FROM sqlite_master WHERE name = 'fairer_healthz'"
            assert connection.execute(sql(tables)).scalar() == 0
    finally:
        engine.dispose()
