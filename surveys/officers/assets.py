"""Officer page for community assets and services: every asset by kind, with where it was placed
and its source file, and the same list as CSV or Excel."""

from __future__ import annotations

from flask import Blueprint, render_template

from engagement.assets.export import to_csv, to_xlsx
from engagement.assets.listing import all_assets, by_kind
from surveys.database import web_session
from surveys.officers.auth import officer_home_link, officer_required
from surveys.officers.downloads import spreadsheet_download

bp = Blueprint("officer_assets", __name__, url_prefix="/officers")


@bp.get("/assets")
@officer_required
@officer_home_link(
    "Community assets", "Food banks, centres, advice and other services by kind; download them."
)
def asset_list():
    """Return the page listing every community asset by kind, with links to download them."""
    with web_session() as session:
        assets = all_assets(session)
    return render_template(
        "assets/officer_list.html",
        groups=by_kind(assets),
        total=len(assets),
        page_title="Community assets",
    )


@bp.get("/assets.<any(csv, xlsx):kind>")
@officer_required
def asset_download(kind: str):
    """Return every community asset as CSV or Excel, in the columns the import reads."""
    with web_session() as session:
        assets = all_assets(session)
    data = to_csv(assets) if kind == "csv" else to_xlsx(assets)
    return spreadsheet_download(data, kind, f"community-assets.{kind}")
