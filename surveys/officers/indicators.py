"""Officer page for loading local outcome indicators: the same import as `fairer import-indicators`.

/officers/indicators   (admins) upload a CSV of indicator values; every row is stored, or none.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from flask import (
    Blueprint,
    flash,
    get_flashed_messages,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.utils import secure_filename

from engagement import figures
from engagement.areas.indicator_import import import_indicators
from engagement.errors import ImportProblem
from surveys.database import web_session
from surveys.officers.auth import admin_required, officer_home_link

bp = Blueprint("indicators", __name__, url_prefix="/officers")
MAX_UPLOAD = 20 * 1024 * 1024
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
    request.max_content_length = MAX_UPLOAD
    file = request.files.get("indicators_file")
    if file is None or not file.filename:
        return _page("Select a CSV file of indicator values")
    name = secure_filename(file.filename) or "indicators.csv"
    if not name.lower().endswith(".csv"):
        return _page("The selected file must be a CSV")
    with tempfile.TemporaryDirectory(prefix="fairer-indicators-") as folder:
        # Saved under the person's own file name, so an error names the file they know.
        path = Path(folder) / name
        file.save(path)
        try:
            with web_session() as db:
                result = import_indicators(db, path)
        except ImportProblem as problem:
            return _page(str(problem).rstrip("."))
        except (ValueError, UnicodeDecodeError):
            return _page(f"{name} could not be read as a CSV file")
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
