"""The kinds of community asset, in the order pages list them, with the words people use."""

from __future__ import annotations

import re

from engagement import figures

# (key stored, label shown, plural used in counts)
KINDS: tuple[tuple[str, str, str], ...] = (
    ("food_bank", "Food bank", "food banks"),
    ("community_centre", "Community centre", "community centres"),
    ("advice", "Advice", "advice services"),
    ("health", "Health", "health services"),
    ("youth", "Youth", "youth services"),
    ("older_people", "Older people", "services for older people"),
    ("library", "Library", "libraries"),
    ("faith", "Faith", "faith groups"),
    ("sport_leisure", "Sport and leisure", "sport and leisure"),
    ("other", "Other", "others"),
)
_LABELS = {key: label for key, label, _plural in KINDS}
_PLURALS = {key: plural for key, _label, plural in KINDS}
_SINGULARS = {
    "food_bank": "food bank",
    "community_centre": "community centre",
    "advice": "advice service",
    "health": "health service",
    "youth": "youth service",
    "older_people": "service for older people",
    "library": "library",
    "faith": "faith group",
    "sport_leisure": "sport and leisure",
    "other": "other",
}
ORDER = {key: i for i, (key, _label, _plural) in enumerate(KINDS)}
# Other words files use for a kind.
_SYNONYMS = {
    "foodbank": "food_bank",
    "food": "food_bank",
    "community center": "community_centre",
    "community hall": "community_centre",
    "advice centre": "advice",
    "young people": "youth",
    "older": "older_people",
    "elderly": "older_people",
    "sport": "sport_leisure",
    "leisure": "sport_leisure",
    "sport & leisure": "sport_leisure",
    "sports and leisure": "sport_leisure",
    "church": "faith",
}


def _words(text: str) -> str:
    return re.sub(r"[\s_-]+", " ", text).strip().lower()


_NAMES = {
    **{_words(key): key for key in _LABELS},
    **{_words(label): key for key, label in _LABELS.items()},
    **_SYNONYMS,
}


def parse_kind(text: str) -> str | None:
    """Return the key of the kind a file's cell names ("Food bank", "food_bank", "foodbank"),
    or None when it names none."""
    return _NAMES.get(_words(text))


def kind_label(key: str) -> str:
    """Return the label of a kind's key: "food_bank" -> "Food bank"."""
    return _LABELS.get(key, key)


def kind_count(key: str, count: int) -> str:
    """Return a count of one kind in words: "2 food banks", "1 library"."""
    words = _SINGULARS.get(key, key) if count == 1 else _PLURALS.get(key, key)
    return f"{figures.count(count)} {words}"


def kind_names() -> str:
    """Return the kinds' labels as a list to quote in an error message."""
    labels = [label.lower() for _key, label, _plural in KINDS]
    return ", ".join(labels[:-1]) + " or " + labels[-1]
