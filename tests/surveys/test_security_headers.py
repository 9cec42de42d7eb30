"""Every response carries the security headers, and nothing redirects off the site."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import govuk_frontend_jinja
import pytest

from surveys.security_headers import CONTENT_SECURITY_POLICY, GOVUK_FRONTEND_SCRIPT_HASH

PAGES = [
    "/",
    "/healthz",
    "/no-such-page",
    "/officers",
    "/officers/sign-in",
    "/assets/govuk/fairer.css",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_response_has_the_security_headers(slack_app, path):
    response = slack_app.test_client().get(path)

    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_the_policy_allows_only_this_site():
    rules = dict(rule.split(" ", 1) for rule in CONTENT_SECURITY_POLICY.split("; "))

    assert rules["script-src"] == "'self' 'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='"
    assert rules["style-src"] == "'self'"
    assert rules["object-src"] == "'none'" and rules["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY


def test_the_hash_is_of_govuk_frontends_own_inline_script():
    template = Path(govuk_frontend_jinja.__file__).parent / "templates" / "template.html"
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", template.read_text())
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()

    assert len(scripts) == 1
    assert f"'sha256-{digest}'" == GOVUK_FRONTEND_SCRIPT_HASH


def test_no_template_uses_inline_script_or_style():
    import surveys

    templates = Path(surveys.__file__).parent / "templates"
    for template in templates.rglob("*.html"):
        source = template.read_text()
        assert "style=" not in source, template
        assert "<style" not in source, template
        for tag in source.split("<script")[1:]:
            assert "src=" in tag.split(">")[0], f"{template}: inline script"
        assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", source), (
            f"{template}: inline event handler"
        )


@pytest.mark.parametrize(
    "next_path",
    [
        "//evil.example/officers",
        "https://evil.example/",
        "/\\evil.example",
        "/officers/../../evil",
        "http:/evil.example",
        "\t//evil.example",
    ],
)
def test_signing_in_never_sends_anyone_off_the_site(slack_app, next_path):
    from tests.officer_fixtures import issue_link_token

    client = slack_app.test_client()
    client.get("/officers/sign-in", query_string={"next": next_path})
    response = client.get(f"/officers/sign-in/{issue_link_token(slack_app)}")

    assert response.status_code == 302
    assert response.headers["Location"] in ("/officers", "http://localhost/officers")
