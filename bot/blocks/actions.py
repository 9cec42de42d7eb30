"""Block Kit for action plans: /actions replies, the counts on /area, and reminders.

Pure functions from engagement's dataclasses to message bodies. Every text that came from a
plan file or a person goes through escape_mrkdwn; owners are shown as <@U…> mentions only
because their IDs were checked when the plan was imported.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from urllib.parse import urlencode

from bot.blocks.area import area_label
from bot.blocks.assessments import state_text, states_summary
from bot.blocks.kit import (
    actions,
    and_more,
    button,
    context,
    header,
    join_words,
    message,
    section,
    truncate,
)
from bot.blocks.mrkdwn import escape_mrkdwn, plain_quote
from engagement import figures
from engagement.actions.area_counts import ActionCounts
from engagement.actions.plans import ActionListing, ActionsAnswer, ActionView
from engagement.actions.terms import STATUSES, Status
from engagement.assessments.states import AssessmentState
from engagement.model import AreaSummary

UPDATE_ACTION_PREFIX = "action_update_"
CHOOSE_AREA_PREFIX = "actions_area_"
LIST_AREA_ACTION_ID = "actions_list_area"
OPEN_WEB_ACTION_ID = "actions_open_web"
MESSAGE_LIMIT = 20  # actions in a message: at two blocks each (reminders) still under Slack's 50
NOTE_PREVIEW = 200


# --- pieces -------------------------------------------------------------------------------------


def slack_date(moment: datetime) -> str:
    """Return a moment as Slack's date token, shown in each reader's own time zone."""
    return f"<!date^{int(moment.timestamp())}^{{date_short}}|{figures.short_date(moment.date())}>"


def owner_text(action: ActionView) -> str:
    """Return who owns an action, as mrkdwn: a mention, an escaped e-mail address or "no owner"."""
    if action.owner_id:
        return f"<@{action.owner_id}>"
    if action.owner_email:
        return escape_mrkdwn(action.owner_email)
    return "no owner"


def due_text(action: ActionView) -> str:
    """Return when an action is due: "Due 31 Mar 2027 (by March 2027)", or "No due date"."""
    if action.due is None:
        return "No due date"
    label = f" ({escape_mrkdwn(action.due_label)})" if action.due_label else ""
    return f"Due {figures.short_date(action.due)}{label}"


def status_text(action: ActionView) -> str:
    """Return an action's status with its emoji and, when overdue, by how long."""
    text = f"{action.status.emoji} *{action.status.words}*"
    if action.overdue:
        days = "1 day" if action.days_overdue == 1 else f"{action.days_overdue} days"
        text += f" · :warning: overdue by {days}"
    return text


def last_update_text(action: ActionView) -> str:
    """Return the newest history entry: when, by whom, and the start of its note."""
    last = action.last_update
    if last is None:
        return "No updates yet"
    who = "the plan file" if last.source == "import" else f"<@{escape_mrkdwn(last.user_id)}>"
    text = f"Last update {slack_date(last.at)} by {who}"
    if last.note:
        text += f": {plain_quote(truncate(' '.join(last.note.split()), NOTE_PREVIEW))}"
    return text


def action_text(
    action: ActionView,
    *,
    show_theme: bool = True,
    state: AssessmentState | None = None,
    public_base_url: str = "",
) -> str:
    """Return the mrkdwn describing one action in a list, with its impact assessment's state
    on the last line when state is given."""
    title = f"*{escape_mrkdwn(action.reference)} · {escape_mrkdwn(action.title)}*"
    where = join_words([escape_mrkdwn(a.name) for a in action.areas], "and") or "Borough-wide"
    facts = [f"Owner {owner_text(action)}", due_text(action), where]
    if show_theme and action.theme:
        facts.append(escape_mrkdwn(action.theme))
    lines = [title, status_text(action), " · ".join(facts), last_update_text(action)]
    if state is not None:
        lines.append(
            state_text(state, public_base_url=public_base_url, action_reference=action.reference)
        )
    return "\n".join(lines)


def update_value(action_id: int, listing_key: str) -> str:
    """Return the value an Update button carries: the action and the list to refresh after
    saving."""
    return json.dumps({"a": action_id, "l": listing_key}, separators=(",", ":"))


def read_update_value(value: str) -> tuple[int, str] | None:
    """Return (action id, listing key) from an Update button's value, or None if it is not one."""
    try:
        data = json.loads(value or "")
        return int(data["a"]), str(data.get("l") or "")
    except (ValueError, KeyError, TypeError):
        return None


def action_block(
    action: ActionView,
    listing_key: str,
    *,
    show_theme: bool = True,
    state: AssessmentState | None = None,
    public_base_url: str = "",
) -> dict:
    """Return a section describing an action (with its assessment state when given), with its
    Update button."""
    text = action_text(action, show_theme=show_theme, state=state, public_base_url=public_base_url)
    block = section(text)
    block["block_id"] = f"action:{action.id}"
    block["accessory"] = button(
        "Update", f"{UPDATE_ACTION_PREFIX}{action.id}", value=update_value(action.id, listing_key)
    )
    return block


