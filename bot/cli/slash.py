"""`fairer slash`: send a slash command through the app's own /slack/events, signed as Slack
would sign it, and show the reply in a terminal."""

from __future__ import annotations

import json
import logging
import os
import re
import time
import uuid
from urllib.parse import urlencode

import click
from slack_sdk.signature import SignatureVerifier

from bot.blocks.area_glance import table_lines
from bot.blocks.mrkdwn import unescape_mrkdwn
from bot.cli.common import fail

LOCAL_TEAM_ID = "T0LOCAL001"
LOCAL_CHANNEL_ID = "C0LOCAL001"


@click.command("slash", short_help="Send a signed slash command through the app, as Slack would.")
@click.argument("command_text")
@click.option(
    "--user", "user_id", default="U0DEMO0001", show_default=True, help="Slack user ID to send as."
)
@click.option("--json", "as_json", is_flag=True, help="Print the message body Slack would receive.")
def slash(command_text, user_id, as_json) -> None:
    """Send a signed slash command (e.g. "/area heartsease") through the app's /slack/events."""
    try:
        body = send_slash(command_text, user_id=user_id)
    except ValueError as problem:
        fail(str(problem))
    if as_json:
        click.echo(json.dumps(body, indent=2, ensure_ascii=False))
    else:
        click.echo(render_reply_text(body))


def _local_overrides() -> dict[str, str]:
    # Without Slack's secrets the command still works locally, with the demo's defaults.
    if os.environ.get("SLACK_SIGNING_SECRET") and os.environ.get("SECRET_KEY"):
        return {}
    return {"FAIRER_DEMO": "1"}


def split_command(command_text: str) -> tuple[str, str]:
    """Return ("/area", "heartsease") from "/area heartsease"; raises ValueError if it is no slash
    command."""
    stripped = (command_text or "").strip()
    command, _, text = stripped.partition(" ")
    if not command.startswith("/") or len(command) < 2:
        raise ValueError(
            f'"{stripped}" is not a slash command: start it with "/", as in "/area heartsease".'
        )
    return command.lower(), text.strip()


def slash_form(
    command: str, text: str, *, user_id: str, response_url: str, team_id: str = LOCAL_TEAM_ID
) -> dict[str, str]:
    """Return the form fields Slack posts for a slash command."""
    return {
        "token": "local",
        "team_id": team_id,
        "team_domain": "local",
        "channel_id": LOCAL_CHANNEL_ID,
        "channel_name": "local",
        "user_id": user_id,
        "user_name": user_id.lower(),
        "command": command,
        "text": text,
        "api_app_id": "A0LOCAL001",
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": f"local.{uuid.uuid4().hex}",
    }


def send_slash(command_text: str, *, user_id: str = "U0DEMO0001") -> dict:
    """Return the message body {"response_type", "text", "blocks"} the app answers command_text
    with.

    Builds the app from the environment and posts a signed request to POST /slack/events.
    Raises ValueError, as one plain sentence, when the app refuses or does not know the command.
    """
    from bot.app import ERROR_HEADER, create_app
    from bot.handlers.workspace import home_team
    from surveys.settings import app_settings

    command, text = split_command(command_text)
    app = create_app(_local_overrides())
    settings = app_settings(app)
    response_url = f"{settings.public_base_url}/local-response/{uuid.uuid4().hex}"
    # The workspace the app serves, so the members-only check lets a local command through.
    team_id = home_team(settings) or LOCAL_TEAM_ID
    body = urlencode(
        slash_form(command, text, user_id=user_id, response_url=response_url, team_id=team_id)
    )
    timestamp = str(int(time.time()))
    signature = SignatureVerifier(settings.signing_secret).generate_signature(
        timestamp=timestamp, body=body
    )
    # Bolt warns about an unknown command with a page of advice for developers; we say it in one
    # line.
    previous = logging.root.manager.disable
    logging.disable(logging.WARNING)
    try:
        response = app.test_client().post(
            "/slack/events",
            data=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Slack-Request-Timestamp": timestamp,
                "X-Slack-Signature": signature,
            },
        )
    finally:
        logging.disable(previous)
    if response.status_code == 404:
        raise ValueError(f"The app does not know the command {command}.")
    if response.status_code != 200 or response.headers.get(ERROR_HEADER):
        raise ValueError(
            f"The app failed to answer {command} (HTTP {response.status_code}); "
            "the log above says why (has `fairer db upgrade` been run?)."
        )
    raw = response.get_data(as_text=True)
    reply = json.loads(raw) if raw.strip() else {}
    if not isinstance(reply, dict):
        raise ValueError(f"The app answered {command} with something other than a message.")
    reply.setdefault("response_type", "ephemeral")
    reply.setdefault("text", "")
    reply.setdefault("blocks", [])
    return reply


def render_reply_text(body: dict) -> str:
    """Return a message body as readable plain text: headers, sections, fields, context,
    "[Button]"."""
    lines: list[str] = []
    for block in body.get("blocks") or []:
        lines.extend(_block_lines(block))
    if not lines and body.get("text"):
        lines.append(_plain(body["text"]))
    return "\n".join(lines).rstrip() + "\n"


_BOLD = re.compile(r"\*([^*\n]+)\*")
_DATE = re.compile(r"<!date\^[^|>]*\|([^>]*)>")  # Slack's date token: a terminal shows its fallback


def _plain(text: str) -> str:
    text = _DATE.sub(r"\1", text)
    text = text.replace("```\n", "").replace("\n```", "").replace("```", "")
    return unescape_mrkdwn(_BOLD.sub(r"\1", text))


def _text_of(obj: dict | None) -> str:
    return _plain(obj.get("text", "")) if obj else ""


def _block_lines(block: dict) -> list[str]:
    kind = block.get("type")
    if kind == "header":
        title = _text_of(block.get("text"))
        return ["", title, "=" * len(title)]
    if kind == "divider":
        return ["-" * 40]
    if kind == "section":
        lines = [_text_of(block.get("text"))] if block.get("text") else []
        lines += [_text_of(field) for field in block.get("fields") or []]
        accessory = block.get("accessory")
        if accessory and accessory.get("type") == "button":
            lines.append(_button(accessory))
        return lines + [""]
    if kind == "context":
        return [" · ".join(_text_of(e) for e in block.get("elements") or [] if e.get("text"))]
    if kind == "actions":
        buttons = [_button(e) for e in block.get("elements") or [] if e.get("type") == "button"]
        return ["  ".join(buttons), ""]
    if kind == "table":
        return [*table_lines(block), ""]
    if kind == "image":
        title = _text_of(block.get("title")) or block.get("alt_text", "")
        return [f"[Image: {title}] {block.get('image_url', '')}", ""]
    return []


def _button(element: dict) -> str:
    label = f"[{_text_of(element.get('text'))}]"
    return f"{label} {element['url']}" if element.get("url") else label
