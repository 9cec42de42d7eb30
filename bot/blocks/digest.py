"""Block Kit for the weekly digest posted in a channel: pure functions from DigestContent.

Every name that came from a plan file, a survey definition or a person is escaped. Comments are
never quoted: a digest shows their sentiment shares and themes only, and nothing counted from
fewer than 10 people (engagement.digests.content has already left those out; a figure that would
give one back is marked "[c]" with why, as on the published results page).
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from bot.blocks.area import area_url
from bot.blocks.ideas import digest_ideas_blocks
from bot.blocks.kit import context, header, join_words, lead_in, section, truncate
from bot.blocks.mrkdwn import escape_mrkdwn
from engagement import figures
from engagement.actions.plans import ActionView
from engagement.digests.content import ActionChanges, DigestContent, Statement, SurveyDigest
from engagement.statistics import FEWER_THAN_MINIMUM, MIN_GROUP
from engagement.surveys.text import sentiment_shares

LIST_LIMIT = 8  # actions listed under each heading; the rest are counted, with a link
TITLE_LIMIT = 120
STATES = {"open": "open", "not_open_yet": "not open yet", "closed": "closed"}


def scope_title(kind: str, label: str) -> str:
    """Return what a digest is about, as plain text: "Everything", "Heartsease",
    "Actions: Housing"."""
    if kind == "all":
        return "Everything"
    if kind == "theme":
        return f"Actions: {label}"
    if kind == "survey":
        return f"Survey: {label}"
    return label


def _base(public_base_url: str) -> str:
    return public_base_url.rstrip("/")


def actions_url(public_base_url: str, content: DigestContent) -> str:
    """Return the officer page listing the actions a digest is about."""
    args = {"area": {"area": content.scope_value}, "theme": {"theme": content.scope_value}}.get(
        content.scope_kind, {}
    )
    return f"{_base(public_base_url)}/officers/actions" + (f"?{urlencode(args)}" if args else "")


def results_url(public_base_url: str, slug: str) -> str:
    """Return the published results page of a survey."""
    return f"{_base(public_base_url)}/s/{quote(slug, safe='')}/results"


def _title(action: ActionView) -> str:
    return (
        f"*{escape_mrkdwn(action.reference)}* · "
        f"{escape_mrkdwn(truncate(action.title, TITLE_LIMIT))}"
    )


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{figures.count(n)} {one if n == 1 else (many or one + 's')}"


def _listed(heading: str, lines: list[str], url: str) -> dict:
    shown = lines[:LIST_LIMIT]
    if len(lines) > LIST_LIMIT:
        more = figures.count(len(lines) - LIST_LIMIT)
        shown.append(f"…and {more} more on the <{url}|officer pages>")
    return section(f"*{heading}*\n" + "\n".join(shown))


def overdue_line(action: ActionView, newly: bool) -> str:
    """Return one overdue action: title, how late, owner; flagged when it fell overdue this week."""
    late = _plural(action.days_overdue, "day")
    owner = f" · <@{action.owner_id}>" if action.owner_id else ""
    flag = " · :new: this week" if newly else ""
    return f"• {_title(action)}: due {figures.short_date(action.due)}, {late} late{owner}{flag}"


def action_blocks(changes: ActionChanges, url: str) -> list[dict]:
    """Return the blocks about actions: completed, status changes, new, overdue (each only when
    any)."""
    blocks = []
    if changes.completed:
        blocks.append(
            _listed(
                f":white_check_mark: Completed ({len(changes.completed)})",
                [f"• {_title(a)}" for a in changes.completed],
                url,
            )
        )
    if changes.status_changes:
        lines = [
            f"• {c.to_status.emoji} {_title(c.action)}: "
            f"{c.from_status.words} → *{c.to_status.words}*"
            for c in changes.status_changes
        ]
        blocks.append(_listed(f"Status changes ({len(changes.status_changes)})", lines, url))
    if changes.new:
        lines = [
            f"• {_title(a)}" + (f": due {figures.short_date(a.due)}" if a.due else "")
            for a in changes.new
        ]
        blocks.append(_listed(f":seedling: New actions ({len(changes.new)})", lines, url))
    if changes.overdue:
        lines = [overdue_line(a, a.id in changes.newly_overdue) for a in changes.overdue]
        blocks.append(_listed(f":warning: Overdue ({len(changes.overdue)})", lines, url))
    elif changes.total:
        blocks.append(section("No actions are overdue. :tada:"))
    return blocks


def statement_line(number: int, statement: Statement) -> str:
    """Return "1. <prompt>: 87% agree (95% CI 77–93%), 62 respondents", or why no figure is
    shown."""
    prompt = escape_mrkdwn(lead_in(truncate(lead_in(statement.prompt), 150)))
    a = statement.agreement
    if a is None:
        return f"{number}. {prompt}: fewer than {MIN_GROUP} respondents so far, not shown"
    if a.withheld:  # as on every published page: "[c]" and why, never a false "fewer than 10"
        base = "" if a.base_withheld else f", {_plural(a.n, 'respondent')}"
        return f"{number}. {prompt}: {figures.withheld(a.withheld)}{base}"
    agree, interval = figures.percent_of(a.agree, a.n), figures.percent_range(*a.ci95)
    small = " (small base)" if a.small_base else ""
    who = _plural(a.n, "respondent")
    return f"{number}. {prompt}: *{agree} agree* (95% CI {interval}), {who}{small}"


def _theme_count(n: int | None) -> str:
    return figures.count(n) if n is not None else figures.withheld(FEWER_THAN_MINIMUM)


def _comments_line(survey: SurveyDigest) -> str:
    c = survey.comments
    if survey.theme:
        about = escape_mrkdwn(survey.theme)
        if not survey.themes:
            return f"Comments: none about {about} yet."
        counted = join_words(
            [f"{escape_mrkdwn(t)} ({_theme_count(n)})" for t, n in survey.themes], "and"
        )
        return f"Comments about {about}: {counted}"
    if c is None:
        return f"Comments: fewer than {MIN_GROUP} so far, so no shares are shown."
    themes = join_words(
        [f"{escape_mrkdwn(t)} ({_theme_count(n)})" for t, n in survey.themes], "and"
    )
    line = f"Comments: {figures.count(c.n)}, {sentiment_shares(c)}"
    return line + (f". Most mentioned: {themes}" if themes else "")


def _area_line(survey: SurveyDigest) -> str | None:
    heard = survey.area
    if heard is None:
        return None
    name = escape_mrkdwn(heard.area_name)
    if heard.responses is None:
        return f"From {name}: fewer than {MIN_GROUP} respondents so far."
    rate = (
        f" ({figures.per_1000(heard.per_1000)} per 1,000 residents)"
        if heard.per_1000 is not None
        else ""
    )
    return f"From {name}: {_plural(heard.responses, 'respondent')}{rate}."


def survey_blocks(survey: SurveyDigest, *, public_base_url: str) -> list[dict]:
    """Return the blocks about one survey: its week, its statements, comments and who is not
    heard."""
    state = STATES.get(survey.state, survey.state)
    week = (
        f"{_plural(survey.new_responses, 'new response')} this week"
        if survey.new_responses
        else "no new responses this week"
    )
    total = _plural(survey.responses, "respondent")
    lines = [f"*{escape_mrkdwn(survey.title)}* ({state}): {week}, {total} in all"]
    lines += [statement_line(i, s) for i, s in enumerate(survey.statements, start=1)]
    if survey.more_statements:
        more = _plural(survey.more_statements, "more statement")
        results = results_url(public_base_url, survey.slug)
        lines.append(f"…and {more} on the <{results}|results page>")
    lines.append(_comments_line(survey))
    area = _area_line(survey)
    if area:
        lines.append(area)
    if survey.under_heard:
        names = join_words([escape_mrkdwn(n) for n in survey.under_heard], "and")
        lines.append(
            f":warning: Under-heard target areas: {names} (under half the borough's response rate)"
        )
    return [
        section("\n".join(lines)),
        context(f"<{results_url(public_base_url, survey.slug)}|Results on the web>"),
    ]


def _window_text(content: DigestContent, timezone: str) -> str:
    from zoneinfo import ZoneInfo

    since = content.since.astimezone(ZoneInfo(timezone))
    until = content.until.astimezone(ZoneInfo(timezone))
    return f"{figures.short_moment(since)} to {figures.short_moment(until)}"


def summary_text(content: DigestContent) -> str:
    """Return the one-line notification text: what changed, or that nothing did, and what is
    overdue."""
    about = escape_mrkdwn(scope_title(content.scope_kind, content.scope_label))
    parts = []
    a = content.actions
    if a is not None:
        for n, words in (
            (len(a.completed), "completed"),
            (len(a.status_changes), "changed status"),
            (len(a.new), "new"),
            (len(a.newly_overdue), "newly overdue"),
        ):
            if n:
                parts.append(f"{figures.count(n)} {words}")
    responses = sum(s.new_responses for s in content.surveys)
    if responses:
        parts.append(_plural(responses, "survey response"))
    news = ", ".join(parts) if parts else "no change this week"
    overdue = f"; {figures.count(len(a.overdue))} overdue" if a is not None and a.overdue else ""
    return f"Weekly digest, {about}: {news}{overdue}"


def digest_message(content: DigestContent, *, public_base_url: str, timezone: str) -> dict:
    """Return the digest as a channel message body {"text", "blocks"} (fewer than 50 blocks)."""
    title = scope_title(content.scope_kind, content.scope_label)
    since = "the first digest: the week before" if content.first else "since the last digest"
    blocks = [
        header(f"Weekly digest: {title}"),
        context(f"{_window_text(content, timezone)} · {since}"),
    ]
    if content.missing:
        blocks.append(
            section(
                f"{escape_mrkdwn(title)} is no longer in the data. Unsubscribe with "
                "`/digest unsubscribe`, or subscribe to something else."
            )
        )
    if content.quiet:
        nothing = (
            "No survey responses came in."
            if content.scope_kind == "survey"
            else (
                "No actions were completed, changed status or were added, "
                "and no survey responses came in."
            )
        )
        blocks.append(section(f"*No change this week.* {nothing}"))
    url = actions_url(public_base_url, content)
    if content.actions is not None:
        blocks += action_blocks(content.actions, url)
    for survey in content.surveys:
        blocks += survey_blocks(survey, public_base_url=public_base_url)
    if content.ideas is not None:
        blocks += digest_ideas_blocks(content.ideas)
    if content.more_surveys:
        surveys_page = f"{_base(public_base_url)}/officers/surveys"
        blocks.append(
            context(
                f"…and {_plural(content.more_surveys, 'more survey')} on the "
                f"<{surveys_page}|officers' surveys page>"
            )
        )
    links = [f"<{url}|Actions on the officer pages>"] if content.actions is not None else []
    if content.scope_kind == "area":
        links.append(
            f"<{area_url(public_base_url, content.scope_value)}|"
            f"{escape_mrkdwn(content.scope_label)} on the web>"
        )
    links.append(
        f"Groups under {MIN_GROUP} are not shown · `/digest list` shows this channel's digests"
    )
    blocks.append(context(*links))
    return {"text": summary_text(content), "blocks": blocks[:49]}