def counts_text(counts: tuple[tuple[Status, int], ...], overdue: int) -> str:
    """Return "5 actions: :large_green_circle: 2 on track · … · :warning: 1 overdue"."""
    total = sum(n for _status, n in counts)
    parts = [f"{s.emoji} {figures.count(n)} {s.words.lower()}" for s, n in counts]
    if overdue:
        parts.append(f":warning: {figures.count(overdue)} overdue")
    noun = "action" if total == 1 else "actions"
    return f"*{figures.count(total)} {noun}*" + (": " + " · ".join(parts) if parts else "")


def listing_title(listing: ActionListing) -> str:
    """Return the plain-text heading of a listing (not escaped: it goes in a header block)."""
    return {
        "area": f"Actions: {listing.subject}",
        "mine": "Your actions",
        "home": "Your actions",
        "overdue": "Overdue actions",
        "theme": f"Actions: {listing.subject}",
        "borough": "Borough-wide actions",
        "all": "All actions",
        "ids": "Actions",
    }[listing.kind]


def web_url(public_base_url: str, listing: ActionListing) -> str:
    """Return the officer web page showing the same actions."""
    _, _, arg = listing.key.partition(":")
    args = {
        "area": {"area": arg},
        "theme": {"theme": listing.subject},
        "overdue": {"overdue": "1"},
        "mine": {"owner": arg},
        "home": {"owner": arg},
    }.get(listing.kind, {})
    query = urlencode({k: v for k, v in args.items() if v})
    return f"{public_base_url.rstrip('/')}/officers/actions" + (f"?{query}" if query else "")


# --- /actions -----------------------------------------------------------------------------------


def empty_text(listing: ActionListing) -> str:
    """Return what an empty listing says."""
    return {
        "area": f"No actions are planned in {escape_mrkdwn(listing.subject)} yet.",
        "mine": "You do not own any actions.",
        "home": "You do not own any actions.",
        "overdue": "No actions are overdue. :tada:",
        "theme": f"No actions under {escape_mrkdwn(listing.subject)}.",
        "borough": "No borough-wide actions.",
        "all": "No actions yet.",
        "ids": "These actions are no longer in the plan.",
    }[listing.kind]


def listing_blocks(
    listing: ActionListing,
    *,
    public_base_url: str,
    limit: int = MESSAGE_LIMIT,
    states: Mapping[int, AssessmentState] | None = None,
) -> list[dict]:
    """Return the blocks of a listing: heading, counts, one section per action (up to limit);
    with states ({action id: AssessmentState}), each action's impact assessment too."""
    blocks = [header(listing_title(listing))]
    if not listing.actions:
        return blocks + [section(empty_text(listing))]
    counts = [counts_text(listing.counts, listing.overdue_count)]
    if states:
        counts.append(states_summary(states[a.id] for a in listing.actions if a.id in states))
    blocks.append(context(*counts))
    show_theme = listing.kind != "theme"
    blocks += [
        action_block(
            a,
            listing.key,
            show_theme=show_theme,
            state=states.get(a.id) if states else None,
            public_base_url=public_base_url,
        )
        for a in listing.actions[:limit]
    ]
    url = web_url(public_base_url, listing)
    if len(listing.actions) > limit:
        blocks.append(
            context(
                f"Showing {limit} of {len(listing.actions)}, overdue first: …and "
                f"{figures.count(len(listing.actions) - limit)} more on the <{url}|officer pages>."
            )
        )
    blocks.append(actions(button("Open on the web", OPEN_WEB_ACTION_ID, url=url)))
    return blocks


def listing_message(
    listing: ActionListing,
    *,
    public_base_url: str,
    states: Mapping[int, AssessmentState] | None = None,
) -> dict:
    """Return a listing as an ephemeral message body (with assessment states when given)."""
    text = f"{escape_mrkdwn(listing_title(listing))} ({len(listing.actions)})"
    return message(text, listing_blocks(listing, public_base_url=public_base_url, states=states))


def actions_reply(
    answer: ActionsAnswer,
    *,
    public_base_url: str,
    states: Mapping[int, AssessmentState] | None = None,
) -> dict:
    """Return the message answering `/actions <text>` for every answer status; states
    ({action id: AssessmentState}) add each listed action's impact assessment."""
    if answer.status == "listing" and answer.listing is not None:
        if answer.plan_size == 0:
            return no_plan_message()
        return listing_message(answer.listing, public_base_url=public_base_url, states=states)
    if answer.status == "choose_area":
        text = f"Several areas match {plain_quote(answer.query)}. Which one's actions?"
        return message(text, [section(text), _area_buttons(answer.lookup.choices)])
    if answer.status == "area_not_found":
        return area_not_found_message(answer)
    if answer.status == "no_area_data":
        text = (
            "No areas are loaded yet, so actions cannot be found by area. "
            "Try `/actions mine` or `/actions overdue`."
        )
        return message(text, [section(text)])
    if answer.status == "theme_not_found":
        text = f"No theme matches {plain_quote(answer.query)}."
        return message(text, [section(text + _themes_sentence(answer.themes))])
    return usage_message(answer)


