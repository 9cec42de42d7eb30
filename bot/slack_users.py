"""Finding Slack users: an action plan may name an owner by e-mail address instead of user ID."""

from __future__ import annotations

from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack_client import Verdict, classify
from engagement.actions.plan_rows import OwnerLookupFailed


def email_resolver(client: WebClient) -> Callable[[str], str | None]:
    """Return resolve(address) -> the Slack user ID with that e-mail address, or None when nobody
    has it; any other failure raises OwnerLookupFailed naming Slack's error."""

    def resolve(address: str) -> str | None:
        try:
            response = client.users_lookupByEmail(email=address)
        except SlackApiError as err:
            failure = classify(err)
            if failure.verdict is Verdict.GONE:
                return None
            answer = failure.error or failure.status
            raise OwnerLookupFailed(f"users.lookupByEmail answered {answer}") from None
        except OSError as err:  # no route to Slack at all
            raise OwnerLookupFailed(f"Slack could not be reached: {err}") from None
        return (response.get("user") or {}).get("id")

    return resolve
