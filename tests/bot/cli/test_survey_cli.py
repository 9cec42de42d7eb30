"""`fairer survey …` as an officer runs it: load, invites and the summary's JSON shape."""

from __future__ import annotations

import json

from click.testing import CliRunner

from bot.cli.main import main
from tests.engagement.survey_factories import EXAMPLE
from tests.survey_fixtures import respond
from tests.surveys.survey_helpers import SLUG, open_example_survey


def test_the_example_survey_loads_and_reloads_from_the_command_line(db_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    runner = CliRunner()
    first = runner.invoke(main, ["survey", "load", str(EXAMPLE)])
    again = runner.invoke(main, ["survey", "load", str(EXAMPLE)])
    assert first.exit_code == 0 and again.exit_code == 0
    assert first.output.startswith("Created survey 'draft-priorities'")
    assert again.output.startswith("Updated survey 'draft-priorities'")


def test_the_command_prints_the_codes_one_a_line(sqlite_url, monkeypatch):
    open_example_survey(sqlite_url, invite_only=True)
    monkeypatch.setenv("DATABASE_URL", sqlite_url)

    result = CliRunner().invoke(main, ["survey", "invites", SLUG, "4"])
    unknown = CliRunner().invoke(main, ["survey", "invites", "no-such-survey", "4"])

    assert result.exit_code == 0
    assert [
        line for line in result.stdout.splitlines() if line.startswith("INV-")
    ] == result.stdout.split()
    assert len(result.stdout.split()) == 4
    assert unknown.exit_code == 1 and "There is no survey 'no-such-survey'" in unknown.output


def test_summary_json_has_the_contract_shape(sampleton, monkeypatch):
    engine, survey, definition = sampleton
    respond(
        engine,
        survey,
        definition,
        12,
        comments="The buses are a joke and nothing ever changes round here",
    )
    monkeypatch.setenv("DATABASE_URL", str(engine.url))
    monkeypatch.setenv("FAIRER_LOCAL_AUTHORITIES", "E06999999")
    result = CliRunner().invoke(main, ["survey", "summary", "draft-priorities", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"survey", "responses", "questions", "comments", "representation"}
    likert = data["questions"][0]
    assert set(likert) >= {
        "key",
        "prompt",
        "kind",
        "n",
        "agree_pct",
        "agree_ci95",
        "counts",
        "by_group",
    }
    assert likert["counts"]["agree"] == 12
    assert set(data["comments"]) >= {
        "n",
        "positive_pct",
        "neutral_pct",
        "negative_pct",
        "mean_polarity",
        "themes",
    }
    assert data["comments"]["n"] == 12 and data["comments"]["negative_pct"] == 100.0
    assert {"theme": "Transport", "n": 12} in data["comments"]["themes"]
    assert set(data["representation"][0]) >= {
        "area_code",
        "area_name",
        "responses",
        "population",
        "per_1000",
        "imd_decile",
    }
    ranking = next(q for q in data["questions"] if q["key"] == "top_issues")
    assert ranking["first_choice_pct"]["cost_of_living"] == 100.0
    assert ranking["mean_rank"]["housing"] == 2.0
