"""Which neighbourhood (LSOA) a point lies in, by its stored boundary, and whether a
neighbourhood lies inside an area: how an asset given by its coordinates is placed."""

from __future__ import annotations

import numpy as np
import shapely
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engagement.areas.boundary_files import project, unpack
from engagement.areas.neighbourhoods import PlaceInEdition, find_place, member_condition
from storage.models import Boundary, LsoaIndices


def boundaries_loaded(session: Session) -> bool:
    """Return whether any LSOA boundary is stored (so coordinates can be placed)."""
    first = select(Boundary.code).where(Boundary.kind == "lsoa").limit(1)
    return session.scalar(first) is not None


def lsoa_at(session: Session, latitude: float, longitude: float) -> str | None:
    """Return the code of the stored LSOA whose boundary holds the point (WGS84 degrees), or
    None when no stored boundary does. A point on a shared edge goes to the lowest code."""
    x, y = (int(v) for v in project(np.array([[longitude, latitude]], dtype=float))[0])
    widest = select(func.max(Boundary.width)).where(Boundary.kind == "lsoa").scalar_subquery()
    rows = session.execute(
        select(Boundary.code, Boundary.rings)
        .where(
            Boundary.kind == "lsoa",
            # The index is ordered by min_x: the widest LSOA bounds how far west to look.
            Boundary.min_x >= x - widest,
            Boundary.min_x <= x,
            Boundary.max_x >= x,
            Boundary.min_y <= y,
            Boundary.max_y >= y,
        )
        .order_by(Boundary.code)
    )
    for code, blob in rows:
        polygons = [shapely.Polygon(rings[0], rings[1:]) for rings in unpack(blob)]
        if any(shapely.intersects_xy(polygon, x, y) for polygon in polygons):
            return code
    return None


def lsoas_in(session: Session, place: PlaceInEdition) -> set[str] | None:
    """Return the codes of the LSOAs inside place in its edition (None for England: all)."""
    condition = member_condition(session, place)
    if condition is None:
        return None
    return set(session.scalars(select(LsoaIndices.code).where(condition)))


def lsoa_inside(session: Session, lsoa_code: str, area_code: str) -> bool:
    """Return whether the LSOA lies inside the area with this code in the latest edition."""
    place = find_place(session, area_code)
    if place is None:
        return False
    condition = member_condition(session, place)
    if condition is None:
        return True
    found = select(LsoaIndices.code).where(condition, LsoaIndices.code == lsoa_code).limit(1)
    return session.scalar(found) is not None
