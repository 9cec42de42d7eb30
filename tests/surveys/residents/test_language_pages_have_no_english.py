"""No English left on a Welsh or Urdu survey: a resident who chose Cymraeg or اردو meets the
service's own words (buttons, links, error messages, hints, GOV.UK Frontend's component text)
in that language on every question page, its errors, the ranking's ordering and check answers."""

from __future__ import annotations

import re

import pytest

from surveys.residents.chrome_words import EN
from surveys.residents.language import WORDS
from tests.surveys.pages import parse, text
from tests.surveys.survey_helpers import ANSWERS, START

# The service's words on the question and check-answers pages (step.html, survey_fields.py,
# survey_flow.py and GOV.UK Frontend's component text), as the English catalogue has them.
PAGE_WORDS = (
    "back",
    "error_summary_title",
    "error_prefix",
    "error_word",
    "why_we_ask_title",
    "equality_optional",
    "continue",
    "skip_these",
    "change",
    "check_answers_title",
    "select_all",
    "characters",
    "not_answered",
    "choose_up_to",
    "order_heading",
    "order_hint",
    "move_up",
    "move_down",
    "choose_neighbourhood",
    "neighbourhood_hint",
    "somewhere_else",
    "rather_not_say",
    "select_neighbourhood",
    "typed_hint",
    "no_results",
    "autocomplete_hint",
    "chars_under_one",
    "chars_under_other",
    "chars_over_one",
    "chars_over_other",
    "chars_at",
)


def _english_pattern(key: str) -> re.Pattern:
    # {placeholders} stand for any words filled in; "%{count}" is GOV.UK Frontend's own.
    parts = re.split(r"(?<!%)\{\w+\}", EN[key].strip())
    return re.compile(r"\b" + ".+?".join(re.escape(part) for part in parts) + r"(?!\w)")


ENGLISH_CHROME = {key: _english_pattern(key) for key in PAGE_WORDS}
ENGLISH_ORDINAL = re.compile("^(?:" + "|".join(EN["ordinals"].split()) + "):")


def _what_a_person_meets(page) -> str:
    """The page's title and visible text, and the words its scripts speak or show (data-*)."""
    said = [
        value
        for element in page.find_all(True)
        for name, value in element.attrs.items()
        if name.startswith("data-") or name == "aria-label"
    ]
    return "\n".join([text(page.select_one("title")), text(page.body), *map(str, said)])


def _english_on(page) -> list[str]:
    found = [
        key for key, pattern in ENGLISH_CHROME.items() if pattern.search(_what_a_person_meets(page))
    ]
    dividers = page.select(".govuk-radios__divider, .govuk-checkboxes__divider")
    found += ["or" for divider in dividers if text(divider) == EN["or"]]
    answers = [text(dd) for dd in page.select(".govuk-summary-list__value")]
    found += ["ordinals" for answer in answers if ENGLISH_ORDINAL.match(answer)]
    return found


@pytest.mark.parametrize("code", ["cy", "ur"])
def test_no_english_service_words_on_any_question_page(visitor, code):
    ours = WORDS[code]
    visitor.client.get(f"{START}?lang={code}")
    pages = {}

    pages["error on page 1"] = parse(visitor.answer(1, {}))
    pages["page 1"] = parse(visitor.client.get(f"{START}/1"))
    assert visitor.answer(1).status_code == 302
    pages["page 2"] = parse(visitor.client.get(f"{START}/2"))
    # Two choices not yet in order: the same page again, at "Put your choices in order".
    chosen = visitor.answer(2, {"top_issues": ["housing", "transport"], "heard_before": "no"})
    assert chosen.status_code == 302 and chosen.location.endswith("/2#top_issues-order")
    pages["ranking order"] = parse(visitor.client.get(f"{START}/2"))
    moved = {
        "top_issues": ["housing", "transport"],
        "top_issues-order": ["housing", "transport"],
        "top_issues-move": "up:transport",
        "heard_before": "no",
    }
    pages["ranking moved"] = parse(visitor.answer(2, moved))
    ordered = {**moved, "top_issues-order": ["transport", "housing"]}
    del ordered["top_issues-move"]
    assert visitor.answer(2, ordered).status_code == 302
    pages["page 3"] = parse(visitor.client.get(f"{START}/3"))
    pages["error on page 3"] = parse(visitor.answer(3, {"comments": "x" * 2001}))
    assert visitor.answer(3, {"comments": "More buses."}).status_code == 302
    pages["page 4"] = parse(visitor.client.get(f"{START}/4"))
    pages["error on page 4"] = parse(visitor.answer(4, {"neighbourhood": "E02999999"}))
    assert visitor.answer(4, ANSWERS[4]).status_code == 302
    pages["equality page"] = parse(visitor.client.get(f"{START}/5"))
    assert visitor.answer(5, {"age_band": "prefer_not_to_say"}).status_code == 302
    pages["check answers"] = parse(visitor.check_answers_page())

    assert {name: _english_on(page) for name, page in pages.items()} == {name: [] for name in pages}
    # The pages were the ones meant, in the language chosen.
    assert all(page.select_one("html")["lang"] == code for page in pages.values())
    assert (
        text(pages["error on page 1"].select_one(".govuk-error-summary__title"))
        == ours["error_summary_title"]
    )
    assert (
        text(pages["ranking order"].select_one("#top_issues-order-heading"))
        == ours["order_heading"]
    )
    assert text(pages["equality page"].select_one("#equality-optional")) == " ".join(
        ours["equality_optional"].split()
    )
    # What GOV.UK Frontend's script says as a person types comments (its defaults are English).
    count = pages["page 3"].select_one("[data-module=govuk-character-count]")
    assert count["data-i18n.characters-under-limit.other"] == ours["chars_under_other"]
    answers = [text(dd) for dd in pages["check answers"].select(".govuk-summary-list__value")]
    first, second = ours["ordinals"].split()[:2]
    assert any(a.startswith(f"{first}: ") and f" {second}: " in a for a in answers)
    assert text(pages["check answers"].select_one("title")).startswith(ours["check_answers_title"])
