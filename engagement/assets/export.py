"""Every community asset as CSV or Excel for officers: the columns the import reads (so a download
can be edited and imported again), then where each was placed and which file it came from. Cells
a spreadsheet would run as formulas are made inert."""

from __future__ import annotations

from engagement.assets.listing import AssetView
from engagement.tabular import csv_bytes, safe_cell, xlsx_bytes

EXPORT_COLUMNS = (
    "name",
    "kind",
    "address",
    "postcode",
    "area_code",
    "latitude",
    "longitude",
    "contact",
    "opening_times",
    "website",
    "lsoa_code",
    "source",
)


def export_rows(assets: list[AssetView]) -> list[dict[str, object]]:
    """Return one dict per asset keyed by EXPORT_COLUMNS (kind in words), every cell
    formula-safe."""
    rows = []
    for asset in assets:
        row = {
            "name": asset.name,
            "kind": asset.kind_label.lower(),
            "address": asset.address,
            "postcode": asset.postcode,
            "area_code": asset.area_code,
            "latitude": asset.latitude,
            "longitude": asset.longitude,
            "contact": asset.contact,
            "opening_times": asset.opening_times,
            "website": asset.website,
            "lsoa_code": asset.lsoa_code or "",
            "source": asset.source,
        }
        rows.append({k: safe_cell(v) for k, v in row.items()})
    return rows


def to_csv(assets: list[AssetView]) -> bytes:
    """Return the assets as CSV (UTF-8 with a byte-order mark, so Excel reads accents right)."""
    return csv_bytes(EXPORT_COLUMNS, export_rows(assets))


def to_xlsx(assets: list[AssetView]) -> bytes:
    """Return the assets as an Excel workbook with one sheet, "Assets"."""
    return xlsx_bytes(EXPORT_COLUMNS, export_rows(assets), "Assets")
