"""Custom areas (a council's target areas) from YAML: named sets of LSOA, MSOA, ward, local
authority district or county codes, optionally saying what kind of area they are (`type:`).

An area is drawn on one geography: 2011 codes (IoD2019) or 2021 codes (IoD2025). It is matched in
each edition that holds all its members, so an area listing 2021 LSOA codes is matched in IoD2025;
with the ONS LSOA 2011 to 2021 lookup loaded, an area listing 2011 codes is matched in IoD2025 too,
its members translated (engagement.areas.edition_codes, engagement.areas.custom_editions).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from engagement.areas.custom_editions import CustomAreasReport, rebuild_custom_areas
from engagement.areas.edition_codes import EditionCodes
from engagement.areas.iod_store import county_of_districts
from engagement.errors import ImportProblem
from engagement.yaml_source import YamlSource
from storage.models import Area, AreaAlias, CustomArea, Edition, LsoaIndices

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,39}$")
# LSOA, MSOA, ward, local authority district (unitary, metropolitan, shire, London) or county.
_MEMBER = re.compile(r"^E(0[125-9]|10)\d{6}$")
_FIELDS = {"code", "name", "type", "local_authority", "description", "aliases", "members"}
_TYPE_LIMIT = 60
# The last English LSOA and MSOA codes of 2011: codes above them were made for 2021's geography.
_LAST_2011 = {"E01": 33768, "E02": 6934}


def first_year(code: str) -> int:
    """Return the first LSOA geography (2011 or 2021) an LSOA or MSOA code can belong to."""
    last = _LAST_2011.get(code[:3])
    return 2021 if last is not None and int(code[3:]) > last else 2011


def _unknown_member(member: str, years: set[int]) -> str:
    kind = {"E01": "LSOA", "E02": "MSOA"}.get(member[:3])
    if kind and first_year(member) == 2021 and 2021 not in years:
        return (
            f"{member} is a 2021 {kind} code, matched in IoD2025 (2021 LSOAs), which is not "
            "imported: import it first (`fairer import-iod`)."
        )
    return f"{member} is not an area in the imported Indices of Deprivation."


def _one_geography(source: YamlSource, i: int, members: list[str], known_in: dict) -> None:
    """Raise unless some edition holds every member: an area is drawn on 2011 or on 2021 areas."""
    if not known_in or any(all(m in codes for m in members) for codes in known_in.values()):
        return
    best = max(known_in, key=lambda key: sum(m in known_in[key] for m in members))
    missing = next(m for m in members if m not in known_in[best])
    elsewhere = " and ".join(key for key, codes in known_in.items() if missing in codes)
    raise source.problem(
        f"{missing} is in {elsewhere} but not in {best}, which holds the other members: list "
        "the areas of one edition's geography (2011 or 2021 LSOAs).",
        "areas",
        i,
        "members",
        field="members",
    )


def _check(source: YamlSource, i: int, item, known: set[str], years: set[int]) -> dict:
    if not isinstance(item, dict):
        raise source.problem("each area needs code, name and members.", "areas", i)
    unknown = set(item) - _FIELDS
    if unknown:
        field = sorted(unknown)[0]
        raise source.problem(
            f"not a field of an area ({', '.join(sorted(_FIELDS))}).",
            "areas",
            i,
            field,
            field=field,
        )
    for field in ("code", "name", "members"):
        if not item.get(field):
            raise source.problem("missing.", "areas", i, field=field)
    code = str(item["code"]).strip()
    if not _SLUG.match(code):
        raise source.problem(
            f"'{code}' must be lower-case letters, digits and hyphens, like 'norwich-heartsease'.",
            "areas",
            i,
            "code",
            field="code",
        )
    members = item["members"] if isinstance(item["members"], list) else [item["members"]]
    for member in members:
        member = str(member).strip().upper()
        if not _MEMBER.match(member):
            raise source.problem(
                f"'{member}' is not an LSOA (E01…), MSOA (E02…), ward (E05…), local "
                "authority (E06…–E09…) or county (E10…) code.",
                "areas",
                i,
                "members",
                field="members",
            )
        if known and member not in known:
            raise source.problem(
                _unknown_member(member, years),
                "areas",
                i,
                "members",
                field="members",
            )
    area_type = " ".join(str(item.get("type") or "").split())
    if len(area_type) > _TYPE_LIMIT:
        raise source.problem(
            f"a type is at most {_TYPE_LIMIT} characters, like 'Priority neighbourhood'.",
            "areas",
            i,
            "type",
            field="type",
        )
    aliases = item.get("aliases") or []
    return {
        "code": code,
        "name": str(item["name"]).strip(),
        "area_type": area_type or None,
        "lad_code": str(item["local_authority"]).strip().upper()
        if item.get("local_authority")
        else None,
        "description": str(item.get("description") or "").strip(),
        "members": [str(m).strip().upper() for m in members],
        "aliases": [
            str(a).strip()
            for a in (aliases if isinstance(aliases, list) else [aliases])
            if str(a).strip()
        ],
    }


def load_custom_areas(session: Session, path: Path) -> list[str]:
    """Add or replace the custom areas defined in path; return their codes.

    Every area is checked before anything is written, and profiles are computed for each
    imported edition.
    """
    return list(load_custom_areas_reported(session, path)[0])


def load_custom_areas_reported(session: Session, path: Path) -> tuple[list[str], CustomAreasReport]:
    """Add or replace the custom areas defined in path; return (their codes, where every custom
    area is and is not, and why). See load_custom_areas."""
    editions = session.scalars(select(Edition)).all()
    if not editions:
        raise ImportProblem(
            f"{path.name}: import the Indices of Deprivation first (`fairer import-iod`), "
            "so members can be checked."
        )
    source = YamlSource(path)
    if (
        not isinstance(source.data, dict)
        or not isinstance(source.data.get("areas"), list)
        or not source.data["areas"]
    ):
        raise ImportProblem(f"{path.name}: expected a list of areas under 'areas:'.")
    editions = sorted(editions, key=lambda edition: edition.id)
    known_in: dict[str, set[str]] = {edition.key: set() for edition in editions}
    keys = {edition.id: edition.key for edition in editions}
    for edition_id, code in session.execute(
        select(Area.edition_id, Area.code).where(
            Area.kind.in_(("lsoa", "msoa", "ward", "lad", "county"))
        )
    ):
        known_in[keys[edition_id]].add(code)
    known = set().union(*known_in.values())
    years = {edition.lsoa_year for edition in editions}
    definitions = [
        _check(source, i, item, known, years) for i, item in enumerate(source.data["areas"])
    ]
    for i, definition in enumerate(definitions):
        _one_geography(source, i, definition["members"], known_in)
    codes = [d["code"] for d in definitions]
    if len(set(codes)) != len(codes):
        raise ImportProblem(
            f"{path.name}: the code '{next(c for c in codes if codes.count(c) > 1)}' is used twice."
        )

    session.execute(delete(AreaAlias).where(AreaAlias.area_code.in_(codes)))
    for definition in definitions:
        aliases = definition.pop("aliases")
        session.merge(CustomArea(**definition))
        session.add_all(
            AreaAlias(area_code=definition["code"], alias=a) for a in dict.fromkeys(aliases)
        )
    session.flush()
    return codes, rebuild_custom_areas(session)


def _translated(
    session: Session, edition_id: int, codes: set[str], customs: dict[str, list[str]]
) -> dict[str, list[str]]:
    """Return {code: its codes in the edition} for the codes (and custom areas' members) of
    another edition's geography that the lookup places in this one."""
    lists = {code: customs.get(code, [code]) for code in codes}
    wanted = {m for members in lists.values() for m in members}
    translator = EditionCodes(session)
    known = translator.known(edition_id, wanted)
    if wanted <= known:
        return {}
    edition = next((e for e in translator.editions if e.id == edition_id), None)
    result = {}
    for code, members in lists.items():
        if edition is not None and not set(members) <= known:
            translation = translator.translate(members, edition)
            # A custom area not wholly in the edition is not there at all (as on /area).
            result[code] = list(translation.codes) if translation.complete else []
    return result


def lsoa_populations(
    session: Session, edition_id: int, codes: Iterable[str]
) -> dict[str, dict[str, int]]:
    """Return, for each code (an LSOA, MSOA, ward, local authority or custom area), the
    population of each of its LSOAs in the edition; codes with no LSOAs there are left out.

    Codes of another edition's geography (a 2011 LSOA in IoD2025) are placed through the ONS LSOA
    2011 to 2021 lookup when it is loaded: a 2011 LSOA is the 2021 LSOAs it became."""
    codes = set(codes)
    customs = {
        c.code: [str(m).upper() for m in c.members]
        for c in session.scalars(select(CustomArea).where(CustomArea.code.in_(codes)))
    }
    customs.update(_translated(session, edition_id, codes, customs))
    wanted = codes | {m for members in customs.values() for m in members}
    districts_of: dict[str, list[str]] = {}
    for district, county in county_of_districts(session, edition_id).items():
        if county in wanted:
            districts_of.setdefault(county, []).append(district)
    wanted |= {d for districts in districts_of.values() for d in districts}
    lsoa = LsoaIndices
    rows = session.execute(
        select(lsoa.code, lsoa.msoa_code, lsoa.ward_code, lsoa.lad_code, lsoa.population).where(
            lsoa.edition_id == edition_id,
            or_(
                lsoa.code.in_(wanted),
                lsoa.msoa_code.in_(wanted),
                lsoa.ward_code.in_(wanted),
                lsoa.lad_code.in_(wanted),
            ),
        )
    ).all()
    by_member: dict[str, dict[str, int]] = {}
    for row in rows:
        for container in set(row[:4]) & wanted:
            by_member.setdefault(container, {})[row.code] = row.population
    for county, districts in districts_of.items():
        for district in districts:
            by_member.setdefault(county, {}).update(by_member.get(district, {}))
    result = {}
    for code in codes:
        lsoas = {k: v for m in customs.get(code, [code]) for k, v in by_member.get(m, {}).items()}
        if lsoas:
            result[code] = lsoas
    return result
