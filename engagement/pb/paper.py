"""Paper ballots typed in by staff: a CSV with one row per ballot, checked whole before storing.

Columns: `projects` (the chosen projects' titles exactly as on the ballot, separated by ';')
and, optionally, `neighbourhood` (the voter's neighbourhood: an area code or its name).
If any row is wrong nothing is stored, and the message names each wrong row's line.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from engagement import figures
from engagement.areas.lookup import get_area_profile, resolve_area_code
from engagement.errors import ImportProblem
from engagement.pb.ballots import check_choices
from engagement.pb.rounds import require_round
from engagement.surveys.store import new_receipt_code
from engagement.tabular import normalise_header, read_rows
from storage.pb_models import PbBallot

MAX_PROBLEMS = 20
MAX_ROWS = 100_000


def _neighbourhood(session: Session, text: str, scope: tuple[str, ...]) -> str | None:
    profile = get_area_profile(session, text)
    if profile is not None:
        return profile.area.code
    return resolve_area_code(session, text, scope=scope)


def import_paper_ballots(session: Session, slug: str, path: Path, *, entered_by: str) -> int:
    """Store the paper ballots in path for the round slug; return how many.

    Raise ImportProblem, storing nothing, when the file has no `projects` column or any row
    names a project not on the ballot, chooses none, or breaks the round's rule."""
    loaded = require_round(session, slug)
    profile = get_area_profile(session, loaded.round.area_code)
    scope = (profile.lad_code,) if profile is not None and profile.lad_code else ()
    by_title = {p.title: p for p in loaded.projects}
    header, rows = read_rows(path)
    header = [normalise_header(h) for h in header]
    if "projects" not in header:
        raise ImportProblem(
            f"{path.name}, line 1: there is no 'projects' column "
            "(the chosen projects' titles, separated by ';')."
        )
    column, area_column = (
        header.index("projects"),
        (header.index("neighbourhood") if "neighbourhood" in header else None),
    )
    problems, ballots = [], []
    for line, cells in rows:
        if len(ballots) >= MAX_ROWS:
            raise ImportProblem(f"{path.name}: at most {figures.count(MAX_ROWS)} ballots a file.")
        cell = cells[column] if column < len(cells) else ""
        titles = [t.strip() for t in cell.split(";") if t.strip()]
        unknown = [t for t in titles if t not in by_title]
        area_text = (
            cells[area_column].strip()
            if area_column is not None and area_column < len(cells)
            else ""
        )
        area_code = _neighbourhood(session, area_text, scope) if area_text else None
        if unknown:
            problems.append(
                f"{path.name}, line {line}, column 'projects': “{unknown[0]}” is not a project "
                "on this ballot (titles must match exactly)."
            )
        elif area_text and area_code is None:
            problems.append(
                f"{path.name}, line {line}, column 'neighbourhood': “{area_text}” is not a "
                "neighbourhood we know."
            )
        else:
            choice = check_choices(loaded, [by_title[t].id for t in dict.fromkeys(titles)])
            if choice.error:
                problems.append(f"{path.name}, line {line}, column 'projects': {choice.error}.")
            else:
                ballots.append((choice, area_code))
        if len(problems) >= MAX_PROBLEMS:
            break
    if problems:
        raise ImportProblem("Nothing was imported.\n" + "\n".join(problems))
    if not ballots:
        raise ImportProblem(f"{path.name} has no ballots: one row per ballot after the header.")
    session.add_all(
        PbBallot(
            round_id=loaded.round.id,
            receipt_code=new_receipt_code(),
            channel="paper",
            area_code=area_code,
            entered_by=entered_by[:40],
            choices=[p.id for p in choice.projects],
        )
        for choice, area_code in ballots
    )
    session.flush()
    return len(ballots)
