"""When weekly digests are due: schedules, slots in local time through the clocks changing, and
which slot a subscription should be sent for."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from engagement.digests.schedule import (
    Schedule,
    due_slot,
    latest_slot,
    local_slot,
    next_slot,
    parse_time,
    parse_weekday,
    period_key,
    previous_slot,
    slot_of,
)

LONDON = "Europe/London"
MONDAY_9 = Schedule(0, "09:00", LONDON)


def utc(*parts) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    "word, day",
    [
        ("mon", 0),
        ("Monday", 0),
        ("MONDAYS", 0),
        ("tu", 1),
        ("thurs", 3),
        ("fri", 4),
        ("sun", 6),
        ("s", None),
        ("t", None),
        ("funday", None),
    ],
)
def test_weekdays_are_read_from_any_unambiguous_start(word, day):
    assert parse_weekday(word) == day


@pytest.mark.parametrize(
    "text, expected",
    [
        ("9:00", "09:00"),
        ("09:00", "09:00"),
        ("0900", "09:00"),
        ("14.30", "14:30"),
        ("23:59", "23:59"),
        ("24:00", None),
        ("9", None),
        ("noon", None),
        ("12:60", None),
    ],
)
def test_times_of_day(text, expected):
    assert parse_time(text) == expected


def test_monday_nine_in_winter_is_nine_utc():
    slot = latest_slot(MONDAY_9, utc(2026, 11, 30, 9, 0))
    assert slot.astimezone(UTC) == utc(2026, 11, 30, 9, 0)
    assert period_key(slot) == "2026-11-30T09:00+00:00"


def test_monday_nine_in_summer_is_eight_utc():
    slot = latest_slot(MONDAY_9, utc(2026, 6, 29, 8, 0))
    assert slot.astimezone(UTC) == utc(2026, 6, 29, 8, 0)
    assert period_key(slot) == "2026-06-29T09:00+01:00"
    # A minute earlier, the latest slot is the Monday before.
    assert latest_slot(MONDAY_9, utc(2026, 6, 29, 7, 59)) == slot - timedelta(days=7)


def test_the_slot_stays_at_nine_local_across_the_clocks_changing():
    # The clocks go forward on Sunday 28 March 2027: the weeks either side are an hour apart in UTC.
    after = latest_slot(MONDAY_9, utc(2027, 3, 29, 12, 0))
    before = previous_slot(MONDAY_9, after)
    assert (after.hour, before.hour) == (9, 9)
    assert after.astimezone(UTC) - before.astimezone(UTC) == timedelta(days=7, hours=-1)
    # And back on Sunday 25 October 2026.
    autumn = latest_slot(MONDAY_9, utc(2026, 10, 26, 12, 0))
    assert autumn.astimezone(UTC) == utc(2026, 10, 26, 9, 0)
    assert previous_slot(MONDAY_9, autumn).astimezone(UTC) == utc(2026, 10, 19, 8, 0)


def test_next_slot_is_the_following_week_at_the_same_local_time():
    assert next_slot(MONDAY_9, utc(2026, 11, 30, 9, 0)) == datetime(
        2026, 12, 7, 9, 0, tzinfo=ZoneInfo(LONDON)
    )
    friday = Schedule(4, "14:00", LONDON)
    assert next_slot(friday, utc(2026, 11, 25, 12, 0)) == datetime(
        2026, 11, 27, 14, 0, tzinfo=ZoneInfo(LONDON)
    )


def test_times_the_clocks_skip_or_repeat_still_give_one_slot():
    zone = ZoneInfo(LONDON)
    skipped = local_slot(date(2027, 3, 28), "01:30", zone)  # 01:00-02:00 does not happen that night
    assert skipped.astimezone(UTC) == utc(2027, 3, 28, 1, 30)
    repeated = local_slot(date(2026, 10, 25), "01:30", zone)  # happens twice: the first is meant
    assert period_key(repeated) == "2026-10-25T01:30+01:00"


def test_period_keys_read_back_as_the_same_moment():
    slot = latest_slot(MONDAY_9, utc(2026, 6, 30, 0, 0))
    assert slot_of(period_key(slot)) == slot


def test_other_time_zones():
    schedule = Schedule(2, "07:30", "America/New_York")
    slot = latest_slot(schedule, utc(2026, 12, 2, 13, 0))
    assert slot.astimezone(UTC) == utc(2026, 12, 2, 12, 30)


class TestDueSlot:
    created = utc(2026, 11, 20, 10, 0)

    def test_due_from_the_slot_on(self):
        assert (
            due_slot(
                MONDAY_9,
                now=utc(2026, 11, 30, 8, 59),
                created_at=self.created,
                last_period="2026-11-23T09:00+00:00",
            )
            is None
        )
        slot = due_slot(
            MONDAY_9,
            now=utc(2026, 11, 30, 9, 0),
            created_at=self.created,
            last_period="2026-11-23T09:00+00:00",
        )
        assert period_key(slot) == "2026-11-30T09:00+00:00"

    def test_not_due_again_once_sent(self):
        assert (
            due_slot(
                MONDAY_9,
                now=utc(2026, 11, 30, 15, 0),
                created_at=self.created,
                last_period="2026-11-30T09:00+00:00",
            )
            is None
        )

    def test_missed_weeks_are_coalesced_into_the_latest(self):
        slot = due_slot(
            MONDAY_9,
            now=utc(2026, 12, 16, 12, 0),
            created_at=self.created,
            last_period="2026-11-23T09:00+00:00",
        )
        assert period_key(slot) == "2026-12-14T09:00+00:00"

    def test_a_slot_before_the_subscription_existed_is_not_due(self):
        created = utc(2026, 11, 30, 10, 0)
        assert (
            due_slot(MONDAY_9, now=utc(2026, 11, 30, 12, 0), created_at=created, last_period=None)
            is None
        )
        slot = due_slot(MONDAY_9, now=utc(2026, 12, 7, 9, 1), created_at=created, last_period=None)
        assert period_key(slot) == "2026-12-07T09:00+00:00"
