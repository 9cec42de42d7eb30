"""Every figure as people read it, for every channel: Slack, web pages, digests, terminals, exports.

Figures stay exact until they are shown, and are rounded here once, half up, from the exact value
(Python's round() rounds half to even: 62.5 would read "62%" in one place and "63%" in another).
A float is taken to mean the shortest decimal that writes it (0.285 is 0.285, not
0.28499999999999998); give a Fraction (e.g. Fraction(agree, n)) where the exact value is a ratio.

Pure functions: no Flask, no Slack, no database, no locale (month names are written out here).
"""

from __future__ import annotations

import math
import numbers
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Context, Decimal
from fractions import Fraction
from functools import lru_cache

NOT_AVAILABLE = "Not available"
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

Number = int | float | Fraction | Decimal


# --- exact values and the one rounding rule -----------------------------------------------------

# A ratio given as a Fraction is worked to 50 significant digits: a ratio of whole numbers below
# 10**20 that is not exactly on a half is further than that from one, so it rounds as if exact.
_RATIO_DIGITS = Context(prec=50)


def exact(value: Number | None) -> Decimal | None:
    """Return value as an exact Decimal, or None when it is missing or not a finite number.

    Decimal rather than Fraction: the same rule, at a tenth of the cost (an /area reply words
    over a hundred figures).
    """
    if type(value) is float:  # the common case first: most figures arrive as floats
        return Decimal(repr(value)) if math.isfinite(value) else None
    if value is None or isinstance(value, str):
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int):  # bool and int
        return Decimal(value)
    if isinstance(value, numbers.Rational):  # Fraction, numpy integers
        numerator, denominator = int(value.numerator), int(value.denominator)
        return _RATIO_DIGITS.divide(Decimal(numerator), Decimal(denominator))
    as_float = float(value)
    if not math.isfinite(as_float):
        return None
    return Decimal(repr(as_float))


def half_up(value: Number, places: int = 0) -> Decimal:
    """Return value rounded half up (away from zero at the half) to places decimal places."""
    if type(value) is not Decimal:
        value = exact(value)
    return value.quantize(_STEPS[places], rounding=ROUND_HALF_UP)


_STEPS = {places: Decimal(1).scaleb(-places) for places in range(0, 7)}


def rounded(value: Number | None, places: int = 1) -> float | None:
    """Return value rounded half up to places decimals as a float (for JSON), or None if missing.

    62.45 -> 62.5 and 6.25 -> 6.3, where round() would give 6.2.
    """
    if exact(value) is None:
        return None
    return float(half_up(value, places))


def _digits(value: Decimal, places: int, *, separators: bool = True) -> str:
    # value already has at most `places` decimals, so formatting adds no rounding of its own.
    if places == 0:  # int's formatting is several times quicker than Decimal's
        return f"{int(value):,}" if separators else str(int(value))
    return f"{value:{',' if separators else ''}.{places}f}"


# --- numbers ------------------------------------------------------------------------------------


def count(value: Number | None) -> str:
    """Return a whole number with thousands separators: 1296 -> "1,296", 16421.5 -> "16,422"."""
    if exact(value) is None:
        return NOT_AVAILABLE
    return _digits(half_up(value), 0)


def rank(value: Number | None) -> str:
    """Return an (average) rank as a whole number with separators: 16421.6 -> "16,422"."""
    return count(value)


def decimal(value: Number | None, places: int = 1) -> str:
    """Return a number to a fixed number of decimals, with separators: 1234.56 -> "1,234.6"."""
    if exact(value) is None:
        return NOT_AVAILABLE
    return _digits(half_up(value, places), places)


def signed(value: Number | None, places: int = 2) -> str:
    """Return a score that can be negative, with its sign: 0.25 -> "+0.25", -0.1 -> "-0.10"."""
    if exact(value) is None:
        return NOT_AVAILABLE
    shown = half_up(value, places)
    return ("-" if shown < 0 else "+") + _digits(abs(shown), places)


def per_1000(value: Number | None) -> str:
    """Return a rate per 1,000 people to one decimal place: 4.166 -> "4.2"."""
    return decimal(value, 1)


def money(value: Number | None) -> str:
    """Return pounds the GOV.UK way: 20000 -> "£20,000", 75.5 -> "£75.50" (pence only when any)."""
    if exact(value) is None:
        return NOT_AVAILABLE
    pence = half_up(value, 2)
    sign = "-" if pence < 0 else ""
    places = 0 if pence == pence.to_integral_value() else 2
    return f"{sign}£{_digits(abs(pence), places)}"


# --- percentages --------------------------------------------------------------------------------


