"""Officer pages show people by the names Slack gave, and by Slack ID only when none is known."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from bot.cli.main import main
from engagement.officers.names import remember_names
from storage import session_scope
from storage.db import engine_for
from tests.action_fixtures import OTHER_USER, USER_ID
from tests.officer_fixtures import ADMIN_USER_ID, sign_in
from tests.surveys.officers.test_actions_pages import table_rows
from tests.surveys.pages import parse, text


def name(url: str, **names: str) -> None:
    with session_scope(engine_for(url)) as session:
        remember_names(session, names)


@pytest.fixture
def client(slack_app, plan):
    client = slack_app.test_client()
    sign_in(client)
    return client


def test_the_home_page_says_who_is_signed_in_by_name(client, sample_url):
    assert "as user U0TEST0001" in text(parse(client.get("/officers")).select_one("#signed-in-as"))
    name(sample_url, **{USER_ID: "Asha Patel"})
    said = text(parse(client.get("/officers")).select_one("#signed-in-as"))
    assert said == "Signed in with Slack as Asha Patel"


def test_actions_show_owners_by_name_and_the_filter_offers_names(client, sample_url):
    name(sample_url, **{USER_ID: "Asha Patel"})
    page = parse(client.get("/officers/actions"))
    owners = {row["Reference"]: row["Owner"] for row in table_rows(page)}
    # OTHER_USER's name was never learnt: the ID stands in.
    assert owners == {
        "HP-01": "Asha Patel",
        "HP-02": OTHER_USER,
        "CA-01": OTHER_USER,
        "BW-01": "Asha Patel",
    }
    options = [(o["value"], text(o)) for o in page.select("select#owner option")]
    assert options == [("", "Anyone"), (USER_ID, "Asha Patel"), (OTHER_USER, OTHER_USER)]
    filtered = parse(client.get(f"/officers/actions?owner={USER_ID}"))
    assert [row["Reference"] for row in table_rows(filtered)] == ["HP-01", "BW-01"]
    assert "Asha Patel" in text(filtered.select_one("select#owner option[selected]"))


def test_the_sign_ins_page_names_each_officer(slack_app, sample_url):
    client = slack_app.test_client()
    sign_in(client, admin=True)
    name(sample_url, **{ADMIN_USER_ID: "Sam Jones"})
    page = parse(client.get("/officers/sign-ins"))
    cells = [text(row.select_one("td, th")) for row in page.select("tbody tr")]
    assert cells and set(cells) == {"Sam Jones"}


def test_fairer_names_refresh_learns_names_from_slack(monkeypatch, sample_url, plan, fake_slack):
    fake_slack.add_user(USER_ID, "Asha", real_name="Asha Patel")
    for variable in ("SECRET_KEY", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("DATABASE_URL", sample_url)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test-token")
    monkeypatch.setenv("SLACK_API_URL", fake_slack.api_url)
    result = CliRunner().invoke(main, ["names", "refresh"])
    assert result.exit_code == 0, result.output
    # The two owners; users.info does not know OTHER_USER.
    assert result.output == "Stored the names of 1 of 2 people.\n"
    again = CliRunner().invoke(main, ["names", "refresh"])
    assert (
        again.output == "Stored the names of 0 of 1 people.\n"
    )  # Asha is fresh; asks only for the other


def test_fairer_names_set_and_its_refusals(monkeypatch, sample_url):
    monkeypatch.setenv("DATABASE_URL", sample_url)
    done = CliRunner().invoke(main, ["names", "set", "U0DEMO0001", "  Demo   Officer "])
    assert done.output == "U0DEMO0001 is shown as Demo Officer.\n"
    refused = CliRunner().invoke(main, ["names", "set", "not-an-id", "Someone"])
    assert refused.exit_code == 1
    assert "'not-an-id' is not a Slack user ID" in refused.output
