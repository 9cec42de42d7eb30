"""A fake Slack Web API: a real HTTP server on 127.0.0.1 that records every call.

slack_sdk talks to Slack with urllib, which `responses` cannot intercept, so the app under test
is pointed at this server (SLACK_API_URL) and at its response URLs. Tests can queue, per
method, an error body, HTTP 429 with Retry-After, HTTP 500, a delay or a dropped connection.

Messages chat.postMessage accepted are kept per channel (`posted`), with their metadata, and
conversations.history answers from them as Slack would; a 429, 5xx or error answer posts
nothing, while a slow answer, or a drop with processed=True, posts and loses only the reply.
users.info answers for the people add_user() named.
files_upload_v2's three steps (files.getUploadURLExternal, the upload, files.completeUploadExternal)
are answered too; uploads are recorded as method "file_upload".
"""

from __future__ import annotations

import itertools
import json
import threading
import time
import uuid
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from tests.fake_slack_answers import DEFAULT_ANSWERS, FILE_UPLOAD_METHOD, RESPONSE_URL_METHOD


@dataclass
class Call:
    """One request the fake received: method is the API method ("chat.postMessage") or
    "response_url"."""

    method: str
    path: str
    params: dict
    headers: dict
    body: str
    at: float = field(default_factory=time.monotonic)

    @property
    def token(self) -> str | None:
        """Return the bearer token the caller sent, if any."""
        auth = self.headers.get("Authorization") or ""
        return (
            auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else self.params.get("token")
        )


@dataclass
class Reply:
    """A queued answer: status and body (dict as JSON, str as text), extra headers, delay, or a
    dropped connection."""

    status: int = 200
    body: dict | str | None = None
    headers: dict = field(default_factory=dict)
    delay: float = 0.0
    drop: bool = False
    processed: bool = False  # with drop: Slack acted on the request before the connection died


class FakeSlack:
    """The fake server. Use as a context manager or call start() and stop()."""

    def __init__(self):
        self.calls: list[Call] = []
        self._queues: dict[str, deque[Reply]] = defaultdict(deque)
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._ts = itertools.count(1)
        self.posted: dict[str, list[dict]] = defaultdict(list)  # channel -> messages, oldest first
        self.users: dict[str, dict] = {}  # user ID -> users.info's "user", from add_user()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle ---------------------------------------------------------------------------

    def start(self) -> FakeSlack:
        """Start serving on a free port; return self."""
        fake = self

        class Handler(_Handler):
            owner = fake

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="fake-slack", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and free the port."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """Return the server's root URL, e.g. http://127.0.0.1:54321."""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        """Return the base URL to give slack_sdk / SLACK_API_URL (ends with "/")."""
        return f"{self.url}/api/"

    def new_response_url(self) -> str:
        """Return a fresh response_url on this server; what is posted to it is recorded as method
        "response_url"."""
        return f"{self.url}/response/{uuid.uuid4().hex}"

    # --- what happened -------------------------------------------------------------------------

    def calls_to(self, method: str) -> list[Call]:
        """Return the recorded calls of one method, oldest first."""
        with self._lock:
            return [c for c in self.calls if c.method == method]

    @property
    def responses(self) -> list[Call]:
        """Return the messages posted to response URLs, oldest first."""
        return self.calls_to(RESPONSE_URL_METHOD)

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Return the calls to method once there are at least count of them; raises AssertionError
        on timeout."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [c for c in self.calls if c.method == method]
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"expected {count} call(s) to {method}, got {len(found)}")
                self._changed.wait(remaining)

    def reset(self) -> None:
        """Forget recorded calls, queued replies and posted messages."""
        with self._lock:
            self.calls.clear()
            self._queues.clear()
            self.posted.clear()
            self.users.clear()

    def messages_in(self, channel: str) -> list[dict]:
        """Return the messages chat.postMessage really posted in channel, oldest first."""
        with self._lock:
            return list(self.posted.get(channel, []))

    def add_user(
        self,
        user_id: str,
        display_name: str,
        real_name: str = "",
        *,
        team_id: str = "T0TEST0001",
        guest: str = "",
    ) -> None:
        """Make users.info know user_id by these names, in workspace team_id; guest "single" or
        "multi" makes them a single- or multi-channel guest (any other ID is user_not_found, as
        in Slack)."""
        with self._lock:
            self.users[user_id] = {
                "id": user_id,
                "team_id": team_id,
                "name": user_id.lower(),
                "real_name": real_name or display_name,
                "is_restricted": guest in ("single", "multi"),
                "is_ultra_restricted": guest == "single",
                "profile": {"display_name": display_name, "real_name": real_name or display_name},
            }

    # --- shaping the next answers -----------------------------------------------------------

    def queue(
        self,
        method: str,
        *,
        status: int = 200,
        body: dict | str | None = None,
        retry_after: int | None = None,
        delay: float = 0.0,
        drop: bool = False,
        times: int = 1,
    ) -> None:
        """Make the next `times` calls to method get this answer instead of the default."""
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        with self._lock:
            for _ in range(times):
                self._queues[method].append(Reply(status, body, headers, delay, drop))

    def error(self, method: str, error: str = "channel_not_found", times: int = 1) -> None:
        """Make the next call(s) to method answer {"ok": false, "error": error} (HTTP 200, as Slack
        does)."""
        self.queue(method, body={"ok": False, "error": error}, times=times)

    def rate_limit(self, method: str, retry_after: int = 1, times: int = 1) -> None:
        """Make the next call(s) to method answer HTTP 429 with Retry-After."""
        self.queue(
            method,
            status=429,
            body={"ok": False, "error": "ratelimited"},
            retry_after=retry_after,
            times=times,
        )

    def server_error(self, method: str, status: int = 500, times: int = 1) -> None:
        """Make the next call(s) to method answer with an HTTP 5xx."""
        self.queue(
            method, status=status, body={"ok": False, "error": "internal_error"}, times=times
        )

    def slow(self, method: str, seconds: float, times: int = 1) -> None:
        """Make the next call(s) to method wait seconds before answering normally."""
        self.queue(method, delay=seconds, times=times)

    def drop(self, method: str, times: int = 1, *, processed: bool = False) -> None:
        """Make the next call(s) to method close the connection without answering; with processed,
        after doing what was asked (a message is posted, its reply lost)."""
        with self._lock:
            for _ in range(times):
                self._queues[method].append(Reply(drop=True, processed=processed))

    # --- internals ------------------------------------------------------------------------------

    def _record(self, call: Call) -> Reply:
        with self._changed:
            self.calls.append(call)
            self._changed.notify_all()
            queued = self._queues.get(call.method)
            reply = queued.popleft() if queued else Reply()
        if reply.body is None and (not reply.drop or reply.processed):
            reply.body = self._default_body(call)
        accepted = reply.status == 200 and isinstance(reply.body, dict) and reply.body.get("ok")
        if call.method == "chat.postMessage" and accepted and (not reply.drop or reply.processed):
            metadata = call.params.get("metadata")
            message = {
                "type": "message",
                "text": call.params.get("text", ""),
                "ts": reply.body["ts"],
                "bot_id": "B0FAKE0001",
                "thread_ts": call.params.get("thread_ts"),
                "metadata": json.loads(metadata) if isinstance(metadata, str) else metadata,
            }
            with self._lock:
                self.posted[call.params.get("channel")].append(message)
        return reply

    def _default_body(self, call: Call) -> dict | str:
        answer = DEFAULT_ANSWERS.get(call.method)
        return answer(self, call) if answer else {"ok": True}

    def next_ts(self) -> str:
        """Return a fresh message timestamp, as Slack gives one: "1733458800.000001"."""
        return f"{int(time.time())}.{next(self._ts):06d}"

    def next_id(self, prefix: str) -> str:
        """Return a fresh Slack-style ID: prefix and nine digits."""
        return f"{prefix}{next(self._ts):09d}"

    def user(self, user_id: str) -> dict | None:
        """Return the users.info record add_user() made for user_id, or None."""
        with self._lock:
            return self.users.get(user_id)


