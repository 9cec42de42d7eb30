"""The words of the project bank: statuses, moderation states and sources, as people write them."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class IdeaStatus:
    """One status an idea can have: its stored key and its words."""

    key: str
    words: str
    emoji: str


STATUSES: tuple[IdeaStatus, ...] = (
    IdeaStatus("proposed", "Proposed", ":bulb:"),
    IdeaStatus("picked_up", "Picked up", ":raised_hand:"),
    IdeaStatus("in_progress", "In progress", ":large_green_circle:"),
    IdeaStatus("done", "Done", ":white_check_mark:"),
    IdeaStatus("not_taken_forward", "Not taken forward", ":no_entry_sign:"),
)
BY_KEY = {s.key: s for s in STATUSES}
# Statuses at which a partner has the idea: counted as "picked up" in /area.
PICKED_UP = frozenset({"picked_up", "in_progress", "done"})
MODERATION = {"awaiting": "Awaiting moderation", "published": "Published", "hidden": "Hidden"}
SOURCES = {"web": "Resident (web form)", "officer": "Officer", "import": "Imported file"}
_SYNONYMS = {"picked": "picked_up", "complete": "done", "completed": "done", "rejected": ""}


def status(key: str) -> IdeaStatus:
    """Return the IdeaStatus stored under key; an unknown key reads as itself."""
    return BY_KEY.get(key) or IdeaStatus(key, key.replace("_", " ").capitalize(), ":grey_question:")


def parse_status(text: str) -> IdeaStatus | None:
    """Return the IdeaStatus text names ("picked up", "Picked_Up", "DONE"), or None."""
    words = re.sub(r"[\s_-]+", " ", str(text or "")).strip().lower()
    key = _SYNONYMS.get(words, words.replace(" ", "_"))
    return BY_KEY.get(key)


def status_names() -> str:
    """Return the statuses as a file would write them: "proposed, picked up, …"."""
    return ", ".join(s.words.lower() for s in STATUSES)
