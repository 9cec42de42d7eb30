"""The Slack summary of a participatory budgeting round's published results."""

from __future__ import annotations

from bot.blocks.kit import context, header, message, section
from bot.blocks.mrkdwn import escape_mrkdwn
from engagement import figures
from engagement.pb.results import RoundResults

MAX_PROJECTS_LISTED = 20


def _votes(shown: str) -> str:
    return shown if shown.startswith(figures.SUPPRESSED) else f"{shown} votes"


def pb_results_message(results: RoundResults, results_url: str) -> dict:
    """Return the message announcing a round's results: what was funded, the money spent and
    left, the ballots, and a link to the full results. Every title is escaped."""
    funded = [p for p in results.projects if p.funded]
    lines = [
        f"• *{escape_mrkdwn(p.title)}* ({p.cost}), {escape_mrkdwn(_votes(p.votes))}"
        for p in funded[:MAX_PROJECTS_LISTED]
    ]
    if len(funded) > MAX_PROJECTS_LISTED:
        lines.append(f"…and {figures.count(len(funded) - MAX_PROJECTS_LISTED)} more")
    skipped = len(results.projects) - len(funded)
    summary = (
        f"Residents of {escape_mrkdwn(results.area_name)} chose how to spend "
        f"{results.budget}: {figures.count(len(funded))} project(s) funded, {results.spent} spent, "
        f"{results.left} left. Ballots: {escape_mrkdwn(results.ballots)}."
    )
    blocks = [
        header(f"Results: {results.title}"),
        section(summary),
        section("\n".join(lines) if lines else "No project was funded."),
    ]
    if skipped:
        blocks.append(
            context(f"{figures.count(skipped)} project(s) not funded; the results page says why.")
        )
    blocks.append(
        context(
            f"<{escape_mrkdwn(results_url)}|Full results> · funded projects are now actions "
            "in the action plan."
        )
    )
    body = message(f"Results: {escape_mrkdwn(results.title)}", blocks)
    body.pop("response_type")  # posted to a channel, not a reply
    return body
