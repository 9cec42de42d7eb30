"""Share in channel through the real POST /slack/events: the private /survey, /actions and /area
replies carry the button, and a click posts the same figures for the channel through the
response URL, saying who shared them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engagement.areas.sample import sample_tables
from engagement.statistics import wilson_interval
from engagement.surveys.store import find_survey, load_survey
from storage import session_scope
from storage.db import make_engine
from tests.action_fixtures import HOSTILE_TITLE, USER_ID, section_texts, update_buttons
from tests.block_kit import block_kit_problems
from tests.bot.expected import half_up
from tests.engagement.survey_factories import EXAMPLE, create_response
from tests.slack_fixtures import PUBLIC_BASE_URL

SHARE = "share_in_channel"
HOSTILE_SURVEY = "Our priorities <!channel> & <https://evil.example|yours>"


def _load_survey(sample_url, tmp_path: Path, *, title: str | None = None, agree=0, disagree=0):
    source = EXAMPLE.read_text(encoding="utf-8")
    if title is not None:
        source = source.replace(
            "title: Our draft priorities for a fairer city", f"title: {json.dumps(title)}", 1
        )
    path = tmp_path / "survey.yml"
    path.write_text(source, encoding="utf-8")
    engine = make_engine(sample_url)
    with session_scope(engine) as session:
        load_survey(session, path)
        survey, definition = find_survey(session, "draft-priorities")
        for answer, count in (("agree", agree), ("disagree", disagree)):
            for _ in range(count):
                create_response(session, survey=survey, definition=definition, priority_1=answer)
    engine.dispose()


def share_buttons(message: dict) -> list[dict]:
    return [
        e
        for b in message["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == SHARE
    ]


def ask(slack, command: str, text: str, **options) -> dict:
    response = slack.command(command, text, **options)
    assert response.status_code == 200
    message = response.get_json()
    assert block_kit_problems(message) == []
    assert message["response_type"] == "ephemeral"
    return message


def share(slack, fake_slack, value: str, **options) -> dict:
    """Click Share with value; return what the app posted to the click's response URL."""
    response_url = fake_slack.new_response_url()
    response = slack.click(SHARE, value=value, response_url=response_url, **options)
    assert response.status_code == 200
    [posted] = fake_slack.responses
    assert posted.path.endswith(response_url.rsplit("/", 1)[1])
    return posted.params


def without_credit(message: dict) -> list[dict]:
    """Return the blocks other than actions blocks and the Shared by line."""
    return [
        b
        for b in message["blocks"]
        if b["type"] != "actions"
        and not (b["type"] == "context" and b["elements"][0]["text"].startswith("Shared by"))
    ]


def test_survey_summary_is_shared_with_the_same_figures_and_who_shared_it(
    slack, fake_slack, sample_url, tmp_path
):
    _load_survey(sample_url, tmp_path, agree=47, disagree=15)
    private = ask(slack, "/survey", "draft priorities")
    [button] = share_buttons(private)
    assert button["text"]["text"] == "Share in channel"
    assert json.loads(button["value"]) == {"c": "/survey", "t": "draft priorities"}

    shared = share(slack, fake_slack, button["value"])
    assert block_kit_problems(shared) == []
    assert shared["response_type"] == "in_channel"
    assert shared["replace_original"] is False and shared["delete_original"] is False
    assert shared["blocks"][0]["text"]["text"] == "Our draft priorities for a fairer city"
    assert shared["blocks"][1]["elements"][0]["text"] == (
        f"Shared by <@{USER_ID}> · `/survey draft priorities`"
    )
    low, high = wilson_interval(47, 62)
    assert (
        f"{round(100 * 47 / 62)}% agreed, 95% CI {round(100 * low)}–{round(100 * high)}%, "
        "from 62 respondents" in json.dumps(shared["blocks"], ensure_ascii=False)
    )
    assert without_credit(shared) == without_credit(private)
    assert shared["text"] == private["text"]
    assert share_buttons(shared) == []


def test_a_hostile_survey_title_stays_escaped_in_the_channel(
    slack, fake_slack, sample_url, tmp_path
):
    _load_survey(sample_url, tmp_path, title=HOSTILE_SURVEY, agree=12)
    [button] = share_buttons(ask(slack, "/survey", "draft-priorities"))
    shared = share(slack, fake_slack, button["value"])
    assert shared["blocks"][0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": HOSTILE_SURVEY},  # Slack shows plain text as typed
    }
    everything_else = {**shared, "blocks": shared["blocks"][1:]}
    assert "<!channel>" not in json.dumps(everything_else, ensure_ascii=False)
    assert shared["text"].startswith(
        "Our priorities &lt;!channel&gt; &amp; &lt;https://evil.example|yours&gt;: 12 respondents"
    )


def test_the_list_of_surveys_can_be_shared_but_no_match_cannot(slack, sample_url, tmp_path):
    _load_survey(sample_url, tmp_path)
    assert len(share_buttons(ask(slack, "/survey", ""))) == 1
    assert share_buttons(ask(slack, "/survey", "parking permits")) == []


