"""Codes of one edition's geography in another's: a council's areas and residents' answers
written in 2011 codes (IoD2019) counted in IoD2025's 2021 LSOAs, through the ONS LSOA (2011) to
LSOA (2021) lookup (engagement.areas.lsoa_changes).

A code the edition holds is kept as it is (an MSOA or ward code used in both geographies, an
unchanged LSOA). Any other code of a 2011 edition becomes its 2011 LSOAs, and each of those the
2021 LSOA(s) the lookup gives: U the same LSOA, S the parts it was split into, M the LSOA it was
merged into (which may take in 2011 LSOAs outside the area), X the LSOAs it was irregularly
redrawn as (not an exact match: said so). Without the lookup such a code is not placed, and the
reason says how to load it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from engagement.areas.iod_store import county_of_districts
from storage.bulk import in_chunks
from storage.change_models import LsoaChange
from storage.models import Area, Edition, LsoaIndices

LOAD_LOOKUP = "load the ONS LSOA 2011 to 2021 lookup with `fairer import-lsoa-changes`"
_KINDS = ("lsoa", "msoa", "ward", "lad", "county")


@dataclass(frozen=True)
class Merged:
    """A 2011 LSOA of an area merged into a 2021 LSOA with 2011 LSOAs outside the area."""

    lsoa11: str
    lsoa21: str
    others: tuple[str, ...]


@dataclass(frozen=True)
class Translation:
    """A list of codes as the codes of one edition's geography."""

    codes: tuple[str, ...]  # codes of the edition (translated where needed), in order
    missing: dict[str, str] = field(default_factory=dict)  # code -> why it cannot be placed
    translated: tuple[str, ...] = ()  # the given codes placed through the lookup
    irregular: dict[str, tuple[str, ...]] = field(default_factory=dict)  # X: 2011 -> 2021 LSOAs
    merged: tuple[Merged, ...] = ()

    @property
    def complete(self) -> bool:
        """Return whether every given code was placed in the edition."""
        return not self.missing


