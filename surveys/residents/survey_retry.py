"""The page for answers the database could not take just now: "Sorry, there is a problem with
the service – try again", with a button that sends the kept answers again under the same token
(so a send that did get through after all is still stored once)."""

from __future__ import annotations

from flask import render_template

from surveys.residents.language import words
from surveys.residents.survey_guard import HONEYPOT_FIELD


def try_again_page(flow, loaded, token: str, layout: dict | None = None):
    """Return the "try again" page for the flow's survey (status 503, Retry-After 5): nothing
    was stored and the answers are still kept in the session."""
    page = render_template(
        "surveys/try_again.html",
        flow=flow,
        survey=loaded.definition,
        submit_url=flow.url("submit", loaded.slug),
        check_url=flow.url("check_answers", loaded.slug),
        token=token,
        honeypot=HONEYPOT_FIELD,
        page_title=f"{words('try_again_title')} – {loaded.definition.title}",
        **(layout or {}),
    )
    return page, 503, {"Retry-After": "5"}
