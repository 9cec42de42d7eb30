"""The server side of the survey benchmark: a fresh database with the example survey, gunicorn
serving the real app as the Procfile does, its workers' CPU time, and new visits that have
answered every page and are ready to send.
"""

from __future__ import annotations

import http.client
import os
import re
import runpy
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The Procfile's web process reads gunicorn.conf.py; so does the benchmark's server.
_SETTINGS = runpy.run_path(str(REPO / "gunicorn.conf.py"))
WORKERS, SERVER_THREADS = _SETTINGS["workers"], _SETTINGS["threads"]
SLUG = "draft-priorities"


def prepare(url: str) -> None:
    """Migrate the database at url and load the sample borough and the example survey, open now."""
    from engagement.areas.sample import load_sample_borough
    from engagement.surveys.store import load_survey
    from storage import session_scope
    from storage.db import make_engine
    from storage.migrate import upgrade

    engine = make_engine(url)
    upgrade(engine)
    with session_scope(engine) as session:
        load_sample_borough(session)
        survey, _created = load_survey(session, REPO / "examples" / "surveys" / f"{SLUG}.yml")
        now = datetime.now(UTC)
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
        counts = (
            session.scalar(select(func.count()).select_from(SurveyResponse)),
            session.scalar(select(func.count()).select_from(SurveyAnswer)),
        )
    engine.dispose()
    return counts


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(url: str, port: int) -> subprocess.Popen:
    """Start gunicorn on port serving the bench app on url; return it once /healthz answers."""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": "bench-secret-key-" + uuid.uuid4().hex,
        "SLACK_SIGNING_SECRET": "bench",
        "FAIRER_SURVEY_RATE_LIMIT": "off",
        "FAIRER_LOCAL_AUTHORITIES": "E06999999",
        "PYTHONPATH": str(REPO),
    }
    command = [
        str(REPO / ".venv" / "bin" / "gunicorn"),
        "--config",
        str(REPO / "gunicorn.conf.py"),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "bench.survey_app:create_bench_app()",
    ]
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
    children = subprocess.run(
        ["pgrep", "-P", str(server.pid)], capture_output=True, text=True
    ).stdout.split()
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


def ready_to_send(port: int, visit: dict[str, str]) -> dict[str, str]:
    """Open "Check your answers" as a resident who has answered every page does; return
    {"cookie", "form"}: the visit's cookie and the page's send form as the browser posts it (the
    CSRF token, the submission token the server issued for the visit, the empty honeypot)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", f"/s/{SLUG}/check-answers", headers={"Cookie": visit["cookie"]})
    answer = connection.getresponse()
    page = answer.read().decode()
    connection.close()
    if answer.status != 200 or "Check your answers" not in page:
        raise RuntimeError(f"a played visit is not ready to send: {answer.status}")
    form = page[page.index('action="/s/' + SLUG + '"') :].split("</form>", 1)[0]
    fields = re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form)
    if {name for name, _value in fields} != {"csrf_token", "submission_token", "website"}:
        raise RuntimeError(f"the send form has changed: {fields}")
    return {"cookie": visit["cookie"], "form": urllib.parse.urlencode(fields)}


def visits_ready_to_send(port: int, count: int) -> list[dict[str, str]]:
    """Return count new visits (bench/soak_server.play_resident: every page answered, as a new
    visit with its own cookie and server-issued submission token), each with "Check your
    answers" opened and ready to send once."""
    from bench.soak_server import CLIENTS, play_resident

    with ThreadPoolExecutor(CLIENTS) as pool:
        return list(pool.map(lambda _n: ready_to_send(port, play_resident(port)), range(count)))


def postgres_database() -> tuple[str, callable]:
    """Create a fresh database on BENCH_POSTGRES_URL's server, else the local one; return
    (url, drop)."""
    from sqlalchemy import create_engine, text

    admin_url = (
        os.environ.get("BENCH_POSTGRES_URL")
        or subprocess.run(
            [str(REPO / "scripts" / "test-postgres.sh")], capture_output=True, text=True, check=True
        ).stdout.strip()
    )
    name = f"fairer_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return admin_url.rsplit("/", 1)[0] + "/" + name, drop
