"""Benchmark: residents sending survey answers to the real app under gunicorn, on SQLite and PostgreSQL.

What runs: gunicorn --workers 2 --threads 4 serving "bench.survey_app:create_bench_app()" (the
real create_app() plus a bare POST view), on a fresh database with the sample borough and the
example survey. 20 connections send POSTs for 30 s (BENCH_SECONDS) to each of the bare view (the
floor: Flask reading a small form) and POST /s/draft-priorities, the real submission, in five
alternating rounds of 6 s.

How one POST is a whole submission: each load-generator thread first plays a resident once:
it GETs a page for its CSRF token and session cookie, answers the four pages (the answers are
kept in the signed session cookie) and opens check-answers. From then on its connections POST
the check-answers form over and over: the CSRF token, the cookie holding the answers, and a
fresh submission token each time, as a new visit to check-answers would give. The server does
everything a real send does: checks the CSRF token, reads the signed cookie, checks every
answer again, resolves the neighbourhood, codes the comment's sentiment and themes, stores the
response and every answer, commits (together with any others arriving at that moment, as in
production: surveys/group_writer.py), and redirects (303) to the receipt only then. The redirect is not
followed. Rate limiting is off (FAIRER_SURVEY_RATE_LIMIT=off): all the load comes from one address.

Figures: requests per second of each; their ratio (target: a submission at least 0.25x the bare
POST), as the median over the rounds of each round's ratio and as the ratio of the totals; p50 and
p99 latency; and accepted (303s counted by the client) against stored (rows in survey_responses
afterwards): none may be lost. A request in flight when the client stops may be
stored without being counted, so stored may exceed accepted by at most the 20 connections a round.

The load comes from wrk (Debian: `apt-get install -y wrk`); without it, from a Python client
with one thread per connection, which is slower and says so in the results.

Usage: .venv/bin/python bench/surveys.py [sqlite] [postgresql]   (default: both; PostgreSQL from
scripts/test-postgres.sh). Writes bench/results/surveys.json.
"""
from __future__ import annotations

import http.client
import json
import os
import platform
import re
import shutil
import signal
import statistics
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SECONDS = int(os.environ.get("BENCH_SECONDS", "30"))
ROUNDS = 5
CONNECTIONS = 20
CLIENT_THREADS = 4
WORKERS, SERVER_THREADS = 2, 4
SLUG = "draft-priorities"
TARGET_RATIO = 0.25
RESULTS = REPO / "bench" / "results" / "surveys.json"
PAGES = {
    1: {"priority_1": "agree", "priority_2": "strongly_agree", "priority_3": "disagree"},
    2: {"top_issues-1": "housing", "top_issues-2": "transport", "top_issues-3": "jobs_and_skills",
        "heard_before": "no"},
    3: {"why_not_before": "i_did_not_have_time",
        "comments": "The buses stop too early in the evening and the damp in our flat is getting worse."},
    4: {"respondent_type": "resident", "neighbourhood": "E02900001", "age_band": "35_44", "sex": "female",
        "disability": "no", "ethnicity": "prefer_not_to_say"},
}
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
    body = "csrf_token=" .. csrf .. "&submission_token=" .. "b{RUN}" .. string.format("%02d%016d", id, n)
  end
  return wrk.format("POST", target, nil, body)
end
function response(status, headers, body)
  if status == expect then ok = ok + 1 else other = other + 1 end
end
function done(summary, latency, requests)
  local accepted, refused = 0, 0
  for _, t in ipairs(threads) do accepted = accepted + t:get("ok"); refused = refused + t:get("other") end
  local e = summary.errors
  io.write(string.format('BENCH_JSON {"requests": %d, "duration_us": %d, "accepted": %d, "other_status": %d, ' ..
    '"p50_ms": %.2f, "p99_ms": %.2f, "socket_errors": %d, "timeouts": %d}\n', summary.requests, summary.duration,
    accepted, refused, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write, e.timeout))
