"""Participatory budgeting rounds: loading one from YAML, finding it, and whether it is open.

A round's YAML (CONTRACT.md, "Community power"):

    slug: heartsease-fund-2027
    title: Heartsease community fund
    area: norwich-heartsease
    budget: 20000
    opens: 2027-01-10
    closes: 2027-02-28
    rule: budget            # or: approval, with max_choices
    voters: area            # or: invite (a single-use invite code is needed to vote)
    projects:
      - {title: Play area repairs, cost: 8000, description: …, idea: 12}

Votes are taken from the start of `opens` to the end of `closes`, UK time, while the round is
open (an officer may close it early and open it again).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from engagement import figures
from engagement.areas.lookup import get_area_profile
from engagement.errors import ImportProblem
from engagement.yaml_source import YamlSource
from storage.idea_models import Idea
from storage.pb_models import PbBallot, PbProject, PbRound

UK = ZoneInfo("Europe/London")
RULES = ("budget", "approval")
VOTERS = ("area", "invite")
MAX_PROJECTS = 100
MAX_BUDGET = 100_000_000
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
_KEYS = {
    "slug",
    "title",
    "area",
    "budget",
    "opens",
    "closes",
    "rule",
    "max_choices",
    "voters",
    "projects",
}


@dataclass(frozen=True)
class LoadedRound:
    """A round with its projects in ballot order, and the name of its area."""

    round: PbRound
    projects: tuple[PbProject, ...]
    area_name: str


def uk_today(now: datetime | None = None) -> date:
    """Return today's date in the UK (a round's dates are UK days)."""
    return (now or datetime.now(UK)).astimezone(UK).date()


def round_state(pb_round: PbRound, today: date | None = None) -> str:
    """Return "not_open_yet", "open", "closed" or "published" for the round on today."""
    today = today or uk_today()
    if pb_round.status == "published":
        return "published"
    if pb_round.status == "closed" or today > pb_round.closes_on:
        return "closed"
    if pb_round.status == "draft" or today < pb_round.opens_on:
        return "not_open_yet"
    return "open"


def find_round(session: Session, slug: str) -> LoadedRound | None:
    """Return the round with this slug and its projects, or None."""
    pb_round = session.scalar(select(PbRound).where(PbRound.slug == str(slug or "").strip()))
    if pb_round is None:
        return None
    projects = session.scalars(
        select(PbProject).where(PbProject.round_id == pb_round.id).order_by(PbProject.position)
    ).all()
    profile = get_area_profile(session, pb_round.area_code)
    name = profile.area.name if profile is not None else pb_round.area_code
    return LoadedRound(pb_round, tuple(projects), name)


def require_round(session: Session, slug: str) -> LoadedRound:
    """Return the round with this slug; raise ImportProblem naming it when there is none."""
    found = find_round(session, slug)
    if found is None:
        raise ImportProblem(
            f"There is no participatory budgeting round '{slug}': load it with `fairer pb load`."
        )
    return found


def _whole_pounds(source: YamlSource, value, *keys, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise source.problem(
            f"give a whole number of pounds above 0, such as 20000 (not {value!r}).",
            *keys,
            field=field,
        )
    if value > MAX_BUDGET:
        raise source.problem(
            f"{figures.money(value)} is more than this tool handles.", *keys, field=field
        )
    return value


def _day(source: YamlSource, value, key: str) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    raise source.problem("give a date as YYYY-MM-DD, such as 2027-01-10.", key, field=key)


def _text(source: YamlSource, value, *keys, field: str, limit: int = 200) -> str:
    if not isinstance(value, str) or not value.strip():
        raise source.problem(f"give the {field}.", *keys, field=field)
    if len(value.strip()) > limit:
        raise source.problem(f"keep it to {figures.count(limit)} characters.", *keys, field=field)
    return value.strip()


def _projects(source: YamlSource, items) -> list[dict]:
    if not isinstance(items, list) or not items:
        raise source.problem("list the projects on the ballot.", "projects", field="projects")
    if len(items) > MAX_PROJECTS:
        raise source.problem(
            f"a ballot can have at most {MAX_PROJECTS} projects.", "projects", field="projects"
        )
    projects, seen = [], set()
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise source.problem("each project needs a title and a cost.", "projects", i)
        unknown = sorted(set(item) - {"title", "cost", "description", "idea"})
        if unknown:
            raise source.problem(
                f"a project has no field '{unknown[0]}' (title, cost, description, idea).",
                "projects",
                i,
                unknown[0],
            )
        title = _text(source, item.get("title"), "projects", i, "title", field="title")
        if title.casefold() in seen:
            raise source.problem(
                f"“{title}” is on the ballot twice.", "projects", i, "title", field="title"
            )
        seen.add(title.casefold())
        cost = _whole_pounds(source, item.get("cost"), "projects", i, "cost", field="cost")
        description = item.get("description") or ""
        if not isinstance(description, str) or len(description) > 2000:
            raise source.problem(
                "give the description as text of at most 2,000 characters.",
                "projects",
                i,
                "description",
                field="description",
            )
        idea = item.get("idea")
        if idea is not None and (isinstance(idea, bool) or not isinstance(idea, int)):
            raise source.problem(
                "give the project bank idea's number, such as 12.",
                "projects",
                i,
                "idea",
                field="idea",
            )
        projects.append(
            {"title": title, "cost": cost, "description": description.strip(), "idea_id": idea}
        )
    return projects


def _check_ideas(session: Session, source: YamlSource, projects: list[dict]) -> None:
    wanted = {p["idea_id"] for p in projects if p["idea_id"] is not None}
    known = set(session.scalars(select(Idea.id).where(Idea.id.in_(wanted)))) if wanted else set()
    for i, p in enumerate(projects):
        if p["idea_id"] is not None and p["idea_id"] not in known:
            raise source.problem(
                f"there is no idea {p['idea_id']} in the project bank.",
                "projects",
                i,
                "idea",
                field="idea",
            )


def read_round(session: Session, path: Path) -> dict:
    """Return the round a YAML file defines, checked; raise ImportProblem with the line."""
    source = YamlSource(path)
    data = source.data
    if not isinstance(data, dict):
        raise ImportProblem(f"{source.name}: expected a round with slug, title, area, budget …")
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise source.problem(f"a round has no field '{unknown[0]}'.", unknown[0])
    slug = data.get("slug")
    if not isinstance(slug, str) or not _SLUG.match(slug):
        raise source.problem(
            "give a slug of lower-case letters, digits and hyphens, such as heartsease-fund-2027.",
            "slug",
            field="slug",
        )
    title = _text(source, data.get("title"), "title", field="title")
    area = data.get("area")
    if not isinstance(area, str) or get_area_profile(session, area) is None:
        raise source.problem(
            f"there is no area {area!r}: give an area code or a custom area's code.",
            "area",
            field="area",
        )
    budget = _whole_pounds(source, data.get("budget"), "budget", field="budget")
    opens, closes = (
        _day(source, data.get("opens"), "opens"),
        _day(source, data.get("closes"), "closes"),
    )
    if closes < opens:
        raise source.problem("the round closes before it opens.", "closes", field="closes")
    rule = data.get("rule", "budget")
    if rule not in RULES:
        raise source.problem("the rule is budget or approval.", "rule", field="rule")
    max_choices = data.get("max_choices")
    projects = _projects(source, data.get("projects"))
    if rule == "approval":
        if isinstance(max_choices, bool) or not isinstance(max_choices, int) or max_choices < 1:
            raise source.problem(
                "an approval round needs max_choices: how many projects each voter may choose.",
                "max_choices" if "max_choices" in data else "rule",
                field="max_choices",
            )
    elif max_choices is not None:
        raise source.problem(
            "max_choices is for approval rounds; a budget round is limited by its budget.",
            "max_choices",
            field="max_choices",
        )
    _check_ideas(session, source, projects)
    too_dear = next((i for i, p in enumerate(projects) if p["cost"] > budget), None)
    if too_dear is not None:
        raise source.problem(
            f"“{projects[too_dear]['title']}” costs {figures.money(projects[too_dear]['cost'])}, "
            f"more than the whole budget of {figures.money(budget)}.",
            "projects",
            too_dear,
            "cost",
            field="cost",
        )
    voters = data.get("voters", "area")
    if voters not in VOTERS:
        raise source.problem(
            "voters is area (residents of the area) or invite (single-use invite codes).",
            "voters",
            field="voters",
        )
    return {
        "slug": slug,
        "title": title,
        "area_code": get_area_profile(session, area).area.code,
        "budget": budget,
        "opens_on": opens,
        "closes_on": closes,
        "rule": rule,
        "max_choices": max_choices,
        "voters": voters,
        "projects": projects,
        "source": source,
    }


def load_round(session: Session, path: Path) -> tuple[PbRound, bool]:
    """Create or update the round a YAML file defines (matched by slug); return (round, created).

    Once ballots are cast the projects and their costs can no longer change."""
    data = read_round(session, path)
    source, projects = data.pop("source"), data.pop("projects")
    pb_round = session.scalar(select(PbRound).where(PbRound.slug == data["slug"]))
    created = pb_round is None
    if created:
        pb_round = PbRound(status="open", **data)
        session.add(pb_round)
        session.flush()
    else:
        cast = session.scalar(
            select(func.count()).select_from(PbBallot).where(PbBallot.round_id == pb_round.id)
        )
        existing = session.scalars(
            select(PbProject).where(PbProject.round_id == pb_round.id).order_by(PbProject.position)
        ).all()
        if cast and [(p.title, p.cost) for p in existing] != [
            (p["title"], p["cost"]) for p in projects
        ]:
            raise source.problem(
                f"{figures.count(cast)} ballot(s) are already cast: the projects and their costs "
                "can no longer change.",
                "projects",
                field="projects",
            )
        if cast and (data["budget"], data["rule"], data["max_choices"]) != (
            pb_round.budget,
            pb_round.rule,
            pb_round.max_choices,
        ):
            raise source.problem(
                "ballots are already cast: the budget and the rule can no longer change.",
                "budget",
            )
        for key, value in data.items():
            setattr(pb_round, key, value)
        if cast:
            for project, new in zip(existing, projects, strict=True):
                project.description, project.idea_id = new["description"], new["idea_id"]
            return pb_round, False
        session.execute(delete(PbProject).where(PbProject.round_id == pb_round.id))
    session.add_all(
        PbProject(round_id=pb_round.id, position=i, **p) for i, p in enumerate(projects, start=1)
    )
    session.flush()
    return pb_round, created


def set_status(session: Session, slug: str, status: str) -> PbRound:
    """Open or close the round (status "open" or "closed"); return it.

    A published round stays published: its results are out."""
    pb_round = require_round(session, slug).round
    if pb_round.status == "published":
        raise ImportProblem(f"The round '{slug}' has published its results: it stays closed.")
    pb_round.status = status
    session.flush()
    return pb_round
