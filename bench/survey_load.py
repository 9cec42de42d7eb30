"""Load for the survey benchmark: wrk with a Lua script, or Python threads where wrk is missing.

The bare view: each connection POSTs its small form over and over. The submission: each POST is
a different resident's first press of "Send": the check-answers form, as its page gave it, and
the cookie of one visit played beforehand (bench/survey_server.visits_ready_to_send), each
visit used once.
A client that has used up its visits stops and the round says so (ran_out), to be run again
with more. Both return the same figures: requests, accepted (the bare view's 200, or a
submission's 303 to the receipt), p50 and p99, errors, and the visits left unsent (unsent).
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

CONNECTIONS = 20
CLIENT_THREADS = 4
WRK_SCRIPT = r"""
local target, kind, visits_file, nthreads = "{PATH}", "{KIND}", "{VISITS}", {THREADS}
local threads, created = {}, 0
function setup(thread)
  created = created + 1
  thread:set("id", created)
  table.insert(threads, thread)
end
function init(args)
  n, ok, other, ran_out = 0, 0, 0, 0
  -- This thread's share of the visits: every nthreads-th line, one visit ("cookie<TAB>form").
  mine = {}
  local line_no = 0
  for line in io.lines(visits_file) do
    if kind == "bare" or line_no % nthreads == id - 1 then
      local cookie, form = line:match("^([^\t]*)\t(.*)$")
      table.insert(mine, {cookie = cookie, form = form})
    end
    line_no = line_no + 1
  end
end
function request()
  local headers = {["Content-Type"] = "application/x-www-form-urlencoded"}
  if kind == "bare" then
    headers["Cookie"] = mine[1].cookie
    return wrk.format("POST", target, headers, "x=1")
  end
  n = n + 1
  local visit = mine[n]
  if visit == nil then
    -- Out of visits: resending one would store nothing. Stop; the round is run again.
    ran_out = 1
    wrk.thread:stop()
    return wrk.format("GET", "/healthz")
  end
  headers["Cookie"] = visit.cookie
  return wrk.format("POST", target, headers, visit.form)
end
function response(status, headers, body)
  local accepted
  if kind == "bare" then
    accepted = status == 200
  else
    local location = headers["Location"] or headers["location"] or ""
    accepted = status == 303 and location:find("/done", 1, true) ~= nil
  end
  if accepted then ok = ok + 1 else other = other + 1 end
end
function done(summary, latency, requests)
  local accepted, refused, out, used = 0, 0, 0, {}
  for _, t in ipairs(threads) do
    accepted = accepted + t:get("ok"); refused = refused + t:get("other")
    out = out + t:get("ran_out")
    used[t:get("id")] = t:get("n")
  end
  local e = summary.errors
  io.write(string.format('BENCH_JSON {"requests": %d, "duration_us": %d, "accepted": %d, ' ..
    '"other_status": %d, "p50_ms": %.2f, "p99_ms": %.2f, "socket_errors": %d, "timeouts": %d, ' ..
    '"ran_out": %d, "used": [%s]}\n',
    summary.requests, summary.duration,
    accepted, refused, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write, e.timeout, out, table.concat(used, ", ")))
end
"""


def _visits_file(visits: list[dict[str, str]]) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as handle:
        for visit in visits:
            handle.write(f"{visit['cookie']}\t{visit['form']}\n")
    return handle.name


def run_wrk(port: int, path: str, kind: str, visits: list[dict[str, str]], seconds: int) -> dict:
    """Run wrk against path, each submission a visit of its own; return its figures."""
    data = _visits_file(visits)
    script = (
        WRK_SCRIPT.replace("{PATH}", path)
        .replace("{KIND}", kind)
        .replace("{VISITS}", data)
        .replace("{THREADS}", str(CLIENT_THREADS))
    )
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
        os.unlink(data)
    figures = json.loads(output.split("BENCH_JSON", 1)[1].strip().splitlines()[0])
    figures["per_second"] = round(figures["requests"] / (figures.pop("duration_us") / 1e6), 1)
    # Thread i took the first used[i] of every CLIENT_THREADS-th visit from the i-th: the rest
    # were never sent, and stay first sends for the next round.
    used = figures.pop("used")
    figures["unsent"] = (
        []
        if kind == "bare"
        else [
            visit for i in range(CLIENT_THREADS) for visit in visits[i::CLIENT_THREADS][used[i] :]
        ]
    )
    return figures


def run_python(port: int, path: str, kind: str, visits: list[dict[str, str]], seconds: int) -> dict:
    """The same load from Python threads (one per connection), for machines without wrk."""
    deadline = time.monotonic() + seconds
    unsent = iter(visits)
    latencies: list[float] = []
    counts = {"accepted": 0, "other_status": 0, "socket_errors": 0, "ran_out": 0}
    lock = threading.Lock()

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < deadline:
            if kind == "bare":
                visit, body = visits[0], "x=1"
            else:
                with lock:
                    visit = next(unsent, None)
                if visit is None:
                    with lock:
                        counts["ran_out"] = 1
                    return
                body = visit["form"]
            started = time.perf_counter()
            try:
                connection.request(
                    "POST",
                    path,
                    body,
                    {
                        "Content-Type": "application/x-www-form-urlencoded",
                        "Cookie": visit["cookie"],
                    },
                )
                answer = connection.getresponse()
                answer.read()
            except OSError:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                with lock:
                    counts["socket_errors"] += 1
                continue
            accepted = (
                answer.status == 200
                if kind == "bare"
                else answer.status == 303 and "/done" in (answer.getheader("Location") or "")
            )
            with lock:
                latencies.append(time.perf_counter() - started)
                counts["accepted" if accepted else "other_status"] += 1

    threads = [threading.Thread(target=client) for _ in range(CONNECTIONS)]
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
        "p50_ms": round(1000 * latencies[len(latencies) // 2], 2) if latencies else 0.0,
        "p99_ms": round(1000 * latencies[int(len(latencies) * 0.99)], 2) if latencies else 0.0,
        "timeouts": 0,
        "unsent": [] if kind == "bare" else list(unsent),
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
