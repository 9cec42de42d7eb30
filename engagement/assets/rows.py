"""Reading a file of community assets (CSV or Excel) and checking each row: the columns it may
have, spreadsheet line numbers, and every problem with a row, each reported with its column."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from engagement.assets.kinds import kind_names, parse_kind
from engagement.tabular import check_filled, find_columns

# Our name for each column, and the headings files use for it.
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "asset", "service", "organisation", "asset name", "service name"),
    "kind": ("kind", "type", "category", "kind of asset"),
    "address": ("address", "street address"),
    "postcode": ("postcode", "post code", "postal code"),
    "area_code": ("area_code", "area code", "area", "lsoa", "lsoa code", "lsoa_code"),
    "latitude": ("latitude", "lat"),
    "longitude": ("longitude", "lon", "long", "lng"),
    "contact": ("contact", "phone", "email", "contact details"),
    "opening_times": ("opening_times", "opening times", "opening hours", "hours"),
    "website": ("website", "web site", "url", "web address"),
}
REQUIRED = ("name", "kind")
LIMITS = {
    "name": 200,
    "address": 300,
    "contact": 200,
    "opening_times": 300,
    "website": 300,
    "area_code": 40,
}
# The shape of a UK postcode (outward code, space, inward code), as Royal Mail writes it.
POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")


@dataclass
class AssetRow:
    """One checked row of an asset file."""

    line: int
    name: str
    kind: str | None
    address: str
    postcode: str
    area_code: str
    latitude: float | None
    longitude: float | None
    contact: str
    opening_times: str
    website: str


def columns_of(header: list[str], file_name: str) -> tuple[dict[str, int], list[str]]:
    """Return {our column name: index} and the headings ignored; raise ImportProblem when name
    or kind has no column."""
    needs = (
        "a file of assets needs at least name and kind, and one of area_code, postcode or "
        "latitude and longitude"
    )
    return find_columns(header, file_name, COLUMNS, REQUIRED, needs)


def postcode_of(text: str) -> str | None:
    """Return a postcode written as Royal Mail writes it ("NR7 9JB"), or None if it is not one."""
    match = POSTCODE.match(re.sub(r"\s+", " ", text.upper()).strip())
    return f"{match.group(1)} {match.group(2)}" if match else None


def _number(text: str, column: str, low: int, high: int, problem) -> float | None:
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        problem(column, f"'{text}' is not a number: write decimal degrees, such as 52.6309.")
        return None
    if not math.isfinite(value) or not low <= value <= high:
        problem(column, f"{text} is not a {column}: it must be from {low} to {high} degrees.")
        return None
    return value


def check_row(line: int, cells: dict[str, str], problem) -> AssetRow:
    """Return the row's values, reporting each problem through problem(column, message): missing
    or over-long cells, an unknown kind, a malformed postcode, website or coordinates."""
    check_filled(cells, REQUIRED, LIMITS, "asset", problem)
    kind = parse_kind(cells["kind"]) if cells.get("kind") else None
    if cells.get("kind") and kind is None:
        problem("kind", f"'{cells['kind']}' is not a kind of asset: use one of {kind_names()}.")
    postcode = ""
    if cells.get("postcode"):
        postcode = postcode_of(cells["postcode"]) or ""
        if not postcode:
            problem("postcode", f"'{cells['postcode']}' is not a UK postcode (like NR7 9JB).")
    latitude = _number(cells.get("latitude", ""), "latitude", -90, 90, problem)
    longitude = _number(cells.get("longitude", ""), "longitude", -180, 180, problem)
    if bool(cells.get("latitude")) != bool(cells.get("longitude")):
        missing = "longitude" if cells.get("latitude") else "latitude"
        problem(missing, "missing: give latitude and longitude together, or neither.")
    website = cells.get("website", "")
    if website:
        parts = urlsplit(website)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            problem(
                "website",
                f"'{website}' is not a web address: it must start with https:// or http://.",
            )
    return AssetRow(
        line,
        cells.get("name", ""),
        kind,
        cells.get("address", ""),
        postcode,
        cells.get("area_code", "").strip(),
        latitude,
        longitude,
        cells.get("contact", ""),
        cells.get("opening_times", ""),
        website,
    )
