"""Nothing unsigned, stale or malformed reaches Bolt: over a thousand forged, replayed and garbled
requests, built by mutating real signed commands, clicks, modal submissions and events, are all
refused with a 4xx, none runs a listener, calls Slack or writes a row, and none is a 5xx."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import random
import time
from collections import Counter
from urllib.parse import quote

import pytest
from sqlalchemy import func, inspect, select, table

from bot import retries
from bot.app import BOLT_KEY
from storage import session_scope
from storage.db import engine_for
from tests.slack_helpers import (
    FORM,
    SIGNING_SECRET,
    SlackClient,
    block_actions_payload,
    event_body,
    interaction_body,
    slash_command_body,
    view_submission_payload,
)

JSON = "application/json"
NOT_A_DICT = ["text", 7, 1.5, True, ["a"], [{"id": "U1"}]]
NOT_A_LIST_OF_DICTS = ["text", 7, {"action_id": "a"}, ["a"], [1], [None], [[]]]
NOT_A_STRING = [7, 1.5, True, ["a"], {"a": "b"}]


def sign_bytes(body: bytes, timestamp: str, secret: str = SIGNING_SECRET) -> str:
    """Return Slack's v0 signature over raw bytes (the helpers sign text only)."""
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def home_opened() -> dict:
    return {
        "type": "app_home_opened",
        "user": "U0TEST0001",
        "channel": "D0TEST0001",
        "tab": "home",
        "event_ts": "1700000000.000200",
    }


def real_requests(
    response_url: str = "https://hooks.slack.test/actions/9",
) -> list[tuple[str, str, str]]:
    """Return (name, body, content type) of real requests that the app processes when signed."""
    click = block_actions_payload("area_choose_0", value="E02900001", response_url=response_url)
    submission = view_submission_payload(
        "home_area_search",
        {"area_query": {"query": {"type": "plain_text_input", "value": "heathfield"}}},
    )
    return [
        ("command /area", slash_command_body("/area", "heathfield"), FORM),
        ("command /fairer", slash_command_body("/fairer", "help"), FORM),
        ("block_actions", interaction_body(click), FORM),
        ("view_submission", interaction_body(submission), FORM),
        ("event", event_body(home_opened()), JSON),
    ]


def interaction_payloads() -> list[dict]:
    return [
        json.loads(_payload_of(body))
        for _, body, _ in real_requests()
        if body.startswith("payload")
    ]


def _payload_of(body: str) -> str:
    from urllib.parse import parse_qs

    return parse_qs(body)["payload"][0]


def malformed_payloads() -> list[tuple[str, dict]]:
    """Return (name, payload) of signed-but-malformed interaction and event payloads."""
    found = []
    for base in interaction_payloads():
        kind = base["type"]
        for name in ("user", "team", "view", "container", "state"):
            for value in NOT_A_DICT:
                found.append((f"{kind}: {name}={value!r}", {**base, name: value}))
        for value in NOT_A_LIST_OF_DICTS + [{"a": 1}]:
            found.append((f"{kind}: actions={value!r}", {**base, "actions": value}))
        for name in ("type", "trigger_id", "callback_id", "response_url"):
            for value in NOT_A_STRING:
                found.append((f"{kind}: {name}={value!r}", {**base, name: value}))
        for value in NOT_A_STRING:
            found.append((f"{kind}: user.id={value!r}", {**base, "user": {"id": value}}))
        without_type = {k: v for k, v in base.items() if k != "type"}
        found.append((f"{kind}: no type", without_type))
        if "view" in base:
            view = {k: v for k, v in base["view"].items() if k != "type"}
            found.append((f"{kind}: view without type", {**base, "view": view}))
            for key in ("callback_id", "id", "hash", "private_metadata"):
                for value in NOT_A_STRING:
                    bad_view = {**base["view"], key: value}
                    found.append((f"{kind}: view.{key}={value!r}", {**base, "view": bad_view}))
            found.append((f"{kind}: no view", {k: v for k, v in base.items() if k != "view"}))
            for value in NOT_A_DICT:
                bad_state = {**base["view"], "state": {"values": value}}
                found.append((f"{kind}: view.state.values", {**base, "view": bad_state}))
                bad_block = {**base["view"], "state": {"values": {"area_query": value}}}
                found.append((f"{kind}: view.state block", {**base, "view": bad_block}))
            for value in NOT_A_STRING:
                element = {"query": {"type": "plain_text_input", "value": value}}
                bad_value = {**base["view"], "state": {"values": {"area_query": element}}}
                found.append((f"{kind}: input value={value!r}", {**base, "view": bad_value}))
            found.append((f"{kind}: response_urls=None", {**base, "response_urls": None}))
        if "actions" in base:
            found.append((f"{kind}: empty actions", {**base, "actions": []}))
            no_id = {k: v for k, v in base["actions"][0].items() if k != "action_id"}
            found.append((f"{kind}: action without action_id", {**base, "actions": [no_id]}))
            for key in ("value", "selected_option", "selected_options"):
                for value in NOT_A_STRING[:2] + [[1], {"value": 5}]:
                    action = {**base["actions"][0], key: value}
                    found.append((f"{kind}: action.{key}={value!r}", {**base, "actions": [action]}))
            for key in ("action_id", "block_id", "action_ts"):
                for value in NOT_A_STRING:
                    action = {**base["actions"][0], key: value}
                    found.append((f"{kind}: action.{key}={value!r}", {**base, "actions": [action]}))
    return found


