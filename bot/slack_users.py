"""Finding Slack users: an action plan may name an owner by e-mail address instead of user ID."""
from __future__ import annotations

from typing import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from engagement.actions.plan_import import OwnerLookupFailed

NOT_FOUND_ERRORS = {"users_not_found", "user_not_found"}


def email_resolver(client: WebClient) -> Callable[[str], str | None]:
    """Return resolve(address) -> the Slack user ID with that e-mail address, or None when nobody
    has it; any other failure raises OwnerLookupFailed naming Slack's error."""

    def resolve(address: str) -> str | None:
        try:
            response = client.users_lookupByEmail(email=address)
        except SlackApiError as err:
            error = err.response.get("error") if err.response is not None else None
            if error in NOT_FOUND_ERRORS:
                return None
            raise OwnerLookupFailed(f"users.lookupByEmail answered {error or err.response.status_code}") from None
        except OSError as err:  # no route to Slack at all
            raise OwnerLookupFailed(f"Slack could not be reached: {err}") from None
        return (response.get("user") or {}).get("id")

    return resolve
