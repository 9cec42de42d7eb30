"""Injection strings through every field a person or file can set: how many reached Slack, and
how many of those were live. Every one must be inert (issue 16, item 2).

The injection test (tests/bot/test_injection.py) puts its hostile text into every such field and
drives every reply; here it is run once for each hostile string below, its requests recorded,
and every outgoing message (command replies, Web API calls, digests) counted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest

from storage.db import engine_for
from tests.bot import test_injection
from tests.bot.digest_helpers import last_weeks_digest
from tests.bot.test_injection import (  # noqa: F401 (hostile_borough is a fixture)
    hostile_borough,
    leaks,
    shown_texts,
)
from tests.bot.test_injection import (
    test_nothing_a_person_or_file_sets_comes_out_live as drive_every_reply,
)
from tests.reliability.attacks import hostile_tokens, inert_count, live_count
from tests.slack_fixtures import PUBLIC_BASE_URL
from tests.slack_helpers import SlackClient

HOSTILE = [
    test_injection.EVIL,
    "<!everyone> <!subteam^S0EVIL> <#C0EVIL|general> <mailto:e@x.org|Mail> <https://x.org> &lt;",
    "<!channel|channel> <!date^1392734382^{date_short}|Feb 18> <@W0EVIL> <!here>",
]


@dataclass
class RecordingSlack(SlackClient):
    """A SlackClient that keeps every JSON reply the app gave."""

    replies: list = field(default_factory=list)

    def post(self, body, *, content_type, **header_options):
        answer = super().post(body, content_type=content_type, **header_options)
        if answer.is_json:
            self.replies.append(answer.get_json())
        return answer


@pytest.fixture(params=range(len(HOSTILE)), ids=["evil", "links", "dates"])
def hostile(request, monkeypatch):
    """The sample borough with one of HOSTILE in every field a person or file sets."""
    monkeypatch.setattr(test_injection, "EVIL", HOSTILE[request.param])
    return HOSTILE[request.param], request.getfixturevalue("hostile_borough")


def test_every_injection_reaching_slack_is_inert(slack_app, fake_slack, hostile, figures):
    evil, url = hostile
    slack = RecordingSlack(slack_app.test_client())

    drive_every_reply(slack, fake_slack, url)  # asserts nothing came out live, as it counts

    engine = engine_for(url)
    digests = [
        last_weeks_digest(engine, text, channel_id="C0EVIL0001", public_base_url=PUBLIC_BASE_URL)
        for text in ("subscribe", "subscribe heathfield", "subscribe sampleton-evil")
    ]
    engine.dispose()
    messages = slack.replies + [c.params for c in fake_slack.calls] + digests
    shown = [text for message in messages for text in shown_texts(message)]
    live = [leak for n, message in enumerate(messages) for leak in leaks(f"#{n}", message)]
    record = figures(
        messages=len(messages),
        injections_reaching_slack=inert_count(shown, hostile_tokens(evil)),
        live=len(live) + live_count(shown, hostile_tokens(evil)),
    )

    assert live == [], "\n".join(live)
    assert record["live"] == 0
    # The hostile text did reach Slack, escaped, from every part of the drive: not vacuous.
    assert record["injections_reaching_slack"] >= 300, json.dumps(messages)[:2000]
