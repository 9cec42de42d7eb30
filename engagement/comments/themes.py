"""Themes of residents' comments from a keyword taxonomy officers can read and correct.

A taxonomy maps a theme name to keywords. Matching is deliberately plain, so an officer can
predict it from the keyword list alone:

- case does not matter, and a keyword only matches whole words: "bus" finds "bus" and
  "Buses" but not "business";
- a keyword also matches its plural: -es after s, x, z, ch or sh ("bus" finds "buses"),
  -s otherwise ("park" finds "parks", but "car" does not find "cares");
- a trailing * is a stem: "fly-tip*" finds fly-tip, fly-tipping, fly-tipped. A stem needs
  at least 3 letters before the *, so "a*" cannot swallow every word;
- spaces and hyphens inside a phrase are interchangeable and may be left out:
  "anti-social behaviour" finds "antisocial behaviour" and "anti social behaviour";
- a keyword starting with "-" is an exclusion for its theme: "-car park" stops "park"
  from finding "car park". Place names containing a keyword ("Pilling Park") belong here.

No NLTK, no stemming library: a regular expression per theme, built from its keywords.
The keywords every council starts with, DEFAULT_THEMES, are in default_themes.py.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from engagement.comments.default_themes import DEFAULT_THEMES

Taxonomy = dict[str, tuple[str, ...]]

# Residents write far less than this (a survey answer is at most 10,000 characters); the cap
# keeps a hostile or accidental megabyte from tying up a worker. Shared with sentiment.
MAX_ANALYSED_CHARS = 20_000


def normalise(text: str) -> str:
    """Return text folded for matching: Unicode-compatible forms, lower case,
    plain quotes and dashes."""
    text = unicodedata.normalize("NFKC", text[:MAX_ANALYSED_CHARS]).casefold()
    return text.translate(_PLAIN)


# Curly quotes and the several Unicode dashes people paste from word processors.
_PLAIN = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
    }
)


def keyword_problem(keyword: str) -> str | None:
    """Return why a keyword cannot be used (GOV.UK error wording), or None when it is fine."""
    word = keyword.strip().lstrip("-").strip()
    if not word:
        return "Enter a keyword"
    for part in re.split(r"[\s\-]+", word):
        if "*" in part[:-1]:
            return "A * can only come at the end of a word"
        if part.endswith("*") and len(part) < 4:
            return "Put at least 3 letters before a *"
    return None


def _keyword_regex(keyword: str) -> str:
    """Return the regular expression (without word boundaries) for one checked keyword."""
    parts = []
    words = [w for w in re.split(r"[\s\-]+", keyword) if w]
    for word in words:
        if word.endswith("*"):
            parts.append(re.escape(word[:-1]) + r"\w*")
        else:
            parts.append(re.escape(word))
    body = r"[\s\-]*".join(parts)
    last = words[-1]
    if not last.endswith("*"):
        # English plurals: bus → buses, car → cars (not "cares").
        body += r"(?:es)?" if re.search(r"(s|x|z|ch|sh)$", last) else r"s?"
    return body


def _alternation(keywords: Iterable[str]) -> re.Pattern[str] | None:
    """Return one pattern finding any of keywords as whole words, longest first, or None."""
    bodies = sorted({_keyword_regex(k) for k in keywords}, key=len, reverse=True)
    if not bodies:
        return None
    # No IGNORECASE: keywords and the text searched are both casefolded already, and matching
    # case-blind is twice as slow.
    return re.compile(r"(?<!\w)(?:" + "|".join(bodies) + r")(?!\w)")


@lru_cache(maxsize=32)
def _compiled(frozen: tuple[tuple[str, tuple[str, ...]], ...]):
    """Return [(name, include pattern, exclude pattern)] for a taxonomy in hashable form."""
    compiled = []
    for name, keywords in frozen:
        usable = [k.strip().casefold() for k in keywords if keyword_problem(k) is None]
        include = _alternation(k for k in usable if not k.startswith("-"))
        exclude = _alternation(k[1:].strip() for k in usable if k.startswith("-"))
        compiled.append((name, include, exclude))
    return compiled


def find_themes(text: str, taxonomy: Taxonomy | None = None) -> list[str]:
    """Return the names of the themes whose keywords occur in text, in taxonomy order.

    taxonomy defaults to DEFAULT_THEMES. Keywords an officer mistyped (see keyword_problem)
    are skipped rather than allowed to match everything. Markup is treated as plain
    characters: "<b>damp</b>" finds Housing because "damp" is still a whole word.
    """
    taxonomy = DEFAULT_THEMES if taxonomy is None else taxonomy
    folded = normalise(text or "")
    found = []
    for name, include, exclude in _compiled(tuple((n, tuple(k)) for n, k in taxonomy.items())):
        if include is None:
            continue
        searched = exclude.sub(lambda m: " " * len(m.group()), folded) if exclude else folded
        if include.search(searched):
            found.append(name)
    return found


def taxonomy_from_rows(rows: Iterable) -> Taxonomy:
    """Return a taxonomy from stored themes, or DEFAULT_THEMES when there are none.

    rows are (name, keywords) pairs or objects with .name and .keywords (CommentTheme rows);
    objects with a .position are put in position order. Keywords are trimmed, lower-cased and
    de-duplicated; blank names and blank keywords are dropped.
    """
    pairs = []
    for index, row in enumerate(rows):
        if hasattr(row, "name") and hasattr(row, "keywords"):
            name, keywords, position = row.name, row.keywords, getattr(row, "position", None)
        else:
            (name, keywords), position = row, None
        pairs.append((position if position is not None else 0, index, name, keywords))
    pairs.sort(key=lambda p: (p[0], p[1]))
    taxonomy: Taxonomy = {}
    for _position, _index, name, keywords in pairs:
        name = (name or "").strip()
        if not name:
            continue
        if isinstance(keywords, str):
            keywords = [keywords]
        cleaned = dict.fromkeys(k.strip().lower() for k in keywords or () if k and k.strip())
        taxonomy[name] = tuple(cleaned)
    return taxonomy or dict(DEFAULT_THEMES)
