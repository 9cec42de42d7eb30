"""The reliability suite's figures: each test records what it tried and what came of it with the
`figures` fixture. They are printed at the end of the run and, when FAIRER_RELIABILITY_FIGURES
names a file, written there as JSON (bench/soak.py reads them)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

FIGURES: dict[str, dict] = {}


@pytest.fixture
def figures(request):
    """Return a function record(**figures) that keeps this test's figures under its name."""

    def record(**found) -> dict:
        FIGURES.setdefault(request.node.name, {}).update(found)
        return FIGURES[request.node.name]

    return record


def pytest_terminal_summary(terminalreporter):
    if not FIGURES:
        return
    terminalreporter.section("reliability figures")
    for name, found in FIGURES.items():
        shown = ", ".join(f"{k} {v}" for k, v in found.items() if not isinstance(v, list | dict))
        terminalreporter.write_line(f"{name}: {shown}")
    path = os.environ.get("FAIRER_RELIABILITY_FIGURES")
    if path:
        Path(path).write_text(json.dumps(FIGURES, indent=2, ensure_ascii=False) + "\n")
