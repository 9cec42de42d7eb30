"""Survey questions as GOV.UK form fields: read a posted page, build the macros' parameters,
and write answers back for the check-answers page.

Field names are the question keys; a ranking question posts <key>-1, <key>-2, …; a neighbourhood
question posts <key> (chosen from the list) and <key>-typed (typed in). No Flask here: views pass
request.form in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from engagement import figures
from engagement.areas.index import normalise
from engagement.model import AreaSummary
from engagement.surveys.definition import Question
from surveys.residents.question_wording import optional_label, why_we_ask

RADIO_KINDS = ("likert", "single", "respondent_type", "age_band", "sex", "disability", "ethnicity")
# A select longer than this is no help to anyone: people type their neighbourhood instead.
MAX_LISTED_AREAS = 400
ORDINALS = ("1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th")
# Options after which GOV.UK puts an "or" divider: they are not one more opinion.
_SET_APART = {"dont_know", "prefer_not_to_say"}


@dataclass
class PostedStep:
    """What a person posted for one step: the answers to check, what to show back, and errors the
    answer checks cannot see (a neighbourhood both chosen and typed)."""

    given: dict[str, object] = field(default_factory=dict)
    echo: dict[str, object] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def typed_key(question: Question) -> str:
    """Return the form field name of a neighbourhood question's "type it" box."""
    return f"{question.key}-typed"


def ordinal(n: int) -> str:
    """Return "1st", "2nd", … for n from 1 to 10, else "nth"."""
    return ORDINALS[n - 1] if 1 <= n <= len(ORDINALS) else f"{n}th"


def listed_areas(areas: list[AreaSummary]) -> list[AreaSummary]:
    """Return the areas to offer in a list, or none when there are too many to choose from."""
    return areas if len(areas) <= MAX_LISTED_AREAS else []


def read_step(questions: list[Question], form, areas: list[AreaSummary]) -> PostedStep:
    """Return what the form holds for these questions (form: a MultiDict such as request.form)."""
    posted = PostedStep()
    listed = {a.code: a for a in listed_areas(areas)}
    for q in questions:
        if q.kind == "multiple":
            value: object = form.getlist(q.key)
        elif q.kind == "ranking":
            value = [form.get(f"{q.key}-{i}", "") for i in range(1, q.top + 1)]
        elif q.kind == "neighbourhood":
            chosen, typed = form.get(q.key, "").strip(), form.get(typed_key(q), "")
            posted.echo[typed_key(q)] = typed[: q.max_length * 2]
            value = chosen or typed
            if chosen and chosen not in listed:
                posted.errors[q.key] = "Select your neighbourhood from the list"
            elif chosen and typed.strip() and normalise(typed) != normalise(listed[chosen].name):
                posted.errors[q.key] = (
                    "Choose your neighbourhood from the list or type it, not both"
                )
        elif q.kind == "text":
            value = form.get(q.key)
        else:
            # One answer expected: two values for it (a forged form) fail the check as they are.
            values = form.getlist(q.key)
            value = values[0] if len(values) == 1 else (values or None)
        posted.given[q.key] = value
        # Shown back on an error: enough of a too-long answer for the person to shorten it.
        posted.echo[q.key] = (
            value[: q.max_length * 2] if isinstance(value, str) and q.kind == "text" else value
        )
    return posted


def _legend(q: Question, heading: bool) -> dict:
    size = "l" if heading else "m"
    return {
        "text": optional_label(q),
        "isPageHeading": heading,
        "classes": f"govuk-fieldset__legend--{size}",
    }


def _error(message: str | None) -> dict | None:
    return {"text": message} if message else None


def _hint(text: str) -> dict | None:
    return {"text": text} if text else None


def _choice_items(q: Question, selected: list[str]) -> list[dict]:
    items: list[dict] = []
    for i, option in enumerate(q.options):
        if option.value in _SET_APART and i > 0:
            items.append({"divider": "or"})
        items.append(
            {"value": option.value, "text": option.label, "checked": option.value in selected}
        )
    return items


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]


