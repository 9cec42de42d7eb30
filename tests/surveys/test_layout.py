"""The page layout: the council's own header, GOV.UK Frontend assets served locally, escaping on."""

from __future__ import annotations

from pathlib import Path

from tests.surveys.conftest import build_app
from tests.surveys.pages import parse, text

REPO = Path(__file__).resolve().parents[2]


def test_layout_has_the_council_header_and_no_crown(sample_client):
    page = parse(sample_client.get("/areas"))

    assert text(page.select_one(".govuk-generic-header")) == "Fairer Places"
    assert page.select_one(".govuk-header__logotype, .govuk-footer__crown, .govuk-logo") is None
    assert "Crown copyright" not in page.get_text()
    assert "Open Government Licence v3.0" in text(page.select_one("footer"))
    stylesheet = page.select_one("link[rel=stylesheet]")["href"]
    assert stylesheet == "/assets/govuk/fairer.css"


def test_council_name_and_demo_banner_come_from_configuration(sample_url):
    client = build_app(
        sample_url, FAIRER_COUNCIL_NAME="Sampleton Borough Council", FAIRER_DEMO="1"
    ).test_client()

    page = parse(client.get("/areas"))

    assert text(page.select_one(".govuk-generic-header")) == "Sampleton Borough Council"
    assert text(page.select_one(".govuk-service-navigation__service-name")) == "Fairer Places"
    assert "Demo" in text(page.select_one(".govuk-phase-banner"))


def test_stylesheet_uses_a_system_font_and_no_gds_transport(sample_client):
    response = sample_client.get("/assets/govuk/fairer.css")

    css = response.get_data(as_text=True)
    assert response.status_code == 200, "run `make install` to build the GOV.UK Frontend assets"
    assert "GDS Transport" not in css and "@font-face" not in css
    assert "system-ui" in css


def test_govuk_frontend_is_the_version_the_jinja_macros_were_tested_against():
    import json

    lock = json.loads((REPO / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/govuk-frontend"]["version"] == "6.3.0"
    assert (
        json.loads((REPO / "package.json").read_text())["dependencies"]["govuk-frontend"] == "6.3.0"
    )


def test_every_template_escapes_by_default(sample_url):
    app = build_app(sample_url)

    rendered = app.jinja_env.from_string("{{ name }}").render(name="<i>x</i>")

    assert rendered == "&lt;i&gt;x&lt;/i&gt;"
