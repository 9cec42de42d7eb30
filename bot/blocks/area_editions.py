"""The lines of an /area reply about editions: which edition it shows and how to ask for another,
its change since the earlier edition, and the plain answer when the edition asked for is not
loaded. Pure functions; every name that came from a file is escaped."""

from __future__ import annotations

from bot.blocks.kit import context, message, section
from bot.blocks.mrkdwn import escape_mrkdwn
from engagement.area_report import AreaReport
from engagement.areas.change_report import coverage_sentence, headline


def edition_problem_message(problem: str) -> dict:
    """Return the plain reply to an edition that is not loaded (or lacks the area)."""
    text = escape_mrkdwn(problem)
    return message(text, [section(text)])


def edition_line(report: AreaReport) -> str | None:
    """Return which edition the reply shows and how to ask for the others: "*English Indices of
    Deprivation 2025* (latest). Also loaded: 2019 — add the year: `/area heartsease 2019`." or
    None when only one edition is loaded."""
    choice = report.editions
    if choice is None or not choice.others:
        return None
    shown = f"*{escape_mrkdwn(choice.shown.title)}*" + (" (latest)" if choice.latest else "")
    years = [str(e.year) for e in choice.others if e.year is not None]
    if not years:
        return shown + "."
    query = escape_mrkdwn(report.lookup.query.strip())
    latest = choice.loaded[0]
    if choice.latest:
        how = f"add the year: `/area {query} {years[0]}`"
    else:
        how = f"without a year for the latest ({escape_mrkdwn(latest.title)}): `/area {query}`"
    return f"{shown}. Also loaded: {', '.join(years)} — {how}."


def change_line(report: AreaReport) -> str | None:
    """Return the area's change since the earlier edition in one line, with what share of its
    people the comparison covers and that the editions are less directly comparable; None when
    it cannot be worked out."""
    change = report.change
    if change is None:
        return None
    line = headline(change)
    if line is None:
        return escape_mrkdwn(coverage_sentence(change))
    return (
        f"{escape_mrkdwn(line)} {escape_mrkdwn(coverage_sentence(change))} "
        "MHCLG calls the editions less directly comparable (boundaries and some indicators "
        "changed; ranks are relative to the rest of England)."
    )


def edition_blocks(report: AreaReport) -> list[dict]:
    """Return the context lines to add to a found area's reply: the edition and the change."""
    lines = [line for line in (edition_line(report), change_line(report)) if line]
    return [context(line) for line in lines]
