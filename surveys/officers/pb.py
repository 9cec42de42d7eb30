"""Participatory budgeting for officers: a round's state and count, opening and closing it,
uploading paper ballots, and the exports.

/officers/pb/<slug>                    the round: status, ballots, the count with exact votes
/officers/pb/<slug>/status             POST: open or close the round
/officers/pb/<slug>/paper              POST: upload a CSV of paper ballots
/officers/pb/<slug>/publish            POST: publish the results, make funded projects actions,
                                       and post a summary to a Slack channel
/officers/pb/<slug>/export/<what>.<fmt> the ballots or the count, as csv or xlsx
"""

from __future__ import annotations

import re

from flask import (
    Blueprint,
    abort,
    current_app,
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
# app.extensions[PB_PUBLISHER_KEY]: publish(slug, channel or None, officer's Slack user ID) ->
# the sentence saying what happened (bot/jobs/pb_results.py, given by bot/app.py: Slack's client
# lives there).
PB_PUBLISHER_KEY = "fairer.pb_publisher"
_CHANNEL_ID = re.compile(r"^[CG][A-Z0-9]{6,}$")
STATE_WORDS = {
    "not_open_yet": "Not open yet",
    "open": "Open for votes",
    "closed": "Closed",
    "published": "Results published",
}


def _round_page(
    slug: str, error: str | None = None, status: int = 200, field: str | None = "ballots_file"
):
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
        error_field=field,
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


@bp.post("/<slug>/publish")
@officer_required
def publish(slug: str):
    """Publish a closed round's results (funded projects become actions) and post a summary to
    the Slack channel given, then show the round with what happened."""
    channel = request.form.get("channel", "").strip().upper()
    if channel and not _CHANNEL_ID.match(channel):
        error = "Enter a Slack channel ID, like C0123ABCD, or leave it empty to post nothing"
        return _round_page(slug, error, 400, "channel")
    with reading_session() as db:
        try:
            loaded, _result = count_stored(db, slug)
        except ImportProblem:
            abort(404)
    if round_state(loaded.round) not in ("closed", "published"):
        return _round_page(slug, "Close the round before publishing its results", 409, None)
    said = current_app.extensions[PB_PUBLISHER_KEY](
        slug, channel or None, current_officer().slack_user_id
    )
    flash(said, "pb-done")
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
