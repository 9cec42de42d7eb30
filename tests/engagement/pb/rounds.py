"""A participatory budgeting round in the sample borough, for tests of every channel."""

from __future__ import annotations

from pathlib import Path

from storage import session_scope
from storage.db import make_engine

# Sampleton's ward "Castle" holds the MSOAs Castle Green and Lakeside & Tudor Way.
CASTLE_WARD = "E05900003"
ROUND = """\
slug: castle-fund
title: Castle community fund
area: {area}
budget: 10000
opens: {opens}
closes: {closes}
rule: {rule}
projects:
  - {{title: Play area repairs, cost: 8000, description: New swings and safer surfacing.}}
  - {{title: Community garden, cost: 3000, description: Raised beds by the library.}}
  - {{title: Youth club kit, cost: 5000}}
  - {{title: Benches on the green, cost: 1000}}
  - {{title: Mural, cost: 2000}}
"""


def round_file(
    tmp_path: Path,
    *,
    area: str = CASTLE_WARD,
    opens: str = "2026-01-01",
    closes: str = "2099-12-31",
    rule: str = "budget",
    extra: str = "",
) -> Path:
    path = tmp_path / "round.yml"
    path.write_text(
        ROUND.format(area=area, opens=opens, closes=closes, rule=rule) + extra, encoding="utf-8"
    )
    return path


def load_sample(url: str) -> None:
    from engagement.areas.sample import load_sample_borough

    engine = make_engine(url)
    with session_scope(engine) as session:
        load_sample_borough(session)
    engine.dispose()
