"""Area pages: find an area by name or code, and read its deprivation profile: the answer in a
sentence, one table, a chart and a map first, every figure one click away."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from markupsafe import Markup

from engagement import figures
from engagement.area_report import area_report_for_code
from engagement.areas.editions import UnknownEdition
from engagement.areas.glance import headline_sentence, headline_table
from engagement.areas.lookup import look_up_area
from engagement.areas.neighbourhoods import neighbourhood_rows
from engagement.areas.open_data_editions import area_in_edition
from engagement.areas.pictures import area_picture
from engagement.assets.listing import area_asset_groups, assets_document
from engagement.ideas.views import ideas_document
from engagement.model import DOMAINS, AreaProfile
from surveys.areas.change_view import change_section, edition_links
from surveys.council_time import council_timezone
from surveys.database import web_session

bp = Blueprint("areas", __name__)

# The rows of each domain's table: (measure, row heading, how to write it).
MEASURE_ROWS = (
    ("avg_rank", "Average rank", figures.rank),
    ("lsoa_share_10", "LSOAs in most deprived 10%", figures.percent),
    ("lsoa_share_20", "LSOAs in most deprived 20%", figures.percent),
    ("pop_share_10", "People in most deprived 10%", figures.percent),
    ("pop_share_20", "People in most deprived 20%", figures.percent),
    ("extent", "Extent", figures.percent),
)
# Longer than any code or name anyone types; stops the lookup being fed megabytes.
MAX_QUERY = 200
# Longer than any area code, official or custom: a longer one is not looked up at all.
MAX_CODE = 40
# "IoD2019" is the longest edition anyone asks for.
MAX_EDITION = 10
# The search page lists every match Slack had no room for, up to a page a person will read.
MAX_LISTED = 100
# Open data: any site or notebook may read the figures from a browser.
OPEN_DATA_HEADERS = {"Access-Control-Allow-Origin": "*"}
# Pictures change only when data is imported again; Slack fetches each once.
PICTURE_HEADERS = {"Cache-Control": "public, max-age=3600"}


@bp.get("/areas")
def search():
    """Show the area search form; with ?q=, go to the one area that matches or
    list the candidates."""
    query = request.args.get("q")
    if query is None:
        return render_template("areas/search.html", query="", lookup=None)
    query = query.strip()[:MAX_QUERY]
    if not query:
        return render_template(
            "areas/search.html", query="", lookup=None, error="Enter the name or code of an area"
        ), 400
    scope = tuple(current_app.config.get("FAIRER_LOCAL_AUTHORITIES") or ())
    with web_session() as session:
        lookup = look_up_area(session, query, scope=scope, limit=MAX_LISTED)
    if lookup.status == "found" and lookup.profile is not None:
        return redirect(url_for("areas.profile", code=lookup.profile.area.code))
    return render_template("areas/search.html", query=query, lookup=lookup)


def _edition_asked() -> str | None:
    """Return the ?edition= a page was asked for (a year such as "2019"), or None."""
    asked = (request.args.get("edition") or "").strip()
    return asked[:MAX_EDITION] or None


@bp.get("/areas/<code>")
def profile(code: str):
    """Show an area's deprivation profile beside its local authority and England, in the edition
    asked for with ?edition=<year> (the latest by default), with its change since the earlier
    edition, action plan, outcome indicators and what residents there said."""
    if len(code) > MAX_QUERY:
        abort(404)
    asked = _edition_asked()
    with web_session() as session:
        report = area_report_for_code(session, code, timezone=council_timezone(), edition=asked)
        area_profile = report.profile
        if area_profile is None:
            if report.edition_problem:
                return render_template(
                    "areas/edition_problem.html",
                    problem=report.edition_problem,
                    code=code,
                    page_title="Edition not available",
                ), 404
            abort(404)
        shown = report.editions.shown if report.editions else None
        year = report.editions.asked_for if report.editions else None
        # The SVG writer escapes every text it writes (names come from files), so the
        # drawings are markup we made, not text from people.
        chart, area_map = (
            Markup(svg) if (svg := area_picture(session, code, picture, "svg", year)) else None
            for picture in ("chart", "map")
        )
        neighbourhoods = (
            neighbourhood_rows(session, code, shown.id if shown else None)
            if area_profile.lsoa_count > 1
            else []
        )
        assets = area_asset_groups(session, area_profile.area.code)
    return render_template(
        "areas/profile.html",
        profile=area_profile,
        report=report,
        sentence=headline_sentence(area_profile),
        headline=headline_table(area_profile),
        chart=chart,
        area_map=area_map,
        neighbourhoods=neighbourhoods,
        assets=assets,
        tables=domain_tables(area_profile),
        editions=edition_links(report.editions),
        edition_year=year,
        change=change_section(report.change) if report.change else None,
        page_title=f"{area_profile.area.name}: deprivation",
    )


@bp.get("/areas/<code>/<any(chart, map):picture>.png")
def picture_png(code: str, picture: str):
    """Return the area's chart or map as a PNG (what Slack shows) in the edition asked for with
    ?edition=<year> (the latest by default), or 404 when there is none."""
    if len(code) > MAX_CODE:
        abort(404)
    with web_session() as session:
        png = area_picture(session, code, picture, "png", _edition_asked())
    if png is None:
        abort(404)
    return Response(png, mimetype="image/png", headers=PICTURE_HEADERS)


@bp.get("/areas/<code>.json")
def profile_json(code: str) -> tuple[Response, int, dict[str, str]]:
    """Return every figure of the area's page as JSON (see engagement.areas.open_data) in the
    edition asked for with ?edition=<year> (the latest by default), with "editions" (those
    loaded) and "change" (since the earlier edition, when it can be worked out; else null); or
    404 with {"error": …} when no area has this code, or that edition is not loaded."""
    if len(code) <= MAX_CODE:
        with web_session() as session:
            try:
                found = area_in_edition(session, code, _edition_asked())
            except UnknownEdition as unknown:
                return jsonify({"error": str(unknown)}), 404, OPEN_DATA_HEADERS
            if found is not None:
                found = {**found, "assets": assets_document(session, found["code"])}
            if found is not None:
                found["ideas"] = ideas_document(session, found["code"])
        if found is not None:
            return jsonify(found), 200, OPEN_DATA_HEADERS
    error = (
        f"No area has the code {code}."
        if len(code) <= MAX_CODE
        else f"No area has a code longer than {MAX_CODE} characters."
    )
    return jsonify({"error": error}), 404, OPEN_DATA_HEADERS


def domain_tables(profile: AreaProfile) -> list[dict]:
    """Return govukTable parameters for the IMD and each domain: the area,
    its local authority, England."""
    columns = (profile,) + tuple(profile.comparators)
    head = [{"text": "Measure"}] + [
        {"text": column.area.name, "format": "numeric"} for column in columns
    ]
    tables = []
    for key, label in DOMAINS:
        measures = [column.measure(key) for column in columns]
        rows = [
            [{"text": heading}]
            + [
                {
                    "text": write(getattr(m, attribute)),
                    "format": "numeric",
                    "classes": "fairer-figure",
                }
                for m in measures
            ]
            for attribute, heading, write in MEASURE_ROWS
        ]
        tables.append(
            {
                "caption": label,
                "captionClasses": "govuk-table__caption--m",
                "classes": "govuk-table--small-text-until-tablet fairer-profile-table",
                "firstCellIsHeader": True,
                "head": head,
                "rows": rows,
                "attributes": {"id": f"domain-{key}"},
            }
        )
    return tables
