"""The soak's attacks on the real app under gunicorn (bench/survey_server.py starts it as the
Procfile does): forged Slack requests, residents sending at once, and a write lock held by
another process while they send. Each returns its figures.
"""

from __future__ import annotations

import http.client
import re
import threading
import time
import urllib.parse
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from bench.survey_server import SLUG
from tests.reliability.attacks import forged_requests, real_signed_requests, send_forged
from tests.surveys.survey_helpers import ANSWERS, write_lock_held

SIGNING_SECRET = "bench"  # what bench/survey_server.serve() gives the app
START = f"/s/{SLUG}"
CLIENTS = 16  # connections sending forged requests, and playing residents, at once
SENDERS = 64  # residents pressing "Send" at once: more than the server's 16 threads
_RECEIPT = re.compile(r'id="receipt-code"[^>]*>([^<]+)<')
_TOKEN = re.compile(r'name="submission_token" value="([^"]+)"')


def _connection(port: int) -> http.client.HTTPConnection:
    # Long enough to measure a wait with no end in sight rather than give up on it.
    return http.client.HTTPConnection("127.0.0.1", port, timeout=300)


def forged_over_http(port: int, count: int, response_url: str, slack_calls=lambda: 0) -> dict:
    """Send at least count forged, replayed and malformed Slack requests to /slack/events from
    CLIENTS connections; return the figures (sent, processed, 5xx, calls the app made to the
    Slack API meanwhile, by slack_calls()) and the control (the real requests, signed,
    answered 200). response_url is where the click would answer: the fake Slack's."""
    local = threading.local()

    def post(forged) -> tuple[int, bytes]:
        if not hasattr(local, "connection"):
            local.connection = _connection(port)
        for attempt in (1, 2):
            try:
                # As bytes: forged headers carry non-Latin-1 text, which http.client refuses.
                headers = {k: v.encode() for k, v in forged.headers.items()}
                local.connection.request("POST", "/slack/events", forged.body, headers)
                answer = local.connection.getresponse()
                return answer.status, answer.read()
            except (OSError, http.client.HTTPException):
                local.connection = _connection(port)
                if attempt == 2:
                    return 599, b""  # counted as a 5xx: the server dropped the connection
        raise AssertionError("unreachable")

    totals: Counter = Counter()
    statuses: Counter = Counter()
    unexpected: list[str] = []
    began = time.monotonic()
    while totals["sent"] < count:
        # A fresh round each time: its timestamps are now, so signed ones are not merely stale.
        found = send_forged(
            post, forged_requests(secret=SIGNING_SECRET, response_url=response_url), threads=CLIENTS
        )
        for key in ("sent", "not_sent", "processed", "5xx", "tracebacks"):
            totals[key] += found[key]
        statuses.update(found["statuses"])
        unexpected += found["unexpected_status"][: 20 - len(unexpected)]
    seconds = time.monotonic() - began
    calls = slack_calls()
    control = Counter()
    for body, headers in real_signed_requests(secret=SIGNING_SECRET, response_url=response_url):
        connection = _connection(port)
        connection.request("POST", "/slack/events", body, headers)
        answer = connection.getresponse()
        answer.read()
        control[answer.status] += 1
    return {
        **totals,
        "statuses": dict(statuses),
        "unexpected_status": unexpected,
        "slack_calls": calls,
        "per_second": round(totals["sent"] / seconds),
        "control_signed_answered_200": control[200],
        "control_sent": sum(control.values()),
    }


def _send(port: int, resident: dict, token: str = "x" * 20) -> tuple[int, str, str]:
    """Press "Send" as resident; return (status, body, the cookie after it)."""
    connection = _connection(port)
    body = urllib.parse.urlencode({"csrf_token": resident["csrf"], "submission_token": token})
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": resident["cookie"]}
    connection.request("POST", START, body, headers)
    answer = connection.getresponse()
    page = answer.read().decode(errors="replace")
    cookie = resident["cookie"]
    for header in answer.headers.get_all("Set-Cookie") or []:
        if header.startswith("session="):
            cookie = header.split(";", 1)[0]
    return answer.status, page, cookie


def _receipt(port: int, cookie: str) -> str | None:
    connection = _connection(port)
    connection.request("GET", f"{START}/done", headers={"Cookie": cookie})
    found = _RECEIPT.search(connection.getresponse().read().decode())
    return found.group(1).strip() if found else None