def test_actions_listing_is_shared_without_update_buttons(slack, fake_slack, plan):
    private = ask(slack, "/actions", "heathfield")
    [button] = share_buttons(private)
    assert json.loads(button["value"]) == {"c": "/actions", "t": "heathfield"}
    assert len(update_buttons(private)) == 2

    shared = share(slack, fake_slack, button["value"])
    assert block_kit_problems(shared) == []
    assert shared["response_type"] == "in_channel"
    assert shared["blocks"][0]["text"]["text"] == "Actions: Heathfield & Priory Park"
    assert shared["blocks"][1]["elements"][0]["text"] == (
        f"Shared by <@{USER_ID}> · `/actions heathfield`"
    )
    assert shared["blocks"][2]["elements"][0]["text"] == (
        "*2 actions*: :large_green_circle: 1 on track · :large_yellow_circle: 1 at risk"
        " · :warning: 1 overdue"
    )
    assert section_texts(shared) == section_texts(private)
    assert update_buttons(shared) == [] and share_buttons(shared) == []
    [web] = [e for b in shared["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert web["url"] == f"{PUBLIC_BASE_URL}/officers/actions?area=E02900001"
    raw = json.dumps(shared, ensure_ascii=False)
    assert "<!channel>" not in raw and HOSTILE_TITLE not in raw


def test_mine_is_shared_as_the_clickers_own_actions(slack, fake_slack, plan):
    [button] = share_buttons(ask(slack, "/actions", "mine"))
    shared = share(slack, fake_slack, button["value"])
    assert shared["blocks"][1]["elements"][0]["text"] == f"Shared by <@{USER_ID}> · `/actions mine`"
    assert [t.splitlines()[0] for t in section_texts(shared)] == [
        "*HP-01 · Holiday hunger club &lt;!channel&gt; &amp; &lt;https://evil.example|friends&gt;*",
        "*BW-01 · Baseline profile of each area*",
    ]


def test_answers_that_list_nothing_have_no_share_button(slack, plan):
    assert share_buttons(ask(slack, "/actions", "")) == []  # how to use it
    assert share_buttons(ask(slack, "/actions", "mill cross")) == []  # a choice of areas
    assert share_buttons(ask(slack, "/actions", "theme parks")) == []


@pytest.fixture(scope="module")
def heathfield_avg_rank() -> str:
    """Heathfield & Priory Park's population-weighted average IMD rank from the generated
    sample LSOAs, as shown (stored to 0.1, shown whole)."""
    tables = sample_tables()
    names = tables.msoas.set_index("code")["name"]
    lsoas = tables.lsoas[tables.lsoas["msoa_code"].map(names) == "Heathfield & Priory Park"]
    weights = lsoas["population"]
    return half_up(round((lsoas["imd_rank"] * weights).sum() / weights.sum(), 1))


def test_an_area_profile_is_shared_through_the_share_handler(
    slack, fake_slack, heathfield_avg_rank
):
    value = json.dumps({"c": "/area", "t": "heathfield"})
    shared = share(slack, fake_slack, value)
    assert block_kit_problems(shared) == []
    assert shared["response_type"] == "in_channel"
    assert shared["blocks"][0]["text"]["text"] == "Heathfield & Priory Park"
    assert shared["blocks"][1]["elements"][0]["text"] == (
        f"Shared by <@{USER_ID}> · `/area heathfield`"
    )
    assert heathfield_avg_rank in json.dumps(shared["blocks"], ensure_ascii=False)
    assert share_buttons(shared) == []
    private = ask(slack, "/area", "heathfield")
    assert without_credit(shared) == without_credit(private)


@pytest.mark.parametrize(
    "value",
    [
        "not json",
        '{"c": "/fairer", "t": "login"}',
        '{"c": "/area"}',
        '["/area", "heathfield"]',
    ],
)
def test_a_malformed_value_gets_a_private_error_not_a_failure(slack, fake_slack, value):
    posted = share(slack, fake_slack, value)
    assert posted["response_type"] == "ephemeral" and posted["replace_original"] is False
    assert posted["text"].startswith("Sorry, that reply could not be shared.")


def test_a_click_from_something_that_is_not_a_user_id_is_not_shared(slack, fake_slack):
    value = json.dumps({"c": "/area", "t": "heathfield"})
    posted = share(slack, fake_slack, value, user_id="U0TEST0001><!channel")
    assert posted["response_type"] == "ephemeral"
    assert "<!channel" not in json.dumps(posted)


def test_an_answer_that_is_no_longer_shareable_says_so_privately(slack, fake_slack):
    value = json.dumps({"c": "/survey", "t": "draft priorities"})  # no survey is loaded
    posted = share(slack, fake_slack, value)
    assert posted["response_type"] == "ephemeral"
    assert posted["text"] == "There is nothing to share any more: run the command again to see why."
