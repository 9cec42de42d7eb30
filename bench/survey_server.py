"""The server side of the survey benchmark: a fresh database with the example survey, gunicorn
serving the real app as the Procfile does, its workers' CPU time, and a resident who has answered
every page and is ready to send.
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
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The Procfile's web process reads gunicorn.conf.py; so does the benchmark's server.
_SETTINGS = runpy.run_path(str(REPO / "gunicorn.conf.py"))
WORKERS, SERVER_THREADS = _SETTINGS["workers"], _SETTINGS["threads"]
SLUG = "draft-priorities"
PAGES = {
    1: {"priority_1": "agree", "priority_2": "strongly_agree", "priority_3": "disagree"},
    2: {
        "top_issues-1": "housing",
        "top_issues-2": "transport",
        "top_issues-3": "jobs_and_skills",
        "heard_before": "no",
    },
    3: {
        "why_not_before": "i_did_not_have_time",
        "comments": (
            "The buses stop too early in the evening and the damp in our flat is getting worse."
        ),
    },
    4: {
        "respondent_type": "resident",
        "neighbourhood": "E02900001",
        "age_band": "35_44",
        "sex": "female",
        "disability": "no",
        "ethnicity": "prefer_not_to_say",
    },
}


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
