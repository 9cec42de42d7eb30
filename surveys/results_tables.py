"""A survey summary as the tables and bars on the results pages, for officers or the public.

The public version withholds every figure that would disclose fewer than 10 people or let such a
figure be worked out (engagement.surveys.disclosure.likert_disclosure), marking each "[c]" with why
(engagement.figures.withheld), and shows no free text at all. Every figure is written out as text;
the bars only repeat it for the eye. Pure functions; no Flask.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from engagement import figures
from engagement.statistics import FEWER_THAN_MINIMUM, MIN_GROUP, protect
from engagement.surveys.languages import LANGUAGES
from engagement.surveys.options import RESPONDENT_TYPES
from engagement.surveys.representation_score import score_by_decile, score_by_neighbourhood
from engagement.surveys.summary import (
    Agreement,
    QuestionSummary,
    SurveySummary,
    first_choice_reasons,
)
from engagement.surveys.text import representation_line

FEWER = figures.withheld(FEWER_THAN_MINIMUM)  # "[c] fewer than 10 responses"
GROUPINGS = {"respondent_type": "Respondent type", "neighbourhood": "Neighbourhood"}
CHOICE_KINDS = (
    "single",
    "multiple",
    "respondent_type",
    "age_band",
    "sex",
    "disability",
    "ethnicity",
)


@dataclass
class Row:
    """One line of a results table: a label, its figures as text, and a bar's width (0–100)."""

    label: str
    figures: list[str]
    width: int = 0
    tags: list[str] = field(default_factory=list)
    bar_at: int = -1  # which figure the bar goes under (-1: the last)


def pct(value: float | None) -> str:
    """Return an exact percentage (0–100) as whole-number text: 86.7 -> "87%"."""
    return figures.percentage(value)


def _width(value: float | None) -> int:
    # The bar rounds as its figure does, so a bar never disagrees with the number beside it.
    return int(figures.half_up(max(0.0, min(100.0, value or 0.0))))


def agreement_text(a: Agreement | None, public: bool = False, reason: str | None = None) -> str:
    """Return "87% agree (95% CI 77% to 93%)", or why there is no figure ("[c] …" where it is
    withheld from the public)."""
    if a is None:
        return figures.withheld(reason or FEWER_THAN_MINIMUM)
    if not a.n:
        return "No views given yet"
    if public and a.withheld:
        return figures.withheld(a.withheld)
    lo, hi = a.ci95 or (None, None)
    interval = figures.percent_range_words(lo, hi)
    return f"{figures.percent_of(a.agree, a.n)} agree (95% CI {interval})"


def _reasons(counts: dict[str, int], public: bool, *, total_shown: bool = True) -> dict[str, str]:
    """Return why each count is withheld from the public (none for officers)."""
    if not public:
        return {}
    reasons, _dropped = protect(counts, [frozenset(counts)] if total_shown else [])
    return {k: r for k, r in reasons.items() if r}


def _count_rows(q: QuestionSummary, base: int, reasons: dict[str, str]) -> list[Row]:
    rows = []
    for value, count in q.counts.items():
        if value in reasons:  # a withheld count's share is withheld too: share × base gives it
            rows.append(Row(q.labels.get(value, value), [figures.withheld(reasons[value]), ""]))
            continue
        share = 100 * count / base if base else None
        shown_share = "" if share is None else pct(share)
        rows.append(
            Row(q.labels.get(value, value), [figures.count(count), shown_share], _width(share))
        )
    return rows


def likert_table(q: QuestionSummary, public: bool) -> dict:
    """Return a Likert statement's headline, distribution rows and base (None: withheld)."""
    a = q.agreement
    hidden = public and a is not None and bool(a.withheld)
    reasons = dict(a.cells_withheld) if public and a is not None else {}
    return {
        "key": q.key,
        "prompt": q.prompt,
        "headline": agreement_text(a, public),
        "n": None if public and a is not None and a.base_withheld else (a.n if a else 0),
        "small_base": bool(a and a.small_base and a.n) and not hidden,
        "width": 0 if hidden else _width(a.agree_pct if a else None),
        "weighted": pct(q.weighted_agree_pct)
        if q.weighted_agree_pct is not None and not hidden
        else None,
        "rows": _count_rows(q, sum(q.counts.values()), reasons),
    }


