"""Publishing a participatory budgeting round posts its summary to Slack, escaped, once."""

from __future__ import annotations

from sqlalchemy import select

from bot.config import Settings
from bot.jobs.pb_results import publish_and_announce
from engagement.pb.paper import import_paper_ballots
from engagement.pb.rounds import load_round
from storage import session_scope
from storage.action_models import Action
from storage.db import engine_for
from tests.action_fixtures import posted_json
from tests.block_kit import block_kit_problems
from tests.engagement.pb.rounds import round_file
from tests.slack_helpers import SIGNING_SECRET


def settings_for(url: str, fake_slack) -> Settings:
    return Settings.from_env(
        {
            "TESTING": True,
            "DATABASE_URL": url,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_BOT_TOKEN": "xoxb-test-token",
            "SLACK_API_URL": fake_slack.api_url,
            "PUBLIC_BASE_URL": "https://fairer.example.org",
        }
    )


def test_the_results_are_posted_with_titles_escaped(sample_url, fake_slack, tmp_path):
    path = round_file(tmp_path)
    path.write_text(path.read_text().replace("Mural", "Mural <!channel> & more"))
    ballots = tmp_path / "paper.csv"
    ballots.write_text(
        "projects\n" + "Mural <!channel> & more\n" * 3 + "Youth club kit\n" * 11, encoding="utf-8"
    )
    with session_scope(engine_for(sample_url)) as session:
        load_round(session, path)
        import_paper_ballots(session, "castle-fund", ballots, entered_by="t")

    said = publish_and_announce(
        "castle-fund",
        channel="C0PB",
        published_by="U1",
        settings=settings_for(sample_url, fake_slack),
    )
    assert said.endswith("Posted the summary to C0PB.")
    [call] = fake_slack.calls_to("chat.postMessage")
    body = posted_json(call)
    assert body["channel"] == "C0PB"
    assert block_kit_problems(body) == []
    text = "\n".join(
        b["text"]["text"] if "text" in b else b["elements"][0]["text"] for b in body["blocks"]
    )
    assert "<!channel>" not in text
    assert "*Mural &lt;!channel&gt; &amp; more* (£2,000), [c] fewer than 10 votes" in text
    assert "*Youth club kit* (£5,000), 11 votes" in text
    assert "2 project(s) funded, £7,000 spent, £3,000 left. Ballots: 14." in text
    assert "<https://fairer.example.org/pb/castle-fund/results|Full results>" in text
    with session_scope(engine_for(sample_url)) as session:
        assert len(session.scalars(select(Action)).all()) == 2


def test_a_failed_post_leaves_the_results_published(sample_url, fake_slack, tmp_path):
    with session_scope(engine_for(sample_url)) as session:
        load_round(session, round_file(tmp_path))
    fake_slack.error("chat.postMessage", "channel_not_found")
    said = publish_and_announce(
        "castle-fund",
        channel="C0GONE",
        published_by="U1",
        settings=settings_for(sample_url, fake_slack),
    )
    assert "The Slack post failed (channel_not_found)" in said
    assert said.startswith("Published the results of 'castle-fund'")
