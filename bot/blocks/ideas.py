"""Block Kit for the project bank: the `/ideas <area>` reply and the line /area adds.

Every title, partner, theme and area name came from a person or a file: all are escaped."""

from __future__ import annotations

from urllib.parse import quote

from bot.blocks.kit import and_more, context, header, message, section, truncate
from bot.blocks.mrkdwn import escape_mrkdwn, plain_quote
from engagement import figures
from engagement.ideas.answer import IdeasAnswer
from engagement.ideas.digest import IdeasWeek
from engagement.ideas.terms import status
from engagement.ideas.views import IdeaCounts, PublicIdea

MAX_LISTED = 15
MAX_CHOICES = 5


def idea_counts_text(counts: IdeaCounts) -> str:
    """Return /area's project-bank line: "*Project bank*: 6 ideas, 2 picked up"."""
    ideas = "1 idea" if counts.total == 1 else f"{figures.count(counts.total)} ideas"
    return f"*Project bank*: {ideas}, {figures.count(counts.picked_up)} picked up"


def idea_line(idea: PublicIdea) -> str:
    """Return one idea as a line: status, title, who picked it up and its themes."""
    shown = status(idea.status)
    parts = [f"{shown.emoji} *{escape_mrkdwn(truncate(idea.title, 200))}* — {shown.words}"]
    if idea.partner:
        parts[0] += f" by {escape_mrkdwn(idea.partner)}"
    if idea.themes:
        parts.append(escape_mrkdwn(", ".join(idea.themes)))
    return " · ".join(parts)


def usage_message() -> dict:
    """Return how to use /ideas, for an empty query."""
    text = "Tell me which area, e.g. `/ideas heartsease`: I list the ideas in its project bank."
    return message(text, [section(text)])


def ideas_reply(answer: IdeasAnswer, *, public_base_url: str) -> dict:
    """Return the reply to `/ideas <area>`: the area's published ideas newest first with a link
    to its page; or which areas were meant, or that none matched."""
    lookup = answer.lookup
    if lookup.status == "no_data":
        text = "No areas are loaded yet, so there are no project banks to show."
        return message(text, [section(text)])
    if lookup.status == "empty":
        return usage_message()
    if lookup.status == "choose":
        choices = "\n".join(
            f"• {escape_mrkdwn(c.name)} ({escape_mrkdwn(c.kind_label)}): `/ideas {c.code}`"
            for c in lookup.choices[:MAX_CHOICES]
        )
        text = f"Several areas match {plain_quote(lookup.query)}. Which one?"
        return message(text, [section(f"{text}\n{choices}")])
    if answer.area is None:
        text = f"No area matches {plain_quote(lookup.query)}."
        if lookup.suggestions:
            text += f" Did you mean *{escape_mrkdwn(lookup.suggestions[0].name)}*?"
        return message(text, [section(text)])
    name = escape_mrkdwn(answer.area.name)
    page = f"{public_base_url.rstrip('/')}/areas/{quote(answer.area.code, safe='')}"
    propose = f"{public_base_url.rstrip('/')}/ideas/new?area={quote(answer.area.code, safe='')}"
    if not answer.ideas:
        text = f"No ideas for {name} yet."
        links = f"<{propose}|Propose an idea> · <{page}#ideas|Area page>"
        return message(text, [section(text), context(links)])
    summary = idea_counts_text(answer.counts) if answer.counts else ""
    lines = [idea_line(i) for i in answer.ideas[:MAX_LISTED]]
    more = and_more(len(answer.ideas), MAX_LISTED)
    text = f"Project bank for {answer.area.name}"
    blocks = [
        header(text),
        section(summary),
        section("\n".join(lines) + (f"\n…{more}" if more else "")),
        context(f"<{page}#ideas|See them on the area page> · <{propose}|Propose an idea>"),
    ]
    return message(f"Project bank for {name}", blocks)


def digest_ideas_blocks(week: IdeasWeek) -> list[dict]:
    """Return the project bank's part of an area digest: ideas published and picked up this
    week, and the bank's size now ([] when nothing changed)."""
    if not week.changed:
        return []
    lines = [idea_counts_text(IdeaCounts(week.total, week.picked_up_total))]
    shown = week.published[:5]
    if shown:
        lines.append(
            "New: "
            + "; ".join(f"*{escape_mrkdwn(t)}*" for t in shown)
            + and_more(len(week.published), len(shown))
        )
    for title, partner in week.picked_up[:5]:
        lines.append(
            f":raised_hand: *{escape_mrkdwn(title)}* picked up by {escape_mrkdwn(partner)}"
        )
    return [section("\n".join(lines))]
