"""Escaping and number formatting: what an officer reads in Slack."""
from __future__ import annotations

import pytest

from bot.blocks.formatting import format_count, format_rank, format_share, join_words, truncate
from bot.blocks.mrkdwn import escape_mrkdwn, plain_quote, unescape_mrkdwn


def test_escape_turns_a_channel_ping_into_harmless_text():
    assert escape_mrkdwn("<!channel> & <@U123|bob>") == "&lt;!channel&gt; &amp; &lt;@U123|bob&gt;"


def test_escape_does_not_double_escape_ampersands_it_adds():
    assert escape_mrkdwn("a < b") == "a &lt; b"
    assert escape_mrkdwn("&lt;") == "&amp;lt;"  # what a person typed literally stays literal


def test_unescape_reverses_escape():
    text = "Heartsease & Pilling Park <!here> &amp;"
    assert unescape_mrkdwn(escape_mrkdwn(text)) == text


def test_escape_handles_none_and_numbers():
    assert escape_mrkdwn(None) == ""
    assert escape_mrkdwn(12) == "12"


def test_echoed_query_is_quoted_and_escaped():
    assert plain_quote("mile <cross>") == "\u201cmile &lt;cross&gt;\u201d"


@pytest.mark.parametrize("value, expected", [(1296, "1,296"), (0, "0"), (32844, "32,844"), (1234567.6, "1,234,568")])
def test_counts_have_thousands_separators(value, expected):
    assert format_count(value) == expected


def test_ranks_are_whole_numbers():
    assert format_rank(5123.4) == "5,123"
    assert format_rank(5123.5) == "5,124"
    assert format_rank(16422.5) == "16,423"  # half up, not to even


@pytest.mark.parametrize("fraction, expected", [
    (0.29, "29%"), (0.0, "0%"), (1.0, "100%"), (0.003, "<1%"), (0.0049, "<1%"), (0.005, "1%"),
    (0.125, "13%"), (0.996, ">99%"), (0.9949, "99%"), (None, "–"),
])
def test_shares_are_whole_percentages_that_never_hide_a_few_people(fraction, expected):
    assert format_share(fraction) == expected


def test_truncate_marks_what_was_cut():
    assert truncate("abcdef", 10) == "abcdef"
    assert truncate("abcdefghijkl", 5) == "abcd…"
    assert len(truncate("x" * 200, 150)) == 150


def test_join_words_reads_like_english():
    assert join_words(["A"]) == "A"
    assert join_words(["A", "B"]) == "A or B"
    assert join_words(["A", "B", "C"]) == "A, B or C"
