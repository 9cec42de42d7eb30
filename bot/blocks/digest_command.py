"""Block Kit for `/digest` replies (only the person who typed it sees them) and for the direct
message telling a subscriber their digest is paused. Pure functions; every name is escaped."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from bot.blocks.digest import scope_title
from bot.blocks.help import command_help
from bot.blocks.kit import and_more, context, join_words, message, section
from bot.blocks.mrkdwn import escape_mrkdwn, plain_quote
from bot.blocks.share import is_slack_user_id
from engagement import figures
from engagement.digests.subscriptions import DigestCommandAnswer, SubscriptionView

EXAMPLES = (
    "`/digest subscribe` (everything) · `/digest subscribe heartsease` · "
    "`/digest subscribe theme <name>` · `/digest subscribe survey <name>` · "
    "add `weekly friday 14:00` to choose the time · `/digest list` · "
    "`/digest unsubscribe`"
)
_CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{2,}$")
_REASONS = {
    "not_in_channel": "I am not a member of that channel",
    "channel_not_found": "I cannot find that channel",
    "is_archived": "the channel has been archived",
    "unreachable": "Slack could not be reached",
}


def _about(subscription: SubscriptionView) -> str:
    return f"*{escape_mrkdwn(scope_title(subscription.scope_kind, subscription.scope_label))}*"


def _code(text: str) -> str:
    return f"`{escape_mrkdwn(text.replace('`', ''))}`"


def subscribe_command(subscription: SubscriptionView) -> str:
    """Return the command that subscribes to the same scope again, in backticks."""
    return _code(f"/digest subscribe {subscription.key}".rstrip())


def _next_text(subscription: SubscriptionView) -> str:
    if subscription.next_at is None:
        return "paused"
    local = subscription.next_at.astimezone(ZoneInfo(subscription.schedule.timezone))
    day, time = figures.short_date(local), figures.clock_time(local)
    return f"next on {figures.weekday(local)} {day} at {time}"


def channel_mention(channel_id: str) -> str:
    """Return a channel as a mention Slack links, or the escaped ID if it does not look like one."""
    return f"<#{channel_id}>" if _CHANNEL_ID.match(channel_id) else escape_mrkdwn(channel_id)


def subscription_line(subscription: SubscriptionView) -> str:
    """Return one subscription as a list item: scope, schedule, next digest or why it is paused."""
    line = (
        f"• {_about(subscription)}: {escape_mrkdwn(subscription.schedule.words)}, "
        f"{_next_text(subscription)}"
    )
    if subscription.paused_at is not None:
        why = _REASONS.get(
            subscription.pause_reason or "", escape_mrkdwn(subscription.pause_reason or "unknown")
        )
        since = figures.short_date(subscription.paused_at)
        line += f" since {since} ({why}). Invite me, then type {subscribe_command(subscription)}"
    return line


def _subscribed(answer: DigestCommandAnswer) -> dict:
    s = answer.subscription
    verb = "will now get" if answer.status == "subscribed" else "now gets"
    text = (
        f"This channel {verb} a weekly digest of {_about(s)}: "
        f"{escape_mrkdwn(s.schedule.words)}, {_next_text(s)}."
    )
    change_time = f"/digest subscribe {s.key} weekly friday 14:00".replace("  ", " ")
    unsubscribe = f"/digest unsubscribe {s.key}".rstrip()
    how = f"Change the time with {_code(change_time)}; stop it with {_code(unsubscribe)}."
    return message(text.replace("*", ""), [section(text), context(how)])


def _list(answer: DigestCommandAnswer) -> dict:
    if not answer.subscriptions:
        return _not_subscribed()
    number = len(answer.subscriptions)
    text = f"This channel gets {figures.count(number)} weekly digest{'s' if number != 1 else ''}:"
    lines = [subscription_line(s) for s in answer.subscriptions[:30]]
    if number > 30:
        lines.append(f"…and {figures.count(number - 30)} more")
    return message(text, [section(text + "\n" + "\n".join(lines)), context(EXAMPLES)])


def _not_subscribed() -> dict:
    text = "This channel has no weekly digests. Start one with `/digest subscribe`."
    return message(text, [section(text), context(EXAMPLES)])


def _choices(answer: DigestCommandAnswer) -> str:
    return join_words(
        [
            f"{escape_mrkdwn(c.name)} ({escape_mrkdwn(c.kind_label)}) {_code(c.code)}"
            for c in answer.choices[:10]
        ]
    ) + and_more(len(answer.choices), 10)


def _options(kind: str, options: tuple[str, ...]) -> str:
    if not options:
        return f" There are no {kind}s yet."
    listed = ", ".join(_code(o) for o in options[:30]) + and_more(len(options), 30)
    return f" {kind.capitalize()}s: {listed}."


def digest_reply(answer: DigestCommandAnswer) -> dict:
    """Return the ephemeral reply to `/digest <text>` for every answer status."""
    status = answer.status
    if status in ("subscribed", "updated"):
        return _subscribed(answer)
    if status == "listed":
        return _list(answer)
    if status == "not_subscribed":
        return _not_subscribed()
    if status == "unsubscribed":
        text = (
            f"This channel will no longer get the weekly digest of {_about(answer.subscription)}."
        )
        return message(text.replace("*", ""), [section(text)])
    if status == "which_one":
        intro = (
            f"No digest here matches {plain_quote(answer.query)}."
            if answer.query
            else "Which digest?"
        )
        lines = [
            f"• {_about(s)}: {_code(f'/digest unsubscribe {s.key}'.rstrip())}"
            for s in answer.subscriptions
        ]
        return message(intro, [section(f"{intro} This channel gets:\n" + "\n".join(lines))])
    if status == "bad_schedule":
        return message(escape_mrkdwn(answer.problem), [section(escape_mrkdwn(answer.problem))])
    if status == "choose_area":
        text = (
            f"Several areas match {plain_quote(answer.query)}: {_choices(answer)}. "
            "Subscribe with the code you mean."
        )
        return message(f"Several areas match {plain_quote(answer.query)}.", [section(text)])
    if status == "area_not_found":
        text = f"No area matches {plain_quote(answer.query)}."
        more = f" Did you mean {_choices(answer)}?" if answer.choices else ""
        return message(text, [section(text + more), context(EXAMPLES)])
    if status == "no_area_data":
        text = (
            "No areas are loaded yet, so a digest cannot be about an area. "
            "Try `/digest subscribe` for everything."
        )
        return message(text, [section(text)])
    if status in ("theme_not_found", "survey_not_found"):
        kind = "theme" if status == "theme_not_found" else "survey"
        text = f"No {kind} matches {plain_quote(answer.query)}."
        return message(text, [section(text + _options(kind, answer.options))])
    return command_help("/digest", unknown=answer.word or None)


def channel_note(subscription: SubscriptionView, *, user_id: str, updated: bool = False) -> dict:
    """Return the message posted in the channel when someone sets up (or changes) its digest:
    who, which digest and when it comes."""
    who = f"<@{user_id}>" if is_slack_user_id(user_id) else "Someone"
    verb = "changed" if updated else "set up"
    when = f"{escape_mrkdwn(subscription.schedule.words)}, {_next_text(subscription)}"
    text = f"{who} {verb} a weekly digest of {_about(subscription)} in this channel: {when}."
    stop = _code(f"/digest unsubscribe {subscription.key}".rstrip())
    return {
        "text": text.replace("*", ""),
        "blocks": [section(text), context(f"Type `/digest list` to see it, or {stop} to stop it.")],
    }


def note_not_posted(reply: dict, reason: str) -> dict:
    """Return the ephemeral /digest reply with a line saying the channel note could not be
    posted, and why."""
    why = _REASONS.get(reason, f"Slack said {escape_mrkdwn(reason)}")
    line = (
        f":warning: I could not tell the channel about it because {why}. "
        "Add me with `/invite @Fairer Places`, or the digest cannot be posted either."
    )
    return {**reply, "blocks": [*reply["blocks"], context(line)]}


def paused_message(subscription: SubscriptionView, reason: str) -> dict:
    """Return the direct message telling the subscriber why their digest stopped and how to
    restart it."""
    why = _REASONS.get(reason, f"Slack said {escape_mrkdwn(reason)}")
    text = (
        f"The weekly digest of {_about(subscription)} in "
        f"{channel_mention(subscription.channel_id)} is paused: "
        f"I could not post it because {why}."
    )
    how = (
        "To restart it, add me to the channel (`/invite @Fairer Places`) and type "
        f"{subscribe_command(subscription)} there."
    )
    return {"text": text.replace("*", ""), "blocks": [section(text), section(how)]}
