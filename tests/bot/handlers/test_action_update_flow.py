"""Updating an action from Slack: the Update button opens a modal (views.open), saving it records
the update once and refreshes the list where it was clicked: a command's reply (response_url), a
posted message (chat.update) or the App Home (views.publish). All through POST /slack/events
with payloads shaped like Slack's, and the fake Slack Web API answering, errors included."""

from __future__ import annotations

import json
import threading

import pytest

from engagement.actions.plans import history
from storage import session_scope
from storage.db import engine_for
from tests.action_fixtures import OTHER_USER, make_plan, posted_json, update_buttons
from tests.block_kit import block_kit_problems
from tests.slack_helpers import (
    ADMIN_USER_ID,
    USER_ID,
    SlackClient,
    block_actions_payload,
    view_submission_payload,
)

DM_CHANNEL = "D0OWNER001"


def listing(slack, text="heathfield", user_id=USER_ID) -> dict:
    return slack.command("/actions", text, user_id=user_id).get_json()


def click_update(slack, button: dict, *, user_id=USER_ID, response_url=None, container=None):
    payload = block_actions_payload(
        button["action_id"],
        value=button["value"],
        user_id=user_id,
        response_url=response_url or "https://hooks.slack.test/actions/1",
        container=container,
        text="Update",
    )
    return slack.interaction(payload), payload


def opened_modal(fake_slack, index: int = -1) -> dict:
    return posted_json(fake_slack.wait_for("views.open")[index])["view"]


def submission(
    modal: dict, *, status: str, note: str = "", user_id=USER_ID, view_id="V0MODAL001"
) -> dict:
    values = {
        "status": {"status": {"type": "static_select", "selected_option": {"value": status}}},
        "note": {"note": {"type": "plain_text_input", "value": note or None}},
    }
    return view_submission_payload(
        modal["callback_id"],
        values,
        user_id=user_id,
        private_metadata=modal["private_metadata"],
        view_id=view_id,
    )


def notes(url: str, action_id: int) -> list[tuple[str, str, str]]:
    with session_scope(engine_for(url)) as session:
        return [(e.user_id, e.to_status.key, e.note) for e in history(session, action_id)][1:]


def view_problems(view: dict) -> list[str]:
    """Block Kit problems of a modal or Home view, checked with the message rules plus the view's
    own."""
    problems = block_kit_problems({"text": "view", "blocks": view["blocks"]})
    limit = 100
    if len(view["blocks"]) > limit:
        problems.append(f"{len(view['blocks'])} blocks in a view")
    for key in ("title", "submit", "close"):
        if key in view and len(view[key]["text"]) > 24:
            problems.append(f"{key} longer than 24 characters")
    if len(view.get("private_metadata", "")) > 3000:
        problems.append("private_metadata too long")
    return problems


def test_the_owner_updates_from_the_list_and_the_list_is_replaced_with_the_new_status(
    slack, fake_slack, plan, sample_url
):
    first = update_buttons(listing(slack))[0]
    response_url = fake_slack.new_response_url()
    response, clicked = click_update(slack, first, response_url=response_url)
    assert response.status_code == 200

    [call] = fake_slack.calls_to("views.open")
    assert call.params["trigger_id"] == clicked["trigger_id"]
    modal = opened_modal(fake_slack)
    assert view_problems(modal) == []
    assert modal["type"] == "modal" and modal["callback_id"] == "action_update"
    assert modal["blocks"][1]["element"]["initial_option"]["value"] == "on_track"
    assert [o["value"] for o in modal["blocks"][1]["element"]["options"]] == [
        "not_started",
        "on_track",
        "at_risk",
        "off_track",
        "complete",
        "dropped",
    ]
    assert json.loads(modal["private_metadata"]) == {
        "a": plan["HP-01"],
        "l": "area:E02900001",
        "url": response_url,
    }

    saved = slack.interaction(
        submission(modal, status="at_risk", note="The church hall is closed <!here>.")
    )
    assert (
        saved.status_code == 200 and saved.get_data(as_text=True) == ""
    )  # empty ack: the modal closes
    assert notes(sample_url, plan["HP-01"]) == [
        (USER_ID, "at_risk", "The church hall is closed <!here>.")
    ]

    [refreshed] = fake_slack.responses
    assert refreshed.path == response_url.removeprefix(fake_slack.url)
    assert refreshed.params["replace_original"] is True
    assert block_kit_problems(refreshed.params) == []
    text = json.dumps(refreshed.params, ensure_ascii=False)
    assert ":white_check_mark: Saved: *HP-01* is :large_yellow_circle: at risk." in text
    assert "The church hall is closed &lt;!here&gt;." in text and "<!here>" not in text