def field_params(
    q: Question,
    value,
    error: str | None,
    *,
    heading: bool,
    areas: list[AreaSummary],
    echo: dict[str, object] | None = None,
) -> dict:
    """Return {"kind": macro to use, "params": its parameters, …} for one question on a page.

    heading: the question is the page's only one, so its legend or label is the page heading.
    """
    if q.kind in RADIO_KINDS or q.kind == "multiple":
        params = {
            "name": q.key,
            "idPrefix": q.key,
            "fieldset": {"legend": _legend(q, heading)},
            "hint": _hint(
                why_we_ask(q) or ("Select all that apply." if q.kind == "multiple" else "")
            ),
            "errorMessage": _error(error),
            "items": _choice_items(q, _as_list(value)),
        }
        return {"kind": "checkboxes" if q.kind == "multiple" else "radios", "params": params}
    if q.kind == "text":
        label = {
            "text": optional_label(q),
            "isPageHeading": heading,
            "classes": "govuk-label--l" if heading else "govuk-label--m",
        }
        return {
            "kind": "text",
            "params": {
                "name": q.key,
                "id": q.key,
                "maxlength": q.max_length,
                "rows": 6,
                "spellcheck": True,
                "textareaDescriptionText": (
                    f"You can enter up to {figures.count(q.max_length)} characters"
                ),
                "label": label,
                "hint": _hint(q.hint),
                "value": value if isinstance(value, str) else "",
                "errorMessage": _error(error),
            },
        }
    if q.kind == "ranking":
        return _ranking(q, _as_list(value), error, heading)
    return _neighbourhood(q, value, error, heading, areas, echo or {})


def _ranking(q: Question, picked: list[str], error: str | None, heading: bool) -> dict:
    described = " ".join(filter(None, [f"{q.key}-hint", f"{q.key}-error" if error else None]))
    selects = []
    for i in range(1, q.top + 1):
        current = picked[i - 1] if i <= len(picked) else ""
        selects.append(
            {
                "id": f"{q.key}-{i}",
                "name": f"{q.key}-{i}",
                "label": {"text": f"{ordinal(i)} choice"},
                "classes": "govuk-select--error" if error and current else "",
                "items": [{"value": "", "text": "Choose an option", "selected": not current}]
                + [
                    {"value": o.value, "text": o.label, "selected": o.value == current}
                    for o in q.options
                ],
            }
        )
    hint = q.hint or f"Choose up to {q.top}, most important first."
    return {
        "kind": "ranking",
        "key": q.key,
        "error": error,
        "hint": hint,
        "selects": selects,
        "fieldset": {"legend": _legend(q, heading), "describedBy": described},
    }


def _neighbourhood(
    q: Question,
    value,
    error: str | None,
    heading: bool,
    areas: list[AreaSummary],
    echo: dict[str, object],
) -> dict:
    listed = listed_areas(areas)
    chosen = value if isinstance(value, str) and any(a.code == value for a in listed) else ""
    typed = echo.get(typed_key(q))
    if typed is None:
        typed = value if isinstance(value, str) and not chosen else ""
    described = " ".join(
        filter(None, [f"{q.key}-hint" if q.hint else None, f"{q.key}-error" if error else None])
    )
    select = None
    if listed:
        select = {
            "id": q.key,
            "name": q.key,
            "label": {"text": "Choose from the list"},
            "items": [{"value": "", "text": "Choose your neighbourhood", "selected": not chosen}]
            + [{"value": a.code, "text": a.name, "selected": a.code == chosen} for a in listed],
        }
    typed_input = {
        "id": typed_key(q) if listed else q.key,
        "name": typed_key(q),
        "label": {
            "text": "Or type the name of your neighbourhood"
            if listed
            else "Name of your neighbourhood"
        },
        "hint": {"text": "For example, the name of your estate, village or part of town"},
        "value": typed,
        "autocomplete": "off",
        "spellcheck": False,
    }
    return {
        "kind": "neighbourhood",
        "key": q.key,
        "error": error,
        "hint": q.hint,
        "select": select,
        "input": typed_input,
        "fieldset": {"legend": _legend(q, heading), "describedBy": described},
    }


def answer_lines(q: Question, value, area_names: dict[str, str]) -> list[str]:
    """Return an answer as the lines a person reads on the check-answers
    page ([] if not answered)."""
    if value in (None, "", []):
        return []
    if q.kind == "ranking":
        return [f"{ordinal(i)}: {q.label_of(v)}" for i, v in enumerate(_as_list(value), start=1)]
    if q.kind == "neighbourhood":
        return [area_names.get(str(value), str(value))]
    if q.kind == "text":
        return str(value).split("\n")
    return [q.label_of(v) for v in _as_list(value)]


def answer_html(lines: list[str]) -> Markup:
    """Return answer lines as escaped HTML, one line each, isolated for right-to-left text."""
    if not lines:
        return Markup('<span class="govuk-hint govuk-!-margin-bottom-0">Not answered</span>')
    return (
        Markup('<span class="fairer-answer" dir="auto">')
        + Markup("<br>").join(escape(line) for line in lines)
        + Markup("</span>")
    )
