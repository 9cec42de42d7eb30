"""Read ONS LSOA boundaries (GeoJSON as published, gzipped or not), project them to whole
metres and pack them for storage.

The projection is Web Mercator on a sphere of radius 6,378,137 m, scaled by cos 52.5° so that a
unit is a true metre at 52.5°N, the middle of England:
    x = R·cos(52.5°)·λ,  y = R·cos(52.5°)·ln tan(45° + φ/2)   (λ, φ in radians, WGS84)
It is conformal, so a neighbourhood keeps its shape wherever it is (an equirectangular
projection with one cosine stretches shapes east-west by up to 8% at England's ends, and British
National Grid would need pyproj). A unit is a true metre at 52.5°N and 0.947 m at 50°N (Lizard)
to 1.083 m at 55.8°N (Berwick): the scale bar is drawn for the map's own latitude
(metres_per_unit), so it is right to about 1% across the tallest borough. Taking WGS84's
ellipsoid for a sphere leaves north-south and east-west scales 0.25% apart at 52.5°N.

Packed rings are int32 little-endian: the number of polygons P, each polygon's number of rings,
each ring's number of points, then x, y pairs. A ring is stored open (its first point is not
repeated at the end); the first ring of a polygon is its outside, the others its holes.
"""

from __future__ import annotations

import array
import gzip
import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tqdm import tqdm

from engagement.errors import ImportProblem

EARTH_RADIUS = 6_378_137.0
TRUE_AT = math.radians(52.5)
UNIT = EARTH_RADIUS * math.cos(TRUE_AT)  # projected units per radian of longitude
WGS84_E2 = 0.00669437999014  # WGS84's first eccentricity squared
CODE_HEADERS = ("LSOA21CD", "LSOA11CD")
LSOA_CODE = re.compile(r"^[EW]01\d{6}$")


@dataclass(frozen=True)
class Shape:
    """One area's boundary in projected whole metres: polygons of rings, each an (n, 2) array."""

    code: str
    polygons: tuple[tuple[np.ndarray, ...], ...]

    def bbox(self) -> tuple[int, int, int, int]:
        """Return (min_x, min_y, max_x, max_y) over every ring."""
        points = np.concatenate([rings[0] for rings in self.polygons])
        low, high = points.min(axis=0), points.max(axis=0)
        return int(low[0]), int(low[1]), int(high[0]), int(high[1])

    def pack(self) -> bytes:
        """Return the polygons packed as the module docstring describes."""
        rings = [ring for polygon in self.polygons for ring in polygon]
        header = [len(self.polygons), *(len(p) for p in self.polygons), *(len(r) for r in rings)]
        return np.concatenate(
            [np.asarray(header, dtype="<i4"), *(r.astype("<i4").ravel() for r in rings)]
        ).tobytes()


def project(lon_lat: np.ndarray) -> np.ndarray:
    """Return (n, 2) longitude, latitude degrees as projected x, y rounded to whole metres."""
    radians = np.radians(lon_lat[:, :2])
    x = UNIT * radians[:, 0]
    y = UNIT * np.log(np.tan(math.pi / 4 + radians[:, 1] / 2))
    return np.rint(np.column_stack([x, y])).astype(np.int64)


def metres_per_unit(y: float) -> float:
    """Return how many true metres (east-west, on WGS84's ellipsoid) one projected unit spans at
    projected northing y."""
    latitude = 2 * math.atan(math.exp(y / UNIT)) - math.pi / 2
    prime_vertical = EARTH_RADIUS / math.sqrt(1 - WGS84_E2 * math.sin(latitude) ** 2)
    return prime_vertical * math.cos(latitude) / UNIT


def unpack(blob: bytes) -> list[list[list[tuple[int, int]]]]:
    """Return packed rings as polygons, each a list of rings of (x, y) points."""
    values = _values(blob)
    count = values[0]
    ring_counts = values[1 : 1 + count]
    lengths = values[1 + count : 1 + count + sum(ring_counts)]
    at = 1 + count + len(lengths)
    rings = []
    for length in lengths:
        flat = values[at : at + 2 * length]
        rings.append(list(zip(flat[0::2], flat[1::2], strict=True)))
        at += 2 * length
    polygons, start = [], 0
    for n in ring_counts:
        polygons.append(rings[start : start + n])
        start += n
    return polygons


