"""The survey builder's forms: read what an officer posted into the data engagement/surveys/builder
checks, and build the GOV.UK macros' parameters back from a stored definition. No Flask here:
views pass request.form in.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from engagement.surveys.builder import options_text, parse_options
from engagement.surveys.definition import CHOICE_KINDS, EQUALITY, KINDS

KIND_NAMES = {
    "likert": "Agree or disagree (5-point scale)",
    "single": "Choose one option",
    "multiple": "Choose any options",
    "ranking": "Put options in order",
    "text": "Free text",
    "neighbourhood": "About you: neighbourhood",
    "respondent_type": "About you: responding as",
    "age_band": "About you: age",
    "sex": "About you: sex",
    "disability": "About you: disability",
    "ethnicity": "About you: ethnic group",
}
ABOUT_YOU = ("neighbourhood", "respondent_type", *EQUALITY)
# Where each field's error links to in the error summary.
ANCHORS = {
    "opens": "opens-day",
    "closes": "closes-day",
    "show_if": "show_if_question",
    "pages": "title",
}


def suggest_slug(title: str) -> str:
    """Return a slug made from a title: "Parks & play areas" becomes "parks-play-areas"."""
    return re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")[:80]


def _date(form, prefix: str, label: str, errors: dict) -> date | None:
    parts = [form.get(f"{prefix}-{p}", "").strip() for p in ("day", "month", "year")]
    if not any(parts):
        return None
    try:
        return date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        errors[prefix] = f"{label} must be a real date"
        return None


def _whole(form, name: str, default: int, message: str, errors: dict) -> int:
    raw = form.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit():
        errors[name] = message
        return default
    return int(raw)


def _keep_time(typed: date | None, stored: str | None):
    """Keep a stored moment when its date was not changed, so "open now" keeps its time."""
    if stored and typed and datetime.fromisoformat(stored).date() == typed:
        return stored
    return typed


def read_details(form, stored: dict | None = None) -> tuple[dict, dict[str, str]]:
    """Return (details, errors) from the survey details form;
    stored is the definition being edited."""
    errors: dict[str, str] = {}
    title = form.get("title", "").strip()
    if not title:
        errors["title"] = "Enter a title"
    details: dict = {
        "title": title,
        "introduction": form.get("introduction", "").strip(),
        "privacy_notice": form.get("privacy_notice", "").strip(),
        "invite_only": form.get("invite_only") == "yes",
    }
    if stored is None:
        details["slug"] = form.get("slug", "").strip() or suggest_slug(title)
    opens, closes = (
        _date(form, "opens", "Open date", errors),
        _date(form, "closes", "Close date", errors),
    )
    if stored is None and opens is None and "opens" not in errors:
        # A new survey has only a placeholder question: it must not reach residents by accident.
        errors["opens"] = "Enter the date the survey opens"
    details["opens_at"] = _keep_time(opens, (stored or {}).get("opens_at"))
    details["closes_at"] = _keep_time(closes, (stored or {}).get("closes_at"))
    details["retention_days"] = _whole(
        form,
        "retention_days",
        365,
        "Keep comments for must be a whole number of days, like 365",
        errors,
    )
    return details, errors


def details_values(stored: dict | None) -> dict:
    """Return what the details form shows for a stored definition (or a new survey)."""
    if stored is None:
        return {"retention_days": "365"}
    values = {k: stored.get(k) or "" for k in ("title", "slug", "introduction", "privacy_notice")}
    values.update(
        retention_days=str(stored.get("retention_days", 365)), invite_only=stored.get("invite_only")
    )
    for name in ("opens", "closes"):
        moment = stored.get(f"{name}_at")
        day = datetime.fromisoformat(moment).date() if moment else None
        values.update(
            {
                f"{name}-day": str(day.day) if day else "",
                f"{name}-month": str(day.month) if day else "",
                f"{name}-year": str(day.year) if day else "",
            }
        )
    return values


def read_question(form, kind: str, earlier: dict) -> tuple[dict, dict[str, str]]:
    """Return (question, errors) from the question form;
    earlier maps earlier questions' keys to them."""
    errors: dict[str, str] = {}
    if kind not in KINDS:
        errors["kind"] = "Select the kind of question"
    key = form.get("key", "").strip()
    if not key and kind not in ABOUT_YOU:
        errors["key"] = "Enter a key"
    question: dict = {
        "key": key or kind,
        "kind": kind,
        "prompt": form.get("prompt", "").strip(),
        "hint": form.get("hint", "").strip(),
        "short": form.get("short", "").strip(),
        "required": form.get("required", "yes") == "yes",
    }
    if not question["prompt"] and kind not in ABOUT_YOU:
        errors["prompt"] = "Enter the question"
    if kind in CHOICE_KINDS:
        question["options"] = parse_options(form.get("options", ""))
    if kind == "text":
        question["max_length"] = _whole(
            form, "max_length", 2000, "Maximum length must be a whole number", errors
        )
    if kind == "ranking":
        question["top"] = _whole(
            form, "top", 3, "Number of options to rank must be a whole number", errors
        )
    shown_after = form.get("show_if_question", "").strip()
    if shown_after:
        wanted = [
            v.strip() for v in re.split(r"[\n,]", form.get("show_if_values", "")) if v.strip()
        ]
        if not wanted:
            errors["show_if"] = "Enter the answers that show this question"
        # Officers may type an option's label; the definition keeps its value.
        source = earlier.get(shown_after)
        values = [(source.value_of(v) if source else None) or v for v in wanted]
        question["show_if"] = {"question": shown_after, "in": values}
    return question, errors


def question_values(question: dict | None) -> dict:
    """Return what the question form shows for a stored question (or a new one)."""
    if question is None:
        return {"required": "yes", "max_length": "2000", "top": "3"}
    rule = question.get("show_if") or {}
    return {
        "key": question["key"],
        "prompt": question["prompt"],
        "hint": question.get("hint", ""),
        "short": question.get("short", ""),
        "required": "yes" if question.get("required") else "no",
        "options": options_text(question) if question["kind"] in CHOICE_KINDS else "",
        "max_length": str(question.get("max_length", 2000)),
        "top": str(question.get("top", 3)),
        "show_if_question": rule.get("question", ""),
        "show_if_values": "\n".join(rule.get("values") or []),
    }


def error_list(errors: dict[str, str]) -> list[dict]:
    """Return errors as the GOV.UK error summary's list, each linking to its field."""
    return [
        {"text": message, **({"href": f"#{ANCHORS.get(name, name)}"} if name != "_" else {})}
        for name, message in errors.items()
    ]