def percentage(value: Number | None, *, places: int = 0) -> str:
    """Return an exact percentage (0-100) as text: 62.5 -> "63%", 0.3 -> "<1%", 99.8 -> ">99%".

    A share that is not zero never reads "0%", and one short of everyone never "100%": officers
    read those as "nobody" and "everybody". With places=1: "<0.1%" and ">99.9%".
    """
    percent_value = exact(value)
    if percent_value is None:
        return NOT_AVAILABLE
    shown = half_up(percent_value, places)
    step = _STEPS[places]
    if 0 < percent_value and shown == 0:
        return f"<{_digits(step, places)}%"
    if percent_value < 100 and shown >= 100:
        return f">{_digits(100 - step, places)}%"
    return f"{_digits(shown, places)}%"


# The fast path: an /area reply words 144 shares, two thirds of them its borough's and England's,
# the same in every reply; a figure's words depend on its value alone.
@lru_cache(maxsize=16384)
def percent(fraction: Number | None, *, places: int = 0) -> str:
    """Return a fraction (0-1) as a percentage: 0.625 -> "63%", 0.003 -> "<1%", 0.998 -> ">99%"."""
    share = exact(fraction)
    return percentage(None if share is None else share.scaleb(2), places=places)


def percent_of(part: Number, whole: Number, *, places: int = 0) -> str:
    """Return part as a percentage of whole: 5 of 8 -> "63%"; "Not available" when whole is 0."""
    if not whole:
        return NOT_AVAILABLE
    return percent(exact(part) / exact(whole), places=places)


def _bound(value: Number) -> str:
    return percentage(value).removesuffix("%")


def percent_range(low: Number | None, high: Number | None) -> str:
    """Return an interval of exact percentages, short form for Slack and terminals: "31–86%"."""
    if exact(low) is None or exact(high) is None:
        return NOT_AVAILABLE
    return f"{_bound(low)}–{_bound(high)}%"


def percent_range_words(low: Number | None, high: Number | None) -> str:
    """Return an interval of exact percentages in words, for web pages: "31% to 86%"."""
    if exact(low) is None or exact(high) is None:
        return NOT_AVAILABLE
    return f"{percentage(low)} to {percentage(high)}"


# --- dates and times ----------------------------------------------------------------------------


def long_date(day: date | datetime | None) -> str:
    """Return a date the GOV.UK way: "6 December 2026" ("" when there is none)."""
    if day is None:
        return ""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: date | datetime | None) -> str:
    """Return a date in the short form Slack messages use: "6 Dec 2026" ("" when there is none)."""
    if day is None:
        return ""
    return f"{day.day} {SHORT_MONTHS[day.month - 1]} {day.year}"


def weekday(day: date | datetime) -> str:
    """Return the day of the week: "Sunday"."""
    return WEEKDAYS[day.weekday()]


def time_of_day(moment: datetime) -> str:
    """Return a clock time the GOV.UK way: "2:05pm", "9:00am" (of the moment as given)."""
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d}{'am' if moment.hour < 12 else 'pm'}"


def clock_time(moment: datetime) -> str:
    """Return a 24-hour clock time, the short form Slack messages use: "14:05"."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def long_moment(moment: datetime) -> str:
    """Return a moment the GOV.UK way: "6 December 2026 at 2:05pm" (convert to local time first)."""
    return f"{long_date(moment)} at {time_of_day(moment)}"


def short_moment(moment: datetime) -> str:
    """Return a moment in Slack's short form: "6 Dec 2026 14:05"."""
    return f"{short_date(moment)} {clock_time(moment)}"


def iso_minute(moment: datetime) -> str:
    """Return a moment for a terminal, as an operator types it: "2026-11-30 09:00"."""
    return f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d} {clock_time(moment)}"


def iso_timestamp(moment: datetime | None) -> str:
    """Return a moment for an export read by scripts: ISO 8601, "2026-12-06T03:59:33+00:00"."""
    return moment.isoformat() if moment is not None else ""


# --- figures withheld to protect people (statistical disclosure control) -----------------------

SUPPRESSED = "[c]"  # "confidential", the Government Statistical Service's marker
_WITHHELD_BECAUSE = {
    "fewer": "fewer than 10 responses",
    "protects": "to protect another cell",
}


def withheld(reason: str | None) -> str:
    """Return how a withheld figure is shown, with why: "[c] fewer than 10 responses" or
    "[c] to protect another cell" (engagement.statistics names the reasons)."""
    because = _WITHHELD_BECAUSE.get(reason or "")
    return f"{SUPPRESSED} {because}" if because else SUPPRESSED
