"""Responses that arrive together are committed together, each still stored once, and one
refused response never costs the others their place (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
import time

from sqlalchemy import create_engine, func, select, text

from engagement.surveys.answers import check_answers
from engagement.surveys.store import prepare_response
from storage import session_scope
from storage.db import engine_for
from storage.survey_models import CommentCoding, SurveyResponse
from surveys.group_writer import GroupWriter
from surveys.residents.survey_flow import SubmissionRefused
from tests.concurrency import run_at_once
from tests.conftest import fresh_database_url
from tests.engagement.survey_factories import create_example_survey


def prepared_responses(url: str, tokens: list[str]):
    """Return a prepared response to the example survey, with a comment, for each token."""
    with session_scope(engine_for(url)) as session:
        survey, definition = create_example_survey(session)
        checked = check_answers(
            definition,
            {
                "priority_1": "agree",
                "priority_2": "disagree",
                "priority_3": "agree",
                "respondent_type": "resident",
                "comments": "The buses are a joke",
            },
        )
        return [
            prepare_response(session, survey, definition, checked.answers, submission_token=token)
            for token in tokens
        ]


def writes(url: str) -> int:
    """Return how many separate writes stored the responses: each write stamps the responses it
    stores with one submission time (on PostgreSQL a write without BEGIN is still one
    transaction)."""
    with session_scope(engine_for(url)) as session:
        return session.scalar(select(func.count(SurveyResponse.submitted_at.distinct())))


def send_while_first_is_written(writer: GroupWriter, first, others, before_store=None):
    """Store first, holding its transaction open until every other response is waiting, then let
    it finish; return {index: Receipt or the exception raised}, first at index 0."""
    released = threading.Event()
    results: dict[int, object] = {}

    def hold(_connection, _token):
        released.wait(10)

    def send(index, prepared, before) -> None:
        try:
            results[index] = writer.store(prepared, before)
        except Exception as error:  # noqa: BLE001 - the test looks at what each sender got
            results[index] = error

    threads = [threading.Thread(target=send, args=(0, first, hold))]
    threads[0].start()
    time.sleep(0.2)  # the first now holds the turn to write
    for index, prepared in enumerate(others, start=1):
        thread = threading.Thread(
            target=send, args=(index, prepared, (before_store or {}).get(index))
        )
        thread.start()
        threads.append(thread)
    deadline = time.monotonic() + 10
    while len(writer._queue) < len(others) and time.monotonic() < deadline:
        time.sleep(0.01)
    released.set()
    for thread in threads:
        thread.join(20)
    return results


def stored(url: str) -> tuple[int, int]:
    with session_scope(engine_for(url)) as session:
        return (
            session.scalar(select(func.count()).select_from(SurveyResponse)),
            session.scalar(select(func.count()).select_from(CommentCoding)),
        )


def test_responses_arriving_while_one_is_written_are_committed_together(db_url):
    first, *others = prepared_responses(db_url, [f"group-token-{i:04d}" for i in range(6)])
    results = send_while_first_is_written(GroupWriter(db_url), first, others)

    assert writes(db_url) == 2  # the first on its own, then the five that waited, together
    assert len({receipt.code for receipt in results.values()}) == 6
    assert all(receipt.created for receipt in results.values())
    assert stored(db_url) == (6, 6)


def test_a_refused_response_in_a_group_does_not_cost_the_others_their_place(db_url):
    first, *others = prepared_responses(db_url, [f"refused-token-{i:04d}" for i in range(4)])

    def refuse(_connection, _token):
        raise SubmissionRefused("invite already used")

    results = send_while_first_is_written(
        GroupWriter(db_url), first, others, before_store={2: refuse}
    )

    assert isinstance(results[2], SubmissionRefused)
    assert all(results[i].created for i in (0, 1, 3))
    assert stored(db_url) == (3, 3)


def test_twins_in_one_group_are_stored_once_and_given_the_same_receipt(db_url):
    first, twin, other_twin = prepared_responses(
        db_url, ["first-token-0001", "twin-token-00001", "twin-token-00001"]
    )

    results = send_while_first_is_written(GroupWriter(db_url), first, [twin, other_twin])

    assert results[1].code == results[2].code
    assert sorted([results[1].created, results[2].created]) == [False, True]
    assert stored(db_url) == (2, 2)


def test_many_senders_at_once_each_get_their_own_stored_response(db_url):
    senders = 12
    prepared = prepared_responses(db_url, [f"crowd-token-{i:04d}" for i in range(senders)])
    writer = GroupWriter(db_url)

    receipts = run_at_once(
        [lambda response=response: writer.store(response) for response in prepared]
    )

    assert len({receipt.code for receipt in receipts}) == senders
    assert stored(db_url) == (senders, senders)


def test_a_connection_the_server_closed_costs_no_response(request, tmp_path, postgres_admin_url):
    # On PostgreSQL the writer keeps its connection between groups; a server restart or an idle
    # timeout closes it under the writer.
    url = fresh_database_url(request, "postgresql", tmp_path)
    before, after = prepared_responses(url, ["before-the-close-01", "after-the-close-01"])
    writer = GroupWriter(url)
    writer.store(before)

    admin = create_engine(postgres_admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        closed = connection.execute(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = :name"
            ),
            {"name": url.rsplit("/", 1)[1]},
        ).scalar()
    admin.dispose()
    receipt = writer.store(after)

    assert closed >= 1
    assert receipt.created
    assert stored(url) == (2, 2)