end
"""


def prepare(url: str) -> None:
    """Migrate the database at url and load the sample borough and the example survey, open now."""
    from engagement.sample import load_sample_borough
    from engagement.survey_store import load_survey
    from storage import session_scope
    from storage.db import make_engine
    from storage.migrate import upgrade

    engine = make_engine(url)
    upgrade(engine)
    with session_scope(engine) as session:
        load_sample_borough(session)
        survey, _created = load_survey(session, REPO / "examples" / "surveys" / f"{SLUG}.yml")
        now = datetime.now(timezone.utc)
        survey.opens_at, survey.closes_at = now - timedelta(days=1), now + timedelta(days=30)
    engine.dispose()


def stored_responses(url: str) -> tuple[int, int]:
    """Return (responses, answers) stored in the database at url."""
    from sqlalchemy import func, select

    from storage import session_scope
    from storage.db import make_engine
    from storage.survey_models import SurveyAnswer, SurveyResponse

    engine = make_engine(url)
    with session_scope(engine) as session:
        counts = (session.scalar(select(func.count()).select_from(SurveyResponse)),
                  session.scalar(select(func.count()).select_from(SurveyAnswer)))
    engine.dispose()
    return counts


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(url: str, port: int) -> subprocess.Popen:
    """Start gunicorn on port serving the bench app on url; return it once /healthz answers."""
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "bench-secret-key-" + uuid.uuid4().hex,
           "SLACK_SIGNING_SECRET": "bench", "FAIRER_SURVEY_RATE_LIMIT": "off",
           "FAIRER_LOCAL_AUTHORITIES": "E06999999", "PYTHONPATH": str(REPO)}
    command = [str(REPO / ".venv" / "bin" / "gunicorn"), "--workers", str(WORKERS), "--threads", str(SERVER_THREADS),
               "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "bench.survey_app:create_bench_app()"]
    server = subprocess.Popen(command, cwd=REPO, env=env, start_new_session=True)
    for _ in range(150):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    stop(server)
    raise SystemExit("gunicorn did not start: see its output above.")


def stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def worker_cpu_seconds(server: subprocess.Popen) -> float:
    """Return the CPU time (user + system) gunicorn's worker processes have used so far."""
    children = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
    total = 0.0
    for pid in children:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def measured(server: subprocess.Popen, load, *args) -> dict:
    """Run load(*args); return its figures with the server's CPU milliseconds per request."""
    before = worker_cpu_seconds(server)
    figures = load(*args)
    used = worker_cpu_seconds(server) - before
    figures["server_cpu_ms_per_request"] = round(1000 * used / max(figures["requests"], 1), 3)
    return figures


def play_resident(port: int) -> dict[str, str]:
    """Answer the survey's pages once as a resident; return {"cookie", "csrf"} for sending it.

    The session cookie is marked Secure (as in production) and this runs over plain http on
    127.0.0.1, so the cookie is carried by hand rather than by a cookie jar that would drop it.
    """
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    cookie = ""

    def call(method: str, path: str, form: dict | None = None) -> str:
        nonlocal cookie
        headers = {"Cookie": cookie} if cookie else {}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body, headers)
        answer = connection.getresponse()
        page = answer.read().decode()
        assert answer.status in (200, 302), (path, answer.status)
        for header in answer.headers.get_all("Set-Cookie") or []:
            if header.startswith("session="):
                cookie = header.split(";", 1)[0]
        return page

    csrf = re.search(r'name="csrf_token" value="([^"]+)"', call("GET", f"/s/{SLUG}/erase")).group(1)
    for number, answers in PAGES.items():
        call("POST", f"/s/{SLUG}/{number}", {"csrf_token": csrf, **answers})
    assert "Check your answers" in call("GET", f"/s/{SLUG}/check-answers")
    return {"cookie": cookie, "csrf": csrf}


