"""A running clock for commands that can take more than two seconds, shown on a terminal only.

The importers behind `survey import`, `survey export`, `import-actions`, `areas load` and
`import-indicators` do not report rows as they go, so the bar says what is happening and how long
it has taken, ticking twice a second, and stops when the work ends. Piped or redirected output
(scripts, cron, tests) gets nothing.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from tqdm import tqdm

TICK_SECONDS = 0.5


def on_terminal() -> bool:
    """Return whether standard error is a terminal (where a progress bar can be drawn)."""
    return sys.stderr.isatty()


@contextmanager
def working(description: str, *, show: bool | None = None) -> Iterator[tqdm]:
    """Yield a tqdm bar reading "description: 12s" that ticks until the block ends.

    show defaults to on_terminal(); when False the bar is disabled and nothing is printed.
    """
    show = on_terminal() if show is None else show
    bar = tqdm(
        desc=description,
        bar_format="{desc}: {elapsed}",
        disable=not show,
        file=sys.stderr,
        leave=False,
    )
    finished = threading.Event()

    def tick() -> None:
        while not finished.wait(TICK_SECONDS):
            bar.refresh()

    ticker = threading.Thread(target=tick, daemon=True)
    if show:
        ticker.start()
    try:
        yield bar
    finally:
        finished.set()
        if show:
            ticker.join()
        bar.close()