def malformed_events() -> list[tuple[str, str]]:
    """Return (name, JSON body) of signed-but-malformed Events API deliveries."""
    base = json.loads(event_body(home_opened()))
    found = []
    for value in NOT_A_DICT:
        found.append((f"event={value!r}", {**base, "event": value}))
    for value in NOT_A_STRING + [None]:
        found.append((f"event.type={value!r}", {**base, "event": {**base["event"], "type": value}}))
    for value in NOT_A_STRING:
        found.append((f"event_id={value!r}", {**base, "event_id": value}))
        found.append((f"team_id={value!r}", {**base, "team_id": value}))
    for value in NOT_A_LIST_OF_DICTS:
        found.append((f"authorizations={value!r}", {**base, "authorizations": value}))
    for key in ("message", "previous_message", "item"):
        for value in ["text", 7, ["a"]]:
            found.append((f"event.{key}", {**base, "event": {**base["event"], key: value}}))
    found.append(("no event", {k: v for k, v in base.items() if k != "event"}))
    found.append(("url_verification challenge list", {"type": "url_verification", "challenge": []}))
    return [(name, json.dumps(payload)) for name, payload in found]


def garbled_bodies() -> list[tuple[str, bytes, str]]:
    """Return (name, raw body, content type) of bodies no Slack request looks like."""
    command = slash_command_body("/area", "heathfield")
    click = interaction_body(interaction_payloads()[0])
    event = event_body(home_opened())
    nested = "[" * 100_000 + "]" * 100_000
    return [
        ("payload=%7Bnot json", b"payload=%7Bnot json", FORM),
        ("payload truncated", click[: len(click) // 2].encode(), FORM),
        ("JSON content type, form body", command.encode(), JSON),
        ("JSON content type, interaction form body", click.encode(), JSON),
        ("event truncated", event[:-5].encode(), JSON),
        ("non-UTF-8 bytes in a command", command.encode() + b"\xff\xfe", FORM),
        ("non-UTF-8 event", event.replace("home", "h\xf6me").encode("latin-1"), JSON),
        ("percent-encoded non-UTF-8", b"payload=%FF%FE%7B%7D", FORM),
        ("percent-encoded non-UTF-8 command text", command.encode() + b"&text=%C3%28", FORM),
        ("payload is a list", b"payload=" + quote("[1, 2]").encode(), FORM),
        ("payload is a string", b"payload=" + quote('"x"').encode(), FORM),
        ("payload is null", b"payload=null", FORM),
        ("payload is a number", b"payload=12", FORM),
        ("JSON list", b"[1, 2, 3]", JSON),
        ("JSON null", b"null", JSON),
        ("JSON NaN", b'{"type": "event_callback", "n": NaN}', JSON),
        ("JSON lone surrogate", b'{"type": "url_verification", "challenge": "\\ud800"}', JSON),
        ("JSON nested 100,000 deep", nested.encode(), JSON),
        ("empty body", b"", FORM),
        ("form with no command", b"team_id=T1&user_id=U1&text=hi", FORM),
        ("form repeating a field", command.encode() + b"&command=%2Fsurvey", FORM),
        ("not a form", b"&&&===;;;", FORM),
        ("binary", bytes(range(256)), "application/octet-stream"),
        ("NUL bytes", b"\x00" * 64, FORM),
    ]


def every_table_count(url: str) -> dict[str, int]:
    engine = engine_for(url)
    with session_scope(engine) as session:
        return {
            name: session.scalar(select(func.count()).select_from(table(name)))
            for name in inspect(engine).get_table_names()
        }


@pytest.fixture
def reaching_bolt(monkeypatch):
    """Return a list that grows by one for each request handed to Bolt's parser."""
    import slack_bolt.adapter.flask.handler as flask_adapter

    reached = []
    original = flask_adapter.to_bolt_request

    def counting(req):
        reached.append(req.path)
        return original(req)

    monkeypatch.setattr(flask_adapter, "to_bolt_request", counting)
    return reached


def test_a_thousand_forged_replayed_and_malformed_requests_are_refused_and_run_nothing(
    slack_app, fake_slack, sample_url, reaching_bolt, caplog
):
    client = slack_app.test_client()
    ran = []
    bolt = slack_app.extensions[BOLT_KEY]
    bolt.use(lambda next: ran.append(1) or next())  # any request Bolt dispatches would count
    rows_before = every_table_count(sample_url)
    now = int(time.time())
    sent: list[tuple[str, int, int]] = []  # (kind, expected status, status)

    def post(kind: str, expected: int, body: bytes, headers: dict) -> None:
        response = client.post("/slack/events", data=body, headers=headers)
        sent.append((kind, expected, response.status_code))
        assert response.status_code == expected, (kind, response.status_code)
        assert len(response.get_data()) < 64 and b"Traceback" not in response.get_data()

    def headers(content_type: str, timestamp, signature) -> dict:
        found = {"Content-Type": content_type}
        if timestamp is not None:
            found["X-Slack-Request-Timestamp"] = str(timestamp)
        if signature is not None:
            found["X-Slack-Signature"] = signature
        return found

    caplog.set_level(logging.WARNING, logger="bot.app")
    originals = [(n, b.encode(), ct) for n, b, ct in real_requests(fake_slack.new_response_url())]
    garbled = garbled_bodies()
    payloads = [(n, interaction_body(p).encode(), FORM) for n, p in malformed_payloads()]
    events = [(n, b.encode(), JSON) for n, b in malformed_events()]
    every_body = originals + garbled + payloads + events

    # Forged: unsigned, wrong secret, garbage signatures and timestamps, on every kind of body.
    bad_timestamps = ["abc", "1e9", "+" + str(now), " " + str(now), "١٢٣", "-5", "", "9" * 40]
    for name, body, content_type in every_body:
        ts = str(now)
        post(f"unsigned {name}", 401, body, headers(content_type, None, None))
        post("no signature", 401, body, headers(content_type, ts, None))
        post("no timestamp", 401, body, headers(content_type, None, sign_bytes(body, ts)))
        # slack_sdk verifies text only: a body that is not UTF-8 is malformed whatever its
        # signature says.
        verified = 401 if is_utf8(body) else 400
        other_secret = sign_bytes(body, ts, "nope")
        post("other secret", verified, body, headers(content_type, ts, other_secret))
        post("zero signature", verified, body, headers(content_type, ts, "v0=" + "0" * 64))
        post("non-ASCII signature", 401, body, headers(content_type, ts, "v0=" + "é" * 64))
        bad_ts = bad_timestamps[len(sent) % len(bad_timestamps)]
        post(f"timestamp {bad_ts!r}", 401, body, headers(content_type, bad_ts, "v0=" + "a" * 64))

    # Replayed: a real signature, an old or future timestamp, or reused on a changed body.
    for name, body, content_type in originals:
        for age in (6 * 60, 3600, 86_400, -10 * 60):
            ts = str(now - age)
            post(f"stale {name}", 401, body, headers(content_type, ts, sign_bytes(body, ts)))
        signature = sign_bytes(body, str(now))
        post("signature, new timestamp", 401, body, headers(content_type, now - 1, signature))
        for changed in (body + b"&x=1", body.replace(b"E", b"F", 1), body[:-1], b" " + body):
            post("signature, changed body", 401, changed, headers(content_type, now, signature))

    # Signed but malformed: refused as malformed, never a 500.
    for name, body, content_type in garbled + payloads + events:
        post(f"signed {name}", 400, body, headers(content_type, now, sign_bytes(body, str(now))))

    statuses = Counter(status for _, _, status in sent)
    assert len(sent) >= 1000
    assert sum(n for status, n in statuses.items() if status >= 500) == 0
    assert statuses[400] >= 200 and statuses[401] >= 700
    assert reaching_bolt == [] and ran == []
    assert fake_slack.calls == []
    assert every_table_count(sample_url) == rows_before
    refused = [r for r in caplog.records if r.name == "bot.app"]
    assert len(refused) == len(sent)
    assert all(r.levelno == logging.WARNING and not r.exc_info for r in refused)

    # The same requests, properly signed, do reach Bolt: the counters above would have noticed.
    slack = SlackClient(client)
    for name, body, content_type in originals:
        assert slack.post(body.decode(), content_type=content_type).status_code == 200, name
    assert len(reaching_bolt) == len(originals) and len(ran) == len(originals)
    assert every_table_count(sample_url) != rows_before  # the click and submission were claimed


def test_refusals_say_why_in_the_log_without_the_request_text(slack_app, caplog):
    caplog.set_level(logging.WARNING, logger="bot.app")
    body = "payload=%7Bnot json <script>"
    response = SlackClient(slack_app.test_client()).post(body, content_type=FORM)
    assert response.status_code == 400
    assert response.get_data(as_text=True) == "malformed request"
    assert caplog.messages == ["Refused a request to /slack/events (400): payload is not JSON"]


def test_a_body_over_the_cap_is_refused_before_it_is_read(slack_app):
    body = "command=%2Farea&text=" + "x" * (1024 * 1024)
    response = SlackClient(slack_app.test_client()).post(body, content_type=FORM)
    assert response.status_code == 413


@pytest.mark.parametrize(
    "body",
    [
        {"type": "view_submission", "view": {"callback_id": "x"}, "trigger_id": "1"},
        {"type": "block_actions", "user": "U1", "actions": [{}], "trigger_id": "1"},
        {"type": "block_actions", "team": ["T1"], "actions": "a", "trigger_id": "1"},
        {"type": "block_actions", "actions": [1, "a"], "trigger_id": "1"},
        {"type": "view_submission", "view": ["V1"], "trigger_id": "1"},
        {"type": "block_actions", "actions": [{"action_id": {"x": 1}}], "trigger_id": "1"},
        {"type": "event_callback", "event_id": ["Ev1"]},
        {"type": ["block_actions"], "actions": [{}]},
        {"type": "block_actions", "trigger_id": "1", "view": {"id": object()}},
    ],
)
def test_delivery_key_skips_odd_shapes_instead_of_failing(body):
    found = retries.delivery_key(body)
    assert found is None or found[0] == "interaction"


def test_random_mutations_of_signed_requests_never_cause_a_5xx(slack_app, fake_slack):
    """Correctly signed requests with fields swapped for odd values: each is refused with a 400
    or handled, never a 500 (TESTING makes any exception fail this test outright)."""
    client = slack_app.test_client()
    rng = random.Random(16)
    odd = [None, "", "x", 0, -1, 1e308, True, [], [None], {}, {"id": 5}, [{}], {"value": 5}]
    bases = real_requests(fake_slack.new_response_url())
    statuses = Counter()
    for _ in range(600):
        _, body, content_type = rng.choice(bases)
        if body.startswith("payload="):
            payload = json.loads(_payload_of(body))
            target = rng.choice([payload, payload.get("view") or payload["actions"][0]])
            target[rng.choice(list(target))] = rng.choice(odd)
            raw = interaction_body(payload).encode()
        elif content_type == FORM:
            mutated = bytearray(body.encode())
            for _ in range(rng.randint(1, 3)):
                mutated[rng.randrange(len(mutated))] = rng.choice(b"=&%{}+x")
            raw = bytes(mutated)
        else:
            payload = json.loads(body)
            target = rng.choice([payload, payload["event"]])
            target[rng.choice(list(target))] = rng.choice(odd)
            raw = json.dumps(payload).encode()
        ts = str(int(time.time()))
        headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": sign_bytes(raw, ts),
        }
        statuses[client.post("/slack/events", data=raw, headers=headers).status_code] += 1
    assert sum(n for status, n in statuses.items() if status >= 500) == 0
    assert statuses[400] > 100 and statuses[200] > 100  # both kinds were exercised
