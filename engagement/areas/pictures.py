"""An area's chart and map as its page (SVG) and Slack (PNG) show them, drawn once and kept until
the areas or boundaries change (the catalogue version moves on every import)."""

from __future__ import annotations

from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from engagement.areas.area_map import area_map
from engagement.areas.chart import domain_chart
from engagement.areas.edition_profiles import profile_in_edition
from engagement.areas.editions import UnknownEdition, choose_edition
from engagement.areas.kept import Kept
from engagement.graphics.png import to_png
from engagement.graphics.shapes import Drawing
from engagement.graphics.svg import to_svg
from storage.models import CatalogueVersion

Picture = Literal["chart", "map"]
Format = Literal["svg", "png"]
# Birmingham's map is about 0.3 MB as SVG: 64 pictures stay well under 50 MB.
KEPT = 64


KEPT_PICTURES = Kept(KEPT)


def _drawing(
    session: Session, code: str, picture: Picture, edition: str | int | None
) -> Drawing | None:
    try:
        choice = choose_edition(session, edition)
    except UnknownEdition:
        return None
    if choice is None:
        return None
    if picture == "map":
        # Boundaries are of one geography: maps are drawn for the latest edition only.
        return area_map(session, code) if choice.latest else None
    profile = profile_in_edition(session, code, choice.shown)
    return domain_chart(profile) if profile is not None else None


def area_picture(
    session: Session,
    code: str,
    picture: Picture,
    fmt: Format,
    edition: str | int | None = None,
) -> str | bytes | None:
    """Return the area's chart or map as an SVG element (str, ids prefixed "chart"/"map") or PNG
    bytes, in the edition asked for (its year; the latest by default); None when the area or
    edition is unknown or, for a map, has no boundaries imported or is not the latest edition."""
    version = session.scalar(select(CatalogueVersion.version).where(CatalogueVersion.id == 1))
    asked = str(edition).strip().upper() if edition not in (None, "") else ""
    key = (str(session.get_bind().url), version, code.strip().upper(), picture, fmt, asked)

    def make() -> str | bytes | None:
        drawing = _drawing(session, code, picture, edition)
        if drawing is None:
            return None
        return to_png(drawing) if fmt == "png" else to_svg(drawing, id_prefix=picture)

    return KEPT_PICTURES.get(key, make)
