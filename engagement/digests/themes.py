"""What belongs to a theme digest: an action plan theme ("Food and fuel poverty") matched to the
comment themes and survey statements that speak of the same things.

An action's theme is its plan's column; comments are coded with the officers' keyword taxonomy,
whose theme names differ ("Food", "Fuel and energy"). A comment theme or a statement belongs to a
plan theme when its name or wording shares a content word with the plan theme's name (plural and
singular alike): "Food and fuel poverty" takes "Food" and "Fuel and energy", not "Housing".
"""

from __future__ import annotations

import re

# Words that say nothing of a subject: a shared "and" makes no two themes alike.
_LITTLE_WORDS = frozenset(
    "a an and or the of for in on to at by with from our your their its is are be we should "
    "more less all any people local area areas".split()
)
_WORD = re.compile(r"[a-z0-9]+")


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def content_words(text: str) -> frozenset[str]:
    """Return the subject words of a text, lower case and singular, without little words:
    "Food and fuel poverty" -> {"food", "fuel", "poverty"}."""
    return frozenset(
        _stem(w) for w in _WORD.findall((text or "").lower()) if w not in _LITTLE_WORDS
    )


def belongs_to_theme(text: str, theme: str) -> bool:
    """Return True when text (a comment theme's name, a statement) shares a subject word with the
    plan theme's name."""
    return bool(content_words(text) & content_words(theme))


def theme_counts(counts: tuple[tuple[str, int], ...], theme: str) -> tuple[tuple[str, int], ...]:
    """Return the (comment theme, count) pairs that belong to the plan theme, in their order."""
    return tuple((name, n) for name, n in counts if belongs_to_theme(name, theme))