def group_rows(
    q: QuestionSummary, grouping: str, names: dict[str, str], public: bool = False
) -> list[Row]:
    """Return agreement with a statement by group; a suppressed group is shown as "[c]" with why
    (fewer than 10 responses, or to protect another group)."""
    why = q.group_withheld.get(grouping, {})
    # Groups' sizes add up to the number who gave a view: where that is withheld, so are they.
    base_withheld = public and q.agreement is not None and q.agreement.base_withheld
    labels = dict(RESPONDENT_TYPES) if grouping == "respondent_type" else names
    rows = []
    for group, a in sorted(
        q.by_group.get(grouping, {}).items(), key=lambda item: labels.get(item[0], item[0])
    ):
        label = labels.get(group, group)
        if base_withheld:
            why = {group: base_withheld}
            a = None
        if a is None:
            rows.append(
                Row(label, [figures.withheld(why.get(group)), "Not shown"], 0, ["suppressed"])
            )
        else:
            rows.append(
                Row(
                    label,
                    [figures.count(a.n), agreement_text(a, public)],
                    0 if public and a.withheld else _width(a.agree_pct),
                    ["small base"] if a.small_base else [],
                )
            )
    return rows


def ranking_rows(q: QuestionSummary, public: bool) -> list[Row]:
    """Return a ranking's options by share of first choices, with their mean rank."""
    if public and q.n < MIN_GROUP:
        return []
    order = sorted(
        q.labels, key=lambda v: (-q.first_choice_pct.get(v, 0.0), q.mean_rank.get(v, 99))
    )
    reasons = first_choice_reasons(q) if public else {}
    rows = []
    for value in order:
        first = q.first_choice_pct.get(value, 0.0)
        hidden = value in reasons
        rank = q.mean_rank.get(value)
        mean = figures.decimal(rank) if rank else "Not ranked"
        rows.append(
            Row(
                q.labels[value],
                [figures.withheld(reasons[value]) if hidden else pct(first), mean],
                0 if hidden else _width(first),
                bar_at=0,
            )
        )
    return rows


def choice_rows(q: QuestionSummary, responses: int, public: bool) -> list[Row]:
    """Return how many chose each option, as a count and a share of those answering (of everyone,
    for multiple choice, where people choose several)."""
    base = responses if q.kind == "multiple" else sum(q.counts.values())
    # Options of a multiple choice question do not add up to a total: each stands alone.
    return _count_rows(q, base, _reasons(q.counts, public, total_shown=q.kind != "multiple"))


def comments_table(summary: SurveySummary, public: bool) -> dict | None:
    """Return the comments' sentiment shares and themes, or None when there are none to show."""
    c = summary.comments
    if not c.n or (public and c.n < MIN_GROUP):
        return None
    sentiment = [
        Row(label, [pct(value)], _width(value))
        for label, value in (
            ("Positive", c.positive_pct),
            ("Neutral", c.neutral_pct),
            ("Negative", c.negative_pct),
        )
    ]
    # A comment can have several themes, so theme counts add up to no published total.
    hidden = _reasons(dict(c.themes), public, total_shown=False)
    theme_rows = [
        Row(
            name.capitalize(),
            [figures.withheld(hidden[name]) if name in hidden else figures.count(n)],
            0 if name in hidden else _width(100 * n / c.n),
        )
        for name, n in c.themes
    ]
    polarity = figures.signed(c.mean_polarity)
    return {"n": c.n, "sentiment": sentiment, "themes": theme_rows, "polarity": polarity}


def heard_rows(summary: SurveySummary) -> list[Row]:
    """Return responses per 1,000 residents by neighbourhood,
    target areas first (already suppressed)."""
    top = max((h.per_1000 or 0.0 for h in summary.heard), default=0.0)
    rows = []
    for h in summary.heard:
        tags = (["target area"] if h.is_target else []) + (["under-heard"] if h.under_heard else [])
        per_1000 = figures.per_1000(h.per_1000) if h.per_1000 is not None else "Not shown"
        responses = (
            figures.withheld(h.withheld_because)
            if h.responses is None
            else figures.count(h.responses)
        )
        cells = [responses, figures.count(h.population), per_1000, str(h.imd_decile or "")]
        rows.append(
            Row(
                h.area_name,
                cells,
                _width(100 * (h.per_1000 or 0) / top) if top else 0,
                tags,
                bar_at=2,
            )
        )
    return rows


