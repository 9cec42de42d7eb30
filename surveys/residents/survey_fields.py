"""Survey questions as GOV.UK form fields: read a posted page, build the macros' parameters,
and write answers back for the check-answers page.

Field names are the question keys. A ranking question posts its chosen values as <key> (checkboxes),
their order so far as <key>-order, and a pressed "move" button as <key>-move ("up:<value>"). A
neighbourhood question posts <key>: an area code from the council's list, or "somewhere_else" or
"prefer_not_to_say" (stored as they are: neither places the response in an area); without a list
(too many areas) it is a typed name, resolved when the response is stored. No Flask here: views
pass request.form in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from markupsafe import Markup, escape

from engagement import figures
from engagement.areas.index import normalise
from engagement.model import AreaSummary
from engagement.surveys.answers import RATHER_NOT_SAY, SOMEWHERE_ELSE
from engagement.surveys.definition import Question
from surveys.residents.language import character_count_text, words
from surveys.residents.question_wording import optional_label, why_we_ask

RADIO_KINDS = ("likert", "single", "respondent_type", "age_band", "sex", "disability", "ethnicity")
# A select longer than this is no help to anyone: people type their neighbourhood instead.
MAX_LISTED_AREAS = 400
# Up to this many neighbourhoods are radios; more are a select that an autocomplete enhances.
MAX_RADIO_AREAS = 10
# Options after which GOV.UK puts an "or" divider: they are not one more opinion.
_SET_APART = {"dont_know", "prefer_not_to_say"}
# An ONS area name ("Ashvale 001", "Norwich 004A") or a GSS code ("E02000001"): never shown to
# residents, who know their neighbourhood by the name the House of Commons Library gives it.
_CODED_NAME = re.compile(r"(\s\d{3}[A-Z]?|^[EWSN]\d{8})$")
# A council's own name for a target area often ends so; residents are told the place's name.
_TARGET_AREA_SUFFIX = re.compile(r"\s*[-–(]?\s*target\s+area\)?$", re.IGNORECASE)

# The service's words these fields show a person: keys of chrome_words*.py, read with words()
# in the page's language (English for officers' paper entry and the builder's preview).
FIELD_WORDS = (
    "select_all",
    "characters",
    "not_answered",
    "choose_up_to",
    "order_heading",
    "order_hint",
    "move_up",
    "move_down",
    "continue",
    "choose_neighbourhood",
    "neighbourhood_hint",
    "somewhere_else",
    "rather_not_say",
    "select_neighbourhood",
    "typed_hint",
    "no_results",
    "autocomplete_hint",
    "or",
    "ordinals",
    "ordinal_later",
)
# The two answers to a neighbourhood question that are not an area: the keys of their words.
NOT_AN_AREA_TEXT = {SOMEWHERE_ELSE: "somewhere_else", RATHER_NOT_SAY: "rather_not_say"}


@dataclass
class PostedStep:
    """What a person posted for one step: the answers to check, what to show back, errors the
    answer checks cannot see (a neighbourhood not in the list), whether a ranking's "move"
    button was pressed (show the page again, check nothing), and the rankings whose new choices
    still need putting in order."""

    given: dict[str, object] = field(default_factory=dict)
    echo: dict[str, object] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    moved: str | None = None  # the anchor of the choice moved, to come back to
    to_order: list[str] = field(default_factory=list)


def order_key(question: Question) -> str:
    """Return the form field name of a ranking's choices in their current order."""
    return f"{question.key}-order"


def move_key(question: Question) -> str:
    """Return the form field name of a ranking's "move up" and "move down" buttons."""
    return f"{question.key}-move"


def ordinal(n: int) -> str:
    """Return a place in an order in the page's language: "1st", "2nd", … ("1af", "پہلا"), and
    words("ordinal_later") after the tenth ("11th", "Rhif 11")."""
    named = words("ordinals").split()
    return named[n - 1] if 1 <= n <= len(named) else words("ordinal_later", n=n)


def listed_areas(areas: list[AreaSummary]) -> list[AreaSummary]:
    """Return the areas to offer in a list, by the names residents use: none with a coded name,
    a target area without "target area" on the end, and one area per name (a target area before
    the neighbourhood of the same name, as typed names resolve); none when there are too many."""
    listed: dict[str, AreaSummary] = {}
    for area in areas:
        if _CODED_NAME.search(area.name.strip()):
            continue
        name = area.name.strip()
        if area.kind == "custom":
            name = _TARGET_AREA_SUFFIX.sub("", name) or name
        listed.setdefault(normalise(name), replace(area, name=name))
    shown = sorted(listed.values(), key=lambda a: normalise(a.name))
    return shown if len(shown) <= MAX_LISTED_AREAS else []


