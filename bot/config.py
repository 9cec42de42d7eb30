"""Settings read once from the environment (or a test's overrides) and shared by the whole app."""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from storage.db import database_url as default_database_url

DEMO_SIGNING_SECRET = "demo-signing-secret"
DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_PUBLIC_BASE_URL = "http://127.0.0.1:5000"
DEFAULT_TIMEZONE = "Europe/London"
_TRUE = {"1", "true", "yes", "on"}


DEMO_SECRET_KEY_FILE = Path("var/demo-secret-key")


def _demo_secret_key() -> str:
    """Return the demo's key, made once and kept in var/, so `fairer slash "/fairer login"` links
    work on the demo server and gunicorn's workers share sessions."""
    try:
        return DEMO_SECRET_KEY_FILE.read_text().strip()
    except FileNotFoundError:
        pass
    # Workers and the clock start together: each writes a key of its own aside and links it into
    # place, which only the first manages, so every process reads the same, whole key.
    DEMO_SECRET_KEY_FILE.parent.mkdir(parents=True, exist_ok=True)
    mine = DEMO_SECRET_KEY_FILE.with_name(
        f"{DEMO_SECRET_KEY_FILE.name}.{os.getpid()}.{threading.get_ident()}"
    )
    mine.write_text(secrets.token_urlsafe(32))
    mine.chmod(0o600)
    try:
        os.link(mine, DEMO_SECRET_KEY_FILE)
    except FileExistsError:
        pass
    finally:
        mine.unlink()
    return DEMO_SECRET_KEY_FILE.read_text().strip()


class ConfigError(ValueError):
    """A required setting is missing or malformed; the message is one sentence naming it."""


def _flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    return str(value or "").strip().lower() in _TRUE


def _codes(value: object) -> tuple[str, ...]:
    if isinstance(value, (list, tuple)):
        items = value
    else:
        items = str(value or "").split(",")
    return tuple(item.strip() for item in items if str(item).strip())


@dataclass(frozen=True)
class Settings:
    """Everything the web app, the bot and the CLI need to know about their surroundings."""

    database_url: str
    secret_key: str
    signing_secret: str
    bot_token: str | None
    slack_api_url: str
    public_base_url: str
    timezone: str
    local_authorities: tuple[str, ...]
    admin_user_ids: tuple[str, ...]
    demo: bool = False
    testing: bool = False
    action_stale_weeks: int = 4  # remind owners of an action with no update for this many weeks
    proxy_hops: int = (
        0  # proxies in front of the web process (Heroku's router: 1), trusted for X-Forwarded-*
    )
    slack_team_ids: tuple[
        str, ...
    ] = ()  # workspaces whose members may use the app; () = the token's
    allow_guests: bool = False  # whether single- and multi-channel guests may use the app

    @classmethod
    def from_env(cls, overrides: Mapping[str, object] | None = None) -> Settings:
        """Return Settings from os.environ, with overrides (same variable names) taking precedence.

        Raises ConfigError naming the variable when a required one is missing.
        """
        overrides = dict(overrides or {})

        def read(name: str, default: str | None = None) -> str | None:
            value = overrides[name] if name in overrides else os.environ.get(name)
            if value is None or (isinstance(value, str) and not value.strip()):
                return default
            return value.strip() if isinstance(value, str) else value

        demo = _flag(read("FAIRER_DEMO"))
        testing = _flag(overrides.get("TESTING"))  # only a test's own config, never the environment

        secret_key = read("SECRET_KEY")
        if secret_key is None:
            if not (demo or testing):
                raise ConfigError(
                    "SECRET_KEY is not set: set it to a long random string, "
                    "or FAIRER_DEMO=1 for a local demo."
                )
            secret_key = _demo_secret_key() if demo and not testing else secrets.token_urlsafe(32)

        signing_secret = read("SLACK_SIGNING_SECRET", DEMO_SIGNING_SECRET if demo else None)
        if signing_secret is None:
            raise ConfigError(
                "SLACK_SIGNING_SECRET is not set: copy it from your Slack app's Basic Information "
                "page, or set FAIRER_DEMO=1 for a local demo."
            )

        url = read("DATABASE_URL")
        database_url = _normalise_database_url(url) if url else default_database_url()
        api_url = read("SLACK_API_URL", DEFAULT_SLACK_API_URL)
        timezone = read("FAIRER_TIMEZONE", DEFAULT_TIMEZONE)
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(
                f"FAIRER_TIMEZONE is {timezone!r}, "
                "which is not a time zone name such as Europe/London."
            ) from None
        stale_weeks = read("FAIRER_ACTION_STALE_WEEKS", "4")
        if not str(stale_weeks).isdigit() or not 1 <= int(stale_weeks) <= 52:
            raise ConfigError(
                f"FAIRER_ACTION_STALE_WEEKS is {stale_weeks!r}: "
                "give a whole number of weeks from 1 to 52."
            )
        proxy_hops = str(read("FAIRER_PROXY_HOPS", "0")).strip()
        if not proxy_hops.isdigit() or int(proxy_hops) > 5:
            raise ConfigError(
                f"FAIRER_PROXY_HOPS is {proxy_hops!r}: "
                "give the number of proxies in front of the web process, from 0 to 5 (1 on Heroku)."
            )
        return cls(
            database_url=database_url,
            secret_key=secret_key,
            signing_secret=signing_secret,
            bot_token=read("SLACK_BOT_TOKEN"),
            # slack_sdk joins base_url and the method name by plain concatenation.
            slack_api_url=api_url if api_url.endswith("/") else api_url + "/",
            public_base_url=read("PUBLIC_BASE_URL", DEFAULT_PUBLIC_BASE_URL).rstrip("/"),
            timezone=timezone,
            local_authorities=_codes(read("FAIRER_LOCAL_AUTHORITIES")),
            admin_user_ids=_codes(read("FAIRER_ADMIN_USER_IDS")),
            demo=demo,
            testing=testing,
            action_stale_weeks=int(stale_weeks),
            proxy_hops=int(proxy_hops),
            slack_team_ids=tuple(code.upper() for code in _codes(read("FAIRER_SLACK_TEAM_IDS"))),
            allow_guests=_flag(read("FAIRER_ALLOW_GUESTS")),
        )

    @property
    def posting_enabled(self) -> bool:
        """Return True when a bot token is configured, so messages are sent rather than logged."""
        return bool(self.bot_token)

    def flask_config(self) -> dict[str, object]:
        """Return the plain values the Flask app keeps in app.config (read by the survey pages)."""
        return {
            "SECRET_KEY": self.secret_key,
            "DATABASE_URL": self.database_url,
            "PUBLIC_BASE_URL": self.public_base_url,
            "FAIRER_TIMEZONE": self.timezone,
            "FAIRER_LOCAL_AUTHORITIES": self.local_authorities,
            "FAIRER_ADMIN_USER_IDS": self.admin_user_ids,
            "FAIRER_DEMO": self.demo,
        }


def _normalise_database_url(url: str) -> str:
    # Same rule as storage.db.database_url(): Heroku-style URLs would otherwise pick psycopg2.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
