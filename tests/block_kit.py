"""Checks a message against Block Kit's published limits, so tests catch what Slack would reject
(invalid_blocks) before an officer does."""

from __future__ import annotations

MAX_BLOCKS = 50
LIMITS = {
    "section_text": 3000,
    "field": 2000,
    "fields": 10,
    "header": 150,
    "button_text": 75,
    "button_value": 2000,
    "url": 3000,
    "action_id": 255,
    "context_elements": 10,
    "actions_elements": 25,
    "context_text": 2000,
}
BLOCK_TYPES = {
    "section",
    "header",
    "context",
    "actions",
    "divider",
    "image",
    "input",
    "rich_text",
    "table",
}


def block_kit_problems(message: dict) -> list[str]:
    """Return every way message breaks Block Kit's rules (an empty list when it is valid)."""
    problems: list[str] = []
    blocks = message.get("blocks")
    if not isinstance(blocks, list) or not blocks:
        return ["message has no blocks"]
    if len(blocks) >= MAX_BLOCKS:
        problems.append(f"{len(blocks)} blocks: Slack accepts fewer than {MAX_BLOCKS}")
    if not (message.get("text") or "").strip():
        problems.append("no text fallback for notifications")
    action_ids: list[str] = []
    for i, block in enumerate(blocks):
        where = f"block {i} ({block.get('type')})"
        if block.get("type") not in BLOCK_TYPES:
            problems.append(f"{where}: unknown block type")
        problems += _check_block(block, where, action_ids)
    duplicates = {a for a in action_ids if action_ids.count(a) > 1}
    if duplicates:
        problems.append(f"action_id used more than once: {sorted(duplicates)}")
    return problems


def _text_problems(obj, where: str, limit: int, kinds=("plain_text", "mrkdwn")) -> list[str]:
    if not isinstance(obj, dict) or obj.get("type") not in kinds:
        return [f"{where}: text object must be one of {kinds}"]
    text = obj.get("text")
    if not isinstance(text, str) or not text:
        return [f"{where}: empty text"]
    if len(text) > limit:
        return [f"{where}: {len(text)} characters, limit {limit}"]
    return []


def _check_block(block: dict, where: str, action_ids: list[str]) -> list[str]:
    kind = block.get("type")
    problems: list[str] = []
    if kind == "header":
        problems += _text_problems(block.get("text"), where, LIMITS["header"], ("plain_text",))
    elif kind == "section":
        if "text" not in block and "fields" not in block:
            problems.append(f"{where}: needs text or fields")
        if "text" in block:
            problems += _text_problems(block["text"], where, LIMITS["section_text"])
        fields = block.get("fields") or []
        if len(fields) > LIMITS["fields"]:
            problems.append(f"{where}: {len(fields)} fields, limit {LIMITS['fields']}")
        for j, f in enumerate(fields):
            problems += _text_problems(f, f"{where} field {j}", LIMITS["field"])
        if block.get("accessory"):
            problems += _check_element(block["accessory"], f"{where} accessory", action_ids)
    elif kind == "context":
        elements = block.get("elements") or []
        if not elements or len(elements) > LIMITS["context_elements"]:
            problems.append(
                f"{where}: {len(elements)} elements, allowed 1..{LIMITS['context_elements']}"
            )
        for j, e in enumerate(elements):
            if e.get("type") in ("plain_text", "mrkdwn"):
                problems += _text_problems(e, f"{where} element {j}", LIMITS["context_text"])
    elif kind == "actions":
        elements = block.get("elements") or []
        if not elements or len(elements) > LIMITS["actions_elements"]:
            problems.append(
                f"{where}: {len(elements)} elements, allowed 1..{LIMITS['actions_elements']}"
            )
        for j, e in enumerate(elements):
            problems += _check_element(e, f"{where} element {j}", action_ids)
    return problems


def _check_element(element: dict, where: str, action_ids: list[str]) -> list[str]:
    problems: list[str] = []
    action_id = element.get("action_id")
    if action_id is not None:
        action_ids.append(action_id)
        if len(action_id) > LIMITS["action_id"]:
            problems.append(f"{where}: action_id too long")
    if element.get("type") == "button":
        problems += _text_problems(
            element.get("text"), where, LIMITS["button_text"], ("plain_text",)
        )
        if len(element.get("value") or "") > LIMITS["button_value"]:
            problems.append(f"{where}: value too long")
        url = element.get("url")
        if url is not None and (
            len(url) > LIMITS["url"] or not url.startswith(("http://", "https://"))
        ):
            problems.append(f"{where}: bad url {url!r}")
    return problems


def table_problems(message: dict) -> list[str]:
    """Slack's rules for the table block (docs.slack.dev, "Table block"): one per message, at
    most 100 rows of at most 20 cells, raw_text cells with text, every row as wide as the first,
    at most 20 column settings; and slack_sdk 3.48's own validation of table and image blocks."""
    from slack_sdk.models.blocks import Block

    problems = []
    tables = [b for b in message["blocks"] if b["type"] == "table"]
    if len(tables) > 1:
        problems.append(f"{len(tables)} tables")
    for table in tables:
        rows = table["rows"]
        if not 0 < len(rows) <= 100:
            problems.append(f"{len(rows)} rows")
        if any(len(row) != len(rows[0]) or len(row) > 20 for row in rows):
            problems.append("ragged or too wide")
        if any(c["type"] != "raw_text" or not c["text"] for row in rows for c in row):
            problems.append("a cell is not raw_text with text")
        if len(table.get("column_settings", [])) > 20:
            problems.append("too many column settings")
    for block in message["blocks"]:
        if block["type"] in ("table", "image"):
            Block.parse(block).validate_json()  # raises SlackObjectFormationError
    return problems