def _ranked(q: Question, form) -> tuple[list[str], bool, str | None]:
    """Return a ranking's choices in order, whether a new choice still needs its place, and the
    anchor of a choice the person moved."""
    allowed = {o.value for o in q.options}
    chosen = [v for v in dict.fromkeys(form.getlist(q.key)) if v]
    order = [v for v in dict.fromkeys(form.getlist(order_key(q))) if v in chosen]
    ranked = order + [v for v in chosen if v not in order]
    direction, _, value = str(form.get(move_key(q), "")).partition(":")
    if value in ranked and direction in ("up", "down"):
        i = ranked.index(value)
        j = i - 1 if direction == "up" else i + 1
        if 0 <= j < len(ranked):
            ranked[i], ranked[j] = ranked[j], ranked[i]
        return ranked, False, rank_anchor(q, value) if value in allowed else None
    return ranked, len(ranked) > 1 and len(order) < len(ranked), None


def rank_anchor(q: Question, value: str) -> str:
    """Return the id of one chosen item in a ranking's order list."""
    return f"{q.key}-rank-{value}"


def read_step(questions: list[Question], form, areas: list[AreaSummary]) -> PostedStep:
    """Return what the form holds for these questions (form: a MultiDict such as request.form)."""
    posted = PostedStep()
    listed = {a.code for a in listed_areas(areas)}
    for q in questions:
        if q.kind == "multiple":
            value: object = form.getlist(q.key)
        elif q.kind == "ranking":
            value, unordered, moved = _ranked(q, form)
            if moved or form.get(move_key(q)):
                posted.moved = moved or order_key(q)
            elif unordered:
                posted.to_order.append(q.key)
        elif q.kind == "neighbourhood":
            value = form.get(q.key, "")
            if listed and value and value not in listed and value not in NOT_AN_AREA_TEXT:
                posted.errors[q.key] = words("select_neighbourhood")
        elif q.kind == "text":
            value = form.get(q.key)
        else:
            # One answer expected: two values for it (a forged form) fail the check as they are.
            values = form.getlist(q.key)
            value = values[0] if len(values) == 1 else (values or None)
        posted.given[q.key] = value
        # Shown back on an error: enough of a too-long answer for the person to shorten it.
        posted.echo[q.key] = (
            value[: q.max_length * 2]
            if isinstance(value, str) and q.kind in ("text", "neighbourhood")
            else value
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
    # GOV.UK Frontend's hidden "Error:" before the message, said by screen readers.
    return {"text": message, "visuallyHiddenText": words("error_word")} if message else None


def _hint(text: str) -> dict | None:
    return {"text": text} if text else None


def _choice_items(q: Question, selected: list[str]) -> list[dict]:
    items: list[dict] = []
    for i, option in enumerate(q.options):
        if option.value in _SET_APART and i > 0:
            items.append({"divider": words("or")})
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
) -> dict:
    """Return {"kind": macro to use, "params": its parameters, …} for one question on a page.

    heading: the question is the page's only one, so its legend or label is the page heading.
    """
    if q.kind in RADIO_KINDS or q.kind == "multiple":
        params = {
            "name": q.key,
            "idPrefix": q.key,
            "fieldset": {"legend": _legend(q, heading)},
            "hint": _hint(why_we_ask(q) or (words("select_all") if q.kind == "multiple" else "")),
            "errorMessage": _error(error),
            "items": _choice_items(q, _as_list(value)),
        }
        return {"kind": "checkboxes" if q.kind == "multiple" else "radios", "params": params}
    if q.kind == "text":
        return {
            "kind": "text",
            "params": {
                "name": q.key,
                "id": q.key,
                "maxlength": q.max_length,
                "rows": 6,
                "spellcheck": True,
                "textareaDescriptionText": words("characters", count=figures.count(q.max_length)),
                # What GOV.UK Frontend's script says as the person types, in the same language.
                **character_count_text(),
                "label": _label(q, heading),
                "hint": _hint(q.hint),
                "value": value if isinstance(value, str) else "",
                "errorMessage": _error(error),
            },
        }
    if q.kind == "ranking":
        return _ranking(q, _as_list(value), error, heading)
    return _neighbourhood(q, value if isinstance(value, str) else "", error, heading, areas)


def _label(q: Question, heading: bool) -> dict:
    return {
        "text": optional_label(q),
        "isPageHeading": heading,
        "classes": "govuk-label--l" if heading else "govuk-label--m",
    }


