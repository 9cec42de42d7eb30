"""Signing in to the officer pages from Slack, end to end, and everything that must fail."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import text as sql

from storage.db import engine_for
from surveys.officers.auth import safe_next_path
from tests.officer_fixtures import ADMIN_USER_ID, OFFICER_USER_ID, issue_link_token, sign_in
from tests.slack_fixtures import PUBLIC_BASE_URL
from tests.slack_helpers import SlackClient
from tests.surveys.pages import parse, text
from tests.tampering import with_signature_altered

EXPIRED_HEADING = "This sign-in link has expired or has already been used"


@pytest.fixture
def app(app_factory, sqlite_url):
    return app_factory(sqlite_url)


@pytest.fixture
def client(app):
    return app.test_client()


def link_from_slack(app, user_id: str = OFFICER_USER_ID) -> str:
    """Return the path of the sign-in link in the private reply to a signed `/fairer login`."""
    message = SlackClient(app.test_client()).command("/fairer", "login", user_id=user_id).get_json()
    [url] = [e["url"] for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert url.startswith(PUBLIC_BASE_URL)
    return url.removeprefix(PUBLIC_BASE_URL)


def heading(response) -> str:
    return text(parse(response).select_one("h1"))


def test_a_link_from_slack_signs_the_officer_in(app, client):
    response = client.get(link_from_slack(app))

    assert response.status_code == 302 and response.location == "/officers"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    home = client.get("/officers")
    assert home.status_code == 200 and heading(home) == "Officer pages"
    assert OFFICER_USER_ID in text(parse(home).select_one("#signed-in-as"))
    assert "Administrator" not in text(parse(home).select_one("#signed-in-as"))
    assert home.headers["Cache-Control"] == "no-store"


def test_an_admin_is_told_so_and_sees_the_admin_pages_listed(app, client):
    client.get(link_from_slack(app, ADMIN_USER_ID))

    page = parse(client.get("/officers"))

    assert "Administrator" in text(page.select_one("#signed-in-as"))
    assert "Recent sign-ins" in [text(a) for a in page.select("#officer-pages a")]


def test_officers_do_not_see_admin_pages_listed(app, client):
    sign_in(client)

    page = parse(client.get("/officers"))

    assert "Recent sign-ins" not in text(page.select_one("#officer-pages"))


def test_a_used_link_fails_the_second_time_even_in_another_browser(app, client):
    link = link_from_slack(app)
    client.get(link)

    again = app.test_client().get(link)

    assert again.status_code == 410 and heading(again) == EXPIRED_HEADING
    assert "/fairer login" in text(parse(again).select_one("main"))
    assert app.test_client().get("/officers").status_code == 302


@pytest.mark.parametrize(
    "alter",
    [
        with_signature_altered,
        lambda path: path.replace("/sign-in/", "/sign-in/x"),
        lambda path: path.rsplit(".", 1)[0],
    ],
)
def test_an_altered_link_fails_and_signs_nobody_in(app, client, alter):
    link = link_from_slack(app)

    response = client.get(alter(link))

    assert response.status_code == 400 and heading(response) == EXPIRED_HEADING
    assert client.get("/officers").status_code == 302
    assert client.get(link).status_code == 302  # the real link was not used up


def test_an_expired_link_fails(app, client):
    link = link_from_slack(app)
    with engine_for(app.config["DATABASE_URL"]).begin() as connection:
        connection.execute(sql("UPDATE sign_in_tokens SET expires_at = created_at"))

    response = client.get(link)

    assert response.status_code == 410 and heading(response) == EXPIRED_HEADING
    assert client.get("/officers").status_code == 302


def test_a_link_checker_asking_with_head_does_not_use_the_link_up(app, client):
    link = link_from_slack(app)

    assert client.head(link).status_code == 200
    assert client.get(link).status_code == 302


def session_cookie(response) -> str:
    [cookie] = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    return cookie


def test_the_session_cookie_is_http_only_and_same_site_lax(app, client):
    cookie = session_cookie(client.get(link_from_slack(app)))

    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # tests are served over plain http


def test_the_session_cookie_is_secure_in_production(app_factory, sqlite_url):
    app = app_factory(sqlite_url, TESTING=False)

    cookie = session_cookie(
        app.test_client().get(
            f"/officers/sign-in/{issue_link_token(app)}", base_url="https://fairer.example.org"
        )
    )

    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_the_demo_serves_the_cookie_over_plain_http(app_factory, sqlite_url):
    app = app_factory(sqlite_url, TESTING=False, FAIRER_DEMO="1")

    cookie = session_cookie(app.test_client().get(f"/officers/sign-in/{issue_link_token(app)}"))

    assert "Secure" not in cookie and "HttpOnly" in cookie


def test_signing_in_starts_a_fresh_session(app, client):
    with client.session_transaction() as session:
        session["planted"] = "by someone else"

    sign_in(client)

    with client.session_transaction() as session:
        assert "planted" not in session and session["officer"]["user_id"] == OFFICER_USER_ID


def csrf_token(client) -> str:
    return parse(client.get("/officers")).select_one("input[name=csrf_token]")["value"]


def test_sign_out_ends_the_session_and_says_so(app, client):
    sign_in(client)

    response = client.post("/officers/sign-out", data={"csrf_token": csrf_token(client)})

    assert response.status_code == 302 and response.location == "/officers/signed-out"
    page = client.get(response.location)
    assert page.status_code == 200 and heading(page) == "You have signed out"
    assert client.get("/officers").status_code == 302


def test_a_copy_of_the_cookie_is_useless_after_sign_out(app, client):
    sign_in(client)
    kept = client.get_cookie("session").value
    client.post("/officers/sign-out", data={"csrf_token": csrf_token(client)})

    client.set_cookie("session", kept)

    assert client.get("/officers").status_code == 302


def test_sign_out_needs_the_form_token(app, client):
    sign_in(client)

    assert client.post("/officers/sign-out").status_code == 400
    assert client.get("/officers").status_code == 200


def test_signing_in_returns_the_officer_to_the_page_they_asked_for(app, client):
    asked = client.get("/officers/sign-ins?page=1")
    assert asked.status_code == 302
    where = urlsplit(asked.location)
    assert (where.path, parse_qs(where.query)) == (
        "/officers/sign-in",
        {"next": ["/officers/sign-ins?page=1"]},
    )
    client.get(asked.location)

    response = client.get(f"/officers/sign-in/{issue_link_token(app, ADMIN_USER_ID)}")

    assert response.location == "/officers/sign-ins?page=1"


OFF_SITE = [
    "//evil.example",
    "///evil.example",
    "https://evil.example/officers",
    "/\\evil.example",
    "\\\\evil.example",
    "/officers\\..\\..\\evil",
    "javascript:alert(1)",
    "/officers/../..//evil.example",
    "/officers\r\nLocation: https://evil.example",
    "http:/officers",
    "/areas",
    "officers",
]


@pytest.mark.parametrize("next_path", OFF_SITE)
def test_next_never_leads_off_the_officer_pages(app, client, next_path):
    client.get("/officers/sign-in", query_string={"next": next_path})

    response = client.get(f"/officers/sign-in/{issue_link_token(app)}")

    assert response.location == "/officers"


@pytest.mark.parametrize("next_path", OFF_SITE)
def test_next_is_ignored_when_already_signed_in(app, client, next_path):
    sign_in(client)

    response = client.get("/officers/sign-in", query_string={"next": next_path})

    assert response.location == "/officers"


@pytest.mark.parametrize("next_path", OFF_SITE + ["", None, 42, "/officers" + "x" * 3000])
def test_safe_next_path_refuses_anything_off_the_officer_pages(next_path):
    assert safe_next_path(next_path) is None


@pytest.mark.parametrize(
    "next_path", ["/officers", "/officers/actions?area=E02900001&status=overdue", "/officers/a/b"]
)
def test_safe_next_path_keeps_officer_pages(next_path):
    assert safe_next_path(next_path) == next_path


def test_the_sign_in_page_explains_how_to_sign_in_from_slack(client):
    page = client.get("/officers/sign-in")

    assert page.status_code == 200 and heading(page) == "Sign in from Slack"
    assert "/fairer login" in text(parse(page).select_one("main"))
