"""`fairer import-actions` as an officer runs it: the example plan, bad rows on stderr, and owners
named by e-mail looked up with users.lookupByEmail on the fake Slack Web API."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from bot.cli.main import main
from storage import session_scope
from storage.action_models import Action, ActionArea
from storage.db import engine_for
from tests.engagement.action_factories import write_plan

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


@pytest.fixture
def fairer(monkeypatch):
    def run(url: str, *args, **env):
        monkeypatch.setenv("DATABASE_URL", url)
        for name in (
            "SLACK_BOT_TOKEN",
            "SECRET_KEY",
            "SLACK_SIGNING_SECRET",
            "FAIRER_LOCAL_AUTHORITIES",
        ):
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return run


def actions_in(url: str) -> dict[str, Action]:
    with session_scope(engine_for(url)) as session:
        return {a.reference: a for a in session.scalars(select(Action))}


def test_the_example_plan_imports_into_norwichs_target_areas(fairer, england_copy_url):
    assert fairer(england_copy_url, "areas", "load", str(EXAMPLES / "areas.yml")).exit_code == 0
    result = fairer(
        england_copy_url,
        "import-actions",
        str(EXAMPLES / "actions.csv"),
        FAIRER_LOCAL_AUTHORITIES="E07000148",
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Imported actions.csv: ")
    actions = actions_in(england_copy_url)
    assert 8 <= len(actions) <= 12
    assert {a.status for a in actions.values()} >= {
        "not_started",
        "on_track",
        "at_risk",
        "complete",
        "dropped",
    }
    with session_scope(engine_for(england_copy_url)) as session:
        codes = set(session.scalars(select(ActionArea.area_code)))
    assert codes == {
        "norwich-heartsease",
        "norwich-lakenham",
        "norwich-mile-cross",
        "norwich-north-earlham",
    }
    again = fairer(england_copy_url, "import-actions", str(EXAMPLES / "actions.csv"))
    assert f"0 new, 0 updated, {len(actions)} unchanged" in again.output


def test_bad_rows_go_to_stderr_one_per_line_and_nothing_is_imported(fairer, sqlite_url, tmp_path):
    path = write_plan(
        tmp_path / "plan.csv",
        [
            {"reference": "A-1", "title": "Walks", "due": "by Smarch 2027"},
            {"reference": "A-2", "title": "", "status": "green"},
        ],
    )
    result = fairer(sqlite_url, "import-actions", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "plan.csv: 2 rows have problems, so nothing was imported.",
        "line 2, column 'due': 'by Smarch 2027' is not a date such as 2027-03-31 or 31/03/2027, "
        "or a milestone such as "
        "'by March 2027': write a date such as 2027-03-31 or 31/03/2027, "
        "or a milestone such as 'by March 2027'.",
        "line 3, column 'title': missing: every action needs one.",
        "line 3, column 'status': 'green' is not a status: "
        "use one of not started, on track, at risk, off track, "
        "complete, dropped.",
    ]
    assert actions_in(sqlite_url) == {}


def test_a_missing_file_is_one_sentence_on_stderr(fairer, sqlite_url, tmp_path):
    result = fairer(sqlite_url, "import-actions", str(tmp_path / "nope.csv"))
    assert (
        result.exit_code == 1 and result.stderr.strip() == f"{tmp_path / 'nope.csv'}: no such file."
    )


EMAIL_ROWS = [
    {"reference": "E-1", "title": "One", "owner": "sam.jones@norwich.gov.uk"},
    {"reference": "E-2", "title": "Two", "owner": "ghost@norwich.gov.uk"},
]


def slack_env(fake_slack) -> dict[str, str]:
    return {"SLACK_BOT_TOKEN": "xoxb-test-token", "SLACK_API_URL": fake_slack.api_url}


def test_owners_by_email_are_looked_up_in_slack(fairer, sqlite_url, tmp_path, fake_slack):
    path = write_plan(tmp_path / "plan.csv", EMAIL_ROWS[:1])
    result = fairer(sqlite_url, "import-actions", str(path), **slack_env(fake_slack))
    assert result.exit_code == 0, result.output
    [call] = fake_slack.calls_to("users.lookupByEmail")
    assert call.params["email"] == "sam.jones@norwich.gov.uk" and call.token == "xoxb-test-token"
    owner = actions_in(sqlite_url)["E-1"].owner_id
    assert owner.startswith("U") and owner != "U0OWNER001"


def test_an_email_slack_does_not_know_is_a_bad_row(fairer, sqlite_url, tmp_path, fake_slack):
    fake_slack.queue("users.lookupByEmail", body={"ok": True, "user": {"id": "U0SAMJONES"}})
    fake_slack.error("users.lookupByEmail", "users_not_found")
    result = fairer(
        sqlite_url,
        "import-actions",
        str(write_plan(tmp_path / "plan.csv", EMAIL_ROWS)),
        **slack_env(fake_slack),
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1:] == [
        "line 3, column 'owner': no Slack user has the e-mail address ghost@norwich.gov.uk."
    ]
    assert actions_in(sqlite_url) == {}


def test_a_rate_limited_lookup_is_retried(fairer, sqlite_url, tmp_path, fake_slack):
    fake_slack.rate_limit("users.lookupByEmail", retry_after=0)
    result = fairer(
        sqlite_url,
        "import-actions",
        str(write_plan(tmp_path / "plan.csv", EMAIL_ROWS[:1])),
        **slack_env(fake_slack),
    )
    assert result.exit_code == 0, result.stderr
    assert len(fake_slack.calls_to("users.lookupByEmail")) == 2


@pytest.mark.parametrize("shape", ["error", "rate_limit"])
def test_when_slack_cannot_answer_the_import_stops_and_says_why(
    fairer, sqlite_url, tmp_path, fake_slack, shape
):
    if shape == "error":
        fake_slack.error("users.lookupByEmail", "invalid_auth")
        reason = "users.lookupByEmail answered invalid_auth"
    else:
        fake_slack.rate_limit("users.lookupByEmail", retry_after=0, times=2)
        reason = "users.lookupByEmail answered ratelimited"
    result = fairer(
        sqlite_url,
        "import-actions",
        str(write_plan(tmp_path / "plan.csv", EMAIL_ROWS[:1])),
        **slack_env(fake_slack),
    )
    assert result.exit_code == 1
    assert (
        result.stderr.strip()
        == f"Could not look up owners' e-mail addresses in Slack ({reason}); nothing was imported."
    )


def test_areas_are_resolved_like_the_area_command(fairer, sample_url, tmp_path):
    path = write_plan(
        tmp_path / "plan.csv", [{"reference": "H-1", "title": "Walks", "areas": "heathfield"}]
    )
    assert fairer(sample_url, "import-actions", str(path)).exit_code == 0
    with session_scope(engine_for(sample_url)) as session:
        assert session.scalars(select(ActionArea.area_name)).all() == ["Heathfield & Priory Park"]


def test_the_sample_plan_imports_into_the_sample_borough_for_the_demo(fairer, sample_url):
    result = fairer(sample_url, "import-actions", str(EXAMPLES / "sample-actions.csv"))
    assert result.exit_code == 0, result.stderr
    assert result.output.startswith("Imported sample-actions.csv: 5 new")
    assert all(a.description.startswith("Sample data:") for a in actions_in(sample_url).values())
