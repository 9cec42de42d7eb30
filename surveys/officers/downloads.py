"""Files officers download: spreadsheets of actions, assets, ideas, ballots and responses."""

from __future__ import annotations

from flask import Response

SPREADSHEET_TYPES = {
    "csv": "text/csv",  # Flask adds "; charset=utf-8" to text types
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def spreadsheet_download(data: bytes, kind: str, filename: str) -> Response:
    """Return data (kind "csv" or "xlsx") as a download saved as filename, never kept by a shared
    cache or the browser's: these files hold officers' data and residents' answers."""
    return Response(
        data,
        mimetype=SPREADSHEET_TYPES[kind],
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )
