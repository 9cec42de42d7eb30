"""Text that people and files set cannot ping a channel, mention someone or make a link in Slack.

`<!channel>`, `<!here>`, `<@U0EVIL>`, `<http://evil.example|Open the results>` and `&` go into
every field a person or a file can set: an area's name (custom area YAML), an indicator's name,
a survey's title, prompts and options (survey YAML) and comments (responses), an action's title,
theme, description and partners (the plan) and update note (the Update modal), an officer's name
(users.info), a digest's subscription and the text typed after a command. Then every reply the
app sends is rendered — commands, the Home tab, modals, reminders, digests, share-in-channel —
and every outgoing message, in its blocks and its fallback `text`, must hold no live token other
than the app's own links (to PUBLIC_BASE_URL), mentions of real user IDs and date tokens.
"""

from __future__ import annotations

import json
import re

import pytest
import yaml

from bot.config import Settings
from bot.jobs.reminders import send_action_reminders
from engagement.areas.custom import load_custom_areas
from engagement.areas.indicator_import import import_indicators
from engagement.surveys.store import find_survey, load_survey
from storage import session_scope
from storage.db import engine_for
from tests.action_fixtures import update_buttons
from tests.bot.digest_helpers import last_weeks_digest
from tests.engagement.action_factories import create_action, days_from_today
from tests.engagement.survey_factories import EXAMPLE, create_response
from tests.slack_fixtures import PUBLIC_BASE_URL
from tests.slack_helpers import (
    SIGNING_SECRET,
    USER_ID,
    block_actions_payload,
    view_submission_payload,
)

EVIL = "<!channel> <!here> <@U0EVIL> <http://evil.example|Open the results> &"
EVIL_OWNER = "U0EVILOWN1"  # a real user whose display name is hostile
OURS = re.compile(
    r"<!date\^\d+\^\{date_short\}\|[^<>]*>"  # Slack's date token, from bot/blocks/actions.py
    r"|<@U(?!0EVIL>)[A-Z0-9]+>|<#C[A-Z0-9]+>"  # mentions built from stored user and channel IDs
    + rf"|<{re.escape(PUBLIC_BASE_URL)}/[^<>|]*\|[^<>]*>"  # the app's own links
)
LIVE = re.compile(r"<[!@#]|<(?:https?|mailto):", re.IGNORECASE)
RAW_AMPERSAND = re.compile(r"&(?!amp;|lt;|gt;)")
TYPED = [
    ("/area", EVIL),
    ("/survey", EVIL),
    ("/actions", EVIL),
    ("/actions", f"theme {EVIL}"),
    ("/digest", f"subscribe {EVIL}"),
    ("/digest", f"frobnicate {EVIL}"),
    ("/fairer", EVIL),
]
COMMANDS = [
    ("/area", "evil"),
    ("/area", "sampleton-evil"),
    ("/area", "heathfield"),
    ("/survey", ""),
    ("/survey", "hostile priorities"),
    ("/actions", ""),
    ("/actions", "mine"),
    ("/actions", "all"),
    ("/actions", "heathfield"),
    ("/actions", "overdue"),
    ("/actions", "theme Food"),
    ("/digest", "subscribe"),
    ("/digest", "list"),
    ("/fairer", "login"),
    ("/fairer", ""),
]


def shown_texts(value, *, plain: bool = False) -> list[str]:
    """Return every mrkdwn or fallback text in a Slack body (plain_text and raw_text objects are
    shown as they are, so a token there is inert)."""
    found = []
    if isinstance(value, dict):
        is_plain = value.get("type") in ("plain_text", "raw_text")  # a table cell is raw_text
        for key, item in value.items():
            if key == "text" and isinstance(item, str):
                if not is_plain:
                    found.append(item)
            elif key in ("view", "blocks") and isinstance(item, str) and item[:1] in ("{", "["):
                found += shown_texts(json.loads(item))
            else:
                found += shown_texts(item)
    elif isinstance(value, list):
        for item in value:
            found += shown_texts(item)
    return found


def leaks(where: str, body) -> list[str]:
    """Return each live token (or unescaped &) in body's shown texts, with some context."""
    found = []
    for text in shown_texts(body):
        inert = OURS.sub("", text)
        for pattern in (LIVE, RAW_AMPERSAND):
            for match in pattern.finditer(inert):
                start = max(match.start() - 40, 0)
                found.append(f"{where}: …{inert[start : match.end() + 40]}…")
    return found


def hostile_survey(tmp_path) -> object:
    data = yaml.safe_load(EXAMPLE.read_text())
    data["slug"] = "hostile-priorities"
    data.pop("translations", None)  # the Welsh names the options the English has
    data["title"] = f"Hostile priorities {EVIL}"
    for page in data["pages"]:
        page["title"] = f"{page['title']} {EVIL}"
        for question in page["questions"]:
            if "prompt" in question:
                question["prompt"] = f"{question['prompt']} {EVIL}"
            if "short" in question:
                question["short"] = f"{question['short']} {EVIL}"
            if question.get("key") == "top_issues":
                question["options"] = [*question["options"][:-1], f"Transport {EVIL}"]
    path = tmp_path / "hostile.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return path


