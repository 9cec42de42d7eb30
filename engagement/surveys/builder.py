"""The survey builder's edits: pure functions from a stored definition (Survey.definition JSON)
and one change to a new, checked definition.

Every edit goes back through parse_definition, the one validation YAML files also get, so a
survey built in the browser and one loaded with `fairer survey load` obey the same rules.
Problems are raised as BuilderProblem, naming the form field they belong to in GOV.UK words.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta

import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engagement.errors import ImportProblem
from engagement.surveys.definition import (
    CHOICE_KINDS,
    SurveyDefinition,
    parse_definition,
)
from storage.survey_models import SurveyResponse

# A new survey needs a page with a question before parse_definition accepts it.
STARTER_QUESTION = {
    "key": "comments",
    "kind": "text",
    "prompt": "Is there anything else you would like to tell us?",
    "short": "your comments",
    "required": False,
}
# What may still change once people have answered: anything else would orphan their answers.
CHANGEABLE_AFTER_RESPONSES = ("prompt", "hint", "short")


class BuilderProblem(Exception):
    """An edit the builder refuses: message in GOV.UK words, field the form input it belongs to."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field


def editable(stored: dict) -> dict:
    """Return stored JSON as data parse_definition reads (show_if values as `in`)."""
    data = json.loads(json.dumps(stored))  # tuples (from asdict) become lists, as in the database
    for page in data["pages"]:
        for question in page["questions"]:
            rule = question.get("show_if")
            if rule:
                question["show_if"] = {
                    "question": rule["question"],
                    "in": list(rule.get("values") or rule.get("in") or []),
                }
    return data


_FIELD_WORDS = {
    "slug": "Slug must only include lower-case letters, numbers and hyphens, like draft-priorities",
    "title": "Enter a title",
    "prompt": "Enter the question",
    "options": "Enter at least two options, one on each line",
    "max_length": "Maximum length must be between 1 and 10,000 characters",
    "closes": "The close date must be after the open date",
}


def _translate(problem: ImportProblem) -> BuilderProblem:
    """Return parse_definition's problem in GOV.UK words, for the field it names."""
    where, _, said = str(problem).partition(": ")
    if where.startswith("translations"):
        # The builder edits the English; translations are written in the YAML file.
        return BuilderProblem(
            f"{said[:1].upper()}{said[1:].rstrip('.')} – the survey is in more than one language, "
            "so download the definition (YAML), add the translation and load it with "
            "fairer survey load"
        )
    parts = where.split(".")
    field = parts[-1] if parts and not parts[-1].isdigit() else None
    if field == "key":
        duplicate = re.search(r"the key '(.+)' is used by two questions", said)
        message = (
            f"Key ‘{duplicate.group(1)}’ is already used by another question"
            if duplicate
            else (
                "Key must start with a letter and only include lower-case letters, numbers "
                "and underscores"
            )
        )
    elif field == "top":
        message = "Number of options to rank must be between 1 and the number of options"
    elif field == "show_if":
        message = (
            "Show-if must name a question that comes earlier in the survey"
            if "earlier" in said
            else "Show-if answers must be options of that question"
        )
    elif field == "options" and "appears twice" in said:
        message = "Each option must be different"
    elif field in _FIELD_WORDS:
        message = _FIELD_WORDS[field]
    else:
        message = said[:1].upper() + said[1:].rstrip(".") if said else str(problem)
    return BuilderProblem(message, field)


def check(data: dict) -> SurveyDefinition:
    """Return data checked by parse_definition; raise BuilderProblem in GOV.UK words."""
    try:
        return parse_definition(data)
    except ImportProblem as problem:
        raise _translate(problem) from None
    except (TypeError, ValueError):
        raise BuilderProblem("Enter whole numbers for numbers") from None


def new_survey(details: dict) -> SurveyDefinition:
    """Return a new survey from its details, with a first page holding a comments question."""
    data = {
        **details,
        "pages": [
            {"title": details.get("title") or "Your views", "questions": [dict(STARTER_QUESTION)]}
        ],
    }
    return check(data)


def update_details(stored: dict, details: dict) -> SurveyDefinition:
    """Return the definition with its title, introduction,
    dates and settings replaced (never its slug)."""
    data = editable(stored)
    data.update({k: v for k, v in details.items() if k != "slug"})
    data.pop("opens", None), data.pop("closes", None)
    return check(data)


def _locate(data: dict, key: str) -> tuple[int, int]:
    for p, page in enumerate(data["pages"]):
        for q, question in enumerate(page["questions"]):
            if question["key"] == key:
                return p, q
    raise BuilderProblem(f"There is no question with the key ‘{key}’")


def add_question(
    stored: dict, page_number: int | None, question: dict, new_page_title: str = ""
) -> SurveyDefinition:
    """Return the definition with question added at the end of page page_number (from 1),
    or of a new page."""
    data = editable(stored)
    if page_number is None or not 1 <= page_number <= len(data["pages"]):
        if not new_page_title.strip():
            raise BuilderProblem("Enter a title for the new page", "page_title")
        data["pages"].append({"title": new_page_title.strip(), "questions": [question]})
    else:
        data["pages"][page_number - 1]["questions"].append(question)
    return check(data)


