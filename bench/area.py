"""Benchmarks for issue "Foundation and /area" (prints its figures and writes
bench/results/area.json).

1. Import of all England (IoD2019 File 2 + File 6, the ward lookup, MSOA names) into SQLite and
   PostgreSQL (when BENCH_POSTGRES_URL is set): seconds and peak memory (RSS), as a ratio to
   pandas merely reading the same files. Each run is its own process, so peaks don't mix.
2. `/area` through the signed POST /slack/events with all England loaded: 1,000 mixed queries
   (exact codes, names, aliases, misspellings, ambiguous and unknown names), p50/p95/p99, as a
   ratio to a bare signed command that only acks in Bolt's fastest mode.

Usage: .venv/bin/python bench/area.py  (FAIRER_SHARED_DATA to point at the official files)
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
_CANDIDATES = [Path(p) for p in (os.environ.get("FAIRER_SHARED_DATA"),) if p] + [
    REPO.parent / "shared" / "data",
    Path("/work/shared/data"),
]
DATA = next((p for p in _CANDIDATES if p.is_dir()), _CANDIDATES[0])
FILES = [
    DATA / "iod2019" / "File_2_-_IoD2019_Domains_of_Deprivation.csv.gz",
    DATA / "iod2019" / "File_6_-_IoD2019_Population_Denominators.csv.gz",
    DATA / "geo" / "lsoa11_ward19.csv",
    DATA / "geo" / "msoa11_names.csv",
]
SECRET = "bench-signing-secret"

READ_ONLY = """
import sys, pandas as pd
for path in sys.argv[1:]:
    pd.read_csv(path, encoding="utf-8-sig", thousands=",")
"""
IMPORT_SETUP = """
import sys
from pathlib import Path
from storage.db import make_engine
from storage.migrate import upgrade
from storage import session_scope
from engagement.areas.iod_import import import_iod_files
engine = make_engine(sys.argv[1])
upgrade(engine)
"""
IMPORT = """
with session_scope(engine) as session:
    import_iod_files(session, [Path(p) for p in sys.argv[2:]])
"""


def timed_process(code: str, *args: str, setup: str = "") -> tuple[float, float]:
    """Return (seconds of the timed part, peak RSS in MiB) of running code in a fresh
    interpreter."""
    script = (
        f"import time\n{setup}\n_t = time.perf_counter()\n{code}\nprint(time.perf_counter() - _t)"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script, *args], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"benchmark step failed: {code[:60]}")
    return float(output.strip().splitlines()[-1]), usage.ru_maxrss / 1024


def bench_import(url: str, label: str, runs: int = 3) -> dict:
    """Return import seconds and memory against pandas reading the same files (best of runs)."""
    read = [timed_process(READ_ONLY, *map(str, FILES), setup="import pandas") for _ in range(runs)]
    imports = [
        timed_process(IMPORT, url, *map(str, FILES), setup=IMPORT_SETUP) for _ in range(runs)
    ]
    read_s, read_mb = min(r[0] for r in read), max(r[1] for r in read)
    import_s, import_mb = min(r[0] for r in imports), max(r[1] for r in imports)
    result = {
        "database": label,
        "pandas_read_s": round(read_s, 3),
        "import_s": round(import_s, 3),
        "ratio_to_pandas_read": round(import_s / read_s, 1),
        "pandas_read_peak_mib": round(read_mb),
        "import_peak_mib": round(import_mb),
    }
    print(
        f"import ({label}): {import_s:.2f} s, peak {import_mb:.0f} MiB; "
        f"pandas read {read_s:.2f} s, peak {read_mb:.0f} MiB; "
        f"ratio {import_s / read_s:.1f}x"
    )
    return result


def signed(body: str) -> dict:
    ts = str(int(time.time()))
    signature = (
        "v0=" + hmac.new(SECRET.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    )
    return {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": signature,
    }


def slash_body(command: str, text: str) -> str:
    return urlencode(
        {
            "command": command,
            "text": text,
            "user_id": "U0BENCH001",
            "team_id": "T0BENCH001",
            "channel_id": "C0BENCH001",
            "response_url": "http://127.0.0.1:9/response",
            "trigger_id": "1.2.bench",
            "api_app_id": "A0BENCH001",
            "token": "unused",
        }
    )


def mixed_queries(url: str, n: int = 1000, seed: int = 7) -> list[tuple[str, str]]:
    """Return n (kind, query) pairs drawn from the loaded areas."""
    from sqlalchemy import select

    from storage import session_scope
    from storage.db import make_engine
    from storage.models import Area, AreaAlias

    rng = random.Random(seed)
    engine = make_engine(url)
    with session_scope(engine) as session:
        areas = session.execute(select(Area.code, Area.kind, Area.name)).all()
        aliases = list(session.scalars(select(AreaAlias.alias)))
    engine.dispose()
    named = [a for a in areas if a.kind in ("msoa", "ward", "lad")]
    names = [a.name for a in named]
    repeated = sorted({n for n in names if names.count(n) > 1}) if len(names) < 2000 else None
    if repeated is None:
        counts: dict[str, int] = {}
        for name in names:
            counts[name] = counts.get(name, 0) + 1
        repeated = sorted(n for n, c in counts.items() if c > 1)

    def misspelt(name: str) -> str:
        word = max(name.split(), key=len)
        i = rng.randrange(1, len(word) - 1) if len(word) > 3 else 0
        return name.replace(word, word[:i] + word[i + 1 :], 1)

    makers = [
        (0.25, "code", lambda: rng.choice(areas).code),
        (0.20, "name", lambda: rng.choice(named).name.upper()),
        (0.10, "alias", lambda: rng.choice(aliases) if aliases else rng.choice(named).name),
        (0.20, "fuzzy", lambda: misspelt(rng.choice(named).name)),
        (0.10, "ambiguous", lambda: rng.choice(repeated)),
        (
            0.15,
            "unknown",
            lambda: "".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(rng.randint(5, 12))),
        ),
    ]
    queries = []
    for share, kind, make in makers:
        queries += [(kind, make()) for _ in range(round(n * share))]
    rng.shuffle(queries)
    return queries[:n]


def percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000  # noqa: E731
    return {
        "p50_ms": round(pick(0.50), 3),
        "p95_ms": round(pick(0.95), 3),
        "p99_ms": round(pick(0.99), 3),
        "mean_ms": round(statistics.mean(ordered) * 1000, 3),
    }


def bare_ack_app():
    """A Flask app whose only command acks, in Bolt's fastest mode: the floor for any command."""
    from flask import Flask, request
    from slack_bolt import App
    from slack_bolt.adapter.flask import SlackRequestHandler
    from slack_bolt.authorization import AuthorizeResult

    bolt = App(
        signing_secret=SECRET,
        process_before_response=True,
        authorize=lambda enterprise_id, team_id, user_id: AuthorizeResult(
            enterprise_id=enterprise_id, team_id=team_id, user_id=user_id, bot_token="xoxb-bench"
        ),
    )
    bolt.command("/bare")(lambda ack: ack())
    flask_app = Flask("bare")
    handler = SlackRequestHandler(bolt)
    flask_app.post("/slack/events")(lambda: handler.handle(request))
    return flask_app