@pytest.fixture
def hostile_borough(sample_url, tmp_path, fake_slack):
    """The sample borough where every field a person or file sets carries EVIL."""
    areas = tmp_path / "areas.yml"
    areas.write_text(
        yaml.safe_dump(
            {
                "areas": [
                    {
                        "code": "sampleton-evil",
                        "name": f"Evil {EVIL}",
                        "local_authority": "E06999999",
                        "members": ["E02900001"],
                    }
                ]
            }
        )
    )
    indicators = tmp_path / "indicators.csv"
    indicators.write_text(
        "area_code,indicator,period,value,lower_ci,upper_ci,polarity\n"
        f"sampleton-evil,Fuel poverty {EVIL} (%),2019,18.0,16.0,20.0,lower\n"
        f"sampleton-evil,Fuel poverty {EVIL} (%),2021,21.0,19.0,23.0,lower\n"
        f"E06999999,Fuel poverty {EVIL} (%),2021,14.5,,,lower\n"
    )
    engine = engine_for(sample_url)
    with session_scope(engine) as session:
        load_custom_areas(session, areas)
        import_indicators(session, indicators)
        for n, owner in enumerate((USER_ID, EVIL_OWNER)):
            create_action(
                session,
                reference=f"EV-0{n + 1}",
                title=f"Action {EVIL}",
                owner_id=owner,
                due=days_from_today(-3),
                theme=f"Food {EVIL}",
                description=f"Description {EVIL}",
                partners=f"Partners {EVIL}",
                areas=(("E02900001", "Heathfield & Priory Park"),),
            )
        load_survey(session, hostile_survey(tmp_path))
        survey, definition = find_survey(session, "hostile-priorities")
        for n in range(12):
            create_response(
                session,
                survey=survey,
                definition=definition,
                comments=f"Comment {n} {EVIL}",
                neighbourhood="Heathfield & Priory Park",
            )
    engine.dispose()
    fake_slack.add_user(EVIL_OWNER, EVIL, real_name=EVIL)
    fake_slack.add_user(USER_ID, f"Officer {EVIL}")
    return sample_url


def test_nothing_a_person_or_file_sets_comes_out_live(slack, fake_slack, hostile_borough):
    found, replies = [], {}
    for command, text in COMMANDS + TYPED:
        response = slack.command(command, text)
        assert response.status_code == 200, (command, text)
        body = response.get_json()
        replies[(command, text)] = body
        found += leaks(f"{command} {text}", body)
    # The hostile text did reach the replies, escaped: the test is not vacuous.
    everything = json.dumps(list(replies.values()))
    assert everything.count("!channel") >= 10

    # The Update modal, and a hostile note saved through it.
    [first, *_] = update_buttons(replies[("/actions", "mine")])
    slack.interaction(
        block_actions_payload(
            first["action_id"], value=first["value"], response_url=fake_slack.new_response_url()
        )
    )
    modal = fake_slack.wait_for("views.open")[-1].params["view"]
    modal = json.loads(modal) if isinstance(modal, str) else modal
    values = {
        "status": {"status": {"type": "static_select", "selected_option": {"value": "at_risk"}}},
        "note": {"note": {"type": "plain_text_input", "value": f"Note {EVIL}"}},
    }
    saved = slack.interaction(
        view_submission_payload(
            modal["callback_id"], values, private_metadata=modal["private_metadata"]
        )
    )
    assert saved.status_code == 200
    found += leaks("update saved", saved.get_json() if saved.data else {})
    found += leaks("actions after the note", slack.command("/actions", "mine").get_json())

    # Share in channel, from every reply that offers it.
    for body in replies.values():
        for block in body.get("blocks", []):
            for element in block.get("elements", []):
                if element.get("action_id") == "share_in_channel":
                    slack.click(
                        "share_in_channel",
                        value=element["value"],
                        response_url=fake_slack.new_response_url(),
                    )

    # The Home tab and the Find an area modal.
    slack.event(
        {"type": "app_home_opened", "user": USER_ID, "tab": "home", "event_ts": "1.2"},
        event_id="Ev0EVIL0001",
    )
    fake_slack.wait_for("views.publish")
    slack.interaction(block_actions_payload("home_find_area", value="find"))

    # Reminders to the owners of overdue actions.
    settings = Settings.from_env(
        {
            "TESTING": True,
            "DATABASE_URL": hostile_borough,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_BOT_TOKEN": "xoxb-test-token",
            "SLACK_API_URL": fake_slack.api_url,
            "PUBLIC_BASE_URL": PUBLIC_BASE_URL,
        }
    )
    send_action_reminders(settings)

    methods = [call.method for call in fake_slack.calls]
    assert methods.count("response_url") >= 4  # shares of /area, /survey, /actions replies
    assert {"views.open", "views.publish", "chat.postMessage", "users.info"} <= set(methods)
    for call in fake_slack.calls:
        found += leaks(f"{call.method}", call.params)
    assert found == [], "\n".join(found)


def test_no_digest_holds_a_live_token(fake_slack, hostile_borough):
    engine = engine_for(hostile_borough)
    found, shown = [], ""
    for text in ("subscribe", "subscribe heathfield", "subscribe sampleton-evil"):
        message = last_weeks_digest(
            engine, text, channel_id="C0EVIL0001", public_base_url=PUBLIC_BASE_URL
        )
        found += leaks(f"digest {text}", message)
        shown += json.dumps(message)
    engine.dispose()
    assert "!channel" in shown  # the hostile survey or actions are in the digest
    assert found == [], "\n".join(found)
