"""Block Kit for impact assessments: each action's state in /actions, the totals answering
`/actions assessments [area]`, and the reminders to owners.

Pure functions. References, titles and area names came from plan files and people: every one
goes through escape_mrkdwn.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote, urlencode

from bot.blocks.kit import actions, and_more, button, context, header, message, section
from bot.blocks.mrkdwn import escape_mrkdwn, plain_quote
from engagement import figures
from engagement.assessments.reminders import OwnerAssessmentReminders
from engagement.assessments.states import AssessmentState
from engagement.assessments.totals import AreaImpacts, RowImpacts, Totals

OPEN_TOTALS_ACTION_ID = "assessments_open_web"
REFERENCES_SHOWN = 12
LINES_SHOWN = 15
ICONS = {
    "none": ":heavy_minus_sign:",
    "draft": ":pencil2:",
    "signed_off": ":ballot_box_with_check:",
}
UNMITIGATED_ICON = ":exclamation:"
MITIGATED_ICON = ":shield:"
REVIEW_ICON = ":alarm_clock:"


# --- an action's state --------------------------------------------------------------------------


def assessment_url(public_base_url: str, reference: str) -> str:
    """Return the officer page of the assessment with this reference."""
    return f"{public_base_url.rstrip('/')}/officers/assessments/{quote(reference, safe='')}"


def state_icons(state: AssessmentState) -> str:
    """Return the emoji for a state: how far it got, then any unmitigated (or all mitigated)
    negative impacts, then an overdue review."""
    icons = [ICONS.get(state.status, ICONS["none"])]
    if state.unmitigated:
        icons.append(UNMITIGATED_ICON)
    elif state.negatives:
        icons.append(MITIGATED_ICON)
    if state.review_overdue:
        icons.append(REVIEW_ICON)
    return " ".join(icons)


def start_url(public_base_url: str, action_reference: str) -> str:
    """Return the officer page starting an impact assessment of this action."""
    query = urlencode({"action": action_reference})
    return f"{public_base_url.rstrip('/')}/officers/assessments/new?{query}"


def state_text(
    state: AssessmentState, *, public_base_url: str, action_reference: str | None = None
) -> str:
    """Return one line of mrkdwn: the state's emoji and words, linked to the assessment's page,
    or (for an action with none) to starting one."""
    if state.status == "none" or not state.reference:
        text = f"{state_icons(state)} No impact assessment yet"
        if action_reference:
            text += f" · <{start_url(public_base_url, action_reference)}|start one>"
        return text
    url = assessment_url(public_base_url, state.reference)
    return f"{state_icons(state)} Impact assessment: <{url}|{escape_mrkdwn(state.words)}>"


def states_summary(states: Iterable[AssessmentState]) -> str:
    """Return the states of a list counted: "Impact assessments: :ballot_box_with_check: 2
    signed off · :pencil2: 1 draft · :heavy_minus_sign: 1 none"."""
    states = list(states)
    counts = [
        (status, sum(1 for s in states if s.status == status))
        for status in ("signed_off", "draft", "none")
    ]
    words = {"signed_off": "signed off", "draft": "draft", "none": "none"}
    parts = [f"{ICONS[status]} {figures.count(n)} {words[status]}" for status, n in counts if n]
    unmitigated = sum(1 for s in states if s.unmitigated)
    if unmitigated:
        parts.append(f"{UNMITIGATED_ICON} {figures.count(unmitigated)} with unmitigated impacts")
    overdue = sum(1 for s in states if s.review_overdue)
    if overdue:
        parts.append(f"{REVIEW_ICON} {figures.count(overdue)} review overdue")
    return "Impact assessments: " + " · ".join(parts)


# --- /actions assessments -----------------------------------------------------------------------


def totals_url(public_base_url: str, totals: Totals) -> str:
    """Return the officer page showing the same totals."""
    query = urlencode({"area": totals.area.code}) if totals.area else ""
    return f"{public_base_url.rstrip('/')}/officers/assessment-totals" + (
        f"?{query}" if query else ""
    )


