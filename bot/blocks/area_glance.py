"""The top of an /area reply: the headline sentence, one Block Kit table, and the chart and map as
images when Slack can fetch them. Pure functions, no database, no Slack calls.

Slack fetches an image block's URL itself, so images are only offered when PUBLIC_BASE_URL is a
public address; otherwise (the demo on http://127.0.0.1:5000) a link to the web page stands in.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import quote, urlsplit

from bot.blocks.kit import context, section, truncate
from bot.blocks.mrkdwn import escape_mrkdwn
from engagement import figures
from engagement.areas.glance import HeadlineTable, headline_sentence, short_label
from engagement.model import AreaProfile

# Slack's limits for the table and image blocks (docs.slack.dev, "Table block", "Image block").
TABLE_ROWS_LIMIT = 100
TABLE_CELLS_LIMIT = 20
IMAGE_URL_LIMIT = 3000
ALT_TEXT_LIMIT = 2000
IMAGE_TITLE_LIMIT = 2000
# A column named longer than this is lettered, with a key below the table.
COLUMN_NAME_LIMIT = 40
CHART_TITLE = "Average rank by domain (1 = most deprived)"
MAP_TITLE = "Neighbourhoods by IMD decile"
# Names that never resolve on the public internet (RFC 6761, RFC 8375 and common private zones).
_PRIVATE_SUFFIXES = (".localhost", ".local", ".internal", ".test", ".invalid", ".home.arpa", ".lan")


def is_public_url(url: str | None) -> bool:
    """Return True when url is an http(s) address Slack's servers could fetch: a dotted host name
    that is not localhost or a private zone (.local, .internal, .test …), or a global IP address
    (not private, loopback, link-local or reserved)."""
    try:
        parts = urlsplit((url or "").strip())
        host = (parts.hostname or "").rstrip(".").lower()
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not host:
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None:
        return address.is_global and not address.is_multicast
    if host == "localhost" or host.endswith(_PRIVATE_SUFFIXES) or "." not in host:
        return False
    return not host.rsplit(".", 1)[1].isdigit()  # "127.1" and the like are addresses, not names


def area_image_url(
    public_base_url: str, code: str, name: str, edition_year: int | None = None
) -> str:
    """Return the address of one of an area's images: {PUBLIC_BASE_URL}/areas/<code>/<name>, with
    ?edition=<year> for an edition other than the latest."""
    url = f"{public_base_url.rstrip('/')}/areas/{quote(code, safe='')}/{name}"
    return f"{url}?edition={edition_year}" if edition_year else url


def sentence_block(profile: AreaProfile) -> dict:
    """Return the headline sentence as a section block (escaped)."""
    return section(escape_mrkdwn(headline_sentence(profile)))


def column_headings(table: HeadlineTable) -> tuple[list[str], str | None]:
    """Return the table's column headings and, when any name is too long to head a column, the
    letters A, B, C… with the key spelling them out ("Columns: *A*: … · *B*: …"), else None."""
    if all(len(name) <= COLUMN_NAME_LIMIT for name in table.columns):
        return list(table.columns), None
    letters = [chr(ord("A") + i) for i in range(len(table.columns))]
    pairs = zip(letters, table.columns, strict=True)
    return letters, "Columns: " + " · ".join(f"*{h}*: {escape_mrkdwn(n)}" for h, n in pairs)


def table_block(table: HeadlineTable, headings: list[str]) -> dict:
    """Return the headline table as a Block Kit table block: a header row, then one row per
    domain; numbers aligned right, names wrapped."""
    header = [table.row_heading, *headings][:TABLE_CELLS_LIMIT]
    rows = [[_cell(text) for text in header]]
    for row in table.rows[: TABLE_ROWS_LIMIT - 1]:
        rows.append([_cell(row.label), *(_cell(c) for c in row.cells)][:TABLE_CELLS_LIMIT])
    settings = [{"is_wrapped": True}] + [{"align": "right", "is_wrapped": True}] * (len(header) - 1)
    return {"type": "table", "column_settings": settings, "rows": rows}


def table_text(table: HeadlineTable) -> str:
    """Return the table as one plain line for the notification text and clients that cannot
    show tables: "Average rank (Heartsease & Pilling Park / Norwich / England): IMD 2,345 /
    9,876 / 16,422; Income …"."""
    rows = "; ".join(f"{short_label(r.key, r.label)} {' / '.join(r.cells)}" for r in table.rows)
    return f"{table.measure} ({' / '.join(table.columns)}): {rows}."


def table_lines(block: dict) -> list[str]:
    """Return a table block as lines of text for a terminal (`fairer slash`): columns padded to
    line up, right-aligned where the block aligns them right."""
    rows = [[cell.get("text", "") for cell in row] for row in block.get("rows") or []]
    if not rows:
        return []
    right = [(s or {}).get("align") == "right" for s in block.get("column_settings") or []]
    widths = [max(len(row[i]) if i < len(row) else 0 for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            text.rjust(width) if i < len(right) and right[i] else text.ljust(width)
            for i, (text, width) in enumerate(zip(row, widths, strict=False))
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


def image_block(url: str, alt_text: str, title: str) -> dict:
    """Return an image block (alt text and title plain text, cut to Slack's limits)."""
    return {
        "type": "image",
        "image_url": url,
        "alt_text": truncate(alt_text, ALT_TEXT_LIMIT),
        "title": {"type": "plain_text", "text": truncate(title, IMAGE_TITLE_LIMIT)},
    }


def picture_blocks(
    profile: AreaProfile,
    *,
    public_base_url: str,
    page_url: str,
    has_map: bool = False,
    edition_year: int | None = None,
) -> list[dict]:
    """Return the chart (and the map, when the area's boundaries are loaded) as image blocks when
    PUBLIC_BASE_URL is public; otherwise a context line linking to the web page that shows them.
    edition_year: the edition shown, when not the latest."""
    code = profile.area.code
    chart_url = area_image_url(public_base_url, code, "chart.png", edition_year)
    if not is_public_url(public_base_url) or len(chart_url) > IMAGE_URL_LIMIT:
        what = "Chart and map" if has_map else "Chart"
        return [context(f"<{page_url}|{what}: open on the web>")]
    blocks = [image_block(chart_url, headline_sentence(profile), CHART_TITLE)]
    if has_map:
        blocks.append(
            image_block(
                area_image_url(public_base_url, code, "map.png"), _map_alt(profile), MAP_TITLE
            )
        )
    return blocks


def _cell(text: str) -> dict:
    return {"type": "raw_text", "text": text or " "}


def _map_alt(profile: AreaProfile) -> str:
    area = profile.area
    noun = "neighbourhood" if profile.lsoa_count == 1 else "neighbourhoods"
    where = f", inside the outline of {area.lad_name}" if area.lad_name else ""
    return (
        f"Map of {area.name}: its {figures.count(profile.lsoa_count)} {noun} (LSOAs) shaded by "
        f"IMD decile, darkest the most deprived{where}, with neighbouring areas faded."
    )