def decile_rows(summary: SurveySummary) -> list[Row]:
    """Return responses per 1,000 residents by IMD decile (1 = most deprived 10% in England)."""
    top = max((d.per_1000 or 0.0 for d in summary.by_decile), default=0.0)
    return [
        Row(
            f"Decile {d.imd_decile}" + (" (most deprived)" if d.imd_decile == 1 else ""),
            [
                figures.withheld(d.withheld_because)
                if d.responses is None
                else figures.count(d.responses),
                figures.count(d.population),
                figures.per_1000(d.per_1000) if d.per_1000 is not None else "Not shown",
            ],
            _width(100 * (d.per_1000 or 0) / top) if top else 0,
        )
        for d in summary.by_decile
    ]


def language_rows(summary: SurveySummary, public: bool) -> list[Row]:
    """Return responses by the language they were given in, with their share; none when every
    response was in English. Public counts under 10 are withheld, as every group's are."""
    counts = summary.by_language
    if set(counts) <= {"en"}:
        return []
    reasons = _reasons(counts, public)
    total = sum(counts.values())
    rows = []
    for code, n in counts.items():
        known = LANGUAGES.get(code)
        label = (
            f"{known.english_name} ({known.own_name})"
            if known and known.own_name != known.english_name
            else (known.english_name if known else code)
        )
        if code in reasons:
            rows.append(Row(label, [figures.withheld(reasons[code]), ""]))
            continue
        share = 100 * n / total if total else None
        rows.append(Row(label, [figures.count(n), pct(share)], _width(share)))
    return rows


def results_view(summary: SurveySummary, *, public: bool, grouping: str | None = None) -> dict:
    """Return everything a results page shows, in question order."""
    names = {h.area_code: h.area_name for h in summary.heard}
    questions = []
    for q in summary.questions:
        if q.kind == "likert":
            item = {"kind": "likert", **likert_table(q, public)}
            if grouping in GROUPINGS:
                item["groups"] = group_rows(q, grouping, names, public)
            questions.append(item)
        elif q.kind == "ranking":
            questions.append(
                {
                    "kind": "ranking",
                    "key": q.key,
                    "prompt": q.prompt,
                    "n": q.n,
                    "rows": ranking_rows(q, public),
                }
            )
        elif q.kind in CHOICE_KINDS:
            questions.append(
                {
                    "kind": "choice",
                    "key": q.key,
                    "prompt": q.prompt,
                    "n": sum(q.counts.values()),
                    "rows": choice_rows(q, summary.responses, public),
                }
            )
    return {
        "responses": summary.responses,
        "excluded_words": summary.excluded_words,  # None when none were excluded
        "enough": summary.responses >= MIN_GROUP or not public,
        "questions": questions,
        "comments": comments_table(summary, public),
        "heard": heard_rows(summary),
        "not_placed": (
            FEWER
            if public and _small_count(summary.not_placed)
            else figures.count(summary.not_placed)
        ),
        "deciles": decile_rows(summary),
        "deciles_from": summary.deciles_from,  # names the edition of the Indices
        "languages": language_rows(summary, public),
        "representation": [
            representation_line(score, across)
            for score, across in (
                (score_by_decile(summary.by_decile), "deprivation deciles"),
                (score_by_neighbourhood(summary.heard), "neighbourhoods"),
            )
            if score is not None
        ],
        "grouping": grouping if grouping in GROUPINGS else None,
        "grouping_label": GROUPINGS.get(grouping or ""),
    }


def chosen_grouping(wanted: str) -> str | None:
    """Return the grouping a page asked for (?by=…) when it is one of GROUPINGS, else None."""
    return wanted if wanted in GROUPINGS else None


def _small_count(n: int) -> bool:
    return 0 < n < MIN_GROUP
