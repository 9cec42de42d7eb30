"""Benchmarks for issue 13, "the area profile at a glance" (prints its figures and writes
bench/results/area_pictures.json).

1. The area page with its chart and map, against the same page without them, for Norwich
   (E07000148, 83 LSOAs), Heartsease & Pilling Park (E02005587, 7 LSOAs) and Birmingham
   (E08000025, 639 LSOAs): p50/p95 over 200 requests with the pictures kept, and the first
   request after every kept picture is forgotten (what the first visitor after an import waits).
2. Drawing and writing each chart and map as PNG (what Slack fetches): milliseconds and bytes,
   nothing kept.

All of England is loaded from the official files (IoD2019 File 2 and File 6, the ONS ward
lookup and MSOA names) and the ONS LSOA boundaries (super generalised, clipped).

Usage: .venv/bin/python bench/area_pictures.py  (FAIRER_SHARED_DATA to point at the data)
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The project before bench/, whose surveys.py would otherwise stand in for the surveys package.
sys.path[:0] = [str(REPO)]
_area = importlib.util.spec_from_file_location("bench_area", REPO / "bench" / "area.py")
bench_area = importlib.util.module_from_spec(_area)
_area.loader.exec_module(bench_area)
DATA, FILES, percentiles = bench_area.DATA, bench_area.FILES, bench_area.percentiles

BOUNDARIES = DATA / "geo" / "boundaries" / "england" / "lsoa11_england_bsc.geojson.gz"
AREAS = {
    "Norwich": "E07000148",
    "Heartsease & Pilling Park": "E02005587",
    "Birmingham": "E08000025",
}
REQUESTS = 200


def load(url: str) -> None:
    """Import all of England's Indices and boundaries into the database at url."""
    from engagement.areas.boundaries import import_boundaries
    from engagement.areas.iod_import import import_iod_files
    from storage import session_scope
    from storage.db import make_engine
    from storage.migrate import upgrade

    engine = make_engine(url)
    upgrade(engine)
    with session_scope(engine) as session:
        import_iod_files(session, FILES)
    with session_scope(engine) as session:
        import_boundaries(session, BOUNDARIES)
    engine.dispose()


def forget_pictures() -> None:
    """Forget every kept picture and joined outline, as after an import."""
    from engagement.areas.boundaries import OUTLINES
    from engagement.areas.pictures import KEPT_PICTURES

    KEPT_PICTURES.forget()
    OUTLINES.forget()


def time_page(client, path: str, n: int) -> list[float]:
    samples = []
    for _ in range(n):
        started = time.perf_counter()
        response = client.get(path)
        samples.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    return samples


def bench_pages(url: str) -> dict:
    """Return page timings with and without the chart and map, per area."""
    import surveys.areas.pages as pages
    from bot.app import create_app

    app = create_app({"DATABASE_URL": url, "SLACK_SIGNING_SECRET": "bench", "TESTING": True})
    client = app.test_client()
    with_pictures = pages.area_picture
    results = {}
    for name, code in AREAS.items():
        path = f"/areas/{code}"
        forget_pictures()
        time_page(client, "/areas/E92000001", 1)  # the name index, built once per process
        cold = time_page(client, path, 1)[0]
        kept = percentiles(time_page(client, path, REQUESTS))
        pages.area_picture = lambda *_args: None
        try:
            time_page(client, path, 5)
            without = percentiles(time_page(client, path, REQUESTS))
        finally:
            pages.area_picture = with_pictures
        results[name] = {
            "code": code,
            "with_pictures": kept,
            "without_pictures": without,
            "first_request_ms": round(cold * 1000, 1),
            "p50_ratio": round(kept["p50_ms"] / without["p50_ms"], 2),
            "p95_ratio": round(kept["p95_ms"] / without["p95_ms"], 2),
            "first_request_ratio_to_p50_without": round(cold * 1000 / without["p50_ms"], 2),
        }
        r = results[name]
        print(
            f"{name} page: with chart and map p50 {kept['p50_ms']} ms, p95 {kept['p95_ms']} ms; "
            f"without p50 {without['p50_ms']} ms, p95 {without['p95_ms']} ms; "
            f"ratio p50 {r['p50_ratio']}x, p95 {r['p95_ratio']}x; "
            f"first request after an import {r['first_request_ms']} ms "
            f"({r['first_request_ratio_to_p50_without']}x)"
        )
    return results


def bench_png(url: str) -> dict:
    """Return milliseconds (best of 5) and bytes of each chart and map PNG, nothing kept."""
    from engagement.areas.area_map import area_map
    from engagement.areas.chart import domain_chart
    from engagement.areas.lookup import get_area_profile
    from engagement.graphics.png import to_png
    from storage import session_scope
    from storage.db import make_engine

    engine = make_engine(url)
    results = {}
    with session_scope(engine) as session:
        for name, code in AREAS.items():
            makers = {
                "chart": lambda code=code: domain_chart(get_area_profile(session, code)),
                "map": lambda code=code: area_map(session, code),
            }
            for picture, make in makers.items():
                times, png = [], b""
                for _ in range(5):
                    forget_pictures()
                    started = time.perf_counter()
                    png = to_png(make())
                    times.append(time.perf_counter() - started)
                results[f"{name} {picture}"] = {
                    "ms": round(min(times) * 1000, 1),
                    "bytes": len(png),
                }
                print(f"{name} {picture} PNG: {min(times) * 1000:.1f} ms, {len(png):,} bytes")
    engine.dispose()
    return results


def main() -> None:
    missing = [str(p) for p in [*FILES, BOUNDARIES] if not p.exists()]
    if missing:
        raise SystemExit(f"Data not found: {', '.join(missing)} (set FAIRER_SHARED_DATA).")
    results = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}}
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        load(url)
        results["pages"] = bench_pages(url)
        results["png"] = bench_png(url)
    out = REPO / "bench" / "results" / "area_pictures.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"Wrote {out.relative_to(REPO)}")


if __name__ == "__main__":
    main()
