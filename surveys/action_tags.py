"""The GOV.UK tag colour that shows each action status on the web pages."""

ACTION_TAG_CLASSES = {
    "not_started": "govuk-tag--grey",
    "on_track": "govuk-tag--green",
    "at_risk": "govuk-tag--yellow",
    "off_track": "govuk-tag--red",
    "complete": "govuk-tag--blue",
    "dropped": "govuk-tag--grey",
}