def references_text(references: Iterable[str], shown: int = REFERENCES_SHOWN) -> str:
    """Return action references as escaped mrkdwn: "HP-01, CA-01 and 3 more"."""
    references = list(references)
    text = ", ".join(escape_mrkdwn(r) for r in references[:shown])
    return text + and_more(len(references), shown)


def _count(n: int, one: str, many: str) -> str:
    return f"{figures.count(n)} {one if n == 1 else many}"


def _row_lines(rows: Iterable[RowImpacts]) -> list[str]:
    lines = []
    for impacts in rows:
        line = f"• {escape_mrkdwn(impacts.row.title)}: *{figures.count(impacts.count)}*"
        if impacts.references:
            line += f" ({references_text(impacts.references)})"
        if impacts.unmitigated:
            line += f" · {UNMITIGATED_ICON} {figures.count(len(impacts.unmitigated))} unmitigated"
        lines.append(line)
    return lines


def _lines(lines: list[str], limit: int = LINES_SHOWN) -> str:
    shown = lines[:limit]
    if len(lines) > limit:
        shown.append(f"…and {figures.count(len(lines) - limit)} more on the web page")
    return "\n".join(shown)


def _area_line(area: AreaImpacts) -> str:
    line = (
        f"• *{escape_mrkdwn(area.area.name)}*: {_count(area.actions, 'action', 'actions')}, "
        f"{figures.count(area.signed_off)} signed off, "
        f"{_count(area.negatives, 'negative impact', 'negative impacts')}"
    )
    if area.unmitigated:
        line += f" ({figures.count(area.unmitigated)} without mitigation)"
    if area.rows:
        line += ": " + ", ".join(
            escape_mrkdwn(r.row.title) + (f" ×{r.count}" if r.count > 1 else "") for r in area.rows
        )
    return line


def totals_blocks(totals: Totals, *, public_base_url: str) -> list[dict]:
    """Return the blocks of the totals: how many actions are assessed, negatives by row, by
    protected characteristic, unmitigated and by area, and the other subjects' assessments."""
    where = totals.area.name if totals.area else "the whole plan"
    blocks = [header(f"Impact assessments: {where}")]
    if not totals.actions:
        blocks.append(section("No actions to count here yet."))
    else:
        blocks.append(
            section(
                "\n".join(
                    [
                        f"*{_count(len(totals.actions), 'action', 'actions')}*: "
                        f"{ICONS['signed_off']} {figures.count(len(totals.signed_off))} signed off"
                        f" · {ICONS['draft']} {figures.count(len(totals.draft))} draft"
                        f" · {ICONS['none']} {figures.count(len(totals.not_assessed))} "
                        "with no assessment"
                        f" · {REVIEW_ICON} {figures.count(len(totals.review_overdue))} "
                        "review overdue",
                        *(
                            f"{label}: {references_text(refs)}"
                            for label, refs in (
                                ("No assessment", totals.not_assessed),
                                ("Draft", totals.draft),
                                ("Review overdue", totals.review_overdue),
                            )
                            if refs
                        ),
                    ]
                )
            )
        )
        blocks += _negative_blocks(totals)
    blocks.append(context(_others_text(totals)))
    url = totals_url(public_base_url, totals)
    blocks.append(actions(button("Open on the web", OPEN_TOTALS_ACTION_ID, url=url)))
    return blocks