def play_resident(port: int) -> dict[str, str]:
    """Answer every page once, as a new visit, with the tests' answers (ANSWERS); return
    {"cookie", "csrf"} for sending them. The cookie is carried by hand: it is marked Secure and
    this is plain http."""
    connection = _connection(port)
    cookie = ""

    def call(method: str, path: str, form: dict | None = None) -> str:
        nonlocal cookie
        headers = {"Cookie": cookie} if cookie else {}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body, headers)
        answer = connection.getresponse()
        page = answer.read().decode()
        for header in answer.headers.get_all("Set-Cookie") or []:
            if header.startswith("session="):
                cookie = header.split(";", 1)[0]
        if answer.status not in (200, 302):
            raise RuntimeError(f"{method} {path}: {answer.status}")
        return page

    csrf = re.search(r'name="csrf_token" value="([^"]+)"', call("GET", f"{START}/erase")).group(1)
    for number, answers in ANSWERS.items():
        call("POST", f"{START}/{number}", {"csrf_token": csrf, **answers})
    return {"cookie": cookie, "csrf": csrf}


def play_residents(port: int, count: int) -> list[dict]:
    """Return count residents who have answered every page (a visit each), ready to send."""
    with ThreadPoolExecutor(CLIENTS) as pool:
        return list(pool.map(lambda _n: play_resident(port), range(count)))


def send_at_once(port: int, residents: list[dict]) -> dict:
    """Have every resident press "Send", SENDERS at a time; return the statuses, the receipts
    given (one per 303) and the slowest answer."""

    def one(resident: dict) -> tuple[int, str | None, float, str]:
        began = time.monotonic()
        status, page, cookie = _send(port, resident)
        took = time.monotonic() - began
        return status, _receipt(port, cookie) if status == 303 else None, took, page

    with ThreadPoolExecutor(SENDERS) as pool:
        results = list(pool.map(one, residents))
    return {
        "statuses": Counter(status for status, _code, _took, _page in results),
        "receipts": [code for _status, code, _took, _page in results if code],
        "slowest_s": round(max(took for _status, _code, took, _page in results), 2),
        "pages": [page for _status, _code, _took, page in results],
    }


def concurrent_submissions(port: int, count: int, stored_codes) -> dict:
    """Play count residents, have them all send at once; return accepted, stored and lost."""
    before = stored_codes()
    began = time.monotonic()
    residents = play_residents(port, count)
    played = time.monotonic() - began
    sent = send_at_once(port, residents)
    stored = stored_codes() - before
    accepted = set(sent["receipts"])
    return {
        "residents": count,
        "accepted": len(sent["receipts"]),
        "distinct_receipts": len(accepted),
        "stored": len(stored),
        "lost": len(accepted - stored),
        "stored_not_accepted": len(stored - accepted),
        "fivexx": sum(n for status, n in sent["statuses"].items() if status >= 500),
        "statuses": {str(k): v for k, v in sent["statuses"].items()},
        "slowest_send_s": sent["slowest_s"],
        "seconds_answering_pages": round(played, 1),
    }


def write_lock_fault(port: int, url: str, count: int, stored_codes) -> dict:
    """While another connection holds the write lock, count residents send at once; then each
    asked to try again presses the page's button. Return stored during the fault, asked to try
    again, other 5xx, the slowest answer, and stored and lost once it has passed."""
    residents = play_residents(port, count)
    before = stored_codes()
    with write_lock_held(url):
        sent = send_at_once(port, residents)
        health = _connection(port)
        health.request("GET", "/healthz")
        health_status = health.getresponse().status
    during = stored_codes() - before
    resent = Counter()
    for resident, page in zip(residents, sent["pages"], strict=True):
        token = _TOKEN.search(page)
        if 'id="try-again"' in page and token:
            status, _page, _cookie = _send(port, resident, token.group(1))
            resent[status] += 1
    stored = stored_codes() - before
    return {
        "residents": count,
        "stored_during_fault": len(during),
        "asked_to_try_again": sent["statuses"].get(503, 0),
        "fivexx_other": sum(n for s, n in sent["statuses"].items() if s >= 500 and s != 503),
        "slowest_answer_s": sent["slowest_s"],
        "healthz_during_fault": health_status,
        "resent": sum(resent.values()),
        "resent_statuses": {str(k): v for k, v in resent.items()},
        "stored": len(stored),
        "lost": count - len(stored),
    }
