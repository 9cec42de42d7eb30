"""Settings.from_env: defaults, demo mode and plain errors for missing secrets."""

from __future__ import annotations

import pytest

from bot.config import DEMO_SIGNING_SECRET, ConfigError, Settings
from tests.concurrency import run_at_once

ALL = (
    "DATABASE_URL",
    "SECRET_KEY",
    "SLACK_SIGNING_SECRET",
    "SLACK_BOT_TOKEN",
    "SLACK_API_URL",
    "PUBLIC_BASE_URL",
    "FAIRER_TIMEZONE",
    "FAIRER_LOCAL_AUTHORITIES",
    "FAIRER_ADMIN_USER_IDS",
    "FAIRER_DEMO",
    "TESTING",
)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in ALL:
        monkeypatch.delenv(name, raising=False)


def test_missing_secret_key_names_the_variable():
    with pytest.raises(ConfigError, match="^SECRET_KEY is not set"):
        Settings.from_env({"SLACK_SIGNING_SECRET": "s"})


def test_missing_signing_secret_names_the_variable():
    with pytest.raises(ConfigError, match="^SLACK_SIGNING_SECRET is not set") as raised:
        Settings.from_env({"SECRET_KEY": "k"})
    message = str(raised.value)
    assert (
        message.endswith(".") and message.count(". ") == 0 and "\n" not in message
    )  # one sentence


def test_demo_mode_needs_no_secrets_and_its_processes_share_a_key_kept_in_var(
    monkeypatch, tmp_path
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FAIRER_DEMO", "1")
    first, second = Settings.from_env(), Settings.from_env()
    assert first.signing_secret == DEMO_SIGNING_SECRET
    assert first.secret_key and first.secret_key == second.secret_key
    key_file = tmp_path / "var" / "demo-secret-key"
    assert key_file.read_text().strip() == first.secret_key
    assert key_file.stat().st_mode & 0o077 == 0  # readable by its owner only
    assert first.demo and not first.posting_enabled


def test_demo_processes_starting_together_all_get_the_one_key(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FAIRER_DEMO", "1")

    keys = run_at_once([lambda: Settings.from_env().secret_key] * 8)

    assert len(set(keys)) == 1 and keys[0]
    assert [p.name for p in (tmp_path / "var").iterdir()] == [
        "demo-secret-key"
    ]  # nothing left aside


def test_defaults(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "k")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    settings = Settings.from_env()
    assert settings.database_url == "sqlite:///var/fairer.db"
    assert settings.slack_api_url == "https://slack.com/api/"
    assert settings.public_base_url == "http://127.0.0.1:5000"
    assert settings.timezone == "Europe/London"
    assert (
        settings.bot_token is None
        and settings.local_authorities == ()
        and settings.admin_user_ids == ()
    )


def test_environment_values_are_read_and_normalised(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "k")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db/fairer")
    monkeypatch.setenv("SLACK_API_URL", "http://127.0.0.1:9999/api")
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://fairer.example.org/")
    monkeypatch.setenv("FAIRER_LOCAL_AUTHORITIES", "E07000148, E08000018,")
    monkeypatch.setenv("FAIRER_ADMIN_USER_IDS", "U1,U2")
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    settings = Settings.from_env()
    assert settings.database_url == "postgresql+psycopg://u:p@db/fairer"
    assert settings.slack_api_url == "http://127.0.0.1:9999/api/"
    assert settings.public_base_url == "https://fairer.example.org"
    assert settings.local_authorities == ("E07000148", "E08000018")
    assert settings.admin_user_ids == ("U1", "U2")
    assert settings.posting_enabled


def test_overrides_beat_the_environment_and_testing_comes_only_from_overrides(monkeypatch):
    monkeypatch.setenv("TESTING", "1")
    with pytest.raises(ConfigError):
        Settings.from_env({"SLACK_SIGNING_SECRET": "s"})
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://from-env.example")
    settings = Settings.from_env(
        {"TESTING": True, "SLACK_SIGNING_SECRET": "s", "PUBLIC_BASE_URL": "https://x.example"}
    )
    assert settings.testing and settings.public_base_url == "https://x.example"


def test_settings_are_frozen():
    settings = Settings.from_env({"TESTING": True, "SLACK_SIGNING_SECRET": "s"})
    with pytest.raises(AttributeError):
        settings.secret_key = "other"


def test_an_unknown_time_zone_is_named(monkeypatch):
    with pytest.raises(
        ConfigError, match="^FAIRER_TIMEZONE is 'Europe/Norwich', which is not a time zone"
    ):
        Settings.from_env(
            {"TESTING": True, "SLACK_SIGNING_SECRET": "s", "FAIRER_TIMEZONE": "Europe/Norwich"}
        )
