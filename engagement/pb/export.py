"""Exports of a round for officers: every ballot, and the count, as CSV or XLSX."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from engagement import figures
from engagement.pb.ballots import count_stored
from engagement.pb.rounds import require_round
from engagement.surveys.export import export_bytes
from storage.base import stored_utc
from storage.pb_models import PbBallot


def _table(rows: list[dict], columns: list[tuple[str, str]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=[key for key, _ in columns], dtype=object)
    frame.attrs["codebook"] = [(key, header, "") for key, header in columns]
    return frame


def ballots_table(session: Session, slug: str) -> pd.DataFrame:
    """Return one row per ballot: receipt, channel, neighbourhood, when, and the projects chosen
    (titles separated by ';', in ballot order) with their total cost."""
    loaded = require_round(session, slug)
    projects = {p.id: p for p in loaded.projects}
    rows = []
    for ballot in session.scalars(
        select(PbBallot).where(PbBallot.round_id == loaded.round.id).order_by(PbBallot.id)
    ):
        chosen = [projects[i] for i in ballot.choices if i in projects]
        rows.append(
            {
                "receipt_code": ballot.receipt_code,
                "channel": ballot.channel,
                "neighbourhood": ballot.area_code or "",
                "submitted_at": figures.iso_timestamp(stored_utc(ballot.created_at)),
                "projects": ";".join(p.title for p in chosen),
                "total_cost": sum(p.cost for p in chosen),
            }
        )
    return _table(
        rows,
        [
            ("receipt_code", "Receipt code"),
            ("channel", "Channel"),
            ("neighbourhood", "Neighbourhood (area code)"),
            ("submitted_at", "Submitted at"),
            ("projects", "Projects chosen"),
            ("total_cost", "Total cost (£)"),
        ],
    )


def count_table(session: Session, slug: str) -> pd.DataFrame:
    """Return the count, one row per project in the order considered: exact votes (for
    officers, not for publishing), cost, funded and why."""
    _loaded, result = count_stored(session, slug)
    rows = [
        {
            "order": i,
            "title": p.title,
            "ballot_position": p.position,
            "cost": p.cost,
            "votes": p.votes,
            "funded": "yes" if p.funded else "no",
            "why": p.why,
        }
        for i, p in enumerate(result.projects, start=1)
    ]
    return _table(
        rows,
        [
            ("order", "Order considered"),
            ("title", "Project"),
            ("ballot_position", "Place on the ballot"),
            ("cost", "Cost (£)"),
            ("votes", "Votes"),
            ("funded", "Funded"),
            ("why", "Why"),
        ],
    )


def export_round(session: Session, slug: str, what: str, fmt: str) -> bytes:
    """Return the ballots (what="ballots") or the count (what="count") as csv or xlsx bytes."""
    frame = ballots_table(session, slug) if what == "ballots" else count_table(session, slug)
    return export_bytes(frame, fmt)
