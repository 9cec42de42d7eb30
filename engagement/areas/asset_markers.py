"""Community assets on an area's map: a white ring at each asset with coordinates in the area, a
key entry, and the names in the map's description (the page lists them in full beside it).

Read straight from storage so the map, which every area page draws, stays in this package; the
assets' own rules (kinds, importing, which area lists which) live in engagement/assets/.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from engagement import figures
from engagement.areas.boundary_files import project
from engagement.graphics.shapes import Circle, Text
from storage.asset_models import Asset

MARKER_RADIUS = 6
MARKER_FILL = "#ffffff"
MARKER_RING = "#0b0c0c"
NAMED_IN_WORDS = 12  # beyond this many, the description counts them and points to the list


def asset_points(
    session: Session, area_code: str, lsoas: Iterable[str]
) -> list[tuple[str, int, int]]:
    """Return (name, x, y) in projected metres for the assets with coordinates placed in one of
    the LSOAs or in the area itself, by name."""
    lsoas = list(lsoas)
    rows = session.execute(
        select(Asset.name, Asset.latitude, Asset.longitude).where(
            Asset.latitude.is_not(None),
            Asset.longitude.is_not(None),
            or_(Asset.lsoa_code.in_(lsoas), Asset.area_code == area_code),
        )
    ).all()
    if not rows:
        return []
    xy = project(np.array([[lon, lat] for _name, lat, lon in rows], dtype=float))
    points = [(name, int(x), int(y)) for (name, _lat, _lon), (x, y) in zip(rows, xy, strict=True)]
    return sorted(points, key=lambda p: (p[0].casefold(), p[1], p[2]))


def marker_layer(
    points: list[tuple[str, int, int]],
    scale: float,
    left: float,
    top: float,
    size: tuple[float, float],
    key_at: tuple[float, float],
) -> tuple[list, str]:
    """Return the shapes (markers in pixels inside size, then the key entry at key_at) and a
    sentence for the map's description; ([], "") when no asset lies on the map."""
    width, height = size
    shapes: list = []
    names = []
    for name, x, y in points:
        px, py = (x - left) * scale, (top - y) * scale
        if 0 <= px <= width and 0 <= py <= height:
            shapes.append(
                Circle(px, py, MARKER_RADIUS, fill=MARKER_FILL, stroke=MARKER_RING, stroke_width=2)
            )
            names.append(name)
    if not shapes:
        return [], ""
    kx, ky = key_at
    shapes += [
        Circle(
            kx + 12, ky + 9, MARKER_RADIUS, fill=MARKER_FILL, stroke=MARKER_RING, stroke_width=2
        ),
        Text(kx + 32, ky + 14, "Community assets", size=12),
    ]
    many = figures.count(len(names))
    noun = "community asset" if len(names) == 1 else "community assets"
    words = f" White circles mark {many} {noun}"
    if len(names) <= NAMED_IN_WORDS:
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        words += f": {listed}"
    return shapes, words + "; the page lists them by kind."
