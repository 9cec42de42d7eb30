"""Points well inside named Norwich LSOAs, read from the ONS boundary file with Shapely alone
(not through the product), for placing assets by coordinates."""

from __future__ import annotations

import shapely
from shapely.geometry import shape

from tests.engagement.areas.boundary_fixtures import read_features


def lsoas_by_name() -> dict[str, dict]:
    """Return {ONS LSOA name ("Norwich 004A"): feature} from the published file."""
    return {f["properties"]["LSOA11NM"]: f for f in read_features()}


def point_inside(name: str) -> tuple[str, float, float]:
    """Return (LSOA code, latitude, longitude) of a point inside the named LSOA and at least
    50 m (about 0.00045° of latitude) from its edge."""
    feature = lsoas_by_name()[name]
    polygon = shape(feature["geometry"])
    inner = polygon.buffer(-0.0007)
    point = inner.representative_point() if not inner.is_empty else polygon.representative_point()
    assert shapely.contains(polygon, point)
    return feature["properties"]["LSOA11CD"], round(point.y, 6), round(point.x, 6)
