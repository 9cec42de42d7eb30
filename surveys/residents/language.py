"""Which language a resident reads a survey in, and the service's words in it.

A resident chooses at the start (the language links near the top of every survey page, GOV.UK's
language switcher) or follows a link ending ?lang=cy. The choice is kept in the session cookie,
so it lasts from the start page to the receipt, and applies to any survey offered in it; a
survey not offered in it is shown in English. The survey's own words come from its definition
(SurveyDefinition.in_language); the service's words from chrome_words*.py through t() in
templates and words() in Python.
"""

from __future__ import annotations

import re

from flask import g, has_request_context, request, session
from markupsafe import Markup, escape

from engagement import figures
from engagement.surveys.definition import SurveyDefinition
from engagement.surveys.languages import ENGLISH, LANGUAGES, OFFERED, direction
from surveys.residents.chrome_words import EN
from surveys.residents.chrome_words_cy import CY
from surveys.residents.chrome_words_ur import UR

WORDS: dict[str, dict[str, str]] = {"en": EN, "cy": CY, "ur": UR}
SESSION_KEY = "fp_lang"
_LINK = re.compile(r"\[([^\]]+)\]")
MONTHS = {
    "cy": (
        "Ionawr Chwefror Mawrth Ebrill Mai Mehefin Gorffennaf Awst Medi Hydref Tachwedd Rhagfyr"
    ).split(),
    "ur": "جنوری فروری مارچ اپریل مئی جون جولائی اگست ستمبر اکتوبر نومبر دسمبر".split(),
}


def current() -> str:
    """Return the code of the language this request's page is in ("en" outside a survey)."""
    return g.get("fp_lang", ENGLISH) if has_request_context() else ENGLISH


def offered(definition: SurveyDefinition) -> tuple[str, ...]:
    """Return the languages residents may answer the survey in: its own languages whose service
    words are complete, English first."""
    return tuple(c for c in definition.languages if c in OFFERED and c in WORDS)


def choose(definition: SurveyDefinition) -> str:
    """Return the language to show the survey in, from ?lang= (kept for later pages) or the
    session, else English; and make it the language of this request's page."""
    languages = offered(definition)
    asked = request.args.get("lang", "")
    if asked in languages:
        session[SESSION_KEY] = asked
        code = asked
    else:
        kept = session.get(SESSION_KEY)
        code = kept if kept in languages else ENGLISH
    g.fp_lang = code
    g.fp_languages = languages
    return code


def words(key: str, *, lang: str | None = None, **values) -> str:
    """Return the service's words for key in language lang (default: this page's), with
    {values} filled in; English where a language lacks the key."""
    text = WORDS.get(lang or current(), EN).get(key) or EN[key]
    return text.format(**values) if values else text


def linked(key: str, *hrefs: str, **values) -> Markup:
    """Return words(key) as HTML with each [bracketed] phrase a link to the next of hrefs."""
    targets = iter(hrefs)

    def link(match: re.Match) -> str:
        href = next(targets, None)
        if href is None:  # more [brackets] than links: the phrase stays plain text
            return match.group(0)
        return f'<a class="govuk-link" href="{escape(href)}">{match.group(1)}</a>'

    return Markup(_LINK.sub(link, str(escape(words(key, **values)))))


def long_date(moment, code: str | None = None) -> str:
    """Return a date the GOV.UK way in the page's language: "31 March 2027", "31 Mawrth 2027"."""
    if moment is None:
        return ""
    months = MONTHS.get(code or current())
    if months is None:
        return figures.long_date(moment)
    return f"{moment.day} {months[moment.month - 1]} {moment.year}"


def character_count_text(code: str | None = None) -> dict:
    """Return GOV.UK Frontend's character count messages in the page's language (the
    govukCharacterCount macro's *Text parameters)."""
    return {
        "charactersUnderLimitText": {
            "one": words("chars_under_one", lang=code),
            "other": words("chars_under_other", lang=code),
        },
        "charactersAtLimitText": words("chars_at", lang=code),
        "charactersOverLimitText": {
            "one": words("chars_over_one", lang=code),
            "other": words("chars_over_other", lang=code),
        },
    }


def _switcher(code: str) -> list[dict]:
    languages = g.get("fp_languages", ())
    if len(languages) < 2:
        return []
    return [
        {
            "code": c,
            "name": LANGUAGES[c].own_name,
            "current": c == code,
            "href": f"{request.path}?lang={c}",
        }
        for c in languages
    ]


def survey_languages(stored: dict) -> str:
    """Return the languages of a stored definition as officers read them: "English, Welsh"."""
    codes = (ENGLISH, *(stored.get("translations") or {}))
    return ", ".join(LANGUAGES[c].english_name if c in LANGUAGES else c for c in codes)


def template_context() -> dict:
    """Return what every page's template needs for its language: t() and tlink() for the
    service's words, htmlLang (with dir) for <html>, and the language links."""
    code = current()
    return {
        "t": lambda key, **values: words(key, lang=code, **values),
        "tlink": lambda key, *hrefs, **values: linked(key, *hrefs, **values),
        "page_language": code,
        "page_direction": direction(code),
        # GOV.UK Frontend's template writes <html lang="{{ htmlLang }}"> and has no parameter
        # for dir: the code is one of LANGUAGES' (never user text), so dir rides along with it.
        "htmlLang": Markup(f'{code}" dir="{direction(code)}'),
        "language_links": _switcher(code),
        "survey_languages": survey_languages,
    }
