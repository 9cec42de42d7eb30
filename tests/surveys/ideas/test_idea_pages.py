"""The project bank on the web: a resident proposes an idea (errors named, nothing lost, stored
once), an officer moderates it, and the area's page and JSON show it when published."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select

from storage import session_scope
from storage.db import engine_for
from storage.idea_models import Idea
from tests.officer_fixtures import sign_in
from tests.surveys.pages import parse, text
from tests.surveys.survey_helpers import errors_on, inline_errors

HEATHFIELD = "E02900001"  # the Sampleton MSOA "Heathfield & Priory Park"
CHANNEL_TITLE = "<!channel> <b>Free</b> bikes"
IDEA = {
    "area": HEATHFIELD,
    "title": "Community fridge at the church hall",
    "description": "Surplus food from the supermarket, shared instead of thrown away.",
    "contact_name": "Sam Resident",
    "contact_email": "sam@example.org",
}


def hidden_fields(client, path="/ideas/new") -> dict[str, str]:
    """Return the form's hidden fields (the CSRF token and the visit token), as a browser sends
    them."""
    form = parse(client.get(path)).select_one("form[method=post]")
    return {i["name"]: i["value"] for i in form.select("input[type=hidden]")}


def propose(client, fields: dict):
    return client.post("/ideas/new", data={**hidden_fields(client), **fields})


def ideas_in(app) -> list[Idea]:
    with session_scope(engine_for(app.config["DATABASE_URL"])) as session:
        return list(session.scalars(select(Idea).order_by(Idea.id)))


@pytest.fixture
def resident(slack_app):
    return slack_app.test_client()


@pytest.fixture
def officer(slack_app):
    client = slack_app.test_client()
    sign_in(client)
    return client


def test_the_form_offers_the_neighbourhoods_by_name_and_chooses_the_areas_own(resident):
    response = resident.get(f"/areas/{HEATHFIELD}/ideas/new")
    assert response.status_code == 302
    page = parse(resident.get(response.location))
    select_box = page.select_one("select#area")
    names = [text(o) for o in select_box.select("option")]
    assert "Heathfield & Priory Park" in names
    assert not any(name.startswith("Sampleton 0") for name in names)
    assert text(select_box.select_one("option[selected]")) == "Heathfield & Priory Park"
    assert select_box.has_attr("data-fairer-autocomplete")
    assert page.select_one("label[for=contact_email]")


def test_errors_name_each_field_and_nothing_typed_is_lost(resident, slack_app):
    response = propose(
        resident, {"area": "", "title": "", "description": "Swings", "contact_email": "sam"}
    )

    assert response.status_code == 400
    assert errors_on(response) == [
        "Select the area your idea is for",
        "Enter a short title for your idea",
        "Enter an email address in the correct format, like name@example.com",
    ]
    assert "Describe your idea" not in inline_errors(response)
    page = parse(response)
    assert page.select_one("title").text.startswith("Error: ")
    assert [a["href"] for a in page.select(".govuk-error-summary__list a")] == [
        "#area",
        "#title",
        "#contact_email",
    ]
    assert text(page.select_one("textarea#description")) == "Swings"
    assert page.select_one("input#contact_email")["value"] == "sam"
    assert ideas_in(slack_app) == []


def test_a_resident_proposes_once_and_the_idea_waits_for_an_officer(resident, slack_app):
    hidden = hidden_fields(resident)
    sent = resident.post("/ideas/new", data={**hidden, **IDEA})
    again = resident.post("/ideas/new", data={**hidden, **IDEA})  # a double click

    assert sent.status_code == 303 and again.status_code == 303
    confirmation = parse(resident.get(sent.location))
    assert text(confirmation.select_one(".govuk-panel__title")) == "Idea sent"
    [idea] = ideas_in(slack_app)
    assert (idea.moderation, idea.source, idea.contact_email) == (
        "awaiting",
        "web",
        "sam@example.org",
    )
    page = parse(resident.get(f"/areas/{HEATHFIELD}"))
    assert text(page.select_one("#ideas-count")) == "No ideas for Heathfield & Priory Park yet."
    # A new visit to the form is a new idea.
    assert propose(resident, {**IDEA, "title": "Repair café"}).status_code == 303
    assert len(ideas_in(slack_app)) == 2


def test_a_form_without_its_token_is_refused(resident, slack_app):
    response = resident.post("/ideas/new", data=IDEA)
    assert response.status_code == 400
    assert ideas_in(slack_app) == []


def test_a_robot_filling_the_hidden_field_is_thanked_and_nothing_stored(resident, slack_app):
    response = propose(resident, {**IDEA, "website": "http://spam.example"})
    assert response.status_code == 303
    assert ideas_in(slack_app) == []


def test_an_officer_publishes_and_the_area_page_and_json_show_it_without_contact(
    resident, officer, slack_app
):
    propose(resident, {**IDEA, "title": CHANNEL_TITLE})
    [idea] = ideas_in(slack_app)
    listing = parse(officer.get("/officers/ideas?moderation=awaiting"))
    assert text(listing.select_one("#ideas-table tbody a")) == CHANNEL_TITLE
    page = officer.get(f"/officers/ideas/{idea.id}")
    token = parse(page).select_one("input[name=csrf_token]")["value"]

    hidden = officer.post(
        f"/officers/ideas/{idea.id}/moderate", data={"csrf_token": token, "decision": "hide"}
    )
    assert hidden.status_code == 400
    assert errors_on(hidden) == ["Enter why the idea is hidden"]
    published = officer.post(
        f"/officers/ideas/{idea.id}/moderate", data={"csrf_token": token, "decision": "publish"}
    )
    assert published.status_code == 303

    response = resident.get(f"/areas/{HEATHFIELD}")
    html = response.get_data(as_text=True)
    assert "<b>Free</b>" not in html and "&lt;b&gt;Free&lt;/b&gt;" in html
    assert "sam@example.org" not in html and "Sam Resident" not in html
    area_page = parse(response)
    assert text(area_page.select_one("#ideas-count")) == (
        "1 idea for Heathfield & Priory Park, 0 picked up by a partner."
    )
    assert text(area_page.select_one(".fairer-ideas h3")) == CHANNEL_TITLE
    document = resident.get(f"/areas/{HEATHFIELD}.json").get_json()
    assert document["ideas"] == [
        {"title": CHANNEL_TITLE, "status": "proposed", "themes": document["ideas"][0]["themes"]}
    ]
    assert "sam@example.org" not in resident.get(f"/areas/{HEATHFIELD}.json").get_data(as_text=True)


def test_an_officer_records_a_partner_status_and_action_each_in_the_history(officer, slack_app):
    page = parse(officer.get("/officers/ideas/new"))
    token = page.select_one("input[name=csrf_token]")["value"]
    added = officer.post(
        "/officers/ideas/new",
        data={
            "csrf_token": token,
            "area": "Castle Green",
            "title": "Play area repairs",
            "description": "Raised at the community conversation in the library.",
        },
    )
    assert added.status_code == 303
    [idea] = ideas_in(slack_app)
    assert (idea.moderation, idea.source, idea.area_code) == ("published", "officer", "E02900003")
    base = f"/officers/ideas/{idea.id}"

    refused = officer.post(
        f"{base}/status", data={"csrf_token": token, "status": "not_taken_forward"}
    )
    assert errors_on(refused) == ["Enter why the idea is not being taken forward"]
    officer.post(f"{base}/partner", data={"csrf_token": token, "partner": "Castle Green Tenants"})
    officer.post(f"{base}/action", data={"csrf_token": token})

    page = parse(officer.get(base))
    rows = [[text(td) for td in tr.select("td")] for tr in page.select("#idea-history tbody tr")]
    assert [(r[2], r[3], r[4]) for r in rows] == [
        ("Created", "–", "Proposed"),
        ("Partner", "–", "Castle Green Tenants"),
        ("Status", "Proposed", "Picked up"),
        ("Action", "–", f"IDEA-{idea.id}"),
        ("Status", "Picked up", "In progress"),
    ]
    assert "IDEA-" in text(page.select_one("#idea-action"))

    download = officer.get("/officers/ideas.csv")
    [row] = list(csv.DictReader(io.StringIO(download.get_data(as_text=True).lstrip("\ufeff"))))
    assert (row["title"], row["status"], row["partner"]) == (
        "Play area repairs",
        "in progress",
        "Castle Green Tenants",
    )


def test_officer_pages_need_sign_in(resident):
    for path in ("/officers/ideas", "/officers/ideas.csv", "/officers/ideas/new"):
        response = resident.get(path)
        assert response.status_code == 302 and "/officers/sign-in" in response.location
