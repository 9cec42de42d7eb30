"""Numbers as people read them in a Slack message: "1,296", "29%", "<1%"."""
from __future__ import annotations

import math


def format_count(value: float | int) -> str:
    """Return a whole number with thousands separators: 1296 -> "1,296"."""
    return f"{int(math.floor(value + 0.5)):,}"  # half up, as people round; round() would give 16,422 for 16,422.5


def format_rank(value: float) -> str:
    """Return an average rank rounded to a whole number with separators: 5123.4 -> "5,123"."""
    return format_count(value)


def format_share(fraction: float | None) -> str:
    """Return a fraction (0..1) as a whole percentage: 0.29 -> "29%", 0.003 -> "<1%", 0.998 -> ">99%".

    A share that is not zero never shows as "0%", and one short of everyone never as "100%":
    both would misstate whether anybody at all lives in the most deprived areas.
    """
    if fraction is None or (isinstance(fraction, float) and math.isnan(fraction)):
        return "–"
    percent = fraction * 100
    if percent <= 0:
        return "0%"
    if percent >= 100:
        return "100%"
    if percent < 0.5:
        return "<1%"
    if percent >= 99.5:
        return ">99%"
    return f"{int(math.floor(percent + 0.5))}%"


def truncate(text: str, limit: int) -> str:
    """Return text cut to at most limit characters, ending with "…" when it was cut."""
    return text if len(text) <= limit else text[: max(limit - 1, 0)].rstrip() + "…"


def join_words(items: list[str], conjunction: str = "or") -> str:
    """Return items as an English list: ["A", "B", "C"] -> "A, B or C"."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"
