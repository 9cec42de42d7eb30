"""Outcome indicators: import (CONTRACT and Fingertips headings), comparisons, trends and gaps."""

from __future__ import annotations

from pathlib import Path

import pytest

from engagement.areas.indicator_import import import_indicators, period_order
from engagement.areas.indicators import IndicatorPoint, area_indicators, compare
from engagement.errors import ImportProblem
from storage import session_scope

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "indicators.csv"


def test_comparisons_say_better_or_worse_only_where_polarity_is_known():
    area = IndicatorPoint("2021", 19.6, 17.6, 21.7)
    borough = IndicatorPoint("2021", 14.9, None, None)
    limits = (17.6, 21.7)
    assert compare(area, limits, borough, "lower") == "worse"
    assert compare(area, limits, borough, "higher") == "better"
    assert compare(area, limits, borough, None) == "higher"
    assert compare(area, limits, IndicatorPoint("2021", 18.0, None, None), "lower") == "similar"
    assert compare(area, None, borough, "lower") == "not tested"


def test_periods_sort_by_year_whatever_their_format():
    labels = ["2021/22", "2019", "2019/20", "2018 - 20", "2020"]
    assert sorted(labels, key=period_order) == ["2018 - 20", "2019", "2019/20", "2020", "2021/22"]


def test_fingertips_headings_are_read(engine, tmp_path):
    path = tmp_path / "fingertips.csv"
    path.write_text(
        "Indicator ID,Indicator Name,Area Code,Area Name,Time period,Value,Lower CI 95.0 limit,"
        "Upper CI 95.0 limit,Count,Denominator\n"
        "93014,Percentage of physically active adults,E07000148,Norwich,2021/22,68.1,64.0,72.0,,\n"
        "93014,Percentage of physically active adults,E92000001,England,2021/22,67.3,67.1,67.5,,\n"
        "93014,Percentage of physically active adults,E07000148,Norwich,2020/21,,,,,\n"
    )
    with session_scope(engine) as session:
        report = import_indicators(session, path)
        comparisons = area_indicators(session, "E07000148", "E07000148")
    assert report.values == 2  # the suppressed (empty) value is skipped
    assert comparisons[0].vs_england == "similar" and comparisons[0].borough is None


def test_every_bad_row_is_listed_and_nothing_is_stored(engine, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "area_code,indicator,period,value,polarity\n"
        "E07000148,Fuel poverty,2021,14.9,lower\n"
        "Norwich!,Fuel poverty,2021,14.9,lower\n"
        "E07000148,Fuel poverty,2022,lots,lower\n"
        "E07000148,Fuel poverty,2023,15.0,sideways\n"
    )
    with pytest.raises(ImportProblem) as problem:
        with session_scope(engine) as session:
            import_indicators(session, path)
    message = str(problem.value)
    assert message.startswith("bad.csv: 3 bad row(s), nothing imported:")
    assert "line 3, column 'area_code': 'Norwich!' is not an area code" in message
    assert "line 4, column 'value': 'lots' is not a number" in message
    assert "line 5, column 'polarity': 'sideways' is not 'higher' or 'lower'" in message
    with session_scope(engine) as session:
        assert area_indicators(session, "E07000148", None) == []
