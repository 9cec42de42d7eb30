"""One help reply for every slash command: what it does, how to type it, with examples.

`/area help`, `/survey help`, `/actions help`, `/digest help` and `/fairer help` all answer with
command_help(); a subcommand a command does not know gets the same help, naming the word first.
"""

from __future__ import annotations

from bot.blocks.kit import context, header, message, section
from bot.blocks.mrkdwn import escape_mrkdwn, plain_quote

HELP_WORDS = frozenset({"help", "?", "-h", "--help"})

# command -> (what it does, ((usage, what that usage shows), …))
COMMANDS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "/area": (
        "Shows the deprivation profile of a neighbourhood, ward or council area.",
        (
            ("/area heartsease", "an area by name"),
            ("/area E01026620", "an area by its official code"),
        ),
    ),
    "/actions": (
        "Lists the actions planned to make places fairer, overdue first, each with an Update "
        "button and the state of its impact assessment.",
        (
            ("/actions heartsease", "the actions planned for an area"),
            ("/actions mine", "the actions you own"),
            ("/actions overdue", "every overdue action"),
            ("/actions theme <name>", "the actions under one theme"),
            ("/actions borough", "actions for no particular area"),
            ("/actions all", "every action in the plan"),
            (
                "/actions assessments [area]",
                "impact assessments added up: how many are signed off, negative impacts by row, "
                "protected characteristic and area",
            ),
        ),
    ),
    "/survey": (
        "Summarises what residents have said in a survey so far, withholding small numbers.",
        (
            ("/survey", "every survey, open or closed, with its number of respondents"),
            ("/survey <name>", "one survey's results, with a link to the officer results page"),
        ),
    ),
    "/digest": (
        "Posts a weekly digest of what changed in actions and surveys to this channel.",
        (
            ("/digest subscribe", "a digest of everything"),
            ("/digest subscribe heartsease", "a digest of one area"),
            ("/digest subscribe theme <name>", "a digest of one theme"),
            ("/digest subscribe survey <name>", "a digest of one survey"),
            ("/digest subscribe … weekly friday 14:00", "choose the day and time"),
            ("/digest list", "the digests this channel gets"),
            ("/digest unsubscribe", "stop a digest"),
        ),
    ),
    "/ideas": (
        "Lists the ideas in an area's project bank: what residents and groups proposed, and "
        "which partners picked them up.",
        (("/ideas heartsease", "the published ideas for an area, newest first"),),
    ),
    "/fairer": (
        "Fairer Places helps the council work on inequality in its most deprived neighbourhoods.",
        (
            ("/fairer login", "a private link that signs you in to the officer web pages"),
            ("/fairer help", "every command"),
        ),
    ),
}
ABOUT = (
    "It shows deprivation profiles, follows the actions planned in each area, and summarises "
    "what residents said in surveys, including who has not been heard yet."
)
PRIVATE = "Replies to these commands are only visible to you unless a command says otherwise."


def is_help(text: str) -> bool:
    """Return True when a command's text asks for help ("help", "?", "--help" …)."""
    words = (text or "").split()
    return bool(words) and words[0].lower() in HELP_WORDS


def _usage_lines(command: str) -> list[str]:
    return [
        f"`{escape_mrkdwn(usage)}`: {escape_mrkdwn(does)}" for usage, does in COMMANDS[command][1]
    ]


def command_help(command: str, unknown: str | None = None) -> dict:
    """Return the ephemeral help reply for a slash command ("/area" …): a heading, what it does,
    its usages with examples; names an unknown subcommand first when one was typed. /fairer's
    help lists every command."""
    summary, _usages = COMMANDS[command]
    blocks = []
    if unknown:
        blocks.append(
            section(f"Sorry, I do not know {plain_quote(unknown)}. Here is what I can do.")
        )
    if command == "/fairer":
        title = "Fairer Places"
        lines = [line for name in COMMANDS for line in _usage_lines(name)]
        blocks += [header(title), section(f"{summary} {ABOUT}")]
    else:
        title = f"{command} help"
        lines = _usage_lines(command)
        blocks += [header(title), section(summary)]
    blocks += [
        section("*How to use it*\n" + "\n".join(lines)),
        context(f"{PRIVATE} Type `/fairer help` for every command."),
    ]
    return message(summary, blocks)
