"""Benchmark: residents sending survey answers to the real app under gunicorn, on SQLite and \
PostgreSQL.

What runs: gunicorn with the Procfile's settings (gunicorn.conf.py: two workers per core, four
threads each) serving "bench.survey_app:create_bench_app()" (the real create_app() plus a bare
POST view), on a fresh database with the sample borough and the example survey. 20 connections
send POSTs for 30 s (BENCH_SECONDS) to each of the bare view (the floor: Flask reading a small
form) and POST /s/draft-priorities, the real submission, in five alternating rounds of 6 s.

How one POST is a whole submission: each is a different resident's first press of "Send".
Before each round of submissions the benchmark plays enough new visits for it (1.6 times the
fastest rate seen so far; bench/soak_server.play_resident, 16 at a time): each visit GETs a page
for its CSRF token and session cookie, answers every page with the tests' answers
(tests/surveys/survey_helpers.ANSWERS: nine stored answers, a one-line comment), kept with the
submission token the server issues for the visit in the signed session cookie, and opens "Check
your answers", whose send form (CSRF token, submission token, empty honeypot) is what it sends.
The load sends each visit once; the visits a round leaves unsent are used in the next, and a
round that runs out is dropped and run again with more. The server does everything a real send
does: checks the CSRF token, reads the signed cookie, checks every answer again, resolves the
neighbourhood, codes the comment's sentiment and themes, stores the response and every answer,
commits (together with any others arriving at that moment, as in production:
surveys/group_writer.py), and redirects (303) to the receipt only then. A submission counts as
accepted only for that 303 to the receipt page; the redirect is not followed. Rate limiting is
off (FAIRER_SURVEY_RATE_LIMIT=off): all the load comes from one address.

Figures: requests per second of each; their ratio (target: a submission at least 0.25x the bare
POST), as the median over the rounds of each round's ratio and as the ratio of the totals; p50 and
p99 latency; and accepted (303s to the receipt counted by the client) against stored (rows added
to survey_responses during each round): none may be lost. A request in flight when the client
stops may be stored without being counted, so stored may exceed accepted by at most the 20
connections a round.

The load comes from wrk (Debian: `apt-get install -y wrk`); without it, from a Python client
with one thread per connection, which is slower and says so in the results.

bench/survey_server.py starts the server and readies the visits; bench/survey_load.py sends the \
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

from bench.survey_load import CONNECTIONS, load_generator  # noqa: E402
from bench.survey_server import (  # noqa: E402
    SERVER_THREADS,
    SLUG,
    WORKERS,
    free_port,
    measured,
    postgres_database,
    prepare,
    serve,
    stop,
    stored_responses,
    visits_ready_to_send,
)

SECONDS = int(os.environ.get("BENCH_SECONDS", "30"))
ROUNDS = 5
TARGET_RATIO = 0.25
WARM_UP_VISITS = 1_000
MARGIN = 1.6  # visits ready per round, over the fastest rate seen times its length: wrk's threads
# each send their own quarter of them, and one may run through its quarter first
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


def submission_round(server, load, port: int, url: str, pool: list, rate: float) -> dict:
    """Play enough new visits to add to the pool for a round at up to MARGIN times rate, send
    each once, and return the round's figures with what it stored. A round that ran out of
    visits is played again with more (its figures are dropped: a client that ran out stopped
    early); the visits a round left unsent stay in the pool, still first sends."""
    seconds = SECONDS // ROUNDS
    played, playing = 0, 0.0
    while True:
        began = time.monotonic()
        more = max(0, int(rate * seconds * MARGIN) + 2 * CONNECTIONS - len(pool))
        pool += visits_ready_to_send(port, more)
        played, playing = played + more, playing + time.monotonic() - began
        time.sleep(1)  # see bench_database
        before = stored_responses(url)
        figures = measured(server, load, port, f"/s/{SLUG}", "submit", pool, seconds)
        pool[:] = figures.pop("unsent")
        time.sleep(1)  # let requests in flight when the client stopped finish
        after = stored_responses(url)
        figures["stored"], figures["answers_stored"] = (after[0] - before[0], after[1] - before[1])
        figures["visits_played"], figures["seconds_playing_visits"] = played, round(playing, 1)
        if not figures.pop("ran_out"):
            return figures
        print(f"  ran out of visits at {figures['per_second']:,.0f}/s: playing more")
        rate *= 2


def bench_database(name: str, url: str, load) -> dict:
    """Prepare a database, serve it, and measure the bare POST and the submission on it, in
    ROUNDS alternating rounds so that the machine's drift (other programs, a shared host's
    neighbours) falls on both alike."""
    prepare(url)
    port = free_port()
    server = serve(url, port)
    bare_rounds, submit_rounds = [], []
    try:
        pool = visits_ready_to_send(port, WARM_UP_VISITS)
        bare_visit = pool[:1]  # the bare view stores nothing: its cookie is only carried
        load(port, "/bench/bare", "bare", bare_visit, 3)  # warm up both workers
        warm = load(port, f"/s/{SLUG}", "submit", pool, 2)
        pool = warm.pop("unsent")
        rate = warm["per_second"]
        for _ in range(ROUNDS):
            # Let the last round's requests finish first: a worker still busy when the client
            # connects leaves the other worker to accept every connection, and half the
            # server's cores idle for the whole round.
            time.sleep(1)
            bare_rounds.append(
                measured(server, load, port, "/bench/bare", "bare", bare_visit, SECONDS // ROUNDS)
            )
            submit_rounds.append(submission_round(server, load, port, url, pool, rate))
            rate = max(rate, submit_rounds[-1]["per_second"])
    finally:
        stop(server)
    bare, submit = combined(bare_rounds), combined(submit_rounds)
    stored = sum(r["stored"] for r in submit_rounds)
    answers = sum(r["answers_stored"] for r in submit_rounds)
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
        "visits_played": WARM_UP_VISITS + sum(r["visits_played"] for r in submit_rounds),
        "seconds_playing_visits": round(sum(r["seconds_playing_visits"] for r in submit_rounds)),
        "lost": sum(max(0, r["accepted"] - r["stored"]) for r in submit_rounds),
        "stored_not_counted": sum(max(0, r["stored"] - r["accepted"]) for r in submit_rounds),
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
        f"lost {result['lost']}; {result['visits_played']:,} visits played, "
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
