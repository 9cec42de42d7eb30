"""Every officer route refuses anonymous visitors, and every admin-only route refuses officers.

The routes are read from the app's own URL map, so pages added later are checked without
anyone remembering to add them here.
"""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

import pytest
from flask import url_for
from werkzeug.routing import AnyConverter, FloatConverter, IntegerConverter, UUIDConverter

from surveys.officers.auth import officer_required
from surveys.officers.home import PUBLIC_ENDPOINTS
from tests.officer_fixtures import sign_in

IGNORED_METHODS = {"HEAD", "OPTIONS"}


@pytest.fixture
def app(app_factory, sqlite_url):
    # CSRF is off so a refused POST is refused by the sign-in check, not by the missing form token.
    return app_factory(sqlite_url, WTF_CSRF_ENABLED=False)


def protected_routes(app) -> list[tuple[str, str, str]]:
    """Return (endpoint, method, URL) for every method of every route that needs a signed-in
    officer."""
    routes = []
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        if rule.endpoint in PUBLIC_ENDPOINTS:
            continue
        if not (rule.rule.startswith("/officers") or hasattr(view, "officer_access")):
            continue
        with app.test_request_context():
            url = url_for(
                rule.endpoint, **{name: _example(rule._converters[name]) for name in rule.arguments}
            )
        routes += [
            (rule.endpoint, method, url) for method in sorted(rule.methods - IGNORED_METHODS)
        ]
    return routes


def _example(converter) -> object:
    if isinstance(converter, AnyConverter):
        return sorted(converter.items)[0]
    if isinstance(converter, (IntegerConverter, FloatConverter)):
        return 1
    if isinstance(converter, UUIDConverter):
        return uuid.uuid4()
    return "example"


def admin_routes(app) -> list[tuple[str, str, str]]:
    return [
        route
        for route in protected_routes(app)
        if getattr(app.view_functions[route[0]], "officer_access", None) == "admin"
    ]


def test_the_walk_finds_the_officer_pages(app):
    endpoints = {endpoint for endpoint, _method, _url in protected_routes(app)}

    assert {"officers.home", "officers.sign_ins"} <= endpoints
    assert not endpoints & PUBLIC_ENDPOINTS


def test_a_page_added_without_a_decorator_is_caught(app):
    app.add_url_rule(
        "/officers/forgotten/<int:number>",
        "forgotten",
        lambda number: "secret",
        methods=["GET", "POST"],
    )

    assert ("forgotten", "GET", "/officers/forgotten/1") in protected_routes(app)
    assert ("forgotten", "POST", "/officers/forgotten/1") in protected_routes(app)
    assert (
        app.test_client().get("/officers/forgotten/1").status_code == 200
    )  # so the walk would report it


def test_every_officer_view_is_marked_by_a_decorator(app):
    unmarked = sorted(
        {
            endpoint
            for endpoint, _m, _u in protected_routes(app)
            if getattr(app.view_functions[endpoint], "officer_access", None)
            not in ("officer", "admin")
        }
    )

    assert unmarked == [], (
        "wrap these views in officer_required or admin_required (surveys/officers/auth.py)"
    )


def test_every_officer_route_refuses_anonymous_visitors(app):
    client = app.test_client()
    let_in = []
    for endpoint, method, url in protected_routes(app):
        response = client.open(url, method=method)
        if method == "GET":
            refused = (
                response.status_code == 302
                and urlsplit(response.location).path == "/officers/sign-in"
            )
        else:
            refused = response.status_code == 401
        if not refused:
            let_in.append(f"{method} {url} ({endpoint}): {response.status_code}")

    assert let_in == []


def test_an_anonymous_post_gets_401_and_how_to_sign_in(app):
    app.add_url_rule(
        "/officers/example-form", "example_form", officer_required(lambda: "done"), methods=["POST"]
    )

    response = app.test_client().post("/officers/example-form")

    assert response.status_code == 401
    assert "Sign in from Slack" in response.get_data(as_text=True)


def test_every_admin_route_refuses_officers_who_are_not_admins(app):
    client = app.test_client()
    sign_in(client)
    let_in = []
    for endpoint, method, url in admin_routes(app):
        response = client.open(url, method=method)
        if response.status_code != 403:
            let_in.append(f"{method} {url} ({endpoint}): {response.status_code}")

    assert admin_routes(app), "no admin-only routes found: admin_required is untested"
    assert let_in == []


def test_officers_get_a_page_saying_only_admins_can_use_it(app):
    client = app.test_client()
    sign_in(client)

    response = client.get("/officers/sign-ins")

    assert response.status_code == 403
    assert "Only Fairer Places administrators can use this page" in response.get_data(as_text=True)


def test_admins_reach_the_admin_pages(app):
    client = app.test_client()
    sign_in(client, admin=True)

    for endpoint, method, url in admin_routes(app):
        if method == "GET" and "example" not in url:
            assert client.get(url).status_code == 200, endpoint


def test_the_admin_list_is_read_on_every_request(app):
    client = app.test_client()
    sign_in(client, admin=True)
    app.config["FAIRER_ADMIN_USER_IDS"] = ()

    assert client.get("/officers/sign-ins").status_code == 403


def test_recent_sign_ins_shows_who_signed_in(app):
    client = app.test_client()
    sign_in(client, "U0SOMEONE1")
    sign_in(client, admin=True)

    page = client.get("/officers/sign-ins").get_data(as_text=True)

    assert "U0SOMEONE1" in page and "Not signed out" in page
