"""The parts of an /area reply beyond deprivation: outcome indicators and what residents said."""

from __future__ import annotations

from bot.blocks import actions as action_blocks
from bot.blocks.area import area_reply
from bot.blocks.area_editions import edition_blocks, edition_problem_message
from bot.blocks.assets import assets_text
from bot.blocks.ideas import idea_counts_text
from bot.blocks.kit import lead_in, section
from bot.blocks.mrkdwn import escape_mrkdwn
from engagement import figures
from engagement.area_report import AreaReport
from engagement.areas.indicators import IndicatorComparison
from engagement.statistics import PROTECTS_ANOTHER
from engagement.surveys.area_voices import AreaSurveyFigures
from engagement.surveys.text import agreement_line

MAX_INDICATORS = 8
MAX_STATEMENTS = 5
COMPARISON_WORDS = {
    "better": ":large_green_circle: better",
    "worse": ":red_circle: worse",
    "similar": "similar",
    "higher": "higher",
    "lower": "lower",
    "not tested": "not tested",
}


def indicator_line(item: IndicatorComparison) -> str:
    """Return one indicator as a line: value and period, against the borough and England, trend
    and gap."""
    value, period = figures.decimal(item.latest.value), escape_mrkdwn(item.latest.period)
    parts = [f"*{escape_mrkdwn(item.name)}*: {value} ({period})"]
    for compared, against, name in (
        (item.borough, item.vs_borough, "the borough"),
        (item.england, item.vs_england, "England"),
    ):
        if compared is None:
            continue
        other = figures.decimal(compared.value)
        parts.append(
            f"similar to {name} ({other})"
            if against == "similar"
            else f"{COMPARISON_WORDS[against]} than {name} ({other})"
        )
    if item.direction:
        parts.append(f"{item.direction} since {escape_mrkdwn(item.trend[0].period)}")
    if item.gap:
        parts.append(f"gap to the borough {item.gap}")
    return " · ".join(parts)


def survey_text(voices: AreaSurveyFigures) -> str:
    """Return what residents of the area said in the latest survey, or that too few answered to
    show it."""
    title = escape_mrkdwn(voices.title)
    if voices.responses is None and voices.withheld_because == PROTECTS_ANOTHER:
        return (
            f"*Residents said* ({title}): not shown, as beside the survey's published results "
            "it would let fewer than 10 answers in a nearby area be worked out."
        )
    if voices.responses is None:
        return (
            f"*Residents said* ({title}): fewer than 10 respondents from here, so none are shown."
        )
    who = "respondent" if voices.responses == 1 else "respondents"
    lines = [f"*Residents said* ({title}, {figures.count(voices.responses)} {who} from here):"]
    lines += [
        f"• {escape_mrkdwn(lead_in(prompt))}: {agreement_line(a)}"
        for prompt, a in voices.statements[:MAX_STATEMENTS]
    ]
    if len(voices.statements) > MAX_STATEMENTS:
        lines.append(f"…and {figures.count(len(voices.statements) - MAX_STATEMENTS)} more")
    return "\n".join(lines)


def area_report_reply(report: AreaReport, *, public_base_url: str, has_map: bool = False) -> dict:
    """Return the whole /area message: the profile at a glance (with the map when has_map) in the
    edition asked for, which edition that is and the change since the earlier one, action counts,
    indicators and the latest survey; or the plain answer when that edition is not loaded."""
    if report.edition_problem:
        return edition_problem_message(report.edition_problem)
    year = report.editions.asked_for if report.editions else None
    reply = action_blocks.with_action_counts(
        area_reply(
            report.lookup, public_base_url=public_base_url, has_map=has_map, edition_year=year
        ),
        report.actions,
    )
    extra = edition_blocks(report) if report.profile is not None else []
    if report.indicators:
        lines = [indicator_line(i) for i in report.indicators[:MAX_INDICATORS]]
        if len(report.indicators) > MAX_INDICATORS:
            lines.append(f"…and {figures.count(len(report.indicators) - MAX_INDICATORS)} more")
        extra.append(section("*Outcome indicators*\n" + "\n".join(lines)))
    if report.survey is not None:
        extra.append(section(survey_text(report.survey)))
    if report.assets is not None:
        extra.append(section(assets_text(report.assets)))
    if report.ideas is not None:
        extra.append(section(idea_counts_text(report.ideas)))
    if not extra:
        return reply
    blocks = list(reply["blocks"])
    at = next((i for i, b in enumerate(blocks) if b.get("type") == "actions"), len(blocks))
    return {**reply, "blocks": blocks[:at] + extra + blocks[at:]}
