"""Reading pages the way a person does: headings, summary rows and table figures."""

from __future__ import annotations

from bs4 import BeautifulSoup


def parse(response) -> BeautifulSoup:
    """Return the parsed HTML of a test-client response."""
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def text(element) -> str:
    """Return element's visible text with runs of whitespace collapsed."""
    return " ".join(element.get_text(" ").split())


def summary(page: BeautifulSoup) -> dict[str, str]:
    """Return the summary list at the top of an area page as {key: value}."""
    rows = page.select("#area-summary .govuk-summary-list__row")
    return {
        text(r.select_one(".govuk-summary-list__key")): text(
            r.select_one(".govuk-summary-list__value")
        )
        for r in rows
    }


def domain_table(page: BeautifulSoup, key: str) -> dict[str, list[str]]:
    """Return one domain's table as {row heading: [figure per column]}, with "Measure" for the
    header row."""
    table = page.select_one(f"table#domain-{key}")
    assert table is not None, f"no table for {key}"
    figures = {"Measure": [text(th) for th in table.select("thead th")][1:]}
    for row in table.select("tbody tr"):
        figures[text(row.select_one("th"))] = [text(td) for td in row.select("td")]
    return figures
