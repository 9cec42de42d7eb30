"""`fairer import-indicators` as an officer runs it: the example file imports, twice without
duplicates, and the area's indicators then compare with the borough and England."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from bot.cli.main import main
from engagement.areas.indicators import area_indicators
from storage import session_scope

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "indicators.csv"


def test_the_example_imports_and_compares_with_trend_and_gap(engine, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", str(engine.url.render_as_string(hide_password=False)))
    result = CliRunner().invoke(main, ["import-indicators", str(EXAMPLE)])
    assert result.exit_code == 0, result.stderr
    assert result.output.strip() == "Imported 13 value(s) of 3 indicator(s)."
    again = CliRunner().invoke(main, ["import-indicators", str(EXAMPLE)])
    assert again.output.strip() == result.output.strip()  # replaced, not duplicated
    with session_scope(engine) as session:
        found = {i.name: i for i in area_indicators(session, "norwich-heartsease", "E07000148")}
    fuel = found["Fuel poverty (% of households)"]
    assert (fuel.latest.period, fuel.latest.value, fuel.borough.value, fuel.england.value) == (
        "2021",
        19.6,
        14.9,
        13.1,
    )
    assert (fuel.vs_borough, fuel.vs_england) == ("worse", "worse")
    assert fuel.direction == "rising" and fuel.gap == "widening"  # 3.7 points in 2019, 4.7 in 2021
    children = found["Children in relative low income families (%)"]
    assert children.vs_borough == "worse"  # limits worked out from count and denominator (Wilson)
    assert children.gap == "narrowing" and children.direction == "falling"
    parks = found["Residents who use local parks at least monthly (%)"]
    assert parks.polarity is None and parks.vs_borough == "lower" and parks.england is None
