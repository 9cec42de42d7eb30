"""slack/manifest.yml declares everything the app listens for, at the one endpoint it serves."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

MANIFEST = Path(__file__).resolve().parents[1] / "slack" / "manifest.yml"
CONTRACT_COMMANDS = {"/area", "/actions", "/survey", "/digest", "/fairer", "/ideas"}
BOT_SCOPES = {
    "commands",
    "chat:write",
    "chat:write.public",
    "users:read",
    "users:read.email",
    "im:write",
    "files:write",
    "channels:history",
    "groups:history",
}


@pytest.fixture(scope="module")
def manifest() -> dict:
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


def _urls(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("url") and isinstance(value, str):
                yield key, value
            else:
                yield from _urls(value)
    elif isinstance(node, list):
        for item in node:
            yield from _urls(item)


def _commands(manifest: dict) -> dict[str, dict]:
    return {c["command"]: c for c in manifest["features"]["slash_commands"]}


def test_manifest_declares_the_contract_commands_with_usage_hints(manifest):
    commands = _commands(manifest)

    assert set(commands) == CONTRACT_COMMANDS
    for name, command in commands.items():
        assert command["description"] and command["usage_hint"], name
        assert len(command["description"]) <= 100, name


def test_every_request_from_slack_goes_to_slack_events(manifest):
    urls = dict(_urls(manifest))

    assert urls  # the walk found the request URLs
    for key, url in _urls(manifest):
        assert url == "https://YOUR-HOST/slack/events", key
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    assert manifest["settings"]["event_subscriptions"]["bot_events"] == ["app_home_opened"]


def test_manifest_settings_suit_one_self_hosted_workspace(manifest):
    settings = manifest["settings"]

    assert set(manifest["oauth_config"]["scopes"]["bot"]) == BOT_SCOPES
    assert settings["socket_mode_enabled"] is False
    assert settings["org_deploy_enabled"] is False
    assert settings["token_rotation_enabled"] is False
    assert manifest["features"]["bot_user"]["display_name"]
    info = manifest["display_information"]
    assert len(info["name"]) <= 35 and len(info["description"]) <= 140
    # Slack rejects a long description shorter than 174 characters.
    assert 174 <= len(info["long_description"]) <= 4000


def test_every_command_the_app_registers_is_in_the_manifest(manifest, monkeypatch, sqlite_url):
    from slack_bolt import App

    registered = []
    original = App.command

    def recording(self, command, *args, **kwargs):
        registered.append(command)
        return original(self, command, *args, **kwargs)

    monkeypatch.setattr(App, "command", recording)
    from bot.app import create_app

    create_app({"TESTING": True, "DATABASE_URL": sqlite_url, "SLACK_SIGNING_SECRET": "test"})

    assert registered, "create_app registered no slash commands"
    assert set(registered) <= set(_commands(manifest)), set(registered) - set(_commands(manifest))
