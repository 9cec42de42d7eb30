"""Officer pages for the action plan: a filterable list, and the same list as CSV or Excel."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request

from engagement import figures
from engagement.actions.search import ActionFilters, actions_page, to_csv, to_xlsx
from engagement.actions.terms import today_in
from engagement.assessments.states import action_assessment_states
from engagement.officers.names import known_names, person
from surveys.action_tags import ACTION_TAG_CLASSES
from surveys.council_time import council_timezone, local_date
from surveys.database import reading_session, web_session
from surveys.officers.auth import officer_home_link, officer_required
from surveys.officers.downloads import spreadsheet_download

bp = Blueprint("actions", __name__, url_prefix="/officers")


def _page():
    filters = ActionFilters.from_args(request.args)
    with web_session() as session:
        return actions_page(session, filters, timezone=council_timezone())


def _names(page) -> dict[str, str]:
    """Return {Slack user ID: name} for the owners, the people who updated the listed actions
    and the owners offered by the filter."""
    ids = [*page.options.owners]
    for action in page.actions:
        ids.append(action.owner_id)
        if action.last_update:
            ids.append(action.last_update.user_id)
    with web_session() as session:
        return known_names(session, ids)


@bp.get("/actions")
@officer_required
@officer_home_link(
    "Actions", "The action plan: filter by area, theme, status, owner or overdue, and download it."
)
def action_list():
    """Return the page listing actions, filtered by the query string,
    with links to download them."""
    page = _page()
    args = page.filters.query_args()
    names = _names(page)
    with reading_session() as session:
        assessments = action_assessment_states(
            session, [a.id for a in page.actions], today=today_in(council_timezone())
        )
    return render_template(
        "actions/list.html",
        page=page,
        args=args,
        owners=sorted(
            ({"value": owner, "name": person(names, owner)} for owner in page.options.owners),
            key=lambda owner: owner["name"].casefold(),
        ),
        person=lambda user_id: person(names, user_id),
        assessments=assessments,
        tag_classes=ACTION_TAG_CLASSES,
        page_title="Actions",
        long_date=figures.long_date,
        when=local_date,
    )


@bp.get("/actions.csv")
@officer_required
def action_csv():
    """Return the filtered actions as a CSV download, one row per action."""
    return _download(to_csv(_page().actions), "csv")


@bp.get("/actions.xlsx")
@officer_required
def action_xlsx():
    """Return the filtered actions as an Excel download, one row per action."""
    return _download(to_xlsx(_page().actions), "xlsx")


def _download(content: bytes, extension: str) -> Response:
    name = f"actions-{today_in(council_timezone()).isoformat()}.{extension}"
    return spreadsheet_download(content, extension, name)
