"""Benchmark for comment themes (issue 14, item 5): prints its figures and writes
bench/results/comment_themes.json.

Every labelled comment (tests/data/comments_labelled.csv) has three theme labellings in
tests/data/comments_theme_votes.csv: the file's own (first) and two blind ones made later by the
written guide, docs/comment-themes.md (second, third), each labeller seeing only the texts. The
reference is the themes at least two of the three chose (docs/surveys.md).

1. The keyword coder (DEFAULT_THEMES) against the reference and against the first labels alone,
   on each half: micro precision and recall, and per theme on the held-out half.
2. How the labellers agree: each pair's micro precision and recall (the later one scored against
   the earlier), and the coder against each labeller, on the held-out half.

Usage: .venv/bin/python bench/comment_themes.py
"""

from __future__ import annotations

import csv
import json
import platform
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

# These imports must follow the sys.path insertion above, so the project's modules resolve.
from engagement.comments.auto_coding import DEFAULT_THEMES, find_themes  # noqa: E402

VOTES = REPO / "tests" / "data" / "comments_theme_votes.csv"
RESULTS = REPO / "bench" / "results" / "comment_themes.json"
LABELLERS = ("first", "second", "third")
# The held-out half scored against the first labels alone by earlier keyword lists (the trees'
# own find_themes on the same rows; bench/comments.py printed these then): before the labelled
# file grew (e914594), before the extra comments (474a522), and the last round (2bab1ba).
FIRST_LABELS_BEFORE = {
    "e914594": {"precision": 0.802, "recall": 0.790},
    "474a522": {"precision": 0.806, "recall": 0.804},
    "2bab1ba": {"precision": 0.804, "recall": 0.808},
}
# The last round's keywords (2bab1ba) against the reference, measured once when the reference was
# made and before any keyword was chosen on it (commit 9d1f8f1).
REFERENCE_BEFORE = {
    "development": {"precision": 0.868, "recall": 0.855},
    "held_out": {"precision": 0.852, "recall": 0.798},
}


def theme_set(cell: str) -> set[str]:
    """Return the themes of a "Theme;Theme" cell as a set."""
    return set(filter(None, cell.split(";")))


def load() -> dict[str, list[dict]]:
    """Return the votes file's rows by half ("development", "held_out")."""
    with VOTES.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return {half: [r for r in rows if r["half"] == half] for half in ("development", "held_out")}


def micro(pairs: list[tuple[set[str], set[str]]]) -> dict:
    """Return micro precision and recall of the second set of each (reference, read) pair."""
    tp = sum(len(a & b) for a, b in pairs)
    fp = sum(len(b - a) for a, b in pairs)
    fn = sum(len(a - b) for a, b in pairs)
    return {"precision": round(tp / (tp + fp), 3), "recall": round(tp / (tp + fn), 3)}


def per_theme(rows: list[dict], read: list[set[str]]) -> dict:
    """Return precision, recall and how many were labelled, per theme, against the reference."""
    pairs = [(theme_set(r["themes"]), got) for r, got in zip(rows, read, strict=True)]
    table = {}
    for name in DEFAULT_THEMES:
        tp = sum(name in gold and name in got for gold, got in pairs)
        fp = sum(name not in gold and name in got for gold, got in pairs)
        fn = sum(name in gold and name not in got for gold, got in pairs)
        table[name] = {
            "precision": round(tp / (tp + fp), 3) if tp + fp else None,
            "recall": round(tp / (tp + fn), 3) if tp + fn else None,
            "labelled": tp + fn,
        }
    return table


def main() -> None:
    halves = load()
    coder = {half: [set(find_themes(r["text"])) for r in rows] for half, rows in halves.items()}
    against = {
        half: {
            reference: micro(
                [(theme_set(r[reference]), got) for r, got in zip(rows, coder[half], strict=True)]
            )
            for reference in ("themes", "first")
        }
        for half, rows in halves.items()
    }
    held = halves["held_out"]
    agreement = {
        f"{b} against {a}": micro([(theme_set(r[a]), theme_set(r[b])) for r in held])
        for a, b in (("first", "second"), ("first", "third"), ("second", "third"))
    }
    coder_against = {
        who: micro(
            [(theme_set(r[who]), got) for r, got in zip(held, coder["held_out"], strict=True)]
        )
        for who in LABELLERS
    }
    themes = per_theme(held, coder["held_out"])

    print("The keyword coder's themes: micro precision / recall")
    print(f"{'':22} {'reference (2 of 3)':>18} {'first labels alone':>20}")
    for half, a in against.items():
        ref, first = a["themes"], a["first"]
        print(
            f"{half:22} {ref['precision']:10.3f} / {ref['recall']:.3f}"
            f" {first['precision']:12.3f} / {first['recall']:.3f}"
        )
    for half, m in REFERENCE_BEFORE.items():
        print(
            f"{half + ', before':22} {m['precision']:10.3f} / {m['recall']:.3f}"
            "   (2bab1ba's keywords, before any was chosen on it)"
        )
    for commit, m in FIRST_LABELS_BEFORE.items():
        print(f"{'held_out, ' + commit:22} {'':18} {m['precision']:12.3f} / {m['recall']:.3f}")
    print("\nPer theme, held out, against the reference")
    print(f"{'':34} {'precision':>9} {'recall':>7} {'labelled':>8}")
    for name, s in themes.items():
        precision = "-" if s["precision"] is None else f"{s['precision']:.3f}"
        recall = "-" if s["recall"] is None else f"{s['recall']:.3f}"
        print(f"{name:34} {precision:>9} {recall:>7} {s['labelled']:8}")
    print(f"\nHow the labellers agree on the {len(held)} held-out comments (precision / recall)")
    for pair, m in agreement.items():
        print(f"{pair:22} {m['precision']:.3f} / {m['recall']:.3f}")
    for who, m in coder_against.items():
        print(f"{'coder against ' + who:22} {m['precision']:.3f} / {m['recall']:.3f}")

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "python": platform.python_version(),
                "votes_file": str(VOTES.relative_to(REPO)),
                "reference": "themes chosen by at least two of the three labellers",
                "coder": against,
                "coder_before_on_reference": REFERENCE_BEFORE,
                "coder_before_held_out_first_labels": FIRST_LABELS_BEFORE,
                "per_theme_held_out": themes,
                "labellers_held_out": agreement,
                "coder_against_each_labeller_held_out": coder_against,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"\nwrote {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