def run_wrk(port: int, path: str, kind: str, users: list[dict[str, str]], seconds: int) -> dict:
    """Run wrk against path; return its figures."""
    lua_users = "{" + ",".join(f'{{cookie="{u["cookie"]}", csrf="{u["csrf"]}"}}' for u in users) + "}"
    script = (WRK_SCRIPT.replace("{USERS}", lua_users).replace("{PATH}", path)
              .replace("{EXPECT}", "303" if kind == "submit" else "200").replace("{KIND}", kind)
              .replace("{RUN}", uuid.uuid4().hex[:8]))  # tokens unique across rounds: none is a resend
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        output = subprocess.run(["wrk", "-t", str(CLIENT_THREADS), "-c", str(CONNECTIONS), "-d", f"{seconds}s",
                                 "--timeout", "10s", "-s", handle.name, f"http://127.0.0.1:{port}"],
                                capture_output=True, text=True, check=True).stdout
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
            body = "x=1" if kind == "bare" else f"csrf_token={user['csrf']}&submission_token=py{run}{number:02d}{sent:016d}"
            started = time.perf_counter()
            try:
                connection.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded",
                                                        "Cookie": user["cookie"]})
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
                counts["accepted" if status == (303 if kind == "submit" else 200) else "other_status"] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CONNECTIONS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    elapsed = time.monotonic() - started
    return {"requests": len(latencies), **counts, "per_second": round(len(latencies) / elapsed, 1),
            "p50_ms": round(1000 * latencies[len(latencies) // 2], 2),
            "p99_ms": round(1000 * latencies[int(len(latencies) * 0.99)], 2), "timeouts": 0}


def combined(rounds: list[dict]) -> dict:
    """Return the figures of several rounds of one kind of load as one: totals, the rate over all
    of them, the median round's p50 and the worst round's p99."""
    total = {key: sum(r[key] for r in rounds) for key in ("requests", "accepted", "other_status", "socket_errors",
                                                          "timeouts")}
    seconds = sum(r["requests"] / r["per_second"] for r in rounds if r["per_second"])
    cpu = sum(r["server_cpu_ms_per_request"] * r["requests"] for r in rounds)
    return {**total, "per_second": round(total["requests"] / seconds, 1) if seconds else 0.0,
            "p50_ms": sorted(r["p50_ms"] for r in rounds)[len(rounds) // 2], "p99_ms": max(r["p99_ms"] for r in rounds),
            "server_cpu_ms_per_request": round(cpu / max(total["requests"], 1), 3),
            "rounds_per_second": [r["per_second"] for r in rounds]}


def bench_database(name: str, url: str, load) -> dict:
    """Prepare a database, serve it, and measure the bare POST and the submission on it, in
    ROUNDS alternating rounds so that the machine's drift (other programs, a shared host's
    neighbours) falls on both alike."""
    prepare(url)
    port = free_port()
    server = serve(url, port)
    bare_rounds, submit_rounds = [], []
    try:
        users = [play_resident(port) for _ in range(CLIENT_THREADS)]
        load(port, "/bench/bare", "bare", users, 3)  # warm up both workers
        before = stored_responses(url)
        for _ in range(ROUNDS):
            for path, kind, rounds in (("/bench/bare", "bare", bare_rounds), (f"/s/{SLUG}", "submit", submit_rounds)):
                # Let the last round's requests finish first: a worker still busy when the client
                # connects leaves the other worker to accept every connection, and half the
                # server's cores idle for the whole round.
                time.sleep(1)
                rounds.append(measured(server, load, port, path, kind, users, SECONDS // ROUNDS))
        time.sleep(1)  # let requests in flight when the client stopped finish
        after = stored_responses(url)
    finally:
        stop(server)
    bare, submit = combined(bare_rounds), combined(submit_rounds)
    stored, answers = after[0] - before[0], after[1] - before[1]
    result = {
        "bare_post": bare, "submission": submit,
        # Each round's submissions over the bare POSTs just before them; the median of the rounds,
        # so that one round disturbed by the rest of the machine does not decide the figure.
        "ratio": round(statistics.median(s["per_second"] / b["per_second"] for b, s in zip(bare_rounds, submit_rounds)), 3),
        "ratio_of_totals": round(submit["per_second"] / bare["per_second"], 3),
        # What the throughput ratio would be with the server's cores to itself (no load generator or
        # other programs competing for them): the server's CPU time per bare POST over per submission.
        "cpu_cost_ratio": round(bare["server_cpu_ms_per_request"] / submit["server_cpu_ms_per_request"], 3),
        "stored": stored, "answers_stored": answers, "lost": max(0, submit["accepted"] - stored),
        "stored_not_counted": max(0, stored - submit["accepted"]),
    }
    result["meets_target"] = result["ratio"] >= TARGET_RATIO and result["lost"] == 0
    print(f"{name}: bare POST {bare['per_second']:,.0f}/s (p99 {bare['p99_ms']} ms, "
          f"{bare['server_cpu_ms_per_request']} ms server CPU each); submission {submit['per_second']:,.0f}/s "
          f"(p50 {submit['p50_ms']} ms, p99 {submit['p99_ms']} ms, {submit['server_cpu_ms_per_request']} ms CPU each); "
          f"ratio {result['ratio']:.2f} (target {TARGET_RATIO}; of the totals {result['ratio_of_totals']:.2f}; "
          f"by CPU cost {result['cpu_cost_ratio']:.2f}); "
          f"accepted {submit['accepted']:,}, stored {stored:,} ({answers:,} answers), lost {result['lost']}, "
          f"refused {submit['other_status']}")
    return result


def postgres_database() -> tuple[str, callable]:
    """Create a fresh database on the local PostgreSQL server; return (url, drop)."""
    from sqlalchemy import create_engine, text

    admin_url = subprocess.run([str(REPO / "scripts" / "test-postgres.sh")], capture_output=True, text=True,
                               check=True).stdout.strip()
    name = f"fairer_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return admin_url.rsplit("/", 1)[0] + "/" + name, drop


def main(names: list[str]) -> None:
    """Run the benchmark on each database named; print and save the figures."""
    wrk = shutil.which("wrk")
    load = run_wrk if wrk else run_python
    tool = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("[")[0].strip() if wrk else \
        "Python threads (wrk not installed: apt-get install -y wrk)"
    print(f"Load: {tool}; {CONNECTIONS} connections for {SECONDS} s; "
          f"server: gunicorn --workers {WORKERS} --threads {SERVER_THREADS}; {os.cpu_count()} CPUs")
    results = {"load_generator": tool, "connections": CONNECTIONS, "seconds": SECONDS,
               "server": f"gunicorn --workers {WORKERS} --threads {SERVER_THREADS}", "cpus": os.cpu_count(),
               "python": platform.python_version(), "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
               "target_ratio": TARGET_RATIO}
    for name in names:
        if name == "sqlite":
            with tempfile.TemporaryDirectory(prefix="fairer-bench-") as folder:
                results["sqlite"] = bench_database("SQLite (WAL)", f"sqlite:///{folder}/bench.db", load)
        else:
            url, drop = postgres_database()
            try:
                results["postgresql"] = bench_database("PostgreSQL", url, load)
            finally:
                drop()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(f"Wrote {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["sqlite", "postgresql"])
