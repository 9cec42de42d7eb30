"""Statuses and due dates as plans write them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from engagement.actions.terms import STATUSES, Due, is_overdue, parse_due, parse_status, today_in


@pytest.mark.parametrize(
    "text, key",
    [
        ("Not started", "not_started"),
        ("on track", "on_track"),
        ("ON-TRACK", "on_track"),
        ("at_risk", "at_risk"),
        ("Off track", "off_track"),
        ("Completed", "complete"),
        ("done", "complete"),
        ("Dropped", "dropped"),
        ("cancelled", "dropped"),
    ],
)
def test_statuses_are_read_however_a_plan_writes_them(text, key):
    assert parse_status(text).key == key


@pytest.mark.parametrize("text", ["", "nearly", "green", "on track-ish"])
def test_anything_else_is_not_a_status(text):
    assert parse_status(text) is None


def test_every_status_has_words_and_an_emoji_in_workflow_order():
    assert [s.words for s in STATUSES] == [
        "Not started",
        "On track",
        "At risk",
        "Off track",
        "Complete",
        "Dropped",
    ]
    assert all(s.emoji.startswith(":") and s.emoji.endswith(":") for s in STATUSES)
    assert [s.key for s in STATUSES if s.closed] == ["complete", "dropped"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2027-03-31", Due(date(2027, 3, 31))),
        ("2027-03-31 00:00:00", Due(date(2027, 3, 31))),  # an Excel date cell read as text
        ("31/03/2027", Due(date(2027, 3, 31))),
        ("1 October 2026", Due(date(2026, 10, 1))),
        ("by March 2027", Due(date(2027, 3, 31), "by March 2027")),
        ("By October 2022", Due(date(2022, 10, 31), "By October 2022")),
        ("February 2028", Due(date(2028, 2, 29), "February 2028")),
        ("end of Sept 2026", Due(date(2026, 9, 30), "end of Sept 2026")),
        ("  by   Mar  2023 ", Due(date(2023, 3, 31), "by Mar 2023")),
    ],
)
def test_a_due_date_is_a_date_or_the_end_of_a_milestone_month(text, expected):
    assert parse_due(text) == expected


def test_an_empty_due_cell_means_no_due_date():
    assert parse_due("") is None and parse_due("   ") is None


@pytest.mark.parametrize(
    "text, message",
    [
        ("soon", "'soon' is not a date such as 2027-03-31"),
        ("by Marchember 2027", "is not a date"),
        ("2027-02-30", "'2027-02-30' is not a real date"),
        ("31/13/2027", "is not a real date"),
    ],
)
def test_anything_else_is_refused_with_the_formats_that_work(text, message):
    with pytest.raises(ValueError, match=message):
        parse_due(text)


def test_overdue_means_past_due_and_still_open():
    today = date(2027, 4, 1)
    assert is_overdue(date(2027, 3, 31), "on_track", today)
    assert not is_overdue(date(2027, 4, 1), "on_track", today)  # due today is not late yet
    assert not is_overdue(date(2027, 3, 31), "complete", today)
    assert not is_overdue(date(2027, 3, 31), "dropped", today)
    assert not is_overdue(None, "off_track", today)


def test_today_is_the_councils_date_not_the_servers():
    late_evening_utc = datetime(2027, 6, 30, 23, 30, tzinfo=UTC)
    assert today_in("Europe/London", late_evening_utc) == date(2027, 7, 1)  # British Summer Time
    assert today_in("UTC", late_evening_utc) == date(2027, 6, 30)