def _values(blob: bytes) -> list[int]:
    values = array.array("i")
    values.frombytes(blob)
    if sys.byteorder == "big":
        values.byteswap()  # stored little-endian
    return values.tolist()


def unpack_rings(blob: bytes) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Return every ring of packed polygons (outsides and holes together), as a Polygon shape
    filled by the even-odd rule draws them."""
    # The page's hot path: array beats numpy on small blobs (3.1 against 3.7 ms for the 1,270
    # shapes of Birmingham's map), and JSON text is slower still (6.2 ms) at twice the bytes.
    values = _values(blob)
    count = values[0]
    at = 1 + count + sum(values[1 : 1 + count])
    rings = []
    for length in values[1 + count : at]:
        flat = values[at : at + 2 * length]
        rings.append(tuple(zip(flat[0::2], flat[1::2], strict=True)))
        at += 2 * length
    return tuple(rings)


def open_geojson(path: Path) -> dict:
    """Return the parsed GeoJSON document at path (gzipped when it ends in .gz or starts so)."""
    name = path.name
    try:
        with path.open("rb") as handle:
            gzipped = handle.read(2) == b"\x1f\x8b"
        opener = gzip.open if gzipped else open
        with opener(path, "rt", encoding="utf-8-sig") as handle:
            document = json.load(handle)
    except FileNotFoundError:
        raise ImportProblem(f"{path}: no such file.") from None
    except json.JSONDecodeError as problem:
        raise ImportProblem(
            f"{name}, line {problem.lineno}: not valid JSON ({problem.msg}), so not GeoJSON."
        ) from None
    except (OSError, UnicodeDecodeError, EOFError) as problem:
        raise ImportProblem(f"{name} could not be read as GeoJSON: {problem}.") from None
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list):
        raise ImportProblem(f"{name} is not a GeoJSON FeatureCollection of LSOA boundaries.")
    if not features:
        raise ImportProblem(f"{name} holds no boundaries (its feature list is empty).")
    crs = json.dumps(document.get("crs") or "")
    if "27700" in crs:
        raise ImportProblem(
            f"{name} is in British National Grid coordinates: download the GeoJSON in "
            "longitude and latitude (WGS84), the ONS Open Geography portal's default."
        )
    return document


def code_property(name: str, features: list) -> str:
    """Return the property that holds LSOA codes: LSOA21CD or LSOA11CD by header (any case),
    else any property whose values in the first features look like E01000001 or W01000001."""
    sample = [
        f["properties"]
        for f in features[:50]
        if isinstance(f, dict) and isinstance(f.get("properties"), dict)
    ]
    keys = {key.upper(): key for properties in sample for key in properties}
    for header in CODE_HEADERS:
        if header in keys:
            return keys[header]
    for key in dict.fromkeys(k for properties in sample for k in properties):
        if all(LSOA_CODE.match(str(p.get(key, ""))) for p in sample):
            return key
    raise ImportProblem(
        f"{name}: no property holds LSOA codes (LSOA11CD, LSOA21CD, or codes such as "
        "E01000001), so these are not LSOA boundaries."
    )


def _rings_of(name: str, number: int, code: str, geometry) -> list[list[np.ndarray]]:
    where = f"{name}, feature {number} ({code})"
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind not in ("Polygon", "MultiPolygon"):
        raise ImportProblem(
            f"{where}: its geometry is {kind or 'missing'}; a boundary must be a Polygon or "
            "MultiPolygon."
        )
    coordinates = geometry.get("coordinates")
    polygons = [coordinates] if kind == "Polygon" else coordinates
    result = []
    try:
        for polygon in polygons:
            rings = [np.asarray(ring, dtype=np.float64) for ring in polygon]
            for ring in rings:
                if ring.ndim != 2 or ring.shape[1] < 2:
                    raise ValueError
                if len(ring) < 4:
                    raise ImportProblem(
                        f"{where}: a ring has {len(ring)} point(s); a boundary ring needs at "
                        "least 4 (three corners and the first again)."
                    )
            if not rings:
                raise ValueError
            result.append(rings)
    except (TypeError, ValueError):
        raise ImportProblem(
            f"{where}: its coordinates are not rings of longitude, latitude pairs."
        ) from None
    if not result:
        raise ImportProblem(f"{where}: its geometry has no polygons.")
    return result


def read_shapes(path: Path, progress: tqdm | None = None) -> list[Shape]:
    """Return the LSOA shapes in the GeoJSON file at path, projected to whole metres, with
    consecutive repeated points dropped and rings under a metre across left out.

    Raises ImportProblem, naming the file and the feature, for anything that is not a good LSOA
    boundary. progress, a tqdm bar, counts the features read.
    """
    name = path.name
    features = open_geojson(path)["features"]
    key = code_property(name, features)
    if progress is not None:
        progress.reset(total=len(features))
    parsed: list[tuple[str, list[list[np.ndarray]]]] = []
    seen: dict[str, int] = {}
    for number, feature in enumerate(features, start=1):
        properties = feature.get("properties") if isinstance(feature, dict) else None
        code = str((properties or {}).get(key) or "").strip().upper()
        if not code:
            raise ImportProblem(f"{name}, feature {number}: no LSOA code in {key}.")
        if code in seen:
            raise ImportProblem(
                f"{name}, feature {number}: LSOA {code} appears twice (first in feature "
                f"{seen[code]})."
            )
        seen[code] = number
        parsed.append((code, _rings_of(name, number, code, feature.get("geometry"))))
        if progress is not None and number % 1000 == 0:
            progress.update(1000)
    if progress is not None:
        progress.update(len(features) % 1000)
    return _projected(name, parsed, seen)


def _projected(
    name: str, parsed: list[tuple[str, list[list[np.ndarray]]]], numbers: dict[str, int]
) -> list[Shape]:
    """Project every ring at once, then drop repeated points ring by ring."""
    rings = [ring[:, :2] for _code, polygons in parsed for polygon in polygons for ring in polygon]
    lengths = np.fromiter((len(r) for r in rings), dtype=np.int64, count=len(rings))
    degrees = np.concatenate(rings)
    ring_of_point = np.repeat(np.arange(len(rings)), lengths)
    outside = (np.abs(degrees[:, 0]) > 180) | (np.abs(degrees[:, 1]) > 85)
    if outside.any():
        first = int(np.argmax(outside))
        code = _code_of_ring(parsed, int(ring_of_point[first]))
        x, y = degrees[first]
        raise ImportProblem(
            f"{name}, feature {numbers[code]} ({code}): ({x:g}, {y:g}) is not a longitude and "
            "latitude; download the GeoJSON in WGS84, the ONS Open Geography portal's default."
        )
    points = project(degrees)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    keep = np.ones(len(points), dtype=bool)
    keep[1:] = (points[1:] != points[:-1]).any(axis=1)
    keep[starts] = True
    kept_lengths = np.bincount(ring_of_point[keep], minlength=len(rings))
    kept = np.split(points[keep], np.cumsum(kept_lengths)[:-1])
    shapes, at = [], 0
    for code, polygons in parsed:
        polygons_out = []
        for polygon in polygons:
            out = []
            for ring in kept[at : at + len(polygon)]:
                if len(ring) > 1 and (ring[0] == ring[-1]).all():
                    ring = ring[:-1]
                if len(ring) >= 3:
                    out.append(ring)
                elif not out:
                    break  # the outside is under a metre across: its holes go with it
            at += len(polygon)
            if out and len(out[0]) >= 3:
                polygons_out.append(tuple(out))
        if not polygons_out:
            raise ImportProblem(
                f"{name}, feature {numbers[code]} ({code}): the boundary is under a metre across."
            )
        shapes.append(Shape(code, tuple(polygons_out)))
    return shapes


def _code_of_ring(parsed: list[tuple[str, list[list[np.ndarray]]]], index: int) -> str:
    for code, polygons in parsed:
        count = sum(len(p) for p in polygons)
        if index < count:
            return code
        index -= count
    return parsed[-1][0]
