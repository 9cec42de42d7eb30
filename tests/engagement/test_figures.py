"""Every figure as a person reads it: rounded once, half up, and the same in every channel.

The expected text is written out by hand, as someone checking a figure with a calculator would.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from fractions import Fraction

import pytest
from click.testing import CliRunner

from bot.cli.main import main
from engagement import figures
from storage import session_scope
from storage.db import make_engine
from tests.engagement.survey_factories import create_example_survey, create_response
from tests.surveys.pages import parse, text

# --- the same figure in Slack, on the web and in a terminal --------------------------------------


def test_25_of_40_agreeing_reads_63_percent_in_slack_on_the_web_and_in_the_terminal(
    slack, officer_client, sample_url, monkeypatch
):
    engine = make_engine(sample_url)
    with session_scope(engine) as session:
        survey, definition = create_example_survey(session)
        # 25 of 40 is 62.5%, as 5 of 8 is; 8 respondents would be withheld from Slack and the
        # terminal (fewer than 10 responses), so the same half is taken from 40.
        for answer in ["agree"] * 25 + ["disagree"] * 15:
            create_response(session, survey=survey, definition=definition, priority_1=answer)
    engine.dispose()

    # 25 of 40 is 62.5%: half up gives 63% (Python's round() gives 62). Wilson 95% interval for
    # 25 of 40 worked by hand: centre 0.6140, margin 0.1437, so 47.0% to 75.8%.
    reply = slack.command("/survey", "draft priorities").get_json()
    in_slack = json.dumps(reply["blocks"], ensure_ascii=False)
    assert "63% agreed, 95% CI 47–76%, from 40 respondents" in in_slack
    assert reply["text"].endswith("; 63% agreed with the first priority")

    page = parse(officer_client.get("/officers/surveys/draft-priorities"))
    on_the_web = text(page.select_one("#question-priority_1 .agreement"))
    assert on_the_web == "63% agree (95% CI 47% to 76%)"

    monkeypatch.setenv("DATABASE_URL", sample_url)
    result = CliRunner().invoke(main, ["survey", "summary", "draft-priorities"])
    assert result.exit_code == 0, result.output
    assert "63% agreed, 95% CI 47–76%, from 40 respondents" in result.output

    assert "62%" not in in_slack + on_the_web + result.output


# --- counts and ranks ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (1296, "1,296"),
        (0, "0"),
        (32844, "32,844"),
        (1296.5, "1,297"),
        (16421.5, "16,422"),
        (16422.5, "16,423"),
        (1234567.6, "1,234,568"),
        (None, "Not available"),
    ],
)
def test_counts_are_whole_numbers_with_thousands_separators_rounded_half_up(value, written):
    assert figures.count(value) == written


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (16421.6, "16,422"),
        (53.5, "54"),
        (5123.4, "5,123"),
        (5123.5, "5,124"),
        (None, "Not available"),
    ],
)
def test_average_ranks_are_whole_numbers(value, written):
    assert figures.rank(value) == written


# --- percentages --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fraction", "written"),
    [
        (0.294, "29%"),
        (0.29, "29%"),
        (0.285, "29%"),
        (0.125, "13%"),
        (0.1, "10%"),
        (0.625, "63%"),
        (0.0, "0%"),
        (0.003, "<1%"),
        (0.004, "<1%"),
        (0.0049, "<1%"),
        (0.005, "1%"),
        (1.0, "100%"),
        (0.998, ">99%"),
        (0.996, ">99%"),
        (0.9949, "99%"),
        (None, "Not available"),
        (float("nan"), "Not available"),
    ],
)
def test_shares_are_whole_percentages_that_never_hide_a_few_people(fraction, written):
    assert figures.percent(fraction) == written


@pytest.mark.parametrize(
    ("part", "whole", "written"),
    [
        (5, 8, "63%"),
        (1, 8, "13%"),
        (54, 62, "87%"),
        (0, 12, "0%"),
        (12, 12, "100%"),
        (1, 300, "<1%"),
        (299, 300, ">99%"),
        (0, 0, "Not available"),
    ],
)
def test_a_count_out_of_a_total_is_rounded_from_the_exact_fraction(part, whole, written):
    assert figures.percent_of(part, whole) == written


def test_exact_percentages_are_rounded_once_not_twice():
    assert figures.percentage(62.5) == "63%"
    assert figures.percentage(62.45) == "62%"  # rounding to 62.5 first would give "63%"
    assert figures.percentage(Fraction(125, 2)) == "63%"
    assert figures.percentage(0.3) == "<1%" and figures.percentage(99.8) == ">99%"


def test_percentages_to_one_decimal_place_where_a_channel_needs_them():
    assert figures.percent(0.6245, places=1) == "62.5%"
    assert figures.percentage(6.25, places=1) == "6.3%"
    assert figures.percentage(0.04, places=1) == "<0.1%"
    assert figures.percentage(99.96, places=1) == ">99.9%"


def test_json_figures_are_rounded_half_up_once_to_one_decimal():
    assert figures.rounded(6.25) == 6.3  # round() gives 6.2
    assert figures.rounded(62.45) == 62.5
    assert figures.rounded(76.55067) == 76.6
    assert figures.rounded(4.16666, 2) == 4.17
    assert figures.rounded(None) is None


def test_confidence_intervals_short_in_slack_and_in_words_on_the_web():
    assert figures.percent_range(76.55, 93.31) == "77–93%"
    assert figures.percent_range(0.0, 24.2) == "0–24%"
    assert figures.percent_range_words(51.46, 80.37) == "51% to 80%"
    assert figures.percent_range_words(87.1, 100.0) == "87% to 100%"


# --- other numbers and money --------------------------------------------------------------------


def test_decimals_rates_and_scores():
    assert figures.decimal(21.0) == "21.0"
    assert figures.decimal(14.45) == "14.5"
    assert figures.decimal(1234.56) == "1,234.6"
    assert figures.decimal(0.25, 2) == "0.25"
    assert figures.per_1000(4.166) == "4.2"
    assert figures.signed(0.25) == "+0.25" and figures.signed(-0.1) == "-0.10"
    assert figures.decimal(None) == "Not available"


@pytest.mark.parametrize(
    ("pounds", "written"),
    [
        (20000, "£20,000"),
        (8000.0, "£8,000"),
        (75.5, "£75.50"),
        (0.1 + 0.2, "£0.30"),
        (1250000, "£1,250,000"),
        (None, "Not available"),
    ],
)
def test_money_is_pounds_with_pence_only_when_there_are_any(pounds, written):
    assert figures.money(pounds) == written


# --- dates and times ----------------------------------------------------------------------------


def test_dates_the_gov_uk_way_and_short_where_slack_uses_them():
    assert figures.long_date(date(2026, 12, 6)) == "6 December 2026"
    assert figures.long_date(datetime(2027, 3, 31, 23, 59)) == "31 March 2027"
    assert figures.short_date(date(2026, 12, 6)) == "6 Dec 2026"
    assert figures.short_date(date(2027, 9, 1)) == "1 Sep 2027"
    assert figures.weekday(date(2026, 12, 6)) == "Sunday"
    assert figures.long_date(None) == "" and figures.short_date(None) == ""


def test_times_the_gov_uk_way_and_on_slacks_24_hour_clock():
    assert figures.long_moment(datetime(2026, 11, 26, 14, 5)) == "26 November 2026 at 2:05pm"
    assert figures.time_of_day(datetime(2026, 11, 26, 9, 0)) == "9:00am"
    assert figures.time_of_day(datetime(2026, 11, 26, 0, 30)) == "12:30am"
    assert figures.time_of_day(datetime(2026, 11, 26, 12, 0)) == "12:00pm"
    assert figures.clock_time(datetime(2026, 11, 26, 14, 5)) == "14:05"
    assert figures.short_moment(datetime(2026, 12, 6, 9, 0)) == "6 Dec 2026 09:00"
    assert figures.iso_minute(datetime(2026, 11, 30, 9, 0)) == "2026-11-30 09:00"
