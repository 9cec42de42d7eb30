"""Browser fixtures: the real app served on 127.0.0.1 by werkzeug in a thread, and Debian's
Chromium driven by Playwright.

Playwright's own browser downloads (`playwright install`) are never used: the tests launch the
Chromium in CHROMIUM_PATH (default /usr/bin/chromium; `make test` sets it from scripts/chromium.sh,
which installs one from a package registry when the machine has none) and fail, not skip,
without it.
"""

from __future__ import annotations

import os
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.surveys.conftest import build_app

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The Chromium executable; the test fails with instructions when it is missing."""
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        pytest.fail(
            f"Chromium was not found at {path}. Run the suite with `make test`, which installs it "
            "when missing (scripts/chromium.sh prints the one it uses), or set CHROMIUM_PATH to a "
            "Chromium executable. Do not run `playwright install`.",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def playwright(chromium_path):
    """The Playwright driver (sync API), started once per test session."""
    from playwright.sync_api import sync_playwright

    manager = sync_playwright()
    try:
        driver = manager.start()
    except Exception as error:
        pytest.fail(
            f"Playwright's driver did not start: {error}. Its error output is above. `make test` "
            "runs it on the machine's Node.js (PLAYWRIGHT_NODEJS_PATH); the Node.js inside the "
            "playwright package needs libatomic.so.1 (Debian: `apt-get install -y libatomic1`).",
            pytrace=False,
        )
    yield driver
    driver.stop()


def _launch(playwright, chromium_path: str, profile: Path, **options):
    """Launch Chromium with a fresh profile in profile; return its (only) browser context."""
    options.setdefault("viewport", DESKTOP)
    context = playwright.chromium.launch_persistent_context(
        str(profile),
        executable_path=chromium_path,
        headless=True,
        args=CHROMIUM_ARGS,
        **options,
    )
    # Requests anywhere but the app under test are refused, so a page that reaches out to the
    # internet fails its test instead of hanging.
    context.route("**/*", _local_only)
    return context


def _local_only(route) -> None:
    if route.request.url.startswith(("http://127.0.0.1:", "about:", "data:")):
        route.continue_()
    else:
        route.abort("blockedbyclient")


@pytest.fixture(scope="session")
def browser_context(playwright, chromium_path, tmp_path_factory):
    """One Chromium (JavaScript on, fresh profile) shared by the session's tests."""
    context = _launch(playwright, chromium_path, tmp_path_factory.mktemp("chromium-profile"))
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    """A new desktop-sized page in the shared Chromium, closed (with its cookies) after the test."""
    page = browser_context.new_page()
    page.set_viewport_size(DESKTOP)
    yield page
    page.close()
    browser_context.clear_cookies()


@pytest.fixture
def phone_page(page):
    """A page 375 CSS pixels wide, the width of a small phone."""
    page.set_viewport_size(PHONE)
    return page


@pytest.fixture
def open_browser(playwright, chromium_path, tmp_path_factory):
    """Return open(**context_options) -> a separate Chromium (e.g. java_script_enabled=False)
    with a fresh profile of its own, closed when the test ends."""
    contexts = []

    def open_(**options):
        context = _launch(
            playwright, chromium_path, tmp_path_factory.mktemp("chromium-profile"), **options
        )
        contexts.append(context)
        return context

    yield open_
    for context in contexts:
        context.close()


@contextmanager
def _serving(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="test-web-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()


@pytest.fixture
def serve():
    """Return serve(database_url, **config) -> base URL of the real app running on 127.0.0.1,
    for tests that change data; stopped when the test ends."""
    with_stack = []

    def serve_(database_url: str, **overrides) -> str:
        running = _serving(build_app(database_url, **overrides))
        with_stack.append(running)
        return running.__enter__()

    yield serve_
    for running in reversed(with_stack):
        running.__exit__(None, None, None)


@pytest.fixture(scope="session")
def sample_site(sqlite_template, tmp_path_factory) -> str:
    """Base URL of the app serving the generated sample borough, shared by the session's tests:
    read it, never change it (use `serve` with your own database for that)."""
    from engagement.areas.custom import load_custom_areas
    from engagement.areas.indicator_import import import_indicators
    from engagement.areas.sample import load_sample_borough
    from storage import session_scope
    from storage.db import make_engine

    path = tmp_path_factory.mktemp("browser-sample") / "sample.db"
    shutil.copy(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    with session_scope(engine) as session:
        load_sample_borough(session)
        # The demo's own extras, so every section of an area's page is on show.
        load_custom_areas(session, EXAMPLES / "sample-areas.yml")
        import_indicators(session, EXAMPLES / "sample-indicators.csv")
    engine.dispose()
    with _serving(build_app(f"sqlite:///{path}")) as base_url:
        yield base_url
