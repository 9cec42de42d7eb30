"""Participatory budgeting for officers: a round's state and count, opening and closing it,
uploading paper ballots, and the exports.

/officers/pb/<slug>                    the round: status, ballots, the count with exact votes
/officers/pb/<slug>/status             POST: open or close the round
/officers/pb/<slug>/paper              POST: upload a CSV of paper ballots
/officers/pb/<slug>/export/<what>.<fmt> the ballots or the count, as csv or xlsx

Publishing the results (which posts to Slack) is `fairer pb publish SLUG --channel ID`: the
web app never talks to Slack itself.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    get_flashed_messages,
    redirect,
    render_template,
    request,
    url_for,
)

from engagement import figures
from engagement.errors import ImportProblem
from engagement.pb.ballots import count_stored
from engagement.pb.export import export_round
from engagement.pb.paper import import_paper_ballots
from engagement.pb.places import ballots_by_channel
from engagement.pb.rounds import round_state, set_status
from surveys.database import reading_session, web_session
from surveys.officers.auth import current_officer, officer_required
from surveys.officers.downloads import SPREADSHEET_TYPES, spreadsheet_download
from surveys.officers.uploads import UploadRefused, uploaded_csv

bp = Blueprint("pb_officers", __name__, url_prefix="/officers/pb")
STATE_WORDS = {
    "not_open_yet": "Not open yet",
    "open": "Open for votes",
    "closed": "Closed",
    "published": "Results published",
}


def _round_page(slug: str, error: str | None = None, status: int = 200):
    with reading_session() as db:
        try:
            loaded, result = count_stored(db, slug)
        except ImportProblem:
            abort(404)
        channels = ballots_by_channel(db, loaded.round.id)
    imported = get_flashed_messages(category_filter=["pb-done"])
    return render_template(
        "officers/pb/round.html",
        loaded=loaded,
        result=result,
        state=round_state(loaded.round),
        state_words=STATE_WORDS,
        web=figures.count(channels.get("web", 0)),
        paper=figures.count(channels.get("paper", 0)),
        money=figures.money,
        count=figures.count,
        error=error,
        done=imported[0] if imported else None,
        officer_area=True,
        page_title=("Error: " if error else "") + loaded.round.title,
    ), status


@bp.get("/<slug>")
@officer_required
def round_page(slug: str):
    """Return the round for officers: its state, ballots by channel and the count."""
    return _round_page(slug)


@bp.post("/<slug>/status")
@officer_required
def change_status(slug: str):
    """Open or close the round, then show it again."""
    wanted = request.form.get("status")
    if wanted not in ("open", "closed"):
        abort(400)
    try:
        with web_session() as db:
            set_status(db, slug, wanted)
    except ImportProblem as problem:
        return _round_page(slug, str(problem).rstrip("."), 409)
    flash("Round opened" if wanted == "open" else "Round closed", "pb-done")
    return redirect(url_for("pb_officers.round_page", slug=slug), 303)


@bp.post("/<slug>/paper")
@officer_required
def upload_paper(slug: str):
    """Import a CSV of paper ballots (all or nothing), then show the round with the outcome."""
    try:
        with (
            uploaded_csv(
                "ballots_file", "ballots.csv", "Select a CSV file of paper ballots"
            ) as path,
            web_session() as db,
        ):
            n = import_paper_ballots(db, slug, path, entered_by=current_officer().slack_user_id)
    except UploadRefused as refused:
        return _round_page(slug, str(refused), 400)
    except ImportProblem as problem:
        return _round_page(slug, str(problem).rstrip("."), 400)
    name = path.name
    flash(f"{figures.count(n)} paper ballot{'' if n == 1 else 's'} imported from {name}", "pb-done")
    return redirect(url_for("pb_officers.round_page", slug=slug), 303)


@bp.get("/<slug>/export/<what>.<fmt>")
@officer_required
def export(slug: str, what: str, fmt: str):
    """Return the round's ballots or count as a CSV or XLSX download."""
    if what not in ("ballots", "count") or fmt not in SPREADSHEET_TYPES:
        abort(404)
    with reading_session() as db:
        try:
            data = export_round(db, slug, what, fmt)
        except ImportProblem:
            abort(404)
    return spreadsheet_download(data, fmt, f"{slug}-{what}.{fmt}")
