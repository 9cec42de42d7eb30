"""The words around a survey question on its page, the GOV.UK way: its label marked "(optional)"
when it is, error messages that say which question they are about, and why the equality
questions are asked.

GOV.UK's error message rules: say what went wrong and how to fix it, name the thing in the
question ("Select how much you agree with priority 1"), and use the same words in the error
summary and beside the field. The answer checks (engagement/surveys/answers.py) serve CSV
imports too, where the column names the question; on a page of three likert questions their
"Select how much you agree" would appear three times, so the page names each one here.

In Welsh or Urdu (surveys/residents/language.py) the same errors come from the service's words
in that language, naming the question by its translated short name.
"""

from __future__ import annotations

import re

from engagement.surveys.definition import Question
from engagement.surveys.languages import ENGLISH
from surveys.residents.chrome_words import EN
from surveys.residents.language import current, words

OPTIONAL = EN["optional"]
# The start of a long prompt quoted in an error, at most this many characters, ending in "…".
QUOTED_LENGTH = 40
# "Priority 1: help people keep more of their money" is named "priority 1".
_LEAD_IN = re.compile(r"^([^:]{1,30}):\s")
_TOO_LONG = re.compile(r"^Your answer must be (.+) characters or fewer$")
_NO_MORE_THAN = re.compile(r"^Choose no more than (\d+)$")
_TOP = re.compile(r"^Choose your top (\d+) for ")

# Why each equality question is asked, shown as its hint when the survey gives it none (in
# English here; words("why_<kind>") in the page's language).
WHY_WE_ASK = {kind: EN[f"why_{kind}"] for kind in ("age_band", "sex", "disability", "ethnicity")}
EQUALITY_NOTICE = EN["equality_notice"]


def optional_label(question: Question) -> str:
    """Return the question's prompt for its label or legend, ending "(optional)" when it need
    not be answered."""
    return question.prompt if question.required else question.prompt + words("optional")


def why_we_ask(question: Question) -> str:
    """Return the question's hint: its own, else why an equality question is asked, else ""."""
    if question.hint or question.kind not in WHY_WE_ASK:
        return question.hint
    return words(f"why_{question.kind}")


def equality_notice(survey_notice: str) -> list[str]:
    """Return the paragraphs explaining why the equality questions are asked: the survey's own
    (survey_notice) or the standard one."""
    text = survey_notice.strip() or words("equality_notice")
    return [paragraph.strip() for paragraph in text.split("\n\n") if paragraph.strip()]


def question_name(question: Question) -> str | None:
    """Return how an error names the question: its short name ("your comments"), or the lead-in
    of a prompt like "Priority 1: …" ("priority 1"); None when it has neither."""
    if question.short:
        return question.short
    lead_in = _LEAD_IN.match(question.prompt)
    if lead_in:
        name = lead_in.group(1).strip()
        return name[0].lower() + name[1:] if not name[1:2].isupper() else name
    return None


def _quoted(question: Question) -> str:
    prompt = question.prompt.strip()
    if len(prompt) <= QUOTED_LENGTH:
        return f"‘{prompt}’"
    cut = prompt[:QUOTED_LENGTH].rsplit(" ", 1)[0].rstrip(",;:–- ")
    return f"‘{cut}…’"


def named_error(question: Question, message: str) -> str:
    """Return message (from the answer checks) reworded to say which question it is about;
    a message that already names the question is returned as it is."""
    if current() != ENGLISH:
        return _named_in_translation(question, message)
    name = question_name(question)
    called = name or _quoted(question)
    if message == "Select how much you agree" or (
        question.kind == "likert" and message.startswith("Select ")
    ):
        # An answer not among the options (a forged form) gets the same words as none at all.
        return f"Select how much you agree with {called}"
    if message == "Choose each option only once" or _NO_MORE_THAN.match(message):
        return f"{message} for {called}"
    too_long = _TOO_LONG.match(message)
    if too_long:
        limit = too_long.group(1)
        if name:
            return f"{name[0].upper()}{name[1:]} must be {limit} characters or fewer"
        return f"Your answer to {called} must be {limit} characters or fewer"
    if not question.short and re.search(r"\ban answer\b", message):
        # The checks' own name for a question with a long prompt and no short name.
        return re.sub(r"\ban answer\b", name or f"an answer to {called}", message, count=1)
    return message


def _named_in_translation(question: Question, message: str) -> str:
    """Return the error in the page's language, from what the English message says went wrong."""
    called = question_name(question) or _quoted(question)
    if message == "Select how much you agree" or (
        question.kind == "likert" and message.startswith("Select ")
    ):
        return words("err_select_agree", name=called)
    if message == "Choose each option only once":
        return words("err_rank_once", name=called)
    for pattern, key, part in (
        (_NO_MORE_THAN, "err_rank_max", "top"),
        (_TOP, "err_rank_top", "top"),
        (_TOO_LONG, "err_too_long", "limit"),
    ):
        found = pattern.match(message)
        if found:
            return words(key, name=called, **{part: found.group(1)})
    if message.endswith(" from the list"):
        return words("err_from_list", name=called)
    if message.startswith("Enter "):
        return words("err_enter", name=called)
    return words("err_select", name=called)


def too_long_to_keep(question: Question) -> str:
    """Return the error for answers too long to keep between pages, naming the longest one."""
    called = question_name(question) or _quoted(question)
    return words("err_no_room", name=called)
