"""Block Kit for the App Home dashboard: what the app does, buttons to find an area and to sign
in to the web pages, the person's actions (overdue first), open surveys with how many have
answered, and the workspace's weekly digests. Pure functions; every name is escaped."""

from __future__ import annotations

from bot.blocks import actions as action_blocks
from bot.blocks.digest_command import channel_mention, subscription_line
from bot.blocks.kit import actions, button, context, divider, header, section
from bot.blocks.mrkdwn import escape_mrkdwn
from bot.blocks.surveys import officer_results_url, respondents
from engagement import figures
from engagement.actions.plans import ActionListing
from engagement.digests.subscriptions import SubscriptionView
from engagement.surveys.lookup import SurveyListing

FIND_AREA_ACTION_ID = "home_find_area"
SIGN_IN_ACTION_ID = "home_sign_in"
HOME_BLOCK_LIMIT = 100  # Slack's limit for a Home tab
ACTIONS_LIMIT = 25  # actions shown on the Home tab (two blocks at most each, with the "more")
SURVEYS_LIMIT = 10
DIGESTS_LIMIT = 15
WELCOME = (
    "*Fairer Places* helps the council work on inequality in its most deprived neighbourhoods: "
    "deprivation profiles of every area, the actions planned to make places fairer, and what "
    "residents said in surveys, including who has not been heard yet."
)


def _more(n: int, noun: str, url: str, where: str) -> dict:
    nouns = noun if n == 1 else noun + "s"
    return context(f"…and {figures.count(n)} more {nouns} on the <{url}|{where}>")


def _surveys_blocks(surveys: list[SurveyListing], public_base_url: str) -> list[dict]:
    base = public_base_url.rstrip("/")
    open_now = [s for s in surveys if s.state == "open"]
    blocks = [header("Open surveys")]
    if not open_now:
        return blocks + [section("No survey is open just now. `/survey` lists every survey.")]
    lines = [
        f"• <{officer_results_url(base, s.slug)}|{escape_mrkdwn(s.title)}>: "
        f"{respondents(s.responses)}"
        for s in open_now[:SURVEYS_LIMIT]
    ]
    blocks.append(section("\n".join(lines)))
    if len(open_now) > SURVEYS_LIMIT:
        more = len(open_now) - SURVEYS_LIMIT
        blocks.append(_more(more, "survey", f"{base}/officers/surveys", "officers' surveys page"))
    blocks.append(context("Type `/survey <name>` for a survey's results here in Slack."))
    return blocks


def _digests_blocks(subscriptions: tuple[SubscriptionView, ...]) -> list[dict]:
    blocks = [header("Weekly digests in this workspace")]
    if not subscriptions:
        return blocks + [
            section("No channel gets a weekly digest yet. Type `/digest subscribe` in one.")
        ]
    lines = [
        f"• {channel_mention(s.channel_id)} · {subscription_line(s).removeprefix('• ')}"
        for s in subscriptions[:DIGESTS_LIMIT]
    ]
    blocks.append(section("\n".join(lines)))
    if len(subscriptions) > DIGESTS_LIMIT:
        more = len(subscriptions) - DIGESTS_LIMIT
        blocks.append(context(f"…and {figures.count(more)} more: `/digest list` in each channel"))
    return blocks


def _actions_blocks(listing: ActionListing, public_base_url: str) -> list[dict]:
    blocks = action_blocks.listing_blocks(
        listing, public_base_url=public_base_url, limit=ACTIONS_LIMIT
    )
    blocks.append(
        context(
            "Update an action here, or find others with `/actions <area>`, `/actions overdue` "
            "or `/actions theme <name>`."
        )
    )
    return blocks


def dashboard_view(
    listing: ActionListing,
    *,
    surveys: list[SurveyListing],
    subscriptions: tuple[SubscriptionView, ...],
    public_base_url: str,
) -> dict:
    """Return the App Home view: a welcome, the Find an area and Sign in buttons, the person's
    actions (overdue first), open surveys and the workspace's digests (under 100 blocks)."""
    blocks = [
        header("Welcome to Fairer Places"),
        section(WELCOME),
        actions(
            button("Find an area", FIND_AREA_ACTION_ID, value="find"),
            button("Sign in to the web pages", SIGN_IN_ACTION_ID, value="sign-in"),
        ),
        context("`/fairer help` lists every command. Replies to commands are only seen by you."),
        divider(),
        *_actions_blocks(listing, public_base_url),
        divider(),
        *_surveys_blocks(surveys, public_base_url),
        divider(),
        *_digests_blocks(subscriptions),
    ]
    return {"type": "home", "blocks": blocks[:HOME_BLOCK_LIMIT]}
