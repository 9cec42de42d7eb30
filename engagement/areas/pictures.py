"""An area's chart and map as its page (SVG) and Slack (PNG) show them, drawn once and kept until
the areas or boundaries change (the catalogue version moves on every import)."""

from __future__ import annotations

from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from engagement.areas.area_map import area_map
from engagement.areas.chart import domain_chart
from engagement.areas.kept import Kept
from engagement.areas.lookup import get_area_profile
from engagement.graphics.png import to_png
from engagement.graphics.shapes import Drawing
from engagement.graphics.svg import to_svg
from storage.models import CatalogueVersion

Picture = Literal["chart", "map"]
Format = Literal["svg", "png"]
# Birmingham's map is about 0.3 MB as SVG: 64 pictures stay well under 50 MB.
KEPT = 64


KEPT_PICTURES = Kept(KEPT)


def _drawing(session: Session, code: str, picture: Picture) -> Drawing | None:
    if picture == "map":
        return area_map(session, code)
    profile = get_area_profile(session, code)
    return domain_chart(profile) if profile is not None else None


def area_picture(session: Session, code: str, picture: Picture, fmt: Format) -> str | bytes | None:
    """Return the area's chart or map as an SVG element (str, ids prefixed "chart"/"map") or PNG
    bytes; None when the area is unknown or, for a map, has no boundaries imported."""
    version = session.scalar(select(CatalogueVersion.version).where(CatalogueVersion.id == 1))
    key = (str(session.get_bind().url), version, code.strip().upper(), picture, fmt)

    def make() -> str | bytes | None:
        drawing = _drawing(session, code, picture)
        if drawing is None:
            return None
        return to_png(drawing) if fmt == "png" else to_svg(drawing, id_prefix=picture)

    return KEPT_PICTURES.get(key, make)
