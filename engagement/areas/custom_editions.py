"""Custom areas in every edition: each area's rows (with profiles) recomputed for each imported
edition, its members translated into the edition's geography where needed
(engagement.areas.edition_codes), and a report saying where each area is, is not, and why.

Called when custom areas are loaded, after an edition is imported and after the LSOA lookup is
loaded, so an area written with 2011 codes stays on `/area` once IoD2025 is the latest.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from engagement.areas.edition_codes import EditionCodes, Translation
from engagement.areas.iod_store import (
    area_profile_rows,
    bump_catalogue_version,
    county_of_districts,
    store_custom_areas,
)
from engagement.areas.profiles import weighted_parts
from storage.models import Area, CustomArea, Edition, LsoaIndices


@dataclass(frozen=True)
class CustomAreasReport:
    """Where the custom areas are: for the command line after a load or an import."""

    codes: tuple[str, ...]  # every custom area
    editions: tuple[str, ...]  # edition keys, by id
    missing: dict[str, dict[str, str]]  # edition key -> {area code: why it is not there}
    translated: dict[str, tuple[str, ...]]  # edition key -> areas placed through the lookup
    notes: tuple[str, ...]  # irregular (X) and merged-in (M) members, said per area

    def lines(self) -> list[str]:
        """Return sentences for a person: which areas each edition lacks and why, which were
        counted through the lookup, and the members that do not match exactly."""
        lines = []
        for key in self.editions:
            for code, why in self.missing.get(key, {}).items():
                lines.append(f"{code} is not in {key}: {why}.")
            if self.translated.get(key):
                areas = ", ".join(self.translated[key])
                lines.append(
                    f"In {key}, {areas} (listed in 2011 codes) counted in 2021 LSOAs through the "
                    "ONS LSOA 2011 to 2021 lookup."
                )
        return lines + list(self.notes)


def _notes(key: str, area: str, translation: Translation) -> list[str]:
    notes = [
        f"In {key}, {area}'s {old} was redrawn irregularly between 2011 and 2021 (ONS change "
        f"indicator X): it is counted as {' and '.join(new)}, which "
        f"{'does' if len(new) == 1 else 'do'} not match it exactly."
        for old, new in translation.irregular.items()
    ]
    notes += [
        f"In {key}, {area}'s {m.lsoa11} was merged with {' and '.join(m.others)} (outside the "
        f"area) into {m.lsoa21}: the area covers all of {m.lsoa21}."
        for m in translation.merged
    ]
    return notes


def _member_lsoas(session: Session, edition: Edition, lsoas: pd.DataFrame) -> dict[str, list[str]]:
    member_of: dict[str, list[str]] = {}
    for column in ("code", "msoa_code", "ward_code", "lad_code"):
        for code, lsoa in zip(lsoas[column], lsoas["code"], strict=True):
            if isinstance(code, str):
                member_of.setdefault(code, []).append(lsoa)
    for district, county in county_of_districts(session, edition.id).items():
        member_of.setdefault(county, []).extend(member_of.get(district, []))
    return member_of


def rebuild_custom_areas(session: Session) -> CustomAreasReport:
    """Replace every edition's custom area rows, translating members into each edition's
    geography; return where each area is and is not (in the caller's transaction)."""
    definitions = session.scalars(select(CustomArea).order_by(CustomArea.code)).all()
    translator = EditionCodes(session)
    missing: dict[str, dict[str, str]] = {}
    translated: dict[str, tuple[str, ...]] = {}
    notes: list[str] = []
    for edition in translator.editions:
        session.execute(delete(Area).where(Area.edition_id == edition.id, Area.kind == "custom"))
        if not definitions:
            continue
        lsoas = pd.read_sql(
            select(LsoaIndices).where(LsoaIndices.edition_id == edition.id), session.connection()
        )
        parts = weighted_parts(lsoas, edition.lsoa_total).set_index(lsoas["code"].to_numpy())
        member_of = _member_lsoas(session, edition, lsoas)
        lad_of = lsoas.set_index("code")["lad_code"]
        rows = []
        for custom in definitions:
            translation = translator.translate(list(custom.members), edition)
            if not translation.complete:
                whys = list(translation.missing.values())
                more = f" (and {len(whys) - 1} more of its members)" if len(whys) > 1 else ""
                missing.setdefault(edition.key, {})[custom.code] = whys[0] + more
                continue
            if translation.translated:
                translated[edition.key] = (*translated.get(edition.key, ()), custom.code)
                notes += _notes(edition.key, custom.code, translation)
            codes = sorted({lsoa for m in translation.codes for lsoa in member_of.get(m, [])})
            if not codes:
                continue
            sums = parts.loc[codes].sum().to_frame().T.set_axis([custom.code])
            lad = custom.lad_code or lad_of.loc[codes].mode().iloc[0]
            frame = pd.DataFrame({"code": [custom.code], "name": [custom.name], "lad_code": [lad]})
            rows += area_profile_rows(edition.id, "custom", frame, sums)
        store_custom_areas(session, rows)
    bump_catalogue_version(session)
    return CustomAreasReport(
        tuple(d.code for d in definitions),
        tuple(e.key for e in translator.editions),
        missing,
        translated,
        tuple(notes),
    )
