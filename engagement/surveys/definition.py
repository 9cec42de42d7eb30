"""A survey's definition: pages of questions, read from YAML (or the builder) and checked.

Question kinds: likert, single, multiple, ranking, text; and the "about you" kinds
respondent_type, neighbourhood, age_band, sex, disability, ethnicity, whose options are standard.
A question may carry show_if: {question: <key>, equals: <value>} or {question: <key>, in: [...]}.
A survey may carry privacy_url (the council's full privacy notice, https) and equality_notice
(why it asks the equality questions); both are optional. It may carry translations: its words
in Welsh and community languages (engagement/surveys/translations.py); in_language(code) gives
the definition residents see in one of them.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from engagement.errors import ImportProblem
from engagement.surveys.languages import ENGLISH
from engagement.surveys.options import EQUALITY, LIKERT, RESPONDENT_TYPES
from engagement.surveys.translations import localise, parse_translations
from engagement.yaml_source import YamlSource

# The councils this serves are in England and Wales: a survey's dates are days there.
SURVEY_DAYS = ZoneInfo("Europe/London")

CHOICE_KINDS = ("single", "multiple", "ranking")
FIXED_KINDS = ("likert", "respondent_type", *EQUALITY)
KINDS = ("likert", *CHOICE_KINDS, "text", "neighbourhood", "respondent_type", *EQUALITY)
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,79}$")
DEFAULT_TEXT_LIMIT = 2000
# Option values stay short enough for the summary index (storage/survey_models.py).
MAX_OPTION_VALUE = 100
_DEFAULT_SHORT = {
    "respondent_type": "who you are responding as",
    "neighbourhood": "your neighbourhood",
    "age_band": "your age",
    "sex": "your sex",
    "disability": "whether you have a long-term health condition",
    "ethnicity": "your ethnic group",
}
_DEFAULT_PROMPTS = {
    "respondent_type": "Are you responding as…",
    "neighbourhood": "Which neighbourhood do you live or work in?",
    **{k: prompt for k, (prompt, _opts) in EQUALITY.items()},
}


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Condition:
    """Show a question only when another question's answer is one of values."""

    question: str
    values: tuple[str, ...]

    def holds(self, answers: dict[str, object]) -> bool:
        """Return whether the answers so far satisfy this condition."""
        given = answers.get(self.question)
        given = given if isinstance(given, (list, tuple)) else [given]
        return any(str(v) in self.values for v in given if v is not None)


@dataclass(frozen=True)
class Question:
    key: str
    kind: str
    prompt: str
    hint: str = ""
    short: str = ""  # how error messages name the question: "Select {short}"
    required: bool = True
    options: tuple[Option, ...] = ()
    max_length: int = DEFAULT_TEXT_LIMIT
    top: int = 3  # ranking: how many to order
    show_if: Condition | None = None

    def label_of(self, value: str) -> str:
        """Return the label shown for an option value (the value itself if unknown)."""
        return next((o.label for o in self.options if o.value == value), value)

    def value_of(self, text: str) -> str | None:
        """Return the option value matching text as a value or a label (case-insensitive),
        or None."""
        wanted = text.strip().casefold()
        return next(
            (o.value for o in self.options if wanted in (o.value.casefold(), o.label.casefold())),
            None,
        )


@dataclass(frozen=True)
class Page:
    title: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class SurveyDefinition:
    slug: str
    title: str
    introduction: str
    privacy_notice: str
    pages: tuple[Page, ...]
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    retention_days: int = 365
    invite_only: bool = False
    privacy_url: str = ""
    equality_notice: str = ""
    # {language code: its words} (engagement/surveys/translations.py); English is the above.
    translations: dict[str, dict] = field(default_factory=dict, compare=False, repr=False)
    language: str = ENGLISH  # the language of the words above (in_language changes it)
    questions_by_key: dict[str, Question] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        self.questions_by_key.update({q.key: q for page in self.pages for q in page.questions})

    @property
    def questions(self) -> tuple[Question, ...]:
        """Return every question in page order."""
        return tuple(self.questions_by_key.values())

    @property
    def languages(self) -> tuple[str, ...]:
        """Return the codes of the languages the survey can be answered in, English first."""
        return (ENGLISH, *self.translations)

    def in_language(self, code: str) -> SurveyDefinition:
        """Return this definition with its words in language code (English when it has no
        translation into it); option values, keys and rules are the same in every language."""
        return localise(self, code)

    def to_json(self) -> dict:
        """Return the definition as plain JSON-able data (stored in Survey.definition)."""
        data = asdict(self)
        data.pop("questions_by_key")
        data.pop("language")  # what is stored is the English, with its translations beside
        for key in ("opens_at", "closes_at"):
            data[key] = data[key].isoformat() if data[key] else None
        return data


