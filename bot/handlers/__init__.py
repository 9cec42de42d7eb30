"""Slack listeners, one module per feature, each wired to the Bolt app by its register(app).

Listeners are plain module-level functions taking Bolt's typed arguments (ack, command, body,
client, respond, context …). What they need from their surroundings reaches them through Bolt's
context, which the middleware from provide_context() fills in for every request: settings_of()
reads the app's Settings and session_for() opens a session on its database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from slack_bolt import BoltContext, BoltResponse
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.config import Settings
from storage import session_scope

_SETTINGS = "fairer_settings"
_ENGINE = "fairer_engine"


def provide_context(settings: Settings, engine: Engine) -> Callable[..., BoltResponse | None]:
    """Return the Bolt middleware that puts settings and the database engine into every
    request's context, for settings_of() and session_for()."""

    def provide(
        context: BoltContext, next: Callable[[], BoltResponse | None]
    ) -> BoltResponse | None:
        context[_SETTINGS] = settings
        context[_ENGINE] = engine
        return next()

    return provide


def settings_of(context: BoltContext) -> Settings:
    """Return the app's Settings from a listener's context."""
    return context[_SETTINGS]


@contextmanager
def session_for(context: BoltContext) -> Iterator[Session]:
    """Yield a session on the app's database that commits when the block ends (and rolls back
    if it raises)."""
    with session_scope(context[_ENGINE]) as session:
        yield session
