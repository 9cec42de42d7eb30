"""A small, thread-safe store of things made once and kept: the last `limit` by key, oldest
forgotten first. Keys carry whatever makes a thing stale (the database, a catalogue version)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable


class Kept:
    """The last `limit` things made, by key."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._lock = threading.Lock()
        self._items: OrderedDict[tuple, object] = OrderedDict()

    def get(self, key: tuple, make: Callable[[], object]) -> object:
        """Return the thing kept under key, making and keeping it first if there is none."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        made = make()
        with self._lock:
            self._items[key] = made
            while len(self._items) > self._limit:
                self._items.popitem(last=False)
        return made

    def forget(self) -> None:
        """Forget everything kept; returns nothing."""
        with self._lock:
            self._items.clear()