class _Handler(BaseHTTPRequestHandler):
    owner: FakeSlack
    protocol_version = "HTTP/1.0"

    def log_message(self, format, *args):  # keep pytest output quiet
        pass

    def do_GET(self):
        self._handle()

    def do_POST(self):
        self._handle()

    def _handle(self) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        data = self.rfile.read(length) if length else b""
        if parts.path.startswith("/upload/"):  # file bytes, not text
            self._answer(
                self.owner._record(
                    Call(
                        FILE_UPLOAD_METHOD,
                        parts.path,
                        {},
                        dict(self.headers.items()),
                        data.decode("latin-1"),
                    )
                )
            )
            return
        raw = data.decode("utf-8")
        params = dict(parse_qsl(parts.query))
        params.update(_parse_body(raw, self.headers.get("Content-Type") or ""))
        if parts.path.startswith("/response/"):
            method = RESPONSE_URL_METHOD
        else:
            method = parts.path.rstrip("/").rsplit("/", 1)[-1]
        self._answer(
            self.owner._record(Call(method, parts.path, params, dict(self.headers.items()), raw))
        )

    def _answer(self, reply: Reply) -> None:
        if reply.delay:
            time.sleep(reply.delay)
        if reply.drop:
            self.close_connection = True
            return  # no status line at all: the client sees the connection closed
        payload = json.dumps(reply.body) if isinstance(reply.body, dict) else str(reply.body)
        self.send_response(reply.status)
        content_type = (
            "application/json; charset=utf-8" if isinstance(reply.body, dict) else "text/plain"
        )
        self.send_header("Content-Type", content_type)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload.encode())))
        self.end_headers()
        try:
            self.wfile.write(payload.encode())
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (a test of timeouts)


def _parse_body(raw: str, content_type: str) -> dict:
    if not raw:
        return {}
    if "json" in content_type:
        try:
            parsed = json.loads(raw)
        except ValueError:
            return {}
        return parsed if isinstance(parsed, dict) else {"_json": parsed}
    return dict(parse_qsl(raw, keep_blank_values=True))
