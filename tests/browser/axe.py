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
        pytest.fail(
            f"{AXE_JS} is missing: "
            "run `make install`, which installs axe-core from package-lock.json.",
            pytrace=False,
        )
    # Evaluated through the DevTools protocol, not added as a <script>: the pages' own
    # Content-Security-Policy (script-src 'self') rightly blocks an injected inline script.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(f"() => {{ {AXE_JS.read_text()}\n}}")
    return page.evaluate(_RUN, tags)


# In a page with JavaScript switched off (java_script_enabled=False) timers never fire, and
# axe.run waits on setTimeout forever; there (no "js-enabled" class, which GOV.UK Frontend's
# first script adds) timers are run as microtasks while axe runs.
_RUN = """async (tags) => {
  const timersStopped = !document.body.classList.contains('js-enabled');
  const setTimeoutBefore = window.setTimeout;
  if (timersStopped) {
    window.setTimeout = (callback, _delay, ...args) => {
      Promise.resolve().then(() => callback(...args));
      return 0;
    };
  }
  try {
    return (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations;
  } finally {
    window.setTimeout = setTimeoutBefore;
  }
}"""


def describe(violations: list[dict]) -> str:
    """Return violations as readable lines for an assertion message."""
    lines = []
    for violation in violations:
        targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {targets}")
    return "\n".join(lines)
