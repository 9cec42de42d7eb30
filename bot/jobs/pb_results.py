"""Publishing a participatory budgeting round's results, and announcing them in Slack.

engagement.pb.publish does the publishing (and stays free of Slack); this composes the summary
with bot.blocks.pb and posts it with the one Slack client, as the digests do.
"""

from __future__ import annotations

import logging

from slack_sdk import WebClient

from bot.blocks.pb import pb_results_message
from bot.config import Settings
from bot.slack_client import SLACK_FAILURES, build_web_client, classify
from engagement import figures
from engagement.pb.publish import publish_results
from engagement.pb.results import round_results
from storage import session_scope
from storage.db import engine_for

log = logging.getLogger(__name__)


def publish_and_announce(
    slug: str,
    *,
    channel: str | None,
    published_by: str,
    settings: Settings,
    client: WebClient | None = None,
) -> str:
    """Publish the round's results, turn funded projects into actions, post the summary to
    channel (when given and a bot token is set); return one sentence saying what happened.

    The results are published (and stay so) even when the post fails."""
    engine = engine_for(settings.database_url)
    with session_scope(engine) as session:
        published = publish_results(session, slug, published_by=published_by)
        _loaded, results = round_results(session, slug)
    url = f"{settings.public_base_url}/pb/{slug}/results"
    done = (
        f"Published the results of '{slug}' at {url}: "
        f"{figures.count(len(published.actions))} funded project(s) are actions "
        f"({', '.join(a.reference for a in published.actions) or 'none'})."
    )
    if not channel:
        return done
    if client is None:
        if not settings.posting_enabled:
            return done + " No bot token is set, so nothing was posted to Slack."
        client = build_web_client(settings, settings.bot_token, exactly_once=True)
    body = pb_results_message(results, url)
    try:
        client.chat_postMessage(channel=channel, text=body["text"], blocks=body["blocks"])
    except SLACK_FAILURES as error:
        failure = classify(error)
        log.warning("Results of %s not posted to %s: %s", slug, channel, failure.detail)
        return done + f" The Slack post failed ({failure.detail}); run publish again to retry."
    return done + f" Posted the summary to {channel}."