def _standard_options(kind: str) -> tuple[Option, ...]:
    pairs = {"likert": LIKERT, "respondent_type": RESPONDENT_TYPES}.get(kind) or EQUALITY[kind][1]
    return tuple(Option(v, label) for v, label in pairs)


def _moment(value, source: YamlSource | None, *keys, end_of_day: bool = False) -> datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        value = date.fromisoformat(value.strip())  # a day, as YAML's own dates are read
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        # A day is a day where residents live: "closes 31 March" ends at 23:59 British time,
        # not at 23:59 UTC, which is 00:59 on 1 April in summer.
        moment = datetime.combine(
            value, time(23, 59, 59) if end_of_day else time(0, 0), tzinfo=SURVEY_DAYS
        )
    else:
        try:
            moment = datetime.fromisoformat(str(value))
        except ValueError:
            raise _problem(source, f"'{value}' is not a date like 2026-12-31.", *keys) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _problem(source: YamlSource | None, message: str, *keys) -> ImportProblem:
    field_name = next((k for k in reversed(keys) if isinstance(k, str)), None)
    if source is None:
        where = ".".join(str(k) for k in keys)
        return ImportProblem(f"{where}: {message}" if where else message)
    return source.problem(message, *keys, field=field_name)


def _options(raw, source, *keys) -> tuple[Option, ...]:
    if not isinstance(raw, list) or len(raw) < 2:
        raise _problem(source, "give at least two options.", *keys)
    options = []
    for i, item in enumerate(raw):
        if isinstance(item, dict):
            value, label = str(item.get("value", "")).strip(), str(item.get("label", "")).strip()
        else:
            label = str(item).strip()
            value = re.sub(r"[^a-z0-9]+", "_", label.casefold()).strip("_")
        if not value or not label:
            raise _problem(source, "each option needs a label.", *keys, i)
        if len(value) > MAX_OPTION_VALUE:
            raise _problem(
                source,
                f"an option's value must be at most {MAX_OPTION_VALUE} characters: give it a "
                "shorter 'value' beside its label.",
                *keys,
                i,
            )
        options.append(Option(value, label))
    values = [o.value for o in options]
    if len(set(values)) != len(values):
        raise _problem(
            source,
            f"the option '{next(v for v in values if values.count(v) > 1)}' appears twice.",
            *keys,
        )
    return tuple(options)


def _question(raw, source, seen: dict[str, Question], *keys) -> Question:
    if not isinstance(raw, dict):
        raise _problem(source, "each question needs a key, a kind and a prompt.", *keys)
    kind = str(raw.get("kind", "")).strip()
    if kind not in KINDS:
        raise _problem(
            source, f"'{kind}' is not a question kind ({', '.join(KINDS)}).", *keys, "kind"
        )
    key = str(
        raw.get("key") or (kind if kind in ("respondent_type", "neighbourhood", *EQUALITY) else "")
    ).strip()
    if not _KEY.match(key):
        raise _problem(
            source,
            f"'{key}' must start with a letter and use lower-case letters, digits and _.",
            *keys,
            "key",
        )
    if key in seen:
        raise _problem(source, f"the key '{key}' is used by two questions.", *keys, "key")
    prompt = str(raw.get("prompt") or _DEFAULT_PROMPTS.get(kind, "")).strip()
    if not prompt:
        raise _problem(source, "missing.", *keys, "prompt")
    options = (
        _standard_options(kind)
        if kind in FIXED_KINDS
        else (
            _options(raw.get("options"), source, *keys, "options") if kind in CHOICE_KINDS else ()
        )
    )
    max_length = int(raw.get("max_length", DEFAULT_TEXT_LIMIT))
    if kind == "text" and not 1 <= max_length <= 10000:
        raise _problem(source, "must be between 1 and 10000 characters.", *keys, "max_length")
    top = int(raw.get("top", min(3, len(options)) if options else 3))
    if kind == "ranking" and not 1 <= top <= len(options):
        raise _problem(source, f"must be between 1 and the {len(options)} options.", *keys, "top")
    condition = None
    if raw.get("show_if") is not None:
        rule = raw["show_if"]
        if not isinstance(rule, dict) or rule.get("question") not in seen:
            raise _problem(
                source,
                "show_if must name an earlier question: {question: key, equals: value}.",
                *keys,
                "show_if",
            )
        wanted = rule.get("in", [rule.get("equals")])
        values = tuple(
            str(v) for v in (wanted if isinstance(wanted, list) else [wanted]) if v is not None
        )
        known = {o.value for o in seen[rule["question"]].options}
        if not values or (known and not set(values) <= known):
            raise _problem(
                source, f"show_if values must be options of '{rule['question']}'.", *keys, "show_if"
            )
        condition = Condition(rule["question"], values)
    # "About you" and equality questions are optional unless the survey says otherwise.
    required_default = kind not in ("neighbourhood", *EQUALITY)
    return Question(
        key=key,
        kind=kind,
        prompt=prompt,
        hint=str(raw.get("hint") or "").strip(),
        short=str(raw.get("short") or _DEFAULT_SHORT.get(kind, "")).strip(),
        required=bool(raw.get("required", required_default)),
        options=options,
        max_length=max_length,
        top=top,
        show_if=condition,
    )


