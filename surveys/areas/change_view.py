"""The "Change since 2019" section of an area's page, and its edition control: what each cell says,
worded by engagement.figures, for the templates to lay out."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from engagement import figures
from engagement.areas.change import CAUTION, direction
from engagement.areas.change_chart import change_chart
from engagement.areas.change_report import ChangeSince, coverage_sentence
from engagement.areas.editions import EditionChoice
from engagement.graphics.svg import to_svg

# How the ONS lookup's change indicator reads to an officer.
CHANGE_WORDS = {
    "U": "Same boundary",
    "S": "Part of a 2011 neighbourhood that was split",
    "M": "2011 neighbourhoods merged (figures weighted by people)",
    "X": "Redrawn: not comparable",
    "": "Not in the ONS lookup: not comparable",
}
DIRECTION_WORDS = {
    "less deprived": "Less deprived relative to England",
    "more deprived": "More deprived relative to England",
    "no change": "No change in position",
}


@dataclass(frozen=True)
class EditionLink:
    """One edition in the page's control: its name, the link showing it, and whether shown."""

    title: str
    href_year: int | None  # ?edition= value; None for the latest (the plain address)
    current: bool
    latest: bool


def edition_links(choice: EditionChoice | None) -> list[EditionLink]:
    """Return the editions a person can switch between, latest first; [] when only one is loaded
    (there is nothing to choose)."""
    if choice is None or not choice.others:
        return []
    latest = choice.loaded[0]
    return [
        EditionLink(
            title=e.title,
            href_year=None if e == latest else e.year,
            current=e == choice.shown,
            latest=e == latest,
        )
        for e in choice.loaded
        if e == latest or e.year is not None
    ]


def change_section(report: ChangeSince) -> dict:
    """Return what the page's change section shows: heading, caution, coverage, the chart (SVG
    markup we drew; the SVG writer escapes every text in it), the domain table's rows and the
    neighbourhoods' rows."""
    change = report.change
    before_year = str(report.before_year) if report.before_year else report.before.title
    after_year = report.after.key[3:] if report.after.key.startswith("IoD") else report.after.title
    domains = [
        {
            "label": d.label,
            "before": figures.rank(d.before_avg_rank),
            "after": figures.rank(d.after_avg_rank),
            "direction": DIRECTION_WORDS[direction(d, change.before_total, change.after_total)],
            "before_10": figures.percent(d.before_share_10),
            "after_10": figures.percent(d.after_share_10),
        }
        for d in change.domains
    ]
    neighbourhoods = [
        {
            "code": n.code,
            "name": report.names.get(n.code, n.code),
            "change": CHANGE_WORDS.get(n.change, CHANGE_WORDS[""]),
            "comparable": n.comparable,
            "before_rank": figures.rank(n.before.ranks["imd"]) if n.before else "",
            "before_decile": n.before.deciles["imd"] if n.before else "",
            "after_rank": figures.rank(n.after.ranks["imd"]),
            "after_decile": n.after.deciles["imd"],
        }
        for n in change.neighbourhoods
    ]
    chart = Markup(to_svg(change_chart(report), id_prefix="change")) if domains else None
    return {
        "heading": f"Change since {before_year}",
        "before": before_year,
        "after": after_year,
        "before_total": figures.count(change.before_total),
        "after_total": figures.count(change.after_total),
        "caution": CAUTION,
        "coverage": coverage_sentence(report),
        "chart": chart,
        "domains": domains,
        "neighbourhoods": neighbourhoods,
    }
