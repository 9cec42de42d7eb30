"""The ONS boundaries of Norwich's LSOAs, read independently of the product for expected figures
(the databases holding them are fixtures in conftest.py)."""

from __future__ import annotations

import json
import math
from pathlib import Path

from tests.conftest import SHARED_DATA
from tests.engagement.official_subset import NORWICH

NORWICH_BOUNDARIES = SHARED_DATA / "geo" / "boundaries" / "lsoa11" / f"{NORWICH}.geojson"
HEARTSEASE = "E02005587"  # "Heartsease & Pilling Park", ONS name "Norwich 004"


def read_features(path: Path = NORWICH_BOUNDARIES) -> list[dict]:
    """Return the features of a GeoJSON file, read with json alone."""
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def mercator(lon: float, lat: float) -> tuple[float, float]:
    """The projection docs/areas.md publishes (Web Mercator scaled to true metres at 52.5°N),
    written out again here so the test does not borrow the product's arithmetic."""
    unit = 6_378_137.0 * math.cos(math.radians(52.5))
    return (
        unit * math.radians(lon),
        unit * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)),
    )