def parse_definition(data, source: YamlSource | None = None) -> SurveyDefinition:
    """Return a checked SurveyDefinition from plain data;
    raise ImportProblem naming what is wrong."""
    if not isinstance(data, dict):
        raise _problem(source, "a survey needs slug, title and pages.")
    slug = str(data.get("slug", "")).strip()
    if not _SLUG.match(slug):
        raise _problem(
            source,
            f"'{slug}' must be lower-case letters, digits and hyphens, like 'draft-priorities'.",
            "slug",
        )
    title = str(data.get("title", "")).strip()
    if not title:
        raise _problem(source, "missing.", "title")
    pages_raw = data.get("pages")
    if not isinstance(pages_raw, list) or not pages_raw:
        raise _problem(source, "give at least one page of questions.", "pages")
    seen: dict[str, Question] = {}
    pages = []
    for p, page in enumerate(pages_raw):
        if (
            not isinstance(page, dict)
            or not isinstance(page.get("questions"), list)
            or not page["questions"]
        ):
            raise _problem(source, "each page needs a title and a list of questions.", "pages", p)
        questions = []
        for q, raw in enumerate(page["questions"]):
            question = _question(raw, source, seen, "pages", p, "questions", q)
            seen[question.key] = question
            questions.append(question)
        pages.append(Page(str(page.get("title") or title).strip(), tuple(questions)))
    opens = _moment(data.get("opens") or data.get("opens_at"), source, "opens")
    closes = _moment(data.get("closes") or data.get("closes_at"), source, "closes", end_of_day=True)
    if opens and closes and closes <= opens:
        raise _problem(source, "the survey must close after it opens.", "closes")
    privacy_url = str(data.get("privacy_url") or "").strip()
    if privacy_url and not re.match(r"^https://[^\s<>\"']+$", privacy_url):
        raise _problem(source, "give the address of a page starting https://.", "privacy_url")
    definition = SurveyDefinition(
        slug=slug,
        title=title,
        introduction=str(data.get("introduction") or "").strip(),
        privacy_notice=str(data.get("privacy_notice") or "").strip(),
        pages=tuple(pages),
        opens_at=opens,
        closes_at=closes,
        retention_days=int(data.get("retention_days", 365)),
        invite_only=bool(data.get("invite_only", False)),
        privacy_url=privacy_url,
        equality_notice=str(data.get("equality_notice") or "").strip(),
    )
    translations = parse_translations(
        data.get("translations"),
        definition,
        {kind: (_DEFAULT_PROMPTS.get(kind, ""), _DEFAULT_SHORT.get(kind, "")) for kind in KINDS},
        lambda message, *keys: _problem(source, message, "translations", *keys),
    )
    return replace(definition, translations=translations, questions_by_key={})


def read_definition(path: Path) -> SurveyDefinition:
    """Return the checked definition in a YAML file; errors name the file, line and field."""
    source = YamlSource(path)
    return parse_definition(source.data, source)


def definition_from_json(data: dict) -> SurveyDefinition:
    """Return the SurveyDefinition stored by to_json()."""
    pages = tuple(
        Page(
            page["title"],
            tuple(
                Question(
                    **{
                        **q,
                        "options": tuple(Option(**o) for o in q["options"]),
                        "show_if": Condition(
                            q["show_if"]["question"], tuple(q["show_if"]["values"])
                        )
                        if q["show_if"]
                        else None,
                    }
                )
                for q in page["questions"]
            ),
        )
        for page in data["pages"]
    )
    moments = {
        k: datetime.fromisoformat(data[k]) if data.get(k) else None
        for k in ("opens_at", "closes_at")
    }
    return SurveyDefinition(
        slug=data["slug"],
        title=data["title"],
        introduction=data["introduction"],
        privacy_notice=data["privacy_notice"],
        pages=pages,
        retention_days=data["retention_days"],
        invite_only=data["invite_only"],
        # Definitions stored before these were added have neither.
        privacy_url=data.get("privacy_url") or "",
        equality_notice=data.get("equality_notice") or "",
        translations=data.get("translations") or {},
        **moments,
    )
