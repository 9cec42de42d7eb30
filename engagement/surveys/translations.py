"""A survey's words in other languages: checked when the survey is loaded, applied per resident.

The YAML keeps English at the top level and adds a block per language:

    translations:
      cy:
        title: …
        introduction: …          # needed when the English has one; so privacy_notice and
        privacy_notice: …        # equality_notice
        pages: [title of page 1, title of page 2, …]
        questions:
          priority_1: {prompt: …, hint: …, short: …, options: {agree: …}}

Each question needs a prompt, and a hint and short name where the English has them; a choice
question needs a label for every option (by its value, which is what is stored, so answers pool
across languages). Standard questions used as they are (likert options, "about you" and equality
questions) need nothing: engagement/surveys/standard_wording.py has their words. A survey cannot
be loaded with any of this missing: the error names the question and the language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from engagement.surveys.languages import ENGLISH, LANGUAGES, OFFERED, language_name
from engagement.surveys.standard_wording import standard_wording

_SURVEY_TEXTS = ("title", "introduction", "privacy_notice", "equality_notice")


def _text(raw, key) -> str:
    value = raw.get(key) if isinstance(raw, dict) else None
    return str(value).strip() if value not in (None, "") else ""


def _check_language(code: str, problem: Callable) -> None:
    if code not in LANGUAGES or code == ENGLISH:
        known = ", ".join(c for c in LANGUAGES if c != ENGLISH)
        raise problem(f"'{code}' is not a language code this service knows ({known}).", code)
    if code not in OFFERED:
        raise problem(
            f"{language_name(code)}: this service's own words (its buttons, headings and error "
            f"messages) are not yet translated into {LANGUAGES[code].english_name}, so a survey "
            "cannot be offered in it.",
            code,
        )


def _question_words(question, raw, code: str, defaults: dict, problem: Callable) -> dict:
    """Return {"prompt", "hint", "short", "options"} of one question in one language."""
    named = f"the {language_name(code)} {{}} of question '{question.key}' is missing."
    standard = standard_wording(question.kind, code)
    default_prompt, default_short = defaults.get(question.kind, ("", ""))
    raw = raw if isinstance(raw, dict) else {}
    words = {}
    for part, default in (("prompt", default_prompt), ("short", default_short)):
        given = _text(raw, part)
        english = getattr(question, part)
        if not given and english and english == default and standard.get(part):
            given = standard[part]
        if english and not given:
            raise problem(named.format(part), code, "questions", question.key, part)
        words[part] = given
    words["hint"] = _text(raw, "hint")
    if question.hint and not words["hint"]:
        raise problem(named.format("hint"), code, "questions", question.key, "hint")
    labels = raw.get("options") or {}
    if not isinstance(labels, dict):
        raise problem(
            f"give the options of '{question.key}' as value: label.",
            code,
            "questions",
            question.key,
            "options",
        )
    values = {o.value for o in question.options}
    stray = sorted(set(map(str, labels)) - values)
    if stray:
        raise problem(
            f"'{stray[0]}' is not an option of question '{question.key}' "
            f"({', '.join(o.value for o in question.options)}).",
            code,
            "questions",
            question.key,
            "options",
        )
    options = {}
    for option in question.options:
        label = str(labels.get(option.value) or "").strip() or standard.get("options", {}).get(
            option.value, ""
        )
        if not label:
            raise problem(
                f"the {language_name(code)} label of option '{option.value}' of question "
                f"'{question.key}' is missing.",
                code,
                "questions",
                question.key,
                "options",
            )
        options[option.value] = label
    words["options"] = options
    return words


def parse_translations(raw, definition, defaults: dict, problem: Callable) -> dict[str, dict]:
    """Return a survey's checked translations, {code: {"title", …, "pages": [titles],
    "questions": {key: {"prompt", "hint", "short", "options"}}}}; raise problem(message,
    *keys under translations) naming the first thing missing.

    defaults: kind -> (the standard English prompt, the standard short name), so a standard
    question whose English was changed is not given the standard translation.
    """
    if raw in (None, {}):
        return {}
    if not isinstance(raw, dict):
        raise problem("give a block per language code, like cy: {title: …}.")
    checked = {}
    for code, block in raw.items():
        code = str(code).strip()
        _check_language(code, problem)
        block = block if isinstance(block, dict) else {}
        words: dict = {}
        for part in _SURVEY_TEXTS:
            words[part] = _text(block, part)
            if getattr(definition, part) and not words[part]:
                raise problem(f"the {language_name(code)} {part} is missing.", code, part)
        pages = block.get("pages") or []
        if not isinstance(pages, list) or len(pages) != len(definition.pages):
            raise problem(
                f"give the {language_name(code)} title of each of the "
                f"{len(definition.pages)} pages, in order, as a list.",
                code,
                "pages",
            )
        words["pages"] = [str(title or "").strip() for title in pages]
        for number, title in enumerate(words["pages"], start=1):
            if not title:
                raise problem(
                    f"the {language_name(code)} title of page {number} is missing.", code, "pages"
                )
        given = block.get("questions") or {}
        if not isinstance(given, dict):
            raise problem("give the questions by key: {priority_1: {prompt: …}}.", code)
        unknown = sorted(set(map(str, given)) - set(definition.questions_by_key))
        if unknown:
            raise problem(f"there is no question '{unknown[0]}'.", code, "questions", unknown[0])
        words["questions"] = {
            q.key: _question_words(q, given.get(q.key), code, defaults, problem)
            for q in definition.questions
        }
        checked[code] = words
    return checked


def localise(definition, code: str):
    """Return the definition with its words in language code (itself for English or a language
    it has no translation for); option values, keys and rules are unchanged."""
    words = definition.translations.get(code)
    if code == ENGLISH or not words:
        return definition

    def question(q):
        own = words["questions"][q.key]
        options = tuple(replace(o, label=own["options"].get(o.value, o.label)) for o in q.options)
        return replace(
            q, prompt=own["prompt"], hint=own["hint"], short=own["short"], options=options
        )

    pages = tuple(
        replace(page, title=title, questions=tuple(question(q) for q in page.questions))
        for page, title in zip(definition.pages, words["pages"], strict=True)
    )
    return replace(
        definition,
        **{part: words[part] for part in _SURVEY_TEXTS},
        pages=pages,
        language=code,
        questions_by_key={},
    )
