"""An in-memory index of area names for fast, forgiving look-ups (`/area heartsease`).

Built once per process from the database and rebuilt when the catalogue version changes.
"""

from __future__ import annotations

import bisect
import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from engagement.model import AreaSummary

# How areas of the same name are ordered when offered as choices: a council's own first.
KIND_ORDER = {"custom": 0, "msoa": 1, "ward": 2, "lad": 3, "county": 3.5, "england": 4, "lsoa": 5}
MAX_CHOICES = 5
_CLEAR_LEAD = 12  # score points by which a best fuzzy match must lead to be taken without asking


def normalise(text: str) -> str:
    """Return text as compared for matching: lower case, '&' as 'and', punctuation as spaces."""
    text = text.casefold().replace("&", " and ").replace("'", "").replace("\u2019", "")
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


@dataclass(frozen=True)
class Entry:
    code: str
    kind: str
    name: str
    lad_code: str | None
    alt_name: str | None = None  # found exactly, not fuzzily: an MSOA's ONS name "Norwich 004"


@dataclass(frozen=True)
class Match:
    """The outcome of matching a query: one entry, several to choose from, or near misses."""

    status: str  # "found", "choose", "not_found", "empty"
    entries: tuple[Entry, ...] = ()
    total: int = 0  # how many areas matched before entries was cut to the limit


