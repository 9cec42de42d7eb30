"""LSOA boundaries for maps: import them (all or nothing), join them into local authority
outlines, and read back the shapes a map needs with a few indexed queries.

Shapes are stored projected to whole metres (engagement/areas/boundary_files.py says how and
how closely); outlines are joined with Shapely once, at import, so no page does geometry work.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from tqdm import tqdm

from engagement import figures
from engagement.areas.boundary_files import Shape, read_shapes, unpack, unpack_rings
from engagement.areas.editions import latest_edition_id
from engagement.areas.iod_store import bump_catalogue_version
from engagement.areas.kept import Kept
from storage.bulk import bulk_insert, in_chunks
from storage.models import Boundary, LsoaIndices

COLUMNS = ("kind", "code", "min_x", "min_y", "max_x", "max_y", "width", "rings")
SLIVER = 1_000  # m²: outline parts and holes smaller than this are gaps between generalised LSOAs
SMALL_HOLE = 10_000  # m²: no local authority surrounds another smaller than a hectare


@dataclass(frozen=True)
class BoundaryReport:
    """What an import of boundaries stored, for the command line."""

    file: str
    lsoas: int
    outlines: int
    seconds: float

    def summary(self) -> str:
        """Return a sentence saying what was imported, and what is still to come."""
        text = (
            f"Imported the boundaries of {figures.count(self.lsoas)} "
            f"LSOA{'s' if self.lsoas != 1 else ''} from {self.file}"
            f" in {figures.decimal(self.seconds, 1)} s"
        )
        if self.outlines:
            councils = "local authority" if self.outlines == 1 else "local authorities"
            outlines = "outline" if self.outlines == 1 else "outlines"
            return f"{text}, with the {outlines} of {figures.count(self.outlines)} {councils}."
        return (
            f"{text}. Local authority outlines are drawn from them once the Indices are "
            "imported (fairer import-iod)."
        )


def _row(kind: str, code: str, blob: bytes, bbox: tuple[int, int, int, int]) -> tuple:
    min_x, min_y, max_x, max_y = bbox
    return (kind, code, min_x, min_y, max_x, max_y, max_x - min_x, blob)


def import_boundaries(session: Session, path: Path, *, progress: bool = False) -> BoundaryReport:
    """Replace every stored boundary with the LSOAs in the GeoJSON file at path, and the local
    authority outlines joined from them when the Indices are imported; return a report.

    Raises ImportProblem (naming the file and feature) before anything is written; the caller's
    transaction makes the replacement atomic.
    """
    started = time.perf_counter()
    with tqdm(unit="feature", desc="Reading boundaries", disable=not progress) as bar:
        shapes = read_shapes(path, progress=bar)
    rows = [_row("lsoa", s.code, s.pack(), s.bbox()) for s in shapes]
    outlines = _outline_rows(session, shapes, progress)
    session.execute(delete(Boundary))
    with tqdm(
        total=len(rows) + len(outlines), unit="row", desc="Storing boundaries", disable=not progress
    ) as bar:
        bulk_insert(session, Boundary.__table__, COLUMNS, rows + outlines, on_chunk=bar.update)
    OUTLINES.forget()
    bump_catalogue_version(session)  # maps drawn before are redrawn
    return BoundaryReport(path.name, len(rows), len(outlines), time.perf_counter() - started)


def refresh_lad_outlines(session: Session) -> int:
    """Join the stored LSOA boundaries again into local authority outlines by the current
    edition's local authorities (after the Indices are imported); return how many are stored."""
    shapes = [
        Shape(code, tuple(tuple(np.asarray(r) for r in p) for p in unpack(blob)))
        for code, blob in session.execute(
            select(Boundary.code, Boundary.rings).where(Boundary.kind == "lsoa")
        )
    ]
    outlines = _outline_rows(session, shapes, progress=False)
    session.execute(delete(Boundary).where(Boundary.kind == "lad"))
    bulk_insert(session, Boundary.__table__, COLUMNS, outlines)
    OUTLINES.forget()
    return len(outlines)


def _lad_of(session: Session, codes: list[str] | None = None) -> dict[str, str]:
    edition_id = latest_edition_id(session)
    if edition_id is None:
        return {}
    query = select(LsoaIndices.code, LsoaIndices.lad_code).where(
        LsoaIndices.edition_id == edition_id
    )
    if codes is not None:
        query = query.where(LsoaIndices.code.in_(codes))
    return dict(session.execute(query).all())


