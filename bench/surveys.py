"""Benchmark: residents sending survey answers to the real app under gunicorn, on SQLite and \
PostgreSQL.

What runs: gunicorn with the Procfile's settings (gunicorn.conf.py: two workers per core, four
threads each) serving "bench.survey_app:create_bench_app()" (the real create_app() plus a bare
POST view), on a fresh database with the sample borough and the example survey. 20 connections
send POSTs for 30 s (BENCH_SECONDS) to each of the bare view (the floor: Flask reading a small
form) and POST /s/draft-priorities, the real submission, in five alternating rounds of 6 s.

How one POST is a whole submission: each load-generator thread first plays a resident once:
it GETs a page for its CSRF token and session cookie, answers the four pages (the answers are
kept in the signed session cookie) and opens check-answers. From then on its connections POST
the check-answers form over and over: the CSRF token, the cookie holding the answers, and a
fresh submission token each time, as a new visit to check-answers would give. The server does
everything a real send does: checks the CSRF token, reads the signed cookie, checks every
answer again, resolves the neighbourhood, codes the comment's sentiment and themes, stores the
response and every answer, commits (together with any others arriving at that moment, as in
production: surveys/group_writer.py), and redirects (303) to the receipt only then. \
The redirect is not
followed. Rate limiting is off (FAIRER_SURVEY_RATE_LIMIT=off): all the load comes from one address.

Figures: requests per second of each; their ratio (target: a submission at least 0.25x the bare
POST), as the median over the rounds of each round's ratio and as the ratio of the totals; p50 and
p99 latency; and accepted (303s counted by the client) against stored (rows in survey_responses
afterwards): none may be lost. A request in flight when the client stops may be
stored without being counted, so stored may exceed accepted by at most the 20 connections a round.

The load comes from wrk (Debian: `apt-get install -y wrk`); without it, from a Python client
with one thread per connection, which is slower and says so in the results.

bench/survey_server.py starts the server and plays the residents; bench/survey_load.py sends the \
load.

Usage: .venv/bin/python bench/surveys.py [sqlite] [postgresql]   (default: both). PostgreSQL: a
fresh database on the server of BENCH_POSTGRES_URL (a URL whose user may create databases), else
of scripts/test-postgres.sh. BENCH_SECONDS sets the length (default 30). Writes
bench/results/surveys.json.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.survey_load import CLIENT_THREADS, CONNECTIONS, load_generator  # noqa: E402
from bench.survey_server import (  # noqa: E402
    SERVER_THREADS,
    SLUG,
    WORKERS,
    free_port,
    measured,
    play_resident,
    postgres_database,
    prepare,
    serve,
    stop,
    stored_responses,
)

SECONDS = int(os.environ.get("BENCH_SECONDS", "30"))
ROUNDS = 5
TARGET_RATIO = 0.25
RESULTS = REPO / "bench" / "results" / "surveys.json"


def combined(rounds: list[dict]) -> dict:
    """Return the figures of several rounds of one kind of load as one: totals, the rate over all
    of them, the median round's p50 and the worst round's p99."""
    total = {
        key: sum(r[key] for r in rounds)
        for key in ("requests", "accepted", "other_status", "socket_errors", "timeouts")
    }
    seconds = sum(r["requests"] / r["per_second"] for r in rounds if r["per_second"])
    cpu = sum(r["server_cpu_ms_per_request"] * r["requests"] for r in rounds)
    return {
        **total,
        "per_second": round(total["requests"] / seconds, 1) if seconds else 0.0,
        "p50_ms": sorted(r["p50_ms"] for r in rounds)[len(rounds) // 2],
        "p99_ms": max(r["p99_ms"] for r in rounds),
        "server_cpu_ms_per_request": round(cpu / max(total["requests"], 1), 3),
        "rounds_per_second": [r["per_second"] for r in rounds],
    }


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
            for path, kind, rounds in (
                ("/bench/bare", "bare", bare_rounds),
                (f"/s/{SLUG}", "submit", submit_rounds),
            ):
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
        "bare_post": bare,
        "submission": submit,
        # Each round's submissions over the bare POSTs just before them; the median of the rounds,
        # so that one round disturbed by the rest of the machine does not decide the figure.
        "ratio": round(
            statistics.median(
                s["per_second"] / b["per_second"]
                for b, s in zip(bare_rounds, submit_rounds, strict=True)
            ),
            3,
        ),
        "ratio_of_totals": round(submit["per_second"] / bare["per_second"], 3),
        # What the throughput ratio would be with the server's cores to itself (no load generator
        # or other programs competing for them): the server's CPU time per bare POST over per
        # submission.
        "cpu_cost_ratio": round(
            bare["server_cpu_ms_per_request"] / submit["server_cpu_ms_per_request"], 3
        ),
        "stored": stored,
        "answers_stored": answers,
        "lost": max(0, submit["accepted"] - stored),
        "stored_not_counted": max(0, stored - submit["accepted"]),
    }
    result["meets_target"] = result["ratio"] >= TARGET_RATIO and result["lost"] == 0
    print(
        f"{name}: bare POST {bare['per_second']:,.0f}/s (p99 {bare['p99_ms']} ms, "
        f"{bare['server_cpu_ms_per_request']} ms server CPU each); "
        f"submission {submit['per_second']:,.0f}/s "
        f"(p50 {submit['p50_ms']} ms, p99 {submit['p99_ms']} ms, "
        f"{submit['server_cpu_ms_per_request']} ms CPU each); "
        f"ratio {result['ratio']:.2f} (target {TARGET_RATIO}; "
        f"of the totals {result['ratio_of_totals']:.2f}; "
        f"by CPU cost {result['cpu_cost_ratio']:.2f}); "
        f"accepted {submit['accepted']:,}, stored {stored:,} ({answers:,} answers), "
        f"lost {result['lost']}, "
        f"refused {submit['other_status']}"
    )
    return result


def main(names: list[str]) -> None:
    """Run the benchmark on each database named; print and save the figures."""
    load, tool = load_generator()
    print(
        f"Load: {tool}; {CONNECTIONS} connections for {SECONDS} s; "
        f"server: gunicorn --workers {WORKERS} --threads {SERVER_THREADS}; {os.cpu_count()} CPUs"
    )
    results = {
        "load_generator": tool,
        "connections": CONNECTIONS,
        "seconds": SECONDS,
        "server": f"gunicorn --workers {WORKERS} --threads {SERVER_THREADS}",
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "target_ratio": TARGET_RATIO,
    }
    for name in names:
        if name == "sqlite":
            with tempfile.TemporaryDirectory(prefix="fairer-bench-") as folder:
                results["sqlite"] = bench_database(
                    "SQLite (WAL)", f"sqlite:///{folder}/bench.db", load
                )
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
    DATABASES = ("sqlite", "postgresql")
    chosen = sys.argv[1:] or list(DATABASES)
    if any(name not in DATABASES for name in chosen):
        print(__doc__)
        sys.exit(0 if chosen[0] in ("-h", "--help") else 2)
    main(chosen)
