"""Block Kit's building blocks and Slack's text limits: the pieces every reply is made of.

Pure functions returning dicts; text is cut to Slack's limits here, and escaped by the caller.
"""

from __future__ import annotations

# Slack's limits for the elements used here.
HEADER_LIMIT = 150
BUTTON_TEXT_LIMIT = 75
SECTION_TEXT_LIMIT = 3000
CONTEXT_ELEMENTS_LIMIT = 10


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


def header(text: str) -> dict:
    """Return a header block (plain text, cut to Slack's 150 characters)."""
    return {"type": "header", "text": {"type": "plain_text", "text": truncate(text, HEADER_LIMIT)}}


def section(mrkdwn: str) -> dict:
    """Return a section block of mrkdwn text (already escaped by the caller)."""
    text = truncate(mrkdwn, SECTION_TEXT_LIMIT)
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def context(*mrkdwn: str) -> dict:
    """Return a context block with one mrkdwn element per argument (Slack takes up to 10)."""
    elements = [{"type": "mrkdwn", "text": t} for t in mrkdwn[:CONTEXT_ELEMENTS_LIMIT]]
    return {"type": "context", "elements": elements}


def button(text: str, action_id: str, *, value: str | None = None, url: str | None = None) -> dict:
    """Return a button element; text is plain text, cut to Slack's 75 characters."""
    label = {"type": "plain_text", "text": truncate(text, BUTTON_TEXT_LIMIT)}
    element = {"type": "button", "text": label, "action_id": action_id}
    if value is not None:
        element["value"] = value
    if url is not None:
        element["url"] = url
    return element


def divider() -> dict:
    """Return a divider block."""
    return {"type": "divider"}


def actions(*elements: dict) -> dict:
    """Return an actions block holding the given buttons."""
    return {"type": "actions", "elements": list(elements)}


def message(text: str, blocks: list[dict]) -> dict:
    """Return an ephemeral message body: {"response_type", "text", "blocks"}."""
    return {"response_type": "ephemeral", "text": text, "blocks": blocks}


def and_more(total: int, shown: int) -> str:
    """Return " and 24 more" when only shown of total items were listed, else ""."""
    return f" and {total - shown:,} more" if total > shown else ""


def lead_in(text: str) -> str:
    """Return text ready to be followed by a colon: its trailing full stops, commas, semicolons,
    colons and spaces removed ("We should act." -> "We should act")."""
    return text.rstrip(" .,;:\u2026\n\t")
