"""Load for the survey benchmark: wrk with a Lua script, or Python threads where wrk is missing.

Each connection POSTs to one path over and over: the bare view's small form, or the check-answers
form of a resident played by bench/survey_server.py with a fresh submission token each time.
Both return the same figures: requests, accepted (the expected status), p50 and p99, errors.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
import uuid

CONNECTIONS = 20
CLIENT_THREADS = 4
WRK_SCRIPT = r"""
local users = {USERS}
local target, expect, body_of = "{PATH}", {EXPECT}, "{KIND}"
local threads, created = {}, 0
function setup(thread)
  created = created + 1
  thread:set("id", created)
  table.insert(threads, thread)
end
function init(args)
  n, ok, other = 0, 0, 0
  local user = users[((id - 1) % #users) + 1]
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  if user.cookie ~= "" then wrk.headers["Cookie"] = user.cookie end
  csrf = user.csrf
end
function request()
  n = n + 1
  local body = "x=1"
  if body_of == "submit" then
    body = "csrf_token=" .. csrf .. "&submission_token=" .. "b{RUN}"
      .. string.format("%02d%016d", id, n)
  end
  return wrk.format("POST", target, nil, body)
end
function response(status, headers, body)
  if status == expect then ok = ok + 1 else other = other + 1 end
end
function done(summary, latency, requests)
  local accepted, refused = 0, 0
  for _, t in ipairs(threads) do
    accepted = accepted + t:get("ok"); refused = refused + t:get("other")
  end
  local e = summary.errors
  io.write(string.format('BENCH_JSON {"requests": %d, "duration_us": %d, "accepted": %d, ' ..
    '"other_status": %d, "p50_ms": %.2f, "p99_ms": %.2f, "socket_errors": %d, "timeouts": %d}\n',
    summary.requests, summary.duration,
    accepted, refused, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write, e.timeout))
end
"""


def run_wrk(port: int, path: str, kind: str, users: list[dict[str, str]], seconds: int) -> dict:
    """Run wrk against path; return its figures."""
    lua_users = (
        "{" + ",".join(f'{{cookie="{u["cookie"]}", csrf="{u["csrf"]}"}}' for u in users) + "}"
    )
    script = (
        WRK_SCRIPT.replace("{USERS}", lua_users)
        .replace("{PATH}", path)
        .replace("{EXPECT}", "303" if kind == "submit" else "200")
        .replace("{KIND}", kind)
        .replace("{RUN}", uuid.uuid4().hex[:8])
    )  # tokens unique across rounds: none is a resend
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        output = subprocess.run(
            [
                "wrk",
                "-t",
                str(CLIENT_THREADS),
                "-c",
                str(CONNECTIONS),
                "-d",
                f"{seconds}s",
                "--timeout",
                "10s",
                "-s",
                handle.name,
                f"http://127.0.0.1:{port}",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(handle.name)
    figures = json.loads(output.split("BENCH_JSON", 1)[1].strip().splitlines()[0])
    figures["per_second"] = round(figures["requests"] / (figures.pop("duration_us") / 1e6), 1)
    return figures


def run_python(port: int, path: str, kind: str, users: list[dict[str, str]], seconds: int) -> dict:
    """The same load from Python threads (one per connection), for machines without wrk."""
    deadline = time.monotonic() + seconds
    run = uuid.uuid4().hex[:8]
    latencies: list[float] = []
    counts = {"accepted": 0, "other_status": 0, "socket_errors": 0}
    lock = threading.Lock()

    def client(number: int) -> None:
        user = users[number % len(users)]
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        sent = 0
        while time.monotonic() < deadline:
            sent += 1
            body = (
                "x=1"
                if kind == "bare"
                else f"csrf_token={user['csrf']}&submission_token=py{run}{number:02d}{sent:016d}"
            )
            started = time.perf_counter()
            try:
                connection.request(
                    "POST",
                    path,
                    body,
                    {"Content-Type": "application/x-www-form-urlencoded", "Cookie": user["cookie"]},
                )
                answer = connection.getresponse()
                answer.read()
                status = answer.status
            except OSError:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                with lock:
                    counts["socket_errors"] += 1
                continue
            with lock:
                latencies.append(time.perf_counter() - started)
                counts[
                    "accepted" if status == (303 if kind == "submit" else 200) else "other_status"
                ] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CONNECTIONS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    elapsed = time.monotonic() - started
    return {
        "requests": len(latencies),
        **counts,
        "per_second": round(len(latencies) / elapsed, 1),
        "p50_ms": round(1000 * latencies[len(latencies) // 2], 2),
        "p99_ms": round(1000 * latencies[int(len(latencies) * 0.99)], 2),
        "timeouts": 0,
    }


def load_generator():
    """Return (the load function, a description of it): wrk when installed, else Python threads."""
    if shutil.which("wrk"):
        version = (
            subprocess.run(["wrk", "-v"], capture_output=True, text=True)
            .stdout.split("[")[0]
            .strip()
        )
        return run_wrk, version
    return run_python, "Python threads (wrk not installed: apt-get install -y wrk)"