class AreaIndex:
    """Name, alias and code look-ups over one edition's areas (immutable once built)."""

    def __init__(
        self,
        entries: list[Entry],
        aliases: dict[str, list[str]],
        lad_names: dict[str, str],
        type_labels: dict[str, str] | None = None,
    ):
        self.lad_names = lad_names
        self.type_labels = type_labels or {}
        self.by_code = {e.code.upper(): e for e in entries}
        self.by_name: dict[str, list[Entry]] = defaultdict(list)
        self.searchable: list[tuple[str, Entry]] = []  # (normalised name, entry) for fuzzy search
        token_entries: dict[str, set[int]] = defaultdict(set)
        for entry in entries:
            if entry.alt_name:
                self.by_name[normalise(entry.alt_name)].append(entry)
            names = [entry.name, *aliases.get(entry.code, [])]
            for name in names:
                key = normalise(name)
                self.by_name[key].append(entry)
                # LSOA names ("Norwich 004A") are found exactly, never fuzzily:
                # they'd drown the rest.
                if entry.kind != "lsoa":
                    self.searchable.append((key, entry))
                    for token in key.split():
                        token_entries[token].add(len(self.searchable) - 1)
        self.tokens = sorted(token_entries)
        self.token_entries = {t: frozenset(ids) for t, ids in token_entries.items()}
        # Fuzzy search compares a word with the words sharing its first or last letter: a twentieth
        # of the vocabulary, and misspellings rarely change both ends of a word.
        self.tokens_by_end: dict[str, list[str]] = defaultdict(list)
        for token in self.tokens:
            self.tokens_by_end["^" + token[0]].append(token)
            self.tokens_by_end[token[-1] + "$"].append(token)

    def summary(self, entry: Entry) -> AreaSummary:
        """Return the AreaSummary of an index entry."""
        return AreaSummary(
            entry.code,
            entry.name,
            entry.kind,
            self.lad_names.get(entry.lad_code or ""),
            self.type_labels.get(entry.code),
        )

    def match(self, query: str, scope: tuple[str, ...] = (), *, limit: int = MAX_CHOICES) -> Match:
        """Return how query matches: by code, by exact name or alias, by words, or fuzzily.

        scope (local authority codes) limits name search to those councils' areas, plus custom
        areas and England; codes always work.
        """
        query = query.strip()
        if not query:
            return Match("empty")
        by_code = self.by_code.get(query.upper())
        if by_code is not None:
            return Match("found", (by_code,))
        key = normalise(query)
        if not key:
            return Match("not_found")

        def in_scope(entry: Entry) -> bool:
            return (
                not scope
                or entry.lad_code in scope
                or entry.kind in ("custom", "england")
                or entry.code in scope
            )

        exact = self._ordered(e for e in self.by_name.get(key, ()) if in_scope(e))
        if exact:
            status = "found" if len(exact) == 1 else "choose"
            return Match(status, tuple(exact[:limit]), len(exact))

        scored = self._word_matches(key, in_scope)
        if not scored:
            return Match("not_found", self._suggestions(key, in_scope))
        best = scored[0][0]
        close = [entry for score, entry in scored if score > best - _CLEAR_LEAD]
        if len(close) == 1:
            return Match("found", (close[0],))
        return Match("choose", tuple(close[:limit]), len(close))

    def _ordered(self, entries) -> list[Entry]:
        unique = {e.code: e for e in entries}.values()
        return sorted(unique, key=lambda e: (KIND_ORDER.get(e.kind, 9), e.name))

    def _tokens_like(self, word: str) -> set[str]:
        """Return the index's words that start with word or, failing that, are spelt like it."""
        start = bisect.bisect_left(self.tokens, word)
        end = bisect.bisect_left(self.tokens, word + "\uffff", start)
        found = set(self.tokens[start:end])
        if not found and len(word) >= 4:
            found = set(self._near_tokens(word, cutoff=80, limit=8))
        return found

    def _near_tokens(self, word: str, *, cutoff: int, limit: int) -> list[str]:
        """Return up to limit index words spelt like word (rapidfuzz ratio of at least cutoff)."""
        pool = list(
            dict.fromkeys(
                self.tokens_by_end.get("^" + word[0], [])
                + self.tokens_by_end.get(word[-1] + "$", [])
            )
        )
        return [
            t
            for t, _score, _i in process.extract(
                word, pool, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit
            )
        ]

    def _word_matches(self, key: str, in_scope) -> list[tuple[float, Entry]]:
        """Return (score, entry) for names containing every word of key (prefix or misspelt),
        best first."""
        candidates: set[int] | None = None
        for word in key.split():
            ids = set()
            for token in self._tokens_like(word):
                ids |= self.token_entries[token]
            candidates = ids if candidates is None else candidates & ids
            if not candidates:
                return []
        best: dict[str, tuple[float, Entry]] = {}
        for i in candidates:
            name, entry = self.searchable[i]
            if not in_scope(entry):
                continue
            score = fuzz.token_sort_ratio(key, name) + (5 - KIND_ORDER.get(entry.kind, 5)) * 0.1
            if entry.code not in best or best[entry.code][0] < score:
                best[entry.code] = (score, entry)
        return sorted(best.values(), key=lambda pair: (-pair[0], pair[1].name))

    def _suggestions(self, key: str, in_scope) -> tuple[Entry, ...]:
        """Return up to three areas whose names share a word spelt somewhat like one in key."""
        ids: set[int] = set()
        for word in key.split():
            if len(word) < 3:
                continue
            for token in self._near_tokens(word, cutoff=60, limit=10):
                if (
                    len(self.token_entries[token]) <= 500
                ):  # a word as common as "and" suggests nothing
                    ids |= self.token_entries[token]
        scored = {}
        for i in ids:
            name, entry = self.searchable[i]
            if in_scope(entry):
                score = fuzz.WRatio(key, name)
                if score >= 60 and scored.get(entry.code, (0,))[0] < score:
                    scored[entry.code] = (score, entry)
        best = sorted(
            scored.values(),
            key=lambda pair: (-pair[0], KIND_ORDER.get(pair[1].kind, 9), pair[1].name),
        )
        return tuple(entry for _score, entry in best[:3])


class IndexCache:
    """Keeps one index per database, rebuilt when its catalogue version moves on.

    The version is read at most once every RECHECK_SECONDS per process, so a busy bot does not
    ask the database on every command; an import shows up within that time.
    """

    RECHECK_SECONDS = 2.0

    def __init__(self):
        self._lock = threading.Lock()
        self._entries: dict[
            str, tuple[object, object, float]
        ] = {}  # key -> (version, index, checked at)

    def get(self, key: str, read_version, build):
        """Return the cached index for key, building it with build() if read_version()
        has moved on."""
        now = time.monotonic()
        cached = self._entries.get(key)
        if cached is not None and now - cached[2] < self.RECHECK_SECONDS:
            return cached[1]
        version = read_version()
        if cached is not None and cached[0] == version:
            self._entries[key] = (version, cached[1], now)
            return cached[1]
        with self._lock:
            cached = self._entries.get(key)
            if cached is None or cached[0] != version:
                cached = (version, build(), now)
                self._entries[key] = cached
            return cached[1]

    def forget(self) -> None:
        """Drop every cached index, so this process re-reads the catalogue on its next look-up."""
        with self._lock:
            self._entries.clear()


CACHE = IndexCache()
