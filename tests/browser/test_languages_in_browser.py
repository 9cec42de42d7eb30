"""Every page of the example survey in Welsh and in Urdu (right to left), in Chromium: 0 axe
violations (WCAG 2.2 AA) at 1280 and 375 pixels wide, nothing wider than a phone, answered as a
resident would, from choosing the language by link to deleting the answers."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from surveys.residents.chrome_words_cy import CY
from surveys.residents.chrome_words_ur import UR
from tests.browser.test_survey_pages_in_browser import START, check, site  # noqa: F401  (fixture)

CONTINUE = "form > .govuk-button-group > button.govuk-button"
# The example survey's title and page titles in each language (its YAML).
SURVEY = {
    "cy": {
        "title": "Ein blaenoriaethau drafft ar gyfer dinas decach",
        "pages": [
            "Ein blaenoriaethau drafft",
            "Beth sydd bwysicaf i chi",
            "Amdanoch chi",
            "Cwestiynau cydraddoldeb",
        ],
        "words": CY,
        "dir": "ltr",
    },
    "ur": {
        "title": "ایک زیادہ منصفانہ شہر کے لیے ہماری مجوزہ ترجیحات",
        "pages": [
            "ہماری مجوزہ ترجیحات",
            "آپ کے لیے سب سے اہم کیا ہے",
            "آپ کے بارے میں",
            "مساوات سے متعلق سوالات",
        ],
        "words": UR,
        "dir": "rtl",
    },
}


def _continue(page) -> None:
    page.locator(CONTINUE).first.click()


@pytest.mark.parametrize("code", ["cy", "ur"])
def test_every_page_of_the_survey_in_the_language_is_accessible(page, site, code):  # noqa: F811
    base_url, _link = site
    survey, words = SURVEY[code], SURVEY[code]["words"]

    page.goto(f"{base_url}{START}?lang={code}")
    assert page.locator("html").get_attribute("lang") == code
    assert page.locator("html").get_attribute("dir") == survey["dir"]
    check(page, survey["title"])
    page.locator("a.govuk-button--start").click()
    check(page, survey["pages"][0])
    _continue(page)
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check(page, survey["pages"][0])  # with errors
    for key in ("priority_1", "priority_2", "priority_3"):
        page.locator(f"input[name={key}][value=agree]").check()
    _continue(page)
    page.wait_for_url(f"**{START}/2")
    check(page, survey["pages"][1])
    page.locator("input[name=top_issues][value=housing]").check()
    page.locator("input[name=top_issues][value=transport]").check()
    page.locator("input[name=heard_before][value=no]").check()
    _continue(page)
    page.wait_for_url("**#top_issues-order")
    check(page, survey["pages"][1])  # the choices to put in order
    _continue(page)
    page.wait_for_url(f"**{START}/3")
    check(page, survey["pages"][1])  # the question only asked after "No"
    page.locator("input[name=why_not_before][value=i_did_not_have_time]").check()
    page.locator("textarea[name=comments]").fill("Bysiau gyda'r nos, os gwelwch yn dda")
    _continue(page)
    page.wait_for_url(f"**{START}/4")
    check(page, survey["pages"][2])
    page.locator("input[name=respondent_type][value=resident]").check()
    _continue(page)
    page.wait_for_url(f"**{START}/5")
    check(page, survey["pages"][3])
    page.locator("details summary").first.click()
    check(page, survey["pages"][3])  # with "why we ask" open
    page.locator("button[name=skip]").click()
    page.wait_for_url(f"**{START}/check-answers")
    check(page, words["check_answers_heading"])
    page.locator("form button.govuk-button").click()
    check(page, words["sent_title"])
    code_shown = page.locator("#receipt-code").inner_text()

    page.locator(f"main a[href='{START}/erase']").first.click()
    check(page, words["erase_title"])
    page.locator("form button.govuk-button").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check(page, words["erase_title"])  # with an error
    page.locator("#receipt_code").fill(code_shown)
    page.locator("form button.govuk-button").click()
    check(page, words["erased_title"])

    page.goto(f"{base_url}{START}/privacy")
    check(page, words["privacy_title"])
    page.goto(f"{base_url}/s/old-consultation")
    check(page, words["closed_title"])
    page.goto(f"{base_url}/s/next-consultation")
    check(page, words["not_open_title"])