def _negative_blocks(totals: Totals) -> list[dict]:
    negatives = _count(totals.negatives, "negative impact", "negative impacts")
    if not totals.negatives:
        return [section(f"*{negatives.capitalize()}* found in these assessments.")]
    blocks = []
    if totals.by_row:
        blocks.append(section(f"*Negative impacts by row*\n{_lines(_row_lines(totals.by_row))}"))
    characteristics = [r for r in totals.by_characteristic if r.count]
    if characteristics:
        others = len(totals.by_characteristic) - len(characteristics)
        tail = f"\nNone on the other {others}." if others else ""
        blocks.append(
            section(
                "*By protected characteristic and socio-economic disadvantage*\n"
                + _lines(_row_lines(characteristics))
                + tail
            )
        )
    if totals.unmitigated:
        lines = [
            f"• {escape_mrkdwn(reference)}: {escape_mrkdwn(row.title)}"
            for reference, row in totals.unmitigated
        ]
        blocks.append(section(f"{UNMITIGATED_ICON} *Without mitigation*\n{_lines(lines)}"))
    if totals.areas:
        lines = [_area_line(a) for a in totals.areas]
        blocks.append(section(f"*Cumulative impact by area*\n{_lines(lines)}"))
    return blocks


def _others_text(totals: Totals) -> str:
    parts = []
    for kind in totals.others:
        n = len(kind.assessments)
        text = f"{escape_mrkdwn(kind.label)}: {figures.count(n)} assessed"
        if n:
            text += (
                f" ({figures.count(kind.count('signed_off'))} signed off, "
                f"{_count(kind.negatives, 'negative impact', 'negative impacts')})"
            )
        parts.append(text)
    return "Counted separately, across the council: " + " · ".join(parts) + "."


def totals_reply(totals: Totals, *, public_base_url: str) -> dict:
    """Return the message answering `/actions assessments [area]` for every totals status."""
    if totals.status == "totals":
        where = escape_mrkdwn(totals.area.name) if totals.area else "the whole plan"
        text = f"Impact assessments: {where}"
        return message(text, totals_blocks(totals, public_base_url=public_base_url))
    if totals.status == "choose_area":
        choices = totals.lookup.choices if totals.lookup else ()
        text = f"Several areas match {plain_quote(totals.query)}."
        options = "\n".join(
            f"• `/actions assessments {escape_mrkdwn(c.code)}`: {escape_mrkdwn(c.name)} "
            f"({escape_mrkdwn(c.kind_label)})"
            for c in choices[:10]
        )
        return message(text, [section(f"{text} Which one?\n{options}")])
    if totals.status == "no_area_data":
        text = "No areas are loaded yet, so assessments cannot be added up by area."
        return message(text, [section(text + " Try `/actions assessments` for the whole plan.")])
    text = f"No area matches {plain_quote(totals.query)}."
    return message(
        text, [section(text + " Try an area name or code, or `/actions assessments` alone.")]
    )


# --- reminders ----------------------------------------------------------------------------------


def assessment_reminder_message(batch: OwnerAssessmentReminders, *, public_base_url: str) -> dict:
    """Return the direct message reminding an owner of the impact assessments their actions
    need."""
    count = len(batch.nudges)
    text = (
        "One of your actions needs its impact assessment"
        if count == 1
        else f"{figures.count(count)} of your actions need their impact assessments"
    )
    blocks = [section(f"*{text}.*")]
    for nudge in batch.nudges[:LINES_SHOWN]:
        action = nudge.action
        reasons = []
        if "assess" in nudge.kinds:
            reasons.append(
                f"due {figures.short_date(action.due)} with no signed-off impact assessment"
            )
        if "review" in nudge.kinds:
            reasons.append(
                f"{REVIEW_ICON} review was due {figures.short_date(nudge.state.review_on)}"
            )
        blocks.append(
            section(
                f"*{escape_mrkdwn(action.reference)} · {escape_mrkdwn(action.title)}*\n"
                + " · ".join(reasons)
                + "\n"
                + state_text(
                    nudge.state, public_base_url=public_base_url, action_reference=action.reference
                )
            )
        )
    if count > LINES_SHOWN:
        blocks.append(section(f"…and {figures.count(count - LINES_SHOWN)} more."))
    base = public_base_url.rstrip("/")
    blocks.append(
        context(
            "You are reminded once when an action is due within 4 weeks without a signed-off "
            "assessment, and once when an assessment's review date passes. "
            f"<{base}/officers/assessments|Impact assessments on the web>"
        )
    )
    return {"text": text, "blocks": blocks}