def _ranking(q: Question, picked: list[str], error: str | None, heading: bool) -> dict:
    """Checkboxes to choose up to q.top, then (two or more chosen) the choices in order, each
    with buttons that move it: real submit buttons, so ordering works without JavaScript."""
    known = [v for v in picked if any(o.value == v for o in q.options)]
    checkboxes = {
        "name": q.key,
        "idPrefix": q.key,
        "fieldset": {"legend": _legend(q, heading)},
        "hint": _hint(q.hint or words("choose_up_to", top=q.top)),
        "errorMessage": _error(error),
        "items": [
            {"value": o.value, "text": o.label, "checked": o.value in known} for o in q.options
        ],
    }
    order = [
        {
            "value": v,
            "text": q.label_of(v),
            "id": rank_anchor(q, v),
            "up": words("move_up", item=q.label_of(v)) if i > 0 else None,
            "down": words("move_down", item=q.label_of(v)) if i < len(known) - 1 else None,
        }
        for i, v in enumerate(known)
    ]
    return {
        "kind": "ranking",
        "key": q.key,
        "checkboxes": checkboxes,
        # Not beside an error (too many chosen): the order comes once the choice is right.
        "order": order if len(order) > 1 and not error else [],
        "order_id": order_key(q),
        "order_name": order_key(q),
        "move_name": move_key(q),
        "order_heading": words("order_heading"),
        "order_hint": words("order_hint"),
        "continue": words("continue"),
    }


def _neighbourhood(
    q: Question, value: str, error: str | None, heading: bool, areas: list[AreaSummary]
) -> dict:
    """Radios when the council's list is short, a select (that a script turns into an
    autocomplete) when long; a text box only when there is no list (too many areas)."""
    listed = listed_areas(areas)
    if not listed:
        return {
            "kind": "input",
            "params": {
                "id": q.key,
                "name": q.key,
                "label": _label(q, heading),
                "hint": _hint(q.hint or words("typed_hint")),
                "value": value,
                "autocomplete": "off",
                "spellcheck": False,
                "errorMessage": _error(error),
            },
        }
    others = [(code, words(key)) for code, key in NOT_AN_AREA_TEXT.items()]
    if len(listed) <= MAX_RADIO_AREAS:
        items: list[dict] = [
            {"value": a.code, "text": a.name, "checked": a.code == value} for a in listed
        ]
        items.append({"divider": words("or")})
        items += [{"value": code, "text": text, "checked": code == value} for code, text in others]
        return {
            "kind": "radios",
            "params": {
                "name": q.key,
                "idPrefix": q.key,
                "fieldset": {"legend": _legend(q, heading)},
                "hint": _hint(q.hint),
                "errorMessage": _error(error),
                "items": items,
            },
        }
    choices = [(a.code, a.name) for a in listed] + others
    return {
        "kind": "select",
        "autocomplete": True,
        "params": {
            "id": q.key,
            "name": q.key,
            "label": _label(q, heading),
            "hint": _hint(q.hint or words("neighbourhood_hint")),
            "errorMessage": _error(error),
            "items": [{"value": "", "text": words("choose_neighbourhood"), "selected": not value}]
            + [{"value": c, "text": t, "selected": c == value} for c, t in choices],
            "attributes": {
                "data-fairer-autocomplete": "",
                "data-no-results": words("no_results"),
                "data-assistive-hint": words("autocomplete_hint"),
            },
        },
    }


def answer_lines(q: Question, value, area_names: dict[str, str]) -> list[str]:
    """Return an answer as the lines a person reads on the check-answers
    page ([] if not answered)."""
    if value in (None, "", []):
        return []
    if q.kind == "ranking":
        return [f"{ordinal(i)}: {q.label_of(v)}" for i, v in enumerate(_as_list(value), start=1)]
    if q.kind == "neighbourhood":
        if value in NOT_AN_AREA_TEXT:
            return [words(NOT_AN_AREA_TEXT[value])]
        name = area_names.get(str(value), str(value))
        return [_TARGET_AREA_SUFFIX.sub("", name) or name]
    if q.kind == "text":
        return str(value).split("\n")
    return [q.label_of(v) for v in _as_list(value)]


def answer_html(lines: list[str]) -> Markup:
    """Return answer lines as escaped HTML, one line each, isolated for right-to-left text."""
    if not lines:
        return Markup('<span class="govuk-hint govuk-!-margin-bottom-0">{}</span>').format(
            words("not_answered")
        )
    return (
        Markup('<span class="fairer-answer" dir="auto">')
        + Markup("<br>").join(escape(line) for line in lines)
        + Markup("</span>")
    )