def _geometry(shape: Shape) -> shapely.MultiPolygon:
    geometry = shapely.MultiPolygon([shapely.Polygon(p[0], p[1:]) for p in shape.polygons])
    # Rounding to metres can make a generalised shape touch itself; Shapely mends that.
    return geometry if geometry.is_valid else shapely.make_valid(geometry)


def outline_of(shapes: list[Shape]) -> Shape | None:
    """Return the outline of shapes joined together, without the slivers between generalised
    boundaries, as a Shape; None when nothing is left."""
    joined = shapely.union_all([_geometry(s) for s in shapes])
    parts = [g for g in getattr(joined, "geoms", [joined]) if g.geom_type == "Polygon"]
    polygons = []
    for part in parts:
        if part.area < SLIVER:
            continue
        holes = [h for h in part.interiors if shapely.Polygon(h).area >= SMALL_HOLE]
        rings = [part.exterior, *holes]
        polygons.append(tuple(np.rint(np.asarray(r.coords)[:-1]).astype(np.int64) for r in rings))
    return Shape("", tuple(polygons)) if polygons else None


def _outline_rows(session: Session, shapes: list[Shape], progress: bool) -> list[tuple]:
    lad_of = _lad_of(session)
    groups: dict[str, list[Shape]] = {}
    for shape in shapes:
        if shape.code in lad_of:
            groups.setdefault(lad_of[shape.code], []).append(shape)
    rows = []
    for lad, members in tqdm(
        sorted(groups.items()), unit="outline", desc="Joining outlines", disable=not progress
    ):
        outline = outline_of(members)
        if outline is not None:
            rows.append(_row("lad", lad, outline.pack(), outline.bbox()))
    return rows


Bbox = tuple[int, int, int, int]
Rings = tuple[tuple[tuple[int, int], ...], ...]


def box_of(session: Session, codes: list[str]) -> Bbox | None:
    """Return the box (min_x, min_y, max_x, max_y) around the stored boundaries of the LSOAs
    among codes, or None when none has one."""
    boxes = []
    for chunk in in_chunks(codes, 5_000):
        box = session.execute(
            select(
                func.min(Boundary.min_x),
                func.min(Boundary.min_y),
                func.max(Boundary.max_x),
                func.max(Boundary.max_y),
            ).where(Boundary.kind == "lsoa", Boundary.code.in_(chunk))
        ).one()
        if box[0] is not None:
            boxes.append(box)
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def lsoa_shapes_in_view(session: Session, view: Bbox) -> dict[str, Rings]:
    """Return {code: rings} for the stored LSOAs whose box meets view (min_x, min_y, max_x,
    max_y)."""
    min_x, min_y, max_x, max_y = view
    widest = select(func.max(Boundary.width)).where(Boundary.kind == "lsoa").scalar_subquery()
    rows = session.execute(
        select(Boundary.code, Boundary.rings).where(
            Boundary.kind == "lsoa",
            # The index is ordered by min_x: the widest LSOA bounds how far west to look.
            Boundary.min_x >= min_x - widest,
            Boundary.min_x <= max_x,
            Boundary.max_x >= min_x,
            Boundary.min_y <= max_y,
            Boundary.max_y >= min_y,
        )
    )
    return {code: unpack_rings(blob) for code, blob in rows}


# Outlines joined on request when none was stored (boundaries imported before the Indices), kept
# per database and per the LSOA boxes they were joined from; more than England's councils.
OUTLINES = Kept(400)


def lad_outline(session: Session, lad_code: str) -> Rings | None:
    """Return the rings of a local authority's outline (stored at import, or joined once from
    its LSOAs and kept), or None when none of its LSOAs has a boundary."""
    blob = session.scalar(
        select(Boundary.rings).where(Boundary.kind == "lad", Boundary.code == lad_code)
    )
    if blob is not None:
        return unpack_rings(blob)
    edition_id = latest_edition_id(session)
    members = (
        select(LsoaIndices.code)
        .where(LsoaIndices.edition_id == edition_id, LsoaIndices.lad_code == lad_code)
        .scalar_subquery()
    )
    where = (Boundary.kind == "lsoa", Boundary.code.in_(members))
    count, x, y = session.execute(
        select(func.count(), func.sum(Boundary.min_x), func.sum(Boundary.max_y)).where(*where)
    ).one()
    if not count:
        return None

    def build() -> Rings | None:
        shapes = [
            Shape(code, tuple(tuple(np.asarray(r) for r in p) for p in unpack(blob)))
            for code, blob in session.execute(select(Boundary.code, Boundary.rings).where(*where))
        ]
        outline = outline_of(shapes)
        return unpack_rings(outline.pack()) if outline is not None else None

    return OUTLINES.get((str(session.get_bind().url), lad_code, count, x, y), build)