def time_requests(client, command: str, queries: list[str]) -> list[float]:
    samples = []
    for query in queries:
        body = slash_body(command, query)
        headers = signed(body)
        started = time.perf_counter()
        response = client.post("/slack/events", data=body, headers=headers)
        samples.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"{command} {query!r} answered {response.status_code}")
    return samples


def bench_area(url: str) -> dict:
    """Return /area latency figures over 1,000 mixed queries against the bare-ack floor."""
    from bot.app import create_app

    app = create_app(
        {
            "DATABASE_URL": url,
            "SLACK_SIGNING_SECRET": SECRET,
            "TESTING": True,
            "SLACK_API_URL": "http://127.0.0.1:9/api/",
            # A public address, so replies carry the chart and map as images.
            "PUBLIC_BASE_URL": "https://fairer.example.gov.uk",
        }
    )
    queries = mixed_queries(url)
    client = app.test_client()
    time_requests(client, "/area", [q for _k, q in queries[:50]])  # warm the name index and caches
    area = time_requests(client, "/area", [q for _k, q in queries])
    bare_client = bare_ack_app().test_client()
    time_requests(bare_client, "/bare", ["x"] * 100)
    bare = time_requests(bare_client, "/bare", ["x"] * 1000)
    by_kind = {}
    for kind in sorted({k for k, _q in queries}):
        by_kind[kind] = percentiles(
            [s for (k, _q), s in zip(queries, area, strict=True) if k == kind]
        )
    result = {
        "queries": len(queries),
        "area": percentiles(area),
        "bare_ack": percentiles(bare),
        "by_kind": by_kind,
    }
    result["p95_ratio_to_bare_ack_p50"] = round(
        result["area"]["p95_ms"] / result["bare_ack"]["p50_ms"], 1
    )
    print(
        f"/area over {len(queries)} mixed queries: p50 {result['area']['p50_ms']} ms, "
        f"p95 {result['area']['p95_ms']} ms, "
        f"p99 {result['area']['p99_ms']} ms; bare ack p50 {result['bare_ack']['p50_ms']} ms; "
        f"p95 / bare ack = {result['p95_ratio_to_bare_ack_p50']}x"
    )
    for kind, figures in by_kind.items():
        print(f"  {kind:9} p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms")
    return result


def main() -> None:
    missing = [str(p) for p in FILES if not p.exists()]
    if missing:
        raise SystemExit(f"Official data not found: {', '.join(missing)} (set FAIRER_SHARED_DATA).")
    results = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}}
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        results["import"] = [bench_import(url, "sqlite")]
        if os.environ.get("BENCH_POSTGRES_URL"):
            results["import"].append(bench_import(os.environ["BENCH_POSTGRES_URL"], "postgresql"))
        subprocess.run(
            [
                sys.executable,
                "-m",
                "bot.cli.main",
                "areas",
                "load",
                str(REPO / "examples" / "areas.yml"),
            ],
            cwd=REPO,
            env={**os.environ, "DATABASE_URL": url},
            check=True,
            stdout=subprocess.DEVNULL,
        )
        boundaries = DATA / "geo" / "boundaries" / "england" / "lsoa11_england_bsc.geojson.gz"
        if boundaries.exists():  # /area then also checks for a map and links the pictures
            subprocess.run(
                [sys.executable, "-m", "bot.cli.main", "import-boundaries", str(boundaries)],
                cwd=REPO,
                env={**os.environ, "DATABASE_URL": url},
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        results["area"] = bench_area(url)
    out = REPO / "bench" / "results" / "area.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"Wrote {out.relative_to(REPO)}")


if __name__ == "__main__":
    main()
