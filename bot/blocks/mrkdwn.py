"""Making text from people and files safe to show in Slack's mrkdwn."""

from __future__ import annotations

_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))


def escape_mrkdwn(text: object) -> str:
    """Return text with &, < and > replaced by Slack's entities, so `<!channel>` or a link is
    shown, not acted on."""
    value = "" if text is None else str(text)
    for raw, entity in _ESCAPES:  # "&" first, or the entities themselves would be escaped again
        value = value.replace(raw, entity)
    return value


def unescape_mrkdwn(text: str) -> str:
    """Return text with Slack's three entities turned back into characters (for terminals, not
    Slack)."""
    for raw, entity in reversed(_ESCAPES):
        text = text.replace(entity, raw)
    return text


def plain_quote(text: object) -> str:
    """Return what someone typed, escaped and in curly quotes, for echoing it back: “mile cross”."""
    return f"\u201c{escape_mrkdwn(text)}\u201d"
