"""Slack listeners, one module per feature, each wired to the Bolt app by its register(app).

Listeners are plain module-level functions taking Bolt's typed arguments (ack, command, body,
client, respond, context …). What they need from their surroundings reaches them through Bolt's
context, which the middleware from provide_context() fills in for every request: settings_of()
reads the app's Settings and session_for() opens a session on its database. The same
middleware refuses, before any listener runs, people outside the configured workspace(s)
(bot/handlers/workspace.py says who may do what).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from slack_bolt import BoltContext, BoltResponse
from slack_sdk import WebClient
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.config import Settings
from storage import session_scope

_SETTINGS = "fairer_settings"
_ENGINE = "fairer_engine"


def provide_context(settings: Settings, engine: Engine) -> Callable[..., BoltResponse | None]:
    """Return the Bolt middleware that puts settings and the database engine into every
    request's context, for settings_of() and session_for(), and answers requests from people
    who are not members of the app's workspace(s) with a private refusal instead."""
    from bot.handlers.workspace import members_only  # imports blocks that import nothing here

    def provide(
        context: BoltContext,
        body: dict,
        client: WebClient,
        respond: Callable[..., object] | None,
        next: Callable[[], BoltResponse | None],
    ) -> BoltResponse | None:
        context[_SETTINGS] = settings
        context[_ENGINE] = engine
        refusal = members_only(settings, body, client, respond)
        if refusal is not None:
            return refusal
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
