"""A form posted without a valid CSRF token gets a GOV.UK page, not a bare 400 or a 500."""

from bs4 import BeautifulSoup


def test_a_form_without_its_token_is_refused_with_a_plain_page(slack_app):
    response = slack_app.test_client().post("/officers/sign-out", data={})
    page = BeautifulSoup(response.data, "html.parser")
    assert response.status_code == 400
    assert page.h1.get_text(strip=True) == "Sorry, this form has expired"
    assert "Nothing you entered has been saved" in page.get_text()
