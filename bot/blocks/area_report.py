"""The parts of an /area reply beyond deprivation: outcome indicators and what residents said."""
from __future__ import annotations

from bot.blocks import actions as action_blocks
from bot.blocks.area import area_reply, section
from bot.blocks.mrkdwn import escape_mrkdwn
from engagement.areas.report import AreaReport
from engagement.surveys.area_voices import AreaSurveyFigures
from engagement.areas.indicators import IndicatorComparison
from engagement.surveys.text import agreement_line

MAX_INDICATORS = 8
COMPARISON_WORDS = {"better": ":large_green_circle: better", "worse": ":red_circle: worse",
                    "similar": "similar", "higher": "higher", "lower": "lower", "not tested": "not tested"}


def _number(value: float) -> str:
    return f"{value:,.1f}".rstrip("0").rstrip(".") if abs(value) < 1000 else f"{value:,.0f}"


def indicator_line(item: IndicatorComparison) -> str:
    """Return one indicator as a line: value and period, against the borough and England, trend and gap."""
    parts = [f"*{escape_mrkdwn(item.name)}*: {_number(item.latest.value)} ({escape_mrkdwn(item.latest.period)})"]
    if item.borough is not None:
        parts.append(f"{COMPARISON_WORDS[item.vs_borough]} than the borough ({_number(item.borough.value)})"
                     if item.vs_borough != "similar" else f"similar to the borough ({_number(item.borough.value)})")
    if item.england is not None:
        parts.append(f"{COMPARISON_WORDS[item.vs_england]} than England ({_number(item.england.value)})"
                     if item.vs_england != "similar" else f"similar to England ({_number(item.england.value)})")
    if item.direction:
        parts.append(f"{item.direction} since {escape_mrkdwn(item.trend[0].period)}")
    if item.gap:
        parts.append(f"gap to the borough {item.gap}")
    return " · ".join(parts)


def survey_text(figures: AreaSurveyFigures) -> str:
    """Return what residents of the area said in the latest survey, or that too few answered to show it."""
    title = escape_mrkdwn(figures.title)
    if figures.responses is None:
        return f"*Residents said* ({title}): fewer than 10 responses from here, so none are shown."
    lines = [f"*Residents said* ({title}, {figures.responses:,} responses from here):"]
    lines += [f"• {escape_mrkdwn(prompt)}: {agreement_line(a)}" for prompt, a in figures.statements[:5]]
    return "\n".join(lines)


def area_report_reply(report: AreaReport, *, public_base_url: str) -> dict:
    """Return the whole /area message: profile, action counts, indicators and the latest survey."""
    reply = action_blocks.with_action_counts(area_reply(report.lookup, public_base_url=public_base_url),
                                             report.actions)
    extra = []
    if report.indicators:
        lines = [indicator_line(i) for i in report.indicators[:MAX_INDICATORS]]
        extra.append(section("*Outcome indicators*\n" + "\n".join(lines)))
    if report.survey is not None:
        extra.append(section(survey_text(report.survey)))
    if not extra:
        return reply
    blocks = list(reply["blocks"])
    at = next((i for i, b in enumerate(blocks) if b.get("type") == "actions"), len(blocks))
    return {**reply, "blocks": blocks[:at] + extra + blocks[at:]}
