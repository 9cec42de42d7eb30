"""Change since the earlier edition for one area, read from the database: the latest edition's
neighbourhoods of the area, the ONS lookup's rows for them and the earlier edition's figures of
the 2011 LSOAs they came from, handed to engagement.areas.change; and the open-data "change"
object of /areas/<code>.json."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from engagement import figures
from engagement.areas.change import (
    CAUTION,
    KEYS,
    AreaChange,
    LsoaFigures,
    LsoaLink,
    Side,
    area_change,
    direction,
)
from engagement.areas.editions import LoadedEdition, loaded_editions
from engagement.areas.neighbourhoods import find_place, member_condition
from engagement.model import EditionInfo
from storage.change_models import LsoaChange
from storage.models import Area, LsoaIndices

_COLUMNS = (
    LsoaIndices.code,
    LsoaIndices.population,
    *(getattr(LsoaIndices, f"{key}_{part}") for key in KEYS for part in ("rank", "decile")),
)


@dataclass(frozen=True)
class ChangeSince:
    """An area's change from the earlier edition (before) to the latest (after), with the names
    of its neighbourhoods by code."""

    code: str
    before: EditionInfo
    after: EditionInfo
    before_year: int | None
    change: AreaChange
    names: Mapping[str, str]


def _figures(row) -> LsoaFigures:
    code, population, *values = row
    ranks = {key: values[2 * i] for i, key in enumerate(KEYS)}
    deciles = {key: values[2 * i + 1] for i, key in enumerate(KEYS)}
    return LsoaFigures(code, population, ranks, deciles)


def _pair(session: Session) -> tuple[LoadedEdition, LoadedEdition] | None:
    """Return (earlier, latest): the latest edition and the newest official one on an older LSOA
    geography, or None when there are not both."""
    official = [e for e in loaded_editions(session) if not e.info.is_sample]
    if not official:
        return None
    latest = official[0]
    earlier = next((e for e in official if e.lsoa_year < latest.lsoa_year), None)
    return (earlier, latest) if earlier is not None else None


def change_since(session: Session, code: str) -> ChangeSince | None:
    """Return the change in the area with this code between the earlier edition and the latest,
    or None when either edition or the LSOA lookup is missing, the latest edition does not have
    the area, or it is England (whose ranks are the scale itself)."""
    pair = _pair(session)
    if pair is None or session.scalar(select(LsoaChange.lsoa21_code).limit(1)) is None:
        return None
    earlier, latest = pair
    place = find_place(session, code, latest.id)
    condition = member_condition(session, place) if place is not None else None
    if condition is None:
        return None
    after = [_figures(row) for row in session.execute(select(*_COLUMNS).where(condition))]
    codes = select(LsoaIndices.code).where(condition).scalar_subquery()
    links = [
        LsoaLink(a, b, c)
        for a, b, c in session.execute(
            select(LsoaChange.lsoa11_code, LsoaChange.lsoa21_code, LsoaChange.change).where(
                LsoaChange.lsoa21_code.in_(codes)
            )
        )
    ]
    before = {
        row[0]: _figures(row)
        for row in session.execute(
            select(*_COLUMNS).where(
                LsoaIndices.edition_id == earlier.id,
                LsoaIndices.code.in_(sorted({link.lsoa11 for link in links})),
            )
        )
    }
    names = dict(
        session.execute(
            select(Area.code, Area.name).where(
                and_(Area.edition_id == latest.id, Area.kind == "lsoa", Area.code.in_(codes))
            )
        ).all()
    )
    change = area_change(
        after,
        links,
        before,
        before_total=earlier.info.lsoa_total,
        after_total=latest.info.lsoa_total,
    )
    return ChangeSince(place.code, earlier.info, latest.info, earlier.year, change, names)


# --- words and open data ------------------------------------------------------------------------


def coverage_sentence(report: ChangeSince) -> str:
    """Return what the comparison covers: "Compared over 7 of its 8 neighbourhoods, where 92% of
    its people live." (or that none can be compared)."""
    change = report.change
    total = len(change.neighbourhoods)
    compared = sum(1 for n in change.neighbourhoods if n.comparable)
    noun = "neighbourhood" if total == 1 else "neighbourhoods"
    if not compared:
        return f"None of its {figures.count(total)} {noun} can be compared with {_year(report)}."
    return (
        f"Compared over {figures.count(compared)} of its {figures.count(total)} {noun}, "
        f"where {figures.percent(change.coverage)} of its people live."
    )


def _year(report: ChangeSince) -> str:
    return str(report.before_year) if report.before_year else report.before.title


def headline(report: ChangeSince) -> str | None:
    """Return the overall Index's change in one line: "Since 2019: average rank 5,012 of 32,844
    → 4,870 of 33,755 (more deprived relative to England); people in the most deprived 10%:
    33% → 41%." or None when nothing is comparable."""
    change = report.change
    if not change.domains:
        return None
    imd = change.domain("imd")
    moved = direction(imd, change.before_total, change.after_total)
    moved = "no change in position" if moved == "no change" else f"{moved} relative to England"
    return (
        f"Since {_year(report)}: average rank {figures.rank(imd.before_avg_rank)} of "
        f"{figures.count(change.before_total)} → {figures.rank(imd.after_avg_rank)} of "
        f"{figures.count(change.after_total)} ({moved}); people in England's most deprived 10%: "
        f"{figures.percent(imd.before_share_10)} → {figures.percent(imd.after_share_10)}."
    )


def _figure(value: Fraction, is_share: bool) -> dict:
    exact = figures.exact(value)
    return {
        "value": float(exact.scaleb(2) if is_share else exact),
        "shown": figures.percent(value) if is_share else figures.rank(value),
    }


def _side(side: Side | None) -> dict | None:
    if side is None:
        return None
    return {"imd_rank": _figure(side.ranks["imd"], False), "imd_decile": side.deciles["imd"]}


def change_document(report: ChangeSince) -> dict:
    """Return the "change" object of /areas/<code>.json: the editions compared, what share of
    people the comparison covers, MHCLG's caution, per domain the average rank and the share of
    people in England's most deprived 10% in each edition (exact "value", and "shown"), and each
    neighbourhood's IMD rank and decile in both (before is null where not comparable)."""
    change = report.change
    return {
        "from": report.before.key,
        "to": report.after.key,
        "from_title": report.before.title,
        "to_title": report.after.title,
        "population": change.population,
        "compared_population": change.compared_population,
        "coverage": _figure(change.coverage, True),
        "caution": CAUTION,
        "domains": [
            {
                "domain": d.key,
                "average_rank": {
                    "before": _figure(d.before_avg_rank, False),
                    "after": _figure(d.after_avg_rank, False),
                },
                "people_most_deprived_10": {
                    "before": _figure(d.before_share_10, True),
                    "after": _figure(d.after_share_10, True),
                },
                "direction": direction(d, change.before_total, change.after_total),
            }
            for d in change.domains
        ],
        "neighbourhoods": [
            {
                "code": n.code,
                "name": report.names.get(n.code, n.code),
                "change": n.change,
                "comparable": n.comparable,
                "earlier_codes": list(n.earlier_codes),
                "before": _side(n.before),
                "after": _side(n.after),
            }
            for n in change.neighbourhoods
        ],
    }
