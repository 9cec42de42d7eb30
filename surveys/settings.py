"""The settings the running app was built with: stored once by create_app(), read here."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app

# The one place the settings' key in app.extensions is spelled.
SETTINGS_KEY = "fairer_settings"


def store_settings(app: Flask, settings: Any) -> None:
    """Keep the settings app was built with, for app_settings() and current_settings();
    returns nothing."""
    app.extensions[SETTINGS_KEY] = settings


def app_settings(app: Flask) -> Any | None:
    """Return the settings app was built with, or None for an app built without them."""
    return app.extensions.get(SETTINGS_KEY)


def current_settings() -> Any | None:
    """Return the settings the current app (of this request or app context) was built with,
    or None."""
    return app_settings(current_app)
