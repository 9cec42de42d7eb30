"""Accessibility checks with axe-core, run inside the page under test."""
from __future__ import annotations

from pathlib import Path

import pytest

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 level AA, which includes every A and AA rule of 2.0 and 2.1.
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe(page, tags: list[str] = WCAG_22_AA) -> list[dict]:
    """Inject axe-core into page, run it against WCAG 2.2 AA and return its violations."""
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `make install`, which installs axe-core from package-lock.json.",
                    pytrace=False)
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations",
        tags,
    )


def describe(violations: list[dict]) -> str:
    """Return violations as readable lines for an assertion message."""
    lines = []
    for violation in violations:
        targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {targets}")
    return "\n".join(lines)
