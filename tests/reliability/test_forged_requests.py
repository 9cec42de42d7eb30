"""Forged, replayed and malformed Slack requests: sent, processed, 5xx. None may be processed
and none may cause a 5xx (issue 16, item 3). The requests are the request-guard tests' (every
real kind of request, every garbled body and wrong shape), counted here as one figure; the
signed originals are sent last as the control."""

from __future__ import annotations

from bot.app import BOLT_KEY
from tests.bot.test_request_guard import every_table_count, reaching_bolt  # noqa: F401 (fixture)
from tests.reliability.attacks import forged_requests, real_signed_requests, scale, send_forged


def test_no_forged_replayed_or_malformed_request_is_processed_or_fails(
    slack_app,
    fake_slack,
    sample_url,
    reaching_bolt,  # noqa: F811 (the fixture imported above)
    figures,
):
    client = slack_app.test_client()
    listeners_ran = []
    slack_app.extensions[BOLT_KEY].use(lambda next: listeners_ran.append(1) or next())
    rows_before = every_table_count(sample_url)
    response_url = fake_slack.new_response_url()

    def post(forged):
        answer = client.post("/slack/events", data=forged.body, headers=forged.headers)
        return answer.status_code, answer.get_data()

    found = {}
    for _round in range(scale()):
        sent = send_forged(post, forged_requests(response_url=response_url))
        for key in ("sent", "processed", "5xx", "tracebacks"):
            found[key] = found.get(key, 0) + sent[key]
        assert sent["unexpected_status"] == [], sent["unexpected_status"]
    reached = len(reaching_bolt) + len(listeners_ran)
    written = sum(
        abs(after - rows_before.get(name, 0))
        for name, after in every_table_count(sample_url).items()
    )
    record = figures(
        sent=found["sent"],
        processed=found["processed"] + reached,
        fivexx=found["5xx"],
        tracebacks=found["tracebacks"],
        slack_calls=len(fake_slack.calls),
        rows_written=written,
    )

    assert record["sent"] >= 2_000
    assert record["processed"] == 0 and record["fivexx"] == 0 and record["tracebacks"] == 0
    assert record["slack_calls"] == 0 and record["rows_written"] == 0
    # The control: the same requests, properly signed, are processed, so the counts above
    # would have seen any that got through.
    for body, headers in real_signed_requests(response_url=response_url):
        assert client.post("/slack/events", data=body, headers=headers).status_code == 200
    assert len(listeners_ran) == len(real_signed_requests())
