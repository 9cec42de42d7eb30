"""A file of assets for the page, JSON, map and Slack tests: two placed by coordinates inside
Heartsease's LSOA "Norwich 004A" (found from the ONS file), one by Heartsease's MSOA code, one in
"Norwich 005A" outside Heartsease; names that would be markup or a Slack mention."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.engagement.areas.boundary_fixtures import HEARTSEASE
from tests.engagement.assets.official_points import point_inside

SCRIPT_NAME = "<script>alert(1)</script> club"
MENTION_NAME = "<!channel> help desk"
# The columns of an assets file as docs/assets.md lists them.
HEADER = [
    "name",
    "kind",
    "address",
    "postcode",
    "area_code",
    "latitude",
    "longitude",
    "contact",
    "opening_times",
    "website",
]


def write_assets(folder: Path) -> tuple[Path, str]:
    """Write the file; return its path and the code of the LSOA the coordinates lie in."""
    lsoa, lat, lon = point_inside("Norwich 004A")
    other, far_lat, far_lon = point_inside("Norwich 005A")
    rows = [
        HEADER,
        [
            "Pilling Park food bank",
            "food bank",
            "1 Pilling Park Road",
            "NR1 4PA",
            "",
            lat,
            lon,
            "01603 000000",
            "Tuesdays 10am to 12pm",
            "https://example.org/food",
        ],
        [SCRIPT_NAME, "youth", "", "", "", lat + 0.0001, lon, "", "", ""],
        [MENTION_NAME, "advice", "", "", HEARTSEASE, "", "", "<b>call</b>", "", ""],
        ["Mile Cross library", "library", "", "", other, far_lat, far_lon, "", "", ""],
    ]
    path = folder / "assets.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path, lsoa
