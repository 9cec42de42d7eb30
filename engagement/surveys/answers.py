"""Check a respondent's answers against a survey definition, in GOV.UK error wording.

The same checks serve the web form, staff entering a paper form, and a CSV of paper responses.
Answers are plain data: a string for likert, single, text, neighbourhood and the "about you"
questions; a list of option values for multiple choice; an ordered list for ranking. A
neighbourhood is an area code, a typed name, or one of NOT_AN_AREA: the person lives somewhere
not listed, or would rather not say (kept apart, and placed in no area).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from engagement import figures
from engagement.surveys.definition import Question, SurveyDefinition

# Control and format characters are dropped from free text: they can hide or reorder text on
# screen (a right-to-left override, say). Kept: newline and tab, and the zero-width joiner and
# non-joiner, which Persian, Hindi and other scripts need to spell words, and emoji to draw a
# family or a flag as one picture.
_KEEP = {"\n", "\t", "\u200c", "\u200d"}

SOMEWHERE_ELSE = "somewhere_else"
RATHER_NOT_SAY = "prefer_not_to_say"
# The neighbourhood answers that name no area, with the words a paper form or a CSV may use.
NOT_AN_AREA = {
    SOMEWHERE_ELSE: "Somewhere else",
    RATHER_NOT_SAY: "I'd rather not say",
}
_NOT_AN_AREA_WORDS = {
    "somewhere else": SOMEWHERE_ELSE,
    "id rather not say": RATHER_NOT_SAY,
    "rather not say": RATHER_NOT_SAY,
    "prefer not to say": RATHER_NOT_SAY,
}


def clean_text(text: str) -> str:
    """Return free text normalised (NFC), without control or format characters (but for the
    joiners in _KEEP), trimmed."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(ch for ch in text if ch in _KEEP or unicodedata.category(ch)[0] != "C").strip()


def _short(question: Question) -> str:
    """The question as it appears inside an error message: its short name, or a short prompt."""
    if question.short:
        return question.short
    prompt = question.prompt.rstrip("?.… ")
    if len(prompt) > 50:
        return "an answer"
    return (
        prompt[0].lower() + prompt[1:]
        if prompt[:1].isupper() and not prompt[1:2].isupper()
        else prompt
    )


@dataclass
class CheckedAnswers:
    """Answers that passed, and an error message per question key that did not."""

    answers: dict[str, object] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def check_answers(
    definition: SurveyDefinition, given: dict[str, object], *, keys=None
) -> CheckedAnswers:
    """Return the valid answers and GOV.UK-style errors for the questions in keys (default all).

    given maps question keys to strings or lists of strings, as a form or a CSV row provides
    them; unknown keys are ignored, hidden questions (show_if) are dropped.
    """
    result = CheckedAnswers()
    wanted = set(keys) if keys is not None else None
    for question in definition.questions:
        if wanted is not None and question.key not in wanted:
            continue
        if question.show_if is not None and not question.show_if.holds({**given, **result.answers}):
            continue
        value, error = _check(question, given.get(question.key))
        if error:
            result.errors[question.key] = error
        elif value not in (None, "", []):
            result.answers[question.key] = value
    return result


def _as_list(raw) -> list[str]:
    if raw is None:
        return []
    items = raw if isinstance(raw, (list, tuple)) else [raw]
    return [str(i).strip() for i in items if str(i).strip()]


def _check(question: Question, raw) -> tuple[object, str | None]:
    kind = question.kind
    if kind == "text" or kind == "neighbourhood":
        text = clean_text(str(raw)) if isinstance(raw, str) else ""
        if not text:
            return None, (f"Enter {_short(question)}" if question.required else None)
        if len(text) > question.max_length:
            return (
                None,
                f"Your answer must be {figures.count(question.max_length)} characters or fewer",
            )
        if kind == "neighbourhood":
            words = " ".join(text.casefold().replace("’", "").replace("'", "").split())
            text = _NOT_AN_AREA_WORDS.get(words.replace("_", " "), text)
        return text, None
    values = _as_list(raw)
    allowed = {o.value for o in question.options}
    if kind == "multiple":
        if not values:
            return None, (f"Select {_short(question)}" if question.required else None)
        if not set(values) <= allowed:
            return None, f"Select {_short(question)} from the list"
        return list(dict.fromkeys(values)), None
    if kind == "ranking":
        ranked = [v for v in values if v]
        if not ranked:
            return None, (
                f"Choose your top {question.top} for {_short(question)}"
                if question.required
                else None
            )
        if not set(ranked) <= allowed:
            return None, f"Choose {_short(question)} from the list"
        if len(set(ranked)) != len(ranked):
            return None, "Choose each option only once"
        if len(ranked) > question.top:
            return None, f"Choose no more than {question.top}"
        return ranked, None
    value = values[0] if len(values) == 1 else (None if not values else "")
    if value is None:
        if not question.required:
            return None, None
        return None, (
            "Select how much you agree" if kind == "likert" else f"Select {_short(question)}"
        )
    if value not in allowed:
        return None, f"Select {_short(question)} from the list"
    return value, None