def test_someone_else_is_told_privately_why_they_cannot_update(slack, fake_slack, plan, sample_url):
    other = update_buttons(listing(slack))[1]  # HP-02 belongs to OTHER_USER
    response_url = fake_slack.new_response_url()
    response, _ = click_update(slack, other, response_url=response_url)
    assert response.status_code == 200
    assert fake_slack.calls_to("views.open") == []
    [told] = fake_slack.responses
    assert told.params["response_type"] == "ephemeral" and told.params["replace_original"] is False
    assert told.params["text"] == (
        f"Only its owner, <@{OTHER_USER}>, or an administrator can update *HP-02*. "
        "Ask them to record the change."
    )
    assert notes(sample_url, plan["HP-02"]) == []


def test_a_submission_from_someone_else_is_refused_in_the_form(slack, fake_slack, plan, sample_url):
    fake_slack.add_user(USER_ID, "Priya Shah")  # the form's error line shows text as it is
    click_update(slack, update_buttons(listing(slack))[0])
    modal = opened_modal(fake_slack)
    response = slack.interaction(
        submission(modal, status="complete", note="Done!", user_id=OTHER_USER)
    )
    assert response.get_json() == {
        "response_action": "errors",
        "errors": {
            "status": "Only the owner (Priya Shah) or an administrator can update this action"
        },
    }
    assert notes(sample_url, plan["HP-01"]) == []


def test_an_admin_may_update_anyones_action(slack, fake_slack, plan, sample_url):
    other = update_buttons(listing(slack, user_id=ADMIN_USER_ID))[1]
    click_update(slack, other, user_id=ADMIN_USER_ID, response_url=fake_slack.new_response_url())
    modal = opened_modal(fake_slack)
    assert (
        slack.interaction(
            submission(modal, status="off_track", note="Budget frozen.", user_id=ADMIN_USER_ID)
        ).status_code
        == 200
    )
    assert notes(sample_url, plan["HP-02"]) == [(ADMIN_USER_ID, "off_track", "Budget frozen.")]


@pytest.mark.parametrize(
    "status, note, errors",
    [
        ("dropped", "", {"note": "Say why the action is being dropped"}),
        ("on_track", "", {"note": "Write a note, or choose a different status"}),
    ],
)
def test_dropping_needs_a_reason_and_an_empty_update_is_refused_in_the_form(
    slack, fake_slack, plan, sample_url, status, note, errors
):
    click_update(slack, update_buttons(listing(slack))[0])
    response = slack.interaction(submission(opened_modal(fake_slack), status=status, note=note))
    assert response.get_json() == {"response_action": "errors", "errors": errors}
    assert notes(sample_url, plan["HP-01"]) == [] and fake_slack.responses == []


def test_a_retried_submission_and_a_double_click_record_one_update(
    slack, fake_slack, plan, sample_url
):
    click_update(
        slack, update_buttons(listing(slack))[0], response_url=fake_slack.new_response_url()
    )
    modal = opened_modal(fake_slack)
    payload = submission(modal, status="complete", note="Ran all summer.", view_id="V0SAME0001")

    assert slack.interaction(payload).status_code == 200
    assert (
        slack.interaction(payload, retry_num=1, retry_reason="http_timeout").status_code == 200
    )  # Slack's retry
    double = submission(
        modal, status="complete", note="Ran all summer.", view_id="V0SAME0001"
    )  # a second click on Save
    assert double["trigger_id"] != payload["trigger_id"]
    assert slack.interaction(double).get_data(as_text=True) == ""

    assert notes(sample_url, plan["HP-01"]) == [(USER_ID, "complete", "Ran all summer.")]
    assert len(fake_slack.responses) == 1  # the list was refreshed once


def test_an_update_from_a_posted_message_edits_that_message(slack, fake_slack, plan, sample_url):
    button = update_buttons(listing(slack))[0]
    container = {
        "type": "message",
        "message_ts": "1700000100.000200",
        "channel_id": DM_CHANNEL,
        "is_ephemeral": False,
    }
    click_update(slack, button, container=container)
    modal = opened_modal(fake_slack)
    assert json.loads(modal["private_metadata"])["channel"] == DM_CHANNEL

    slack.interaction(submission(modal, status="at_risk", note="Short of volunteers."))
    [edit] = fake_slack.calls_to("chat.update")
    assert (edit.params["channel"], edit.params["ts"]) == (DM_CHANNEL, "1700000100.000200")
    assert block_kit_problems(posted_json(edit)) == []
    assert "Short of volunteers." in json.dumps(posted_json(edit))
    assert edit.token == "xoxb-test-token"