def update_question(
    stored: dict, key: str, question: dict, *, answered: bool = False
) -> SurveyDefinition:
    """Return the definition with the question keyed key replaced; once answered,
    only its wording may change."""
    data = editable(stored)
    p, q = _locate(data, key)
    old = data["pages"][p]["questions"][q]
    data["pages"][p]["questions"][q] = {**question, "kind": old["kind"]}
    renamed = question.get("key")
    for words in (data.get("translations") or {}).values():
        if renamed and renamed != key and key in words.get("questions", {}):
            words["questions"][renamed] = words["questions"].pop(key)
    definition = check(data)
    if answered:
        before = check(editable(stored)).questions_by_key[key]
        after = definition.questions_by_key.get(question.get("key"))
        if after is None or _fixed(before) != _fixed(after):
            raise BuilderProblem(
                "You cannot change the key, options or rules of this question because people have "
                "already answered it – their answers would be lost. You can still change the "
                "question, hint and short name",
                "key",
            )
    return definition


def _fixed(question) -> dict:
    """Return what answers depend on: everything but the wording."""
    return {k: v for k, v in vars(question).items() if k not in CHANGEABLE_AFTER_RESPONSES}


def delete_question(stored: dict, key: str, *, answered: bool = False) -> SurveyDefinition:
    """Return the definition without the question keyed key (and without its page,
    if it was the last there)."""
    if answered:
        raise BuilderProblem(
            "You cannot delete a question from a survey people have already answered"
        )
    data = editable(stored)
    p, q = _locate(data, key)
    del data["pages"][p]["questions"][q]
    for words in (data.get("translations") or {}).values():
        words.get("questions", {}).pop(key, None)
    if not data["pages"][p]["questions"]:
        del data["pages"][p]
        for words in (data.get("translations") or {}).values():
            del words["pages"][p]
    if not data["pages"]:
        raise BuilderProblem("A survey must have at least one question")
    return check(data)


def _swap(items: list, index: int, step: int) -> None:
    other = index + step
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]


def move_question(stored: dict, key: str, step: int) -> SurveyDefinition:
    """Return the definition with the question keyed key moved one place up (step -1) or down (+1)
    on its page."""
    data = editable(stored)
    p, q = _locate(data, key)
    _swap(data["pages"][p]["questions"], q, step)
    return check(data)


def move_page(stored: dict, page_number: int, step: int) -> SurveyDefinition:
    """Return the definition with page page_number (from 1) moved one place up (-1) or down (+1)."""
    data = editable(stored)
    if not 1 <= page_number <= len(data["pages"]):
        raise BuilderProblem(f"There is no page {page_number}")
    _swap(data["pages"], page_number - 1, step)
    for words in (data.get("translations") or {}).values():
        _swap(words["pages"], page_number - 1, step)
    return check(data)


def open_now(stored: dict, now: datetime) -> SurveyDefinition:
    """Return the definition opening at now (and no longer closed, if it had closed)."""
    data = editable(stored)
    data["opens_at"] = now.isoformat()
    if data.get("closes_at") and datetime.fromisoformat(data["closes_at"]) <= now:
        data["closes_at"] = None
    return check(data)


def close_now(stored: dict, now: datetime) -> SurveyDefinition:
    """Return the definition closing at now."""
    data = editable(stored)
    data["closes_at"] = now.isoformat()
    if data.get("opens_at") and datetime.fromisoformat(data["opens_at"]) >= now:
        data["opens_at"] = (now - timedelta(seconds=1)).isoformat()
    return check(data)


def options_text(question: dict) -> str:
    """Return a question's options one per line: the label,
    or "value | label" when the value is not the label's own."""
    lines = []
    for option in question.get("options") or []:
        derived = re.sub(r"[^a-z0-9]+", "_", option["label"].casefold()).strip("_")
        lines.append(
            option["label"]
            if derived == option["value"]
            else f"{option['value']} | {option['label']}"
        )
    return "\n".join(lines)


def parse_options(text: str) -> list:
    """Return options typed one per line ("label" or "value | label")
    as parse_definition reads them."""
    options = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        value, bar, label = line.partition("|")
        options.append({"value": value.strip(), "label": label.strip()} if bar else line.strip())
    return options


def to_yaml(stored: dict) -> str:
    """Return the definition as YAML that `fairer survey load` reads back to the same definition."""
    data = editable(stored)
    for page in data["pages"]:
        for question in page["questions"]:
            if question["kind"] not in CHOICE_KINDS:
                question.pop("options", None)  # the standard ones come back from the kind
            if not question.get("show_if"):
                question.pop("show_if", None)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def response_count(session: Session, survey_id: int) -> int:
    """Return how many responses a survey has."""
    return (
        session.scalar(
            select(func.count())
            .select_from(SurveyResponse)
            .where(SurveyResponse.survey_id == survey_id)
        )
        or 0
    )
