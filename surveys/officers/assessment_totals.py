"""Officer page adding up the action plan's impact assessments: how many are signed off, the
negative impacts by row, by protected characteristic and by area, across the plan or for one
area chosen with a GET form (works without JavaScript).

/officers/assessment-totals[?area=CODE]
"""

from __future__ import annotations

from flask import Blueprint, render_template, request

from engagement import figures
from engagement.actions.terms import today_in
from engagement.assessments.totals import assessment_totals
from surveys.council_time import council_timezone
from surveys.database import reading_session
from surveys.officers.auth import officer_home_link, officer_required
from surveys.residents.survey_flow import scope

bp = Blueprint("assessment_totals", __name__, url_prefix="/officers")
AREA_PROBLEMS = {
    "choose_area": "Several areas match this: choose one from the list",
    "area_not_found": "Choose an area from the list",
    "no_area_data": "No areas are loaded yet: show the whole plan instead",
}


@bp.get("/assessment-totals")
@officer_required
@officer_home_link(
    "Impact assessments added up",
    "How many actions are assessed, and the negative impacts by row, protected characteristic "
    "and area: the cumulative impact on a neighbourhood in one view.",
)
def totals_page():
    """Return the page of totals for the whole plan, or for the area in the query string."""
    area = (request.args.get("area") or "").strip()[:80]
    with reading_session() as db:
        totals = assessment_totals(
            db, area=area or None, scope=scope(), today=today_in(council_timezone())
        )
    error = AREA_PROBLEMS.get(totals.status)
    title = f"Impact assessments: {totals.area.name}" if totals.area else "Impact assessments"
    chosen = totals.area.code if totals.area else area
    items = [{"value": "", "text": "The whole plan", "selected": not chosen}] + [
        {"value": c.code, "text": c.name, "selected": c.code.casefold() == chosen.casefold()}
        for c in totals.area_choices
    ]
    return render_template(
        "officers/assessments/totals.html",
        totals=totals,
        area_items=items,
        error=error,
        count=figures.count,
        page_title=("Error: " if error else "") + f"{title} added up",
    )
