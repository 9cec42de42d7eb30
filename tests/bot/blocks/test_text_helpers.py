"""Escaping, cutting and listing text: what an officer reads in Slack.

Figures are tested in tests/engagement/test_figures.py."""

from __future__ import annotations

from bot.blocks.kit import join_words, truncate
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


def test_truncate_marks_what_was_cut():
    assert truncate("abcdef", 10) == "abcdef"
    assert truncate("abcdefghijkl", 5) == "abcd…"
    assert len(truncate("x" * 200, 150)) == 150


def test_join_words_reads_like_english():
    assert join_words(["A"]) == "A"
    assert join_words(["A", "B"]) == "A or B"
    assert join_words(["A", "B", "C"]) == "A, B or C"
