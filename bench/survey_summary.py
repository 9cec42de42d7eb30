"""Benchmark: summarising 10k, 100k and 1M synthetic responses x 10 questions.

Prints seconds and peak memory (RSS) of summarise_survey() per size, each in a fresh process, and
writes bench/results/survey_summary.json. Usage: .venv/bin/python bench/survey_summary.py [sizes…]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

DEFINITION = {
    "slug": "bench",
    "title": "Benchmark survey",
    "pages": [
        {
            "title": "Questions",
            "questions": [
                *[
                    {"key": f"p{i}", "kind": "likert", "prompt": f"Priority {i}"}
                    for i in range(1, 8)
                ],
                {
                    "key": "choice",
                    "kind": "single",
                    "prompt": "Pick one",
                    "options": ["Yes", "No", "Not sure"],
                },
                {
                    "key": "top",
                    "kind": "ranking",
                    "prompt": "Order",
                    "top": 3,
                    "options": ["A", "B", "C", "D", "E"],
                },
                {"key": "respondent_type", "kind": "respondent_type"},
            ],
        }
    ],
}
LIKERT = ["strongly_agree", "agree", "neither", "disagree", "strongly_disagree", "dont_know"]


def populate(url: str, responses: int) -> None:
    """Fill a migrated database at url with the sample borough, the survey and synthetic
    responses."""
    import numpy as np

    from engagement.areas.sample import load_sample_borough
    from engagement.surveys.definition import parse_definition
    from engagement.surveys.store import save_definition
    from storage import session_scope
    from storage.bulk import bulk_insert
    from storage.db import make_engine
    from storage.migrate import upgrade
    from storage.survey_models import SurveyAnswer, SurveyResponse

    engine = make_engine(url)
    upgrade(engine)
    rng = np.random.default_rng(1)
    with session_scope(engine) as session:
        load_sample_borough(session)
        survey, _created = save_definition(session, parse_definition(DEFINITION))
        areas = [f"E029{i:05d}" for i in range(1, 13)]
        types = ["resident", "business", "voluntary_community", "public_sector"]
        chunk = 100_000
        for start in range(0, responses, chunk):
            size = min(chunk, responses - start)
            ids = range(start + 1, start + size + 1)
            area = rng.choice(areas, size).tolist()
            kind = rng.choice(types, size, p=[0.8, 0.1, 0.05, 0.05]).tolist()
            now = datetime.now(UTC)
            bulk_insert(
                session,
                SurveyResponse.__table__,
                [
                    "id",
                    "survey_id",
                    "receipt_code",
                    "channel",
                    "submitted_at",
                    "area_code",
                    "respondent_type",
                ],
                [
                    (i, survey.id, f"FP-{i:08d}", "web", now, a, t)
                    for i, a, t in zip(ids, area, kind, strict=True)
                ],
            )
            rows = []
            for q in range(1, 8):
                values = rng.choice(LIKERT, size, p=[0.3, 0.35, 0.1, 0.1, 0.05, 0.1]).tolist()
                rows += [
                    (survey.id, i, f"p{q}", v, None, t, a)
                    for i, v, t, a in zip(ids, values, kind, area, strict=True)
                ]
            choices = rng.choice(["yes", "no", "not_sure"], size).tolist()
            rows += [
                (survey.id, i, "choice", v, None, t, a)
                for i, v, t, a in zip(ids, choices, kind, area, strict=True)
            ]
            for i, t, a in zip(ids, kind, area, strict=True):
                order = rng.permutation(["a", "b", "c", "d", "e"])[:3].tolist()
                rows += [(survey.id, i, "top", v, p + 1, t, a) for p, v in enumerate(order)]
            rows += [
                (survey.id, i, "respondent_type", t, None, t, a)
                for i, t, a in zip(ids, kind, area, strict=True)
            ]
            bulk_insert(
                session,
                SurveyAnswer.__table__,
                [
                    "survey_id",
                    "response_id",
                    "question_key",
                    "value",
                    "position",
                    "respondent_type",
                    "area_code",
                ],
                rows,
            )
    engine.dispose()


TIMED = """
import sys, time
from storage import session_scope
from storage.db import make_engine
from engagement.surveys.summary import summarise_survey
engine = make_engine(sys.argv[1])
with session_scope(engine) as session:
    summarise_survey(session, "bench", scope=("E06999999",))  # warm: area index, caches
started = time.perf_counter()
with session_scope(engine) as session:
    summary = summarise_survey(session, "bench", scope=("E06999999",))
print(time.perf_counter() - started, summary.responses)
"""


def measure(url: str) -> tuple[float, float, int]:
    process = subprocess.Popen(
        [sys.executable, "-c", TIMED, url], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    if status:
        raise SystemExit("summary failed")
    seconds, responses = output.split()
    return float(seconds), usage.ru_maxrss / 1024, int(responses)


def main() -> None:
    if sys.argv[1:2] == ["--populate"]:
        populate(sys.argv[2], int(sys.argv[3]))
        return
    sizes = [int(s) for s in sys.argv[1:]] or [10_000, 100_000, 1_000_000]
    results = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite:///{folder}/bench.db"
            started = time.perf_counter()
            # In a process of its own: a child's peak memory would otherwise start from this one's.
            subprocess.run([sys.executable, __file__, "--populate", url, str(size)], check=True)
            filled = time.perf_counter() - started
            seconds, peak, responses = measure(url)
            assert responses == size
            results.append(
                {
                    "responses": size,
                    "answers": size * 12,
                    "summary_s": round(seconds, 3),
                    "peak_rss_mib": round(peak),
                    "populate_s": round(filled, 1),
                }
            )
            print(
                f"{size:>9,} responses x 10 questions: summary {seconds:.3f} s, "
                f"peak {peak:.0f} MiB (populated in {filled:.0f} s)"
            )
    # Each size against the next: one pair fewer than sizes.
    for a, b in zip(results, results[1:], strict=False):
        print(
            f"  x{b['responses'] // a['responses']} responses "
            f"-> x{b['summary_s'] / a['summary_s']:.1f} time"
        )
    out = REPO / "bench" / "results" / "survey_summary.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"sqlite": results}, indent=2))
    print(f"Wrote {out.relative_to(REPO)}")


if __name__ == "__main__":
    main()