class EditionCodes:
    """Translates codes into an edition's geography, asking the database only about the codes
    it is given (and the lookup only when a code needs it)."""

    def __init__(self, session: Session):
        self.session = session
        self.editions = sorted(session.scalars(select(Edition)).all(), key=lambda e: e.id)
        self._known: dict[int, dict[str, bool]] = {}
        self._has_lookup: bool | None = None
        self._links: dict[str, list[tuple[str, str]]] = {}
        self._merged_from: dict[str, list[str]] = {}

    def known(self, edition_id: int, codes) -> set[str]:
        """Return which of codes are LSOAs, MSOAs, wards, districts or counties of an edition."""
        seen = self._known.setdefault(edition_id, {})
        asked = [c for c in dict.fromkeys(codes) if c not in seen]
        for chunk in in_chunks(asked):
            found = set(
                self.session.scalars(
                    select(Area.code).where(
                        Area.edition_id == edition_id, Area.kind.in_(_KINDS), Area.code.in_(chunk)
                    )
                )
            )
            seen.update((c, c in found) for c in chunk)
        return {c for c in codes if seen[c]}

    def has_lookup(self) -> bool:
        """Return whether the ONS LSOA 2011 to 2021 lookup is loaded."""
        if self._has_lookup is None:
            first = self.session.scalar(select(LsoaChange.lsoa11_code).limit(1))
            self._has_lookup = first is not None
        return self._has_lookup

    def links(self, lsoas: list[str]) -> dict[str, list[tuple[str, str]]]:
        """Return {2011 LSOA: [(2021 LSOA, change indicator)]} for those of lsoas in the lookup;
        also notes which 2011 LSOAs were merged into each of those 2021 LSOAs."""
        change = LsoaChange
        for chunk in in_chunks([c for c in dict.fromkeys(lsoas) if c not in self._links]):
            self._links.update((c, []) for c in chunk)
            for old, new, how in self.session.execute(
                select(change.lsoa11_code, change.lsoa21_code, change.change).where(
                    change.lsoa11_code.in_(chunk)
                )
            ):
                self._links[old].append((new, how))
        merged = {n for c in lsoas for n, how in self._links[c] if how == "M"}
        for chunk in in_chunks([n for n in merged if n not in self._merged_from]):
            self._merged_from.update((n, []) for n in chunk)
            for old, new in self.session.execute(
                select(change.lsoa11_code, change.lsoa21_code).where(
                    change.lsoa21_code.in_(chunk), change.change == "M"
                )
            ):
                self._merged_from[new].append(old)
        return {c: self._links[c] for c in lsoas if self._links[c]}

    def _lsoas_of(self, edition_id: int, code: str) -> list[str]:
        """Return the LSOAs of an area of the edition (an LSOA is its own)."""
        if code.startswith("E01"):
            return [code]
        districts = county_of_districts(self.session, edition_id)
        lads = [code, *(d for d, c in districts.items() if c == code)]
        index = LsoaIndices
        return sorted(
            self.session.scalars(
                select(index.code).where(
                    index.edition_id == edition_id,
                    or_(
                        index.msoa_code == code,
                        index.ward_code == code,
                        index.lad_code.in_(lads),
                    ),
                )
            )
        )

    def _why_missing(self, code: str, edition: Edition, sources: list[Edition]) -> str:
        if not sources:
            return f"{code} is not an area in any imported edition"
        if not any(s.lsoa_year == 2011 for s in sources) or edition.lsoa_year != 2021:
            years = " and ".join(sorted({str(s.lsoa_year) for s in sources}))
            return f"{code} is a code of the {years} geography, not of {edition.key}'s"
        return (
            f"{code} is a code of the 2011 geography (IoD2019), not of {edition.key}'s 2021 "
            f"LSOAs: {LOAD_LOOKUP}"
        )

    def translate(self, codes: list[str], edition: Edition) -> Translation:
        """Return codes as codes of edition's geography (see the module docstring)."""
        codes = list(dict.fromkeys(str(c).strip().upper() for c in codes))
        known = self.known(edition.id, codes)
        kept: list[str] = [c for c in codes if c in known]
        missing: dict[str, str] = {}
        pending: dict[str, list[str]] = {}  # code -> its 2011 LSOAs
        for code in (c for c in codes if c not in known):
            sources = [e for e in self.editions if e.id != edition.id and self.known(e.id, [code])]
            source = next((s for s in sources if s.lsoa_year == 2011), None)
            if source is None or edition.lsoa_year != 2021 or not self.has_lookup():
                missing[code] = self._why_missing(code, edition, sources)
            else:
                pending[code] = self._lsoas_of(source.id, code)
        area_2011 = {lsoa for lsoas in pending.values() for lsoa in lsoas}
        links = self.links(sorted(area_2011))
        translated: list[str] = []
        irregular: dict[str, tuple[str, ...]] = {}
        merged: dict[tuple[str, str], Merged] = {}
        for code, lsoas in pending.items():
            unlinked = [lsoa for lsoa in lsoas if lsoa not in links]
            new = [n for lsoa in lsoas for n, _how in links.get(lsoa, [])]
            absent = sorted(set(new) - self.known(edition.id, new))
            if unlinked or not lsoas:
                why = f"{(unlinked or [code])[0]} is not in the ONS LSOA 2011 to 2021 lookup loaded"
                missing[code] = why
                continue
            if absent:
                missing[code] = f"{code}'s 2021 LSOA {absent[0]} is not in {edition.key}"
                continue
            translated.append(code)
            kept.extend(new)
            for lsoa in lsoas:
                for lsoa21, how in links[lsoa]:
                    if how == "X":
                        irregular[lsoa] = (*irregular.get(lsoa, ()), lsoa21)
                    others = [o for o in self._merged_from.get(lsoa21, []) if o not in area_2011]
                    if how == "M" and others:
                        merged[(lsoa, lsoa21)] = Merged(lsoa, lsoa21, tuple(sorted(others)))
        return Translation(
            tuple(dict.fromkeys(kept)),
            missing,
            tuple(translated),
            irregular,
            tuple(merged.values()),
        )
