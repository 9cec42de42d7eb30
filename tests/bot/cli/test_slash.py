"""`fairer slash`: a signed command through the app's own endpoint, printed for a terminal."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from bot.cli.main import main
from bot.cli.slash import render_reply_text, send_slash, split_command
from tests.block_kit import block_kit_problems


@pytest.fixture
def environment(monkeypatch, sample_url, fake_slack):
    """The environment of a local demo: no Slack secrets, the sample borough in DATABASE_URL."""
    for name in (
        "SLACK_SIGNING_SECRET",
        "SECRET_KEY",
        "SLACK_BOT_TOKEN",
        "FAIRER_DEMO",
        "FAIRER_LOCAL_AUTHORITIES",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", sample_url)
    monkeypatch.setenv("SLACK_API_URL", fake_slack.api_url)
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://fairer.example.org")
    return monkeypatch


def run(*args):
    return CliRunner().invoke(main, ["slash", *args])


def test_json_prints_the_message_body_slack_would_receive(environment, fake_slack):
    result = run("/area heathfield", "--json")
    assert result.exit_code == 0, result.stderr
    body = json.loads(result.stdout)
    assert {"response_type", "text", "blocks"} <= set(body)
    assert body["response_type"] == "ephemeral"
    assert block_kit_problems(body) == []
    assert body["blocks"][0]["text"]["text"] == "Heathfield & Priory Park"
    assert fake_slack.calls == []


def test_text_output_is_readable_in_a_terminal(environment):
    result = run("/area heathfield")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Heathfield & Priory Park\n========================" in out
    assert "Index of Multiple Deprivation" in out and "Average rank" in out
    assert "[Open on the web] https://fairer.example.org/areas/E02900001" in out
    assert "&amp;" not in out and "```" not in out


def test_choices_show_as_buttons(environment):
    result = run("/area mill cross", "--user", "U0OFFICER1")
    assert result.exit_code == 0, result.stderr
    assert "Several areas match “mill cross”. Which one?" in result.stdout
    assert "[Mill Cross — Electoral ward, Sampleton]" in result.stdout


def test_it_signs_with_the_configured_secret_when_there_is_one(environment):
    environment.setenv("SLACK_SIGNING_SECRET", "a-real-looking-secret")
    environment.setenv("SECRET_KEY", "a-real-looking-key")
    assert send_slash("/area castle")["blocks"][0]["text"]["text"] == "Castle"


def test_an_unknown_command_is_a_plain_error(environment):
    result = run("/nonsense please")
    assert result.exit_code == 1
    assert result.stderr.strip() == "The app does not know the command /nonsense."


def test_text_without_a_slash_is_a_plain_error(environment):
    result = run("area heathfield")
    assert result.exit_code == 1
    assert result.stderr.strip().endswith('start it with "/", as in "/area heartsease".')


def test_a_database_without_tables_is_reported_not_hidden(environment, tmp_path):
    environment.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'never-migrated.db'}")
    result = run("/area heathfield")
    assert result.exit_code == 1
    assert (
        "The app failed to answer /area" in result.stderr and "fairer db upgrade" in result.stderr
    )


def test_split_command():
    assert split_command("  /Area   mile cross ") == ("/area", "mile cross")
    assert split_command("/area") == ("/area", "")
    with pytest.raises(ValueError):
        split_command("/")


def test_render_reply_text_covers_fields_context_and_accessories():
    body = {
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": "Title"}},
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": "*Bold* &lt;x&gt;"},
                "fields": [{"type": "mrkdwn", "text": "a"}, {"type": "mrkdwn", "text": "b"}],
                "accessory": {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Go"},
                    "action_id": "go",
                },
            },
            {"type": "divider"},
            {
                "type": "context",
                "elements": [{"type": "mrkdwn", "text": "one"}, {"type": "mrkdwn", "text": "two"}],
            },
        ]
    }
    assert (
        render_reply_text(body)
        == "\nTitle\n=====\nBold <x>\na\nb\n[Go]\n\n" + "-" * 40 + "\none · two\n"
    )
    assert render_reply_text({"text": "Only text", "blocks": []}) == "Only text\n"
