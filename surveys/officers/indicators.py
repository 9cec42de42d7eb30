"""Officer page for loading local outcome indicators: the same import as `fairer import-indicators`.

/officers/indicators   (admins) upload a CSV of indicator values; every row is stored, or none.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    flash,
    get_flashed_messages,
    redirect,
    render_template,
    request,
    url_for,
)

from engagement import figures
from engagement.areas.indicator_import import import_indicators
from engagement.errors import ImportProblem
from surveys.database import web_session
from surveys.officers.auth import admin_required, officer_home_link
from surveys.officers.uploads import UploadRefused, uploaded_csv

bp = Blueprint("indicators", __name__, url_prefix="/officers")
COLUMNS = (
    "area_code",
    "indicator",
    "period",
    "value",
    "lower_ci",
    "upper_ci",
    "count",
    "denominator",
    "polarity",
)


@bp.route("/indicators", methods=["GET", "POST"])
@admin_required
@officer_home_link(
    "Outcome indicators", "Upload local outcome indicators for the areas, as a CSV file."
)
def upload():
    """Return the upload form; on POST, import every row of the CSV or none, naming the bad rows."""
    if request.method == "GET":
        imported = get_flashed_messages(category_filter=["indicators-imported"])
        return _page(imported=imported[0] if imported else None)
    try:
        with (
            uploaded_csv(
                "indicators_file", "indicators.csv", "Select a CSV file of indicator values"
            ) as path,
            web_session() as db,
        ):
            result = import_indicators(db, path)
    except UploadRefused as refused:
        return _page(str(refused))
    except ImportProblem as problem:
        return _page(str(problem).rstrip("."))
    except (ValueError, UnicodeDecodeError):
        return _page(f"{path.name} could not be read as a CSV file")
    name = path.name
    flash(
        f"{figures.count(result.values)} value{'' if result.values == 1 else 's'} of "
        f"{figures.count(result.indicators)} "
        f"indicator{'' if result.indicators == 1 else 's'} imported from {name}",
        "indicators-imported",
    )
    return redirect(url_for("indicators.upload"), 303)


def _page(error: str | None = None, imported: str | None = None):
    status = 400 if error else 200
    return render_template(
        "officers/indicators.html",
        error=error,
        imported=imported,
        columns=COLUMNS,
        page_title=("Error: " if error else "") + "Upload outcome indicators",
        officer_area=True,
    ), status
