"""Every command answers `help` the same way, and an unknown subcommand gets that help, through
the real POST /slack/events."""

from __future__ import annotations

import json

import pytest

from tests.block_kit import block_kit_problems

COMMANDS = ("/area", "/survey", "/actions", "/digest", "/fairer")


def shape(message: dict) -> list[str]:
    return [b["type"] for b in message["blocks"]]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("word", ["help", "HELP", "?"])
def test_help_is_the_same_kind_of_answer_for_every_command(slack, plan, command, word):
    message = slack.command(command, word).get_json()

    assert block_kit_problems(message) == [] and message["response_type"] == "ephemeral"
    assert shape(message) == ["header", "section", "section", "context"]
    usage = message["blocks"][2]["text"]["text"]
    assert usage.startswith("*How to use it*\n`/")
    assert f"`{command}" in usage
    assert "Type `/fairer help` for every command." in message["blocks"][3]["elements"][0]["text"]
    assert "No survey matches" not in json.dumps(message)


def test_survey_help_is_help_not_a_search(slack, plan):
    message = slack.command("/survey", "help").get_json()
    assert message["blocks"][0]["text"]["text"] == "/survey help"
    assert "`/survey &lt;name&gt;`" in json.dumps(message)


@pytest.mark.parametrize("command", ["/digest", "/fairer"])
def test_an_unknown_subcommand_gets_the_help_naming_it(slack, plan, command):
    message = slack.command(command, "frobnicate now").get_json()
    assert block_kit_problems(message) == []
    assert message["blocks"][0]["text"]["text"] == (
        "Sorry, I do not know “frobnicate”. Here is what I can do."
    )
    assert shape(message)[1:] == ["header", "section", "section", "context"]


def test_fairer_help_lists_every_command(slack, plan):
    usage = slack.command("/fairer", "help").get_json()["blocks"][2]["text"]["text"]
    for command in ("/area", "/actions", "/survey", "/digest subscribe", "/fairer login"):
        assert f"`{command}" in usage
