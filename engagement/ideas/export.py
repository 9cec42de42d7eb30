"""The officers' download of the project bank, as CSV or Excel: every idea, contact details
included (officers only), cells that a spreadsheet would run as formulas made inert."""

from __future__ import annotations

from engagement.ideas.views import OfficerIdea
from engagement.tabular import csv_bytes, safe_cell, xlsx_bytes

EXPORT_COLUMNS = (
    "id",
    "area_code",
    "area_name",
    "title",
    "description",
    "themes",
    "status",
    "partner",
    "reason",
    "action",
    "moderation",
    "hidden_reason",
    "source",
    "contact_name",
    "contact_email",
    "created_at",
)


def export_rows(ideas: list[OfficerIdea]) -> list[dict[str, object]]:
    """Return one row per idea with EXPORT_COLUMNS as keys, in words, formula-safe."""
    rows = []
    for idea in ideas:
        public = idea.public
        row = {
            "id": public.id,
            "area_code": public.area_code,
            "area_name": public.area_name,
            "title": public.title,
            "description": public.description,
            "themes": "; ".join(public.themes),
            "status": public.status_words.lower(),
            "partner": public.partner,
            "reason": public.status_reason,
            "action": public.action_reference or "",
            "moderation": idea.moderation,
            "hidden_reason": idea.hidden_reason,
            "source": idea.source,
            "contact_name": idea.contact_name or "",
            "contact_email": idea.contact_email or "",
            "created_at": idea.created_at.strftime("%Y-%m-%d %H:%M"),
        }
        rows.append({k: safe_cell(v) for k, v in row.items()})
    return rows


def to_csv(ideas: list[OfficerIdea]) -> bytes:
    """Return the ideas as CSV (UTF-8 with a byte-order mark, so Excel reads accents right)."""
    return csv_bytes(EXPORT_COLUMNS, export_rows(ideas))


def to_xlsx(ideas: list[OfficerIdea]) -> bytes:
    """Return the ideas as an Excel workbook with one sheet, "Ideas"."""
    return xlsx_bytes(EXPORT_COLUMNS, export_rows(ideas), "Ideas")
