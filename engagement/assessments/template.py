"""The impact assessment template (template.yml beside this module): its sections, rows and
recommendation headings, read once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

TEMPLATE_FILE = Path(__file__).with_name("template.yml")


@dataclass(frozen=True)
class TemplateRow:
    """One row of the template: key is "section.row", as stored and exported."""

    key: str
    section: str
    name: str  # the row's own key within its section, as load files write it
    title: str
    protected: bool  # a protected characteristic (or socio-economic disadvantage)


@dataclass(frozen=True)
class TemplateSection:
    """A section of the template and its rows, in the template's order."""

    key: str
    title: str
    hint: str
    rows: tuple[TemplateRow, ...]


@dataclass(frozen=True)
class Template:
    """The whole template: the impacts a row can have, sections, and recommendation headings."""

    impacts: tuple[str, ...]
    sections: tuple[TemplateSection, ...]
    recommendations: tuple[tuple[str, str], ...]  # (key, title)

    @property
    def rows(self) -> tuple[TemplateRow, ...]:
        """Return every row of every section, in order."""
        return tuple(row for section in self.sections for row in section.rows)

    def row(self, key: str) -> TemplateRow | None:
        """Return the row stored under key ("social.human_rights"), or None."""
        return next((row for row in self.rows if row.key == key), None)

    def section(self, key: str) -> TemplateSection | None:
        """Return the section with key, or None."""
        return next((s for s in self.sections if s.key == key), None)


@cache
def assessment_template() -> Template:
    """Return the template read from template.yml."""
    data = yaml.safe_load(TEMPLATE_FILE.read_text(encoding="utf-8"))
    sections = tuple(
        TemplateSection(
            key=section["key"],
            title=section["title"],
            hint=section.get("hint", ""),
            rows=tuple(
                TemplateRow(
                    key=f"{section['key']}.{row['key']}",
                    section=section["key"],
                    name=row["key"],
                    title=row["title"],
                    protected=bool(row.get("protected")),
                )
                for row in section["rows"]
            ),
        )
        for section in data["sections"]
    )
    return Template(
        impacts=tuple(data["impacts"]),
        sections=sections,
        recommendations=tuple((r["key"], r["title"]) for r in data["recommendations"]),
    )