def test_a_rate_limited_chat_update_is_retried(slack, fake_slack, plan, sample_url):
    fake_slack.rate_limit("chat.update", retry_after=1)
    container = {
        "type": "message",
        "message_ts": "1700000100.000200",
        "channel_id": DM_CHANNEL,
        "is_ephemeral": False,
    }
    click_update(slack, update_buttons(listing(slack))[0], container=container)
    assert (
        slack.interaction(
            submission(opened_modal(fake_slack), status="at_risk", note="x")
        ).status_code
        == 200
    )
    assert len(fake_slack.calls_to("chat.update")) == 2
    assert notes(sample_url, plan["HP-01"]) == [(USER_ID, "at_risk", "x")]


def test_when_the_message_cannot_be_edited_the_update_still_stands(
    slack, fake_slack, plan, sample_url, caplog
):
    fake_slack.error("chat.update", "message_not_found")
    container = {
        "type": "message",
        "message_ts": "1700000100.000200",
        "channel_id": DM_CHANNEL,
        "is_ephemeral": False,
    }
    click_update(slack, update_buttons(listing(slack))[0], container=container)
    response = slack.interaction(submission(opened_modal(fake_slack), status="at_risk", note="x"))
    assert response.status_code == 200 and response.get_data(as_text=True) == ""
    assert notes(sample_url, plan["HP-01"]) == [(USER_ID, "at_risk", "x")]
    assert "message_not_found" in caplog.text


def test_when_slack_will_not_open_the_form_the_person_is_told_privately(slack, fake_slack, plan):
    fake_slack.error("views.open", "expired_trigger_id")
    response_url = fake_slack.new_response_url()
    click_update(slack, update_buttons(listing(slack))[0], response_url=response_url)
    [told] = fake_slack.responses
    assert (
        told.params["text"]
        == "Slack could not open the update form (expired_trigger_id). Please click *Update* again."
    )
    assert told.params["replace_original"] is False


def test_an_update_from_the_home_tab_republishes_it(slack, fake_slack, plan, sample_url):
    button = update_buttons(listing(slack))[0]
    click_update(slack, button, container={"type": "view", "view_id": "V0HOME0001"})
    modal = opened_modal(fake_slack)
    assert json.loads(modal["private_metadata"])["home"] == 1
    slack.interaction(submission(modal, status="at_risk", note="From home."))
    [published] = fake_slack.calls_to("views.publish")
    assert published.params["user_id"] == USER_ID
    view = posted_json(published)["view"]
    assert view["type"] == "home" and view_problems(view) == []
    assert "From home." in json.dumps(view)


def test_two_officers_saving_at_the_same_moment_keep_both_notes(app_factory, fake_slack, db_url):
    from tests.engagement.action_factories import load_sample_into

    load_sample_into(db_url)
    ids = make_plan(db_url)
    workers = [SlackClient(app_factory(db_url).test_client()) for _ in range(2)]  # two web workers
    click_update(
        workers[0],
        update_buttons(listing(workers[0]))[0],
        response_url=fake_slack.new_response_url(),
    )
    click_update(
        workers[1],
        update_buttons(listing(workers[1], user_id=ADMIN_USER_ID))[0],
        user_id=ADMIN_USER_ID,
        response_url=fake_slack.new_response_url(),
    )
    first, second = opened_modal(fake_slack, 0), opened_modal(fake_slack, 1)
    payloads = [
        submission(first, status="at_risk", note="Owner's note.", view_id="V0ONE00001"),
        submission(
            second,
            status="off_track",
            note="Admin's note.",
            user_id=ADMIN_USER_ID,
            view_id="V0TWO00001",
        ),
    ]
    barrier = threading.Barrier(2)
    statuses = [None, None]

    def save(i):
        barrier.wait(timeout=10)
        statuses[i] = workers[i].interaction(payloads[i]).status_code

    threads = [threading.Thread(target=save, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert statuses == [200, 200]
    assert sorted(n[2] for n in notes(db_url, ids["HP-01"])) == ["Admin's note.", "Owner's note."]
    assert len(fake_slack.responses) == 2  # each officer's list refreshed
