"""/digest subscribe | list | unsubscribe through the real POST /slack/events, on the sample
borough."""

from __future__ import annotations

import json

from sqlalchemy import select

from storage import session_scope
from storage.db import make_engine
from storage.digest_models import DigestSubscription
from tests.block_kit import block_kit_problems
from tests.slack_helpers import CHANNEL_ID, USER_ID


def reply(slack, text):
    response = slack.command("/digest", text)
    assert response.status_code == 200
    body = response.get_json()
    assert body["response_type"] == "ephemeral" and block_kit_problems(body) == []
    return body, json.dumps(body["blocks"], ensure_ascii=False)


def stored(sample_url):
    engine = make_engine(sample_url)
    with session_scope(engine) as session:
        rows = [
            (
                r.channel_id,
                r.scope_kind,
                r.scope_value,
                r.weekday,
                r.time,
                r.timezone,
                r.subscribed_by,
            )
            for r in session.scalars(select(DigestSubscription).order_by(DigestSubscription.id))
        ]
    engine.dispose()
    return rows


def test_subscribe_defaults_to_everything_on_monday_at_nine_london_time(slack, sample_url):
    body, text = reply(slack, "subscribe")
    assert (
        "This channel will now get a weekly digest of *Everything*: "
        "Mondays at 09:00 (Europe/London), next on Monday" in text
    )
    assert stored(sample_url) == [(CHANNEL_ID, "all", "", 0, "09:00", "Europe/London", USER_ID)]


def test_subscribe_to_an_area_at_another_time_then_list_and_unsubscribe(slack, sample_url):
    reply(slack, "subscribe")
    _body, text = reply(slack, "subscribe heathfield weekly fri 14:30")
    assert (
        "*Heathfield &amp; Priory Park*: Fridays at 14:30 (Europe/London), next on Friday" in text
    )
    [_, area] = stored(sample_url)
    assert area[1:5] == ("area", "E02900001", 4, "14:30")

    _body, text = reply(slack, "list")
    assert "This channel gets 2 weekly digests" in text
    assert text.index("*Everything*") < text.index("*Heathfield &amp; Priory Park*")

    _body, text = reply(slack, "unsubscribe")
    assert "Which digest?" in text and "`/digest unsubscribe area E02900001`" in text
    _body, text = reply(slack, "unsubscribe heathfield")
    assert "will no longer get the weekly digest of *Heathfield &amp; Priory Park*" in text
    _body, text = reply(slack, "unsubscribe")
    assert "will no longer get the weekly digest of *Everything*" in text
    assert stored(sample_url) == []
    _body, text = reply(slack, "list")
    assert "This channel has no weekly digests" in text


def test_subscribing_again_changes_the_time_and_never_duplicates(slack, sample_url):
    reply(slack, "subscribe")
    _body, text = reply(slack, "subscribe all weekly tuesday 8:15")
    assert "now gets a weekly digest of *Everything*: Tuesdays at 08:15" in text
    assert [row[3:5] for row in stored(sample_url)] == [(1, "08:15")]


def test_plain_english_errors(slack, sample_url):
    _body, text = reply(slack, "subscribe weekly funday 9:00")
    assert "“funday” is not a day of the week or a time such as 09:00" in text
    _body, text = reply(slack, "subscribe theme allotments")
    assert "No theme matches “allotments”. There are no themes yet." in text
    _body, text = reply(slack, "subscribe survey parking")
    assert "No survey matches “parking”." in text
    _body, text = reply(slack, "subscribe mill cross")
    assert "Several areas match “mill cross”" in text and "Subscribe with the code you mean" in text
    _body, text = reply(slack, "unsubscribe")
    assert "This channel has no weekly digests" in text
    _body, text = reply(slack, "frobnicate")
    assert "Sorry, I do not know “frobnicate”" in text and "`/digest subscribe`" in text
    assert stored(sample_url) == []


def test_what_people_type_is_escaped_in_replies(slack):
    _body, text = reply(slack, "subscribe <!channel> <@U123>")
    assert "<!channel>" not in text and "<@U123>" not in text
    assert "No area matches “&lt;!channel&gt; &lt;@U123&gt;”" in text
    _body, text = reply(slack, "subscribe weekly <!here>")
    assert "<!here>" not in text and "&lt;!here&gt;" in text


def test_subscribing_tells_the_channel_who_set_up_which_digest_and_when(slack, fake_slack):
    body, _text = reply(slack, "subscribe weekly friday 14:00")
    [note] = fake_slack.calls_to("chat.postMessage")
    assert note.params["channel"] == CHANNEL_ID and note.token == "xoxb-test-token"
    posted = json.loads(note.params["blocks"]) if isinstance(note.params["blocks"], str) else None
    posted = posted or note.params["blocks"]
    assert block_kit_problems({"text": note.params["text"], "blocks": posted}) == []
    assert note.params["text"].startswith(
        f"<@{USER_ID}> set up a weekly digest of Everything in this channel: Fridays at 14:00"
    )
    assert "next on Friday" in note.params["text"]
    assert ":warning:" not in json.dumps(body)

    reply(slack, "subscribe weekly monday 09:00")
    changed = fake_slack.calls_to("chat.postMessage")[-1]
    assert changed.params["text"].startswith(f"<@{USER_ID}> changed a weekly digest of Everything")


def test_when_the_note_cannot_be_posted_the_person_is_told_why(slack, fake_slack, sample_url):
    fake_slack.error("chat.postMessage", "not_in_channel")
    _body, text = reply(slack, "subscribe")
    assert "I could not tell the channel about it because I am not a member of that channel" in text
    assert "`/invite @Fairer Places`" in text
    assert len(stored(sample_url)) == 1  # the digest itself is set up
