"""Custom areas (a council's target areas) from YAML: named sets of LSOA, MSOA or ward codes."""
from __future__ import annotations

import re
from pathlib import Path

import yaml
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from engagement.errors import ImportProblem
from engagement.iod_store import bump_catalogue_version, custom_area_rows, store_custom_areas
from storage.models import Area, AreaAlias, CustomArea, Edition

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,39}$")
_MEMBER = re.compile(r"^E0[125]\d{6}$")
_FIELDS = {"code", "name", "local_authority", "description", "aliases", "members"}


def _parse(path: Path) -> list[tuple[dict[str, int], dict]]:
    """Return ({field: line}, definition) for each area in the file, or raise naming the bad line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ImportProblem(f"{path}: no such file.") from None
    except UnicodeDecodeError:
        raise ImportProblem(f"{path.name}: the file is not UTF-8 text.") from None
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        line = getattr(getattr(err, "problem_mark", None), "line", None)
        where = f", line {line + 1}" if line is not None else ""
        raise ImportProblem(f"{path.name}{where}: this is not valid YAML ({getattr(err, 'problem', err)}).") from None
    if not isinstance(data, dict) or not isinstance(data.get("areas"), list) or not data["areas"]:
        raise ImportProblem(f"{path.name}: expected a list of areas under 'areas:'.")
    items = next(v for k, v in root.value if k.value == "areas").value
    lines = []
    for node in items:
        fields = {"": node.start_mark.line + 1}
        if isinstance(node, yaml.MappingNode):
            fields |= {str(key.value): value.start_mark.line + 1 for key, value in node.value}
        lines.append(fields)
    return list(zip(lines, data["areas"]))


def _check(path: Path, lines: dict[str, int], item, known: set[str]) -> dict:
    def where(field: str = "") -> str:
        return f"{path.name}, line {lines.get(field, lines[''])}" + (f", field '{field}'" if field else "")

    if not isinstance(item, dict):
        raise ImportProblem(f"{where()}: each area needs code, name and members.")
    unknown = set(item) - _FIELDS
    if unknown:
        raise ImportProblem(f"{where(sorted(unknown)[0])}: not a field of an area ({', '.join(sorted(_FIELDS))}).")
    for field in ("code", "name", "members"):
        if not item.get(field):
            raise ImportProblem(f"{where()}, field '{field}': missing.")
    code = str(item["code"]).strip()
    if not _SLUG.match(code):
        raise ImportProblem(f"{where('code')}: '{code}' must be lower-case letters, digits and hyphens, like 'norwich-heartsease'.")
    members = item["members"] if isinstance(item["members"], list) else [item["members"]]
    for member in members:
        member = str(member).strip().upper()
        if not _MEMBER.match(member):
            raise ImportProblem(f"{where('members')}: '{member}' is not an LSOA (E01…), MSOA (E02…) or ward (E05…) code.")
        if known and member not in known:
            raise ImportProblem(f"{where('members')}: {member} is not an area in the imported Indices of Deprivation.")
    aliases = item.get("aliases") or []
    return {
        "code": code,
        "name": str(item["name"]).strip(),
        "lad_code": str(item["local_authority"]).strip().upper() if item.get("local_authority") else None,
        "description": str(item.get("description") or "").strip(),
        "members": [str(m).strip().upper() for m in members],
        "aliases": [str(a).strip() for a in (aliases if isinstance(aliases, list) else [aliases]) if str(a).strip()],
    }


def load_custom_areas(session: Session, path: Path) -> list[str]:
    """Add or replace the custom areas defined in path; return their codes.

    Every area is checked before anything is written, and profiles are computed for each
    imported edition.
    """
    editions = session.scalars(select(Edition)).all()
    if not editions:
        raise ImportProblem(f"{path.name}: import the Indices of Deprivation first (`fairer import-iod`), so members can be checked.")
    known = set(session.scalars(select(Area.code).where(Area.kind.in_(("lsoa", "msoa", "ward")))))
    definitions = [_check(path, lines, item, known) for lines, item in _parse(path)]
    codes = [d["code"] for d in definitions]
    if len(set(codes)) != len(codes):
        raise ImportProblem(f"{path.name}: the code '{next(c for c in codes if codes.count(c) > 1)}' is used twice.")

    session.execute(delete(AreaAlias).where(AreaAlias.area_code.in_(codes)))
    for definition in definitions:
        aliases = definition.pop("aliases")
        session.merge(CustomArea(**definition))
        session.add_all(AreaAlias(area_code=definition["code"], alias=a) for a in dict.fromkeys(aliases))
    session.flush()
    for edition in editions:
        session.execute(delete(Area).where(Area.edition_id == edition.id, Area.kind == "custom"))
        store_custom_areas(session, custom_area_rows(session, edition))
    bump_catalogue_version(session)
    return codes
