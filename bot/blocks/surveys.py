"""Block Kit for `/survey`: pure functions from survey summaries to messages."""

from __future__ import annotations

from urllib.parse import quote

from bot.blocks.kit import actions, button, context, header, join_words, section
from bot.blocks.mrkdwn import escape_mrkdwn
from engagement import figures
from engagement.statistics import FEWER_THAN_MINIMUM, MIN_GROUP
from engagement.surveys.lookup import SurveyListing, SurveyLookup
from engagement.surveys.representation_score import score_by_decile, score_by_neighbourhood
from engagement.surveys.summary import SurveySummary
from engagement.surveys.text import (
    agreement_line,
    first_choices,
    representation_line,
    sentiment_shares,
)

STATES = {"open": "open", "not_open_yet": "not open yet", "closed": "closed"}
MAX_QUESTIONS = 12
MAX_LISTED = 20
RESULTS_ACTION_ID = "survey_open_results"


def _listing_line(item: SurveyListing) -> str:
    return (
        f"• *{escape_mrkdwn(item.title)}* (`{escape_mrkdwn(item.slug)}`): "
        f"{STATES.get(item.state, item.state)}, "
        f"{respondents(item.responses)}"
    )


def respondents(n: int) -> str:
    """Return "1 respondent" or "150 respondents": the word every reply uses for responses."""
    return f"{figures.count(n)} respondent{'' if n == 1 else 's'}"


def officer_results_url(public_base_url: str, slug: str) -> str:
    """Return the officers' results page of a survey."""
    return f"{public_base_url.rstrip('/')}/officers/surveys/{quote(slug)}"


def _theme_count(n: int) -> str:
    return figures.count(n) if not 0 < n < MIN_GROUP else figures.withheld(FEWER_THAN_MINIMUM)


def summary_blocks(summary: SurveySummary, *, public_base_url: str) -> list[dict]:
    """Return the blocks of a survey's protected summary."""
    excluded = f" ({summary.excluded_words})" if summary.excluded_words else ""
    blocks = [
        header(summary.title),
        context(
            f"{respondents(summary.responses)}{excluded} · {figures.SUPPRESSED}: withheld "
            "(fewer than 10 respondents, or to protect another cell)"
        ),
    ]
    shown = [q for q in summary.questions if q.agreement is not None]
    for q in shown[:MAX_QUESTIONS]:
        line = agreement_line(q.agreement)
        if q.weighted_agree_pct is not None and not q.agreement.withheld:
            weighted = figures.percentage(q.weighted_agree_pct)
            line += f"\nWeighted to neighbourhood populations: {weighted}"
        blocks.append(section(f"*{escape_mrkdwn(q.prompt)}*\n{line}"))
    for q in summary.questions:
        if q.kind == "ranking" and q.first_choice_pct:
            choices = ", ".join(
                f"{escape_mrkdwn(label)} ({share})" for label, share in first_choices(q)
            )
            blocks.append(section(f"*{escape_mrkdwn(q.prompt)}*\nMost often first: {choices}"))
    if len(shown) > MAX_QUESTIONS:
        more = len(shown) - MAX_QUESTIONS
        officer_url = officer_results_url(public_base_url, summary.slug)
        blocks.append(
            context(
                f"and {figures.count(more)} more statement{'' if more == 1 else 's'} "
                f"on the <{officer_url}|officer results page>"
            )
        )
    c = summary.comments
    if c.n:
        themes = join_words(
            [f"{escape_mrkdwn(t)} ({_theme_count(n)})" for t, n in c.themes[:4]], "and"
        )
        shares = sentiment_shares(c) if c.n >= MIN_GROUP else figures.withheld(FEWER_THAN_MINIMUM)
        blocks.append(
            section(
                f"*Comments:* {figures.count(c.n)} — {shares}"
                + (f"\nThemes: {themes}" if themes else "")
            )
        )
    scores = [
        representation_line(score, across)
        for score, across in (
            (score_by_decile(summary.by_decile), "deprivation deciles"),
            (score_by_neighbourhood(summary.heard), "neighbourhoods"),
        )
        if score is not None
    ]
    if scores:
        lines = "\n".join(f"• {escape_mrkdwn(line)}" for line in scores)
        edition = f"\n{escape_mrkdwn(summary.deciles_from)}" if summary.deciles_from else ""
        blocks.append(
            section(f"*Representation score* (1 = everyone heard alike):\n{lines}{edition}")
        )
    under = [escape_mrkdwn(h.area_name) for h in summary.heard if h.under_heard]
    if under:
        blocks.append(
            section(
                f":warning: *Under-heard target areas:* {join_words(under, 'and')} "
                "(under half the borough's response rate)"
            )
        )
    url = f"{public_base_url.rstrip('/')}/s/{quote(summary.slug)}/results"
    blocks.append(
        context(f'<{url}|Published results> · Wilson 95% intervals; "don\'t know" excluded')
    )
    blocks.append(
        actions(
            button(
                "Officer results",
                RESULTS_ACTION_ID,
                url=officer_results_url(public_base_url, summary.slug),
            )
        )
    )
    return blocks


def survey_reply(lookup: SurveyLookup, *, public_base_url: str) -> dict:
    """Return the ephemeral message answering `/survey <text>`."""
    if lookup.status == "found":
        summary = lookup.summary
        first = next((q for q in summary.questions if q.agreement is not None), None)
        text = f"{escape_mrkdwn(summary.title)}: {respondents(summary.responses)}"
        if summary.excluded_words:
            text += f" ({summary.excluded_words})"
        if first is not None and first.agreement.n and not first.agreement.withheld:
            agreed = figures.percent_of(first.agreement.agree, first.agreement.n)
            text += f"; {agreed} agreed with the first priority"
        return {
            "response_type": "ephemeral",
            "text": text,
            "blocks": summary_blocks(summary, public_base_url=public_base_url),
        }
    lines = [_listing_line(s) for s in lookup.surveys]
    if lookup.status == "not_found":
        intro = f"No survey matches “{escape_mrkdwn(lookup.query)}”. Type `/survey help` for how."
    else:
        intro = (
            "Surveys:"
            if lines
            else "There are no surveys yet. Load one with `fairer survey load FILE.yml`."
        )
    blocks = [section(intro)]
    if lines:
        blocks.append(section("\n".join(lines[:MAX_LISTED])))
        if len(lines) > MAX_LISTED:
            listing_url = f"{public_base_url.rstrip('/')}/officers/surveys"
            blocks.append(
                context(
                    f"and {figures.count(len(lines) - MAX_LISTED)} more on the "
                    f"<{listing_url}|officers' surveys page>"
                )
            )
        blocks.append(context("Type `/survey <name>` for a summary."))
    return {"response_type": "ephemeral", "text": intro.replace("*", ""), "blocks": blocks}
