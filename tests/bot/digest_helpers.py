"""The weekly digest a channel would get now, for tests that read what digests say."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.blocks.digest import digest_message
from engagement.digests.content import compose_digest
from storage import session_scope
from tests.engagement.digest_factories import create_subscription

TIMEZONE = "Europe/London"


def last_weeks_digest(engine, text: str, *, channel_id: str, public_base_url: str) -> dict:
    """Return the Block Kit message a new subscription (`/digest <text>`) in channel_id would be
    sent for the seven days to now."""
    until = datetime.now(UTC) + timedelta(minutes=1)
    with session_scope(engine) as session:
        subscription = create_subscription(session, text=text, channel_id=channel_id)
        content = compose_digest(
            session, subscription, since=until - timedelta(days=7), until=until, timezone=TIMEZONE
        )
        return digest_message(content, public_base_url=public_base_url, timezone=TIMEZONE)