def area_not_found_message(answer: ActionsAnswer) -> dict:
    """Return "No area matches “query”", with buttons for near misses."""
    text = f"No area matches {plain_quote(answer.query)}."
    suggestions = answer.lookup.suggestions if answer.lookup else ()
    blocks = [section(text + " Try an area name or code, `mine`, `overdue` or `theme <name>`.")]
    if suggestions:
        blocks.append(_area_buttons(suggestions))
    return message(text, blocks)


def usage_message(answer: ActionsAnswer) -> dict:
    """Return how to use /actions, with the plan's themes."""
    if answer.plan_size == 0:
        return no_plan_message()
    text = "Which actions? Name an area, or say mine, overdue, theme or borough."
    examples = (
        "`/actions heartsease` · `/actions mine` · `/actions overdue` · `/actions theme <name>` · "
        "`/actions borough` (for no particular area) · `/actions all` · "
        "`/actions assessments [area]` (impact assessments added up)"
    )
    return message(text, [section(f"{text}\n{examples}{_themes_sentence(answer.themes)}")])


def no_plan_message() -> dict:
    """Return the reply when no action plan has been imported."""
    text = "No action plan has been imported yet."
    return message(
        text,
        [section(f"{text} An administrator can load one with `fairer import-actions FILE.csv`.")],
    )


def _themes_sentence(themes: tuple[str, ...]) -> str:
    if not themes:
        return ""
    return (
        "\nThemes in the plan: "
        + ", ".join(f"`{escape_mrkdwn(t.replace('`', ''))}`" for t in themes[:30])
        + and_more(len(themes), 30)
        + "."
    )


def _area_buttons(choices: tuple[AreaSummary, ...]) -> dict:
    return actions(
        *(
            button(area_label(c), f"{CHOOSE_AREA_PREFIX}{i}", value=c.code)
            for i, c in enumerate(choices[:25])
        )
    )


# --- /area --------------------------------------------------------------------------------------


def with_action_counts(reply: dict, counts: ActionCounts | None) -> dict:
    """Return an /area reply with the area's action counts and a button listing them (unchanged
    when the area has no actions)."""
    if counts is None:
        return reply
    blocks = list(reply["blocks"])
    summary = section(f"*Action plan:* {counts_text(counts.counts, counts.overdue)}")
    noun = "action" if counts.total == 1 else "actions"
    list_button = button(f"List {counts.total} {noun}", LIST_AREA_ACTION_ID, value=counts.area_code)
    at = next((i for i, b in enumerate(blocks) if b.get("type") == "actions"), len(blocks))
    if at < len(blocks):
        blocks[at] = {**blocks[at], "elements": [*blocks[at]["elements"], list_button]}
        blocks.insert(at, summary)
    else:
        blocks += [summary, actions(list_button)]
    return {**reply, "blocks": blocks}


# --- App Home and reminders ---------------------------------------------------------------------


def reminder_message(reminders, *, public_base_url: str) -> dict:
    """Return the direct message reminding an owner (engagement.actions.reminders.OwnerReminders)
    of their actions."""
    count = len(reminders.actions)
    text = (
        "One of your actions needs an update"
        if count == 1
        else f"{figures.count(count)} of your actions need an update"
    )
    key = "ids:" + ",".join(str(a.id) for a in reminders.actions[:MESSAGE_LIMIT])
    blocks = [section(f"*{text}.* Click *Update* to record where things stand.")]
    for action in reminders.actions[:MESSAGE_LIMIT]:
        reasons = []
        if "overdue" in reminders.kinds_of(action.id):
            reasons.append(f":warning: overdue since {figures.short_date(action.due)}")
        if "stale" in reminders.kinds_of(action.id):
            reasons.append(f":hourglass: no update for {reminders.stale_weeks} weeks or more")
        blocks.append(context(" · ".join(reasons)))
        blocks.append(action_block(action, key))
    if count > MESSAGE_LIMIT:
        query = urlencode({"owner": reminders.owner_id})
        mine = f"{public_base_url.rstrip('/')}/officers/actions?{query}"
        blocks.append(
            section(
                f"…and {figures.count(count - MESSAGE_LIMIT)} more: see them all on the "
                f"<{mine}|officers' actions page>."
            )
        )
    blocks.append(
        context(
            f"You are reminded once when an action becomes overdue, and once a week while one has "
            f"had no update for {reminders.stale_weeks} weeks. "
            f"<{public_base_url.rstrip('/')}/officers/actions|All actions on the web>"
        )
    )
    return {"text": text, "blocks": blocks}


def status_choices() -> list[tuple[str, str]]:
    """Return (value, label) for every status, for forms."""
    return [(s.key, f"{s.emoji} {s.words}") for s in STATUSES]
