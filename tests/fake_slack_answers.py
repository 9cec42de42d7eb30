"""What the fake Slack Web API (tests/fake_slack.py) answers each method when a test has queued
nothing else: the shapes Slack documents, with fresh timestamps and IDs."""

from __future__ import annotations

import hashlib
import json
import uuid

RESPONSE_URL_METHOD = "response_url"
FILE_UPLOAD_METHOD = "file_upload"


def _decoded(value):
    return json.loads(value) if isinstance(value, str) else value


def _post_message(fake, call) -> dict:
    ts = fake.next_ts()
    text = call.params.get("text", "")
    message = {"type": "message", "text": text, "ts": ts, "bot_id": "B0FAKE0001"}
    return {"ok": True, "channel": call.params.get("channel"), "ts": ts, "message": message}


def _update(fake, call) -> dict:
    p = call.params
    return {"ok": True, "channel": p.get("channel"), "ts": p.get("ts"), "text": p.get("text", "")}


def _view(fake, call) -> dict:
    view = _decoded(call.params.get("view")) or {}
    return {"ok": True, "view": {**view, "id": fake.next_id("V"), "hash": uuid.uuid4().hex[:12]}}


def _lookup_by_email(fake, call) -> dict:
    email = call.params.get("email", "")
    user_id = "U" + hashlib.sha1(email.encode()).hexdigest()[:9].upper()
    user = {"id": user_id, "name": email.split("@")[0], "profile": {"email": email}}
    return {"ok": True, "user": user}


def _user_info(fake, call) -> dict:
    user = fake.user(call.params.get("user", ""))
    return {"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"}


def _history(fake, call) -> dict:
    p = call.params
    oldest = float(p.get("oldest") or 0)
    with_metadata = str(p.get("include_all_metadata")).lower() in ("1", "true")
    messages = [
        {k: v for k, v in m.items() if v is not None and (k != "metadata" or with_metadata)}
        for m in fake.messages_in(p.get("channel"))
        if float(m["ts"]) > oldest
    ]
    return {"ok": True, "messages": messages[::-1], "has_more": False}


def _upload_url(fake, call) -> dict:
    file_id = fake.next_id("F")
    return {"ok": True, "file_id": file_id, "upload_url": f"{fake.url}/upload/{file_id}"}


def _complete_upload(fake, call) -> dict:
    files = _decoded(call.params.get("files")) or []
    return {"ok": True, "files": [{"id": f.get("id"), "title": f.get("title")} for f in files]}


def _auth_test(fake, call) -> dict:
    return {
        "ok": True,
        "url": "https://fairer-test.slack.com/",
        "team": "Fairer Test",
        "user": "fairer",
        "team_id": "T0TEST0001",
        "user_id": "U0BOT00001",
        "bot_id": "B0FAKE0001",
    }


DEFAULT_ANSWERS = {
    RESPONSE_URL_METHOD: lambda fake, call: {"ok": True},
    "chat.postMessage": _post_message,
    "chat.postEphemeral": lambda fake, call: {"ok": True, "message_ts": fake.next_ts()},
    "chat.update": _update,
    "views.open": _view,
    "views.update": _view,
    "views.push": _view,
    "views.publish": _view,
    "users.lookupByEmail": _lookup_by_email,
    "users.info": _user_info,
    "conversations.history": _history,
    "files.getUploadURLExternal": _upload_url,
    FILE_UPLOAD_METHOD: lambda fake, call: "OK - " + str(len(call.body)),
    "files.completeUploadExternal": _complete_upload,
    "auth.test": _auth_test,
}
