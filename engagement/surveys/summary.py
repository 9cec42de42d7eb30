"""What a survey's respondents said, summarised honestly: agreement with its Wilson interval,
counts, rankings, comment sentiment and themes, by group with small groups suppressed."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from engagement.errors import ImportProblem
from engagement.figures import rounded, withheld
from engagement.statistics import (
    FEWER_THAN_MINIMUM,
    MIN_GROUP,
    PROTECTS_ANOTHER,
    SMALL_BASE,
    percent,
    protect,
    suppress,
    wilson_interval,
)
from engagement.surveys.definition import Question
from engagement.surveys.options import AGREE, DISAGREE, LIKERT, NOT_AN_OPINION
from engagement.surveys.representation import (
    AreaHeard,
    DecileHeard,
    heard_by_decile,
    not_placed,
    who_was_heard,
)
from engagement.surveys.store import find_survey
from storage.survey_models import SUMMARY_INDEX_WHERE, CommentCoding, SurveyAnswer, SurveyResponse

GROUPINGS = ("respondent_type", "neighbourhood")


@dataclass(frozen=True)
class Agreement:
    """Agreement with one statement among n people who gave a view ("don't know" excluded).

    Percentages are exact (unrounded): engagement.figures rounds them once, when they are shown.
    """

    n: int
    agree: int
    disagree: int
    agree_pct: float | None
    ci95: tuple[float, float] | None  # percentages
    net_pct: float | None  # agree % minus disagree %
    small_base: bool
    # Why the headline must not be published (statistics.FEWER_THAN_MINIMUM or
    # PROTECTS_ANOTHER), or None; officers' own pages show it regardless.
    withheld: str | None = None
    net_withheld: str | None = None
    base_withheld: str | None = None  # n itself, where it would give back a withheld cell
    # Why each answer's count must not be published: option value -> reason (shown ones absent).
    cells_withheld: tuple[tuple[str, str], ...] = ()

    @property
    def withheld_words(self) -> str | None:
        """Return how the withheld headline is shown ("[c] fewer than 10 responses"), or None."""
        return withheld(self.withheld) if self.withheld else None


@dataclass
class QuestionSummary:
    key: str
    prompt: str
    kind: str
    n: int  # people who answered (for likert: who gave a view)
    counts: dict[str, int]  # option value -> answers
    labels: dict[str, str]  # option value -> label
    agreement: Agreement | None = None
    weighted_agree_pct: float | None = None  # weighted to the neighbourhoods' populations
    by_group: dict[str, dict[str, Agreement | None]] = field(
        default_factory=dict
    )  # None: suppressed
    # grouping -> group -> why it is suppressed (statistics.FEWER_THAN_MINIMUM or PROTECTS_ANOTHER)
    group_withheld: dict[str, dict[str, str]] = field(default_factory=dict)
    mean_rank: dict[str, float] = field(default_factory=dict)
    first_choice_pct: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class CommentsSummary:
    n: int
    positive_pct: float | None
    neutral_pct: float | None
    negative_pct: float | None
    mean_polarity: float | None
    themes: tuple[tuple[str, int], ...]
    by_question: dict[str, int] = field(default_factory=dict)  # comments per free-text question


@dataclass
class SurveySummary:
    slug: str
    title: str
    responses: int
    questions: list[QuestionSummary]
    comments: CommentsSummary
    heard: list[AreaHeard]
    by_decile: list[DecileHeard]
    not_placed: int = 0  # responses that named no neighbourhood, or one not in the edition


def _small(value: int) -> bool:
    return 0 < value < MIN_GROUP


@dataclass(frozen=True)
class Disclosure:
    """Why each part of a likert question's figures must not be published (None: it may be)."""

    cells: dict[str, str]  # option value -> reason, for the withheld answers only
    base: str | None  # the number who gave a view
    headline: str | None  # "X% agree" and its interval
    net: str | None  # agree % minus disagree %


def likert_disclosure(counts: dict[str, int]) -> Disclosure:
    """Return what a likert question may publish, with the reason for each figure it may not.

    What is published with the answers: the total (the shares give it back), the number who gave
    a view (the headline's base), those who agreed (headline %) and disagreed (net %). A cell of 1
    to 9 is withheld, then more cells or these totals until none can be worked out by
    subtraction; if fewer than 10 gave a view, nothing is published; a headline whose agreeing
    group is 1 to 9 people is withheld. When the number who gave a view would give back a
    withheld "don't know" (total minus those with a view), it is withheld, and so the headline.
    """
    # Every answer a likert statement offers is published, zeros too, wherever it is counted.
    cells = {value: 0 for value, _label in LIKERT} | {k: int(v) for k, v in counts.items()}
    n = sum(v for k, v in cells.items() if k not in NOT_AN_OPINION)
    agree = sum(cells.get(k, 0) for k in AGREE)
    disagree = sum(cells.get(k, 0) for k in DISAGREE)
    if _small(n):
        reasons = {
            k: FEWER_THAN_MINIMUM if _small(v) else PROTECTS_ANOTHER for k, v in cells.items() if v
        }
        return Disclosure(reasons, FEWER_THAN_MINIMUM, FEWER_THAN_MINIMUM, FEWER_THAN_MINIMUM)
    opinion = frozenset(k for k in cells if k not in NOT_AN_OPINION)
    agreeing = frozenset(k for k in cells if k in AGREE)
    disagreeing = frozenset(k for k in cells if k in DISAGREE)
    headline = FEWER_THAN_MINIMUM if _small(agree) else None
    net = FEWER_THAN_MINIMUM if headline or _small(disagree) else None
    sums = [frozenset(cells), opinion]
    sums += [agreeing] if headline is None else []
    sums += [disagreeing] if net is None else []
    reasons, dropped = protect(cells, sums)
    base = PROTECTS_ANOTHER if opinion in dropped else None
    if headline is None and (base or agreeing in dropped):
        headline = PROTECTS_ANOTHER
    if net is None and (headline or disagreeing in dropped):
        net = PROTECTS_ANOTHER
    return Disclosure({k: r for k, r in reasons.items() if r}, base, headline, net)


def agreement(counts: dict[str, int]) -> Agreement:
    """Return agreement from likert counts by option value, with a Wilson 95% interval and what
    of it may be published (likert_disclosure)."""
    n = sum(v for k, v in counts.items() if k not in NOT_AN_OPINION)
    agree = sum(counts.get(k, 0) for k in AGREE)
    disagree = sum(counts.get(k, 0) for k in DISAGREE)
    interval = wilson_interval(agree, n)
    disclosure = likert_disclosure(counts)
    return Agreement(
        n=n,
        agree=agree,
        disagree=disagree,
        agree_pct=percent(agree, n),
        ci95=(interval[0] * 100, interval[1] * 100) if interval else None,
        net_pct=percent(agree, n) - percent(disagree, n) if n else None,
        small_base=n < SMALL_BASE,
        withheld=disclosure.headline,
        net_withheld=disclosure.net,
        base_withheld=disclosure.base,
        cells_withheld=tuple(sorted(disclosure.cells.items())),
    )


def _answer_counts(session: Session, survey_id: int) -> pd.DataFrame:
    """Return answers counted by question, option, rank, respondent type and neighbourhood."""
    columns = (
        SurveyAnswer.question_key,
        SurveyAnswer.value,
        SurveyAnswer.position,
        SurveyAnswer.respondent_type,
        SurveyAnswer.area_code,
    )
    # Long free text is not in the summary index (nor needed here:
    # comments are counted by _comments).
    rows = session.execute(
        select(*columns, func.count())
        .where(
            SurveyAnswer.survey_id == survey_id,
            SurveyAnswer.value.is_not(None),
            text(SUMMARY_INDEX_WHERE),
        )
        .group_by(*columns)
    ).all()
    return pd.DataFrame(
        rows, columns=["key", "value", "position", "respondent_type", "neighbourhood", "n"]
    )


def _by_group(
    frame: pd.DataFrame, grouping: str
) -> tuple[dict[str, Agreement | None], dict[str, str]]:
    """Agreement per group, with groups under 10 people (and a second where needed) suppressed,
    and why each suppressed group is."""
    frame = frame.dropna(subset=[grouping])
    per_group = {
        group: agreement(part.groupby("value")["n"].sum().to_dict())
        for group, part in frame.groupby(grouping)
    }
    sizes = {group: a.n for group, a in per_group.items()}
    shown = suppress(sizes)
    reasons = {
        group: FEWER_THAN_MINIMUM if size < MIN_GROUP else PROTECTS_ANOTHER
        for group, size in sizes.items()
        if shown[group] is None
    }
    return {
        group: (per_group[group] if shown[group] is not None else None)
        for group in sorted(per_group)
    }, reasons


def _weighted(frame: pd.DataFrame, populations: dict[str, int]) -> float | None:
    """Agreement re-weighted so each neighbourhood counts by its population,
    not its response count."""
    total = weight = 0.0
    for area, part in frame.dropna(subset=["neighbourhood"]).groupby("neighbourhood"):
        population = populations.get(area)
        result = agreement(part.groupby("value")["n"].sum().to_dict())
        if population and result.n:
            total += population * result.agree / result.n
            weight += population
    return 100 * total / weight if weight else None


def _question(
    question: Question,
    counts: pd.DataFrame,
    responses: int,
    populations: dict[str, int],
    comments: CommentsSummary,
) -> QuestionSummary:
    mine = counts[counts["key"] == question.key]
    labels = {o.value: o.label for o in question.options}
    by_value = mine.groupby("value")["n"].sum().to_dict()
    ordered = {v: int(by_value.get(v, 0)) for v in labels} | {
        v: int(n) for v, n in by_value.items() if v not in labels
    }
    summary = QuestionSummary(
        question.key,
        question.prompt,
        question.kind,
        0,
        ordered if question.kind not in ("text", "neighbourhood") else {},
        labels,
    )
    if question.kind == "likert":
        summary.agreement = agreement(ordered)
        summary.n = summary.agreement.n
        for grouping in GROUPINGS:
            groups, reasons = _by_group(mine, grouping)
            summary.by_group[grouping] = groups
            summary.group_withheld[grouping] = reasons
        summary.weighted_agree_pct = _weighted(mine, populations)
    elif question.kind == "ranking":
        ranked = mine.dropna(subset=["position"])
        respondents = int(ranked[ranked["position"] == 1]["n"].sum())
        summary.n = respondents
        for value, part in ranked.groupby("value"):
            summary.mean_rank[value] = float((part["position"] * part["n"]).sum() / part["n"].sum())
            summary.first_choice_pct[value] = (
                percent(int(part[part["position"] == 1]["n"].sum()), respondents) or 0.0
            )
    elif question.kind == "multiple":
        summary.n = responses  # shares of all respondents; several answers each
    elif question.kind == "text":
        summary.n = comments.by_question.get(question.key, 0)
    else:
        summary.n = int(mine["n"].sum())
    return summary


def _comments(session: Session, survey_id: int) -> CommentsSummary:
    rows = session.execute(
        select(
            func.coalesce(CommentCoding.sentiment_override, CommentCoding.sentiment),
            CommentCoding.polarity,
            CommentCoding.themes,
            CommentCoding.themes_override,
            SurveyAnswer.question_key,
        )
        .join(SurveyAnswer, CommentCoding.answer_id == SurveyAnswer.id)
        .where(SurveyAnswer.survey_id == survey_id, SurveyAnswer.value.is_not(None))
    ).all()
    n = len(rows)
    sentiments = pd.Series([r[0] for r in rows], dtype="object").value_counts()
    themes: dict[str, int] = {}
    by_question: dict[str, int] = {}
    for _s, _p, automatic, corrected, key in rows:
        for theme in (corrected if corrected is not None else automatic) or []:
            themes[theme] = themes.get(theme, 0) + 1
        by_question[key] = by_question.get(key, 0) + 1
    return CommentsSummary(
        n=n,
        positive_pct=percent(int(sentiments.get("positive", 0)), n),
        neutral_pct=percent(int(sentiments.get("neutral", 0)), n),
        negative_pct=percent(int(sentiments.get("negative", 0)), n),
        mean_polarity=sum(r[1] for r in rows) / n if n else None,
        themes=tuple(sorted(themes.items(), key=lambda item: (-item[1], item[0]))),
        by_question=by_question,
    )


def summarise_survey(session: Session, slug: str, *, scope: tuple[str, ...] = ()) -> SurveySummary:
    """Return the protected summary of a survey (groups under 10 suppressed); raise if unknown."""
    found = find_survey(session, slug)
    if found is None:
        raise ImportProblem(f"There is no survey '{slug}'.")
    survey, definition = found
    responses = (
        session.scalar(select(func.count()).where(SurveyResponse.survey_id == survey.id)) or 0
    )
    heard, populations, _names = who_was_heard(session, survey.id, scope=scope)
    counts, comments = _answer_counts(session, survey.id), _comments(session, survey.id)
    questions = [
        _question(q, counts, responses, populations, comments) for q in definition.questions
    ]
    return SurveySummary(
        slug,
        definition.title,
        responses,
        questions,
        comments,
        heard,
        heard_by_decile(session, survey.id, heard),
        not_placed(session, survey.id),
    )


def _interval_json(a: Agreement) -> list[float] | None:
    return [rounded(a.ci95[0]), rounded(a.ci95[1])] if a.ci95 else None


def _count_reasons(q: QuestionSummary) -> dict[str, str]:
    """Return why each published count of a question is withheld (shown ones absent)."""
    if q.agreement is not None:
        return dict(q.agreement.cells_withheld)
    # Options of a multiple choice question do not add up to a total: each stands alone.
    sums = [] if q.kind == "multiple" else [frozenset(q.counts)]
    reasons, _dropped = protect(q.counts, sums)
    return {k: r for k, r in reasons.items() if r}


def first_choice_reasons(q: QuestionSummary) -> dict[str, str]:
    """Return why each ranking option's share of first choices is withheld (shares give counts)."""
    firsts = {v: round(p * q.n / 100) for v, p in q.first_choice_pct.items()}
    reasons, _dropped = protect(firsts, [frozenset(firsts)])
    return {k: r for k, r in reasons.items() if r}


def _protected_json(q: QuestionSummary, item: dict) -> dict:
    """Return a question's JSON with every figure that would disclose a small group set to null,
    and "suppressed" saying why, as "[c] fewer than 10 responses" or "[c] to protect another
    cell" (the figures' words)."""
    why: dict[str, str] = {}
    base = q.agreement.base_withheld if q.agreement is not None else None
    if _small(q.n) or base:
        item["n"] = None
        why["n"] = withheld(base or FEWER_THAN_MINIMUM)
    reasons = _count_reasons(q)
    item["counts"] = {k: (None if k in reasons else v) for k, v in q.counts.items()}
    why |= {k: withheld(r) for k, r in reasons.items()}
    if q.agreement is not None:
        a = q.agreement
        if a.withheld:
            hidden = ("agree_pct", "agree_ci95", "weighted_agree_pct")
            item |= dict.fromkeys(hidden, None)
            why |= dict.fromkeys(hidden, withheld(a.withheld))
        if a.net_withheld:
            item["net_agreement_pct"] = None
            why["net_agreement_pct"] = withheld(a.net_withheld)
    if q.kind == "ranking":
        firsts = first_choice_reasons(q)
        item["first_choice_pct"] = {
            v: (None if v in firsts else p) for v, p in item["first_choice_pct"].items()
        }
        why |= {f"first_choice_pct.{v}": withheld(r) for v, r in firsts.items()}
    if why:
        item["suppressed"] = why
    return item


def summary_json(summary: SurveySummary, *, protected: bool = True) -> dict:
    """Return the summary in the shape `fairer survey summary --json` promises (CONTRACT.md).

    Percentages are given to one decimal place (rates per 1,000 and mean ranks to two, mean
    polarity to three), each rounded half up once from the exact figure. Protected (the
    default, as anything shared must be): a figure that would disclose a group of fewer than 10,
    or let one be worked out, is null, and the question's "suppressed" says why.
    """

    def group_json(group: Agreement | None, reason: str | None):
        if group is None:
            return {"suppressed": True} | ({"reason": withheld(reason)} if protected else {})
        item = {
            "n": group.n,
            "agree_pct": rounded(group.agree_pct),
            "agree_ci95": _interval_json(group),
            "small_base": group.small_base,
        }
        if protected and group.withheld:
            item |= {"agree_pct": None, "agree_ci95": None, "suppressed": True}
            item["reason"] = withheld(group.withheld)
        return item

    questions = []
    for q in summary.questions:
        item = {"key": q.key, "prompt": q.prompt, "kind": q.kind, "n": q.n, "counts": q.counts}
        if q.agreement is not None:
            overall = q.agreement
            item |= {
                "agree_pct": rounded(overall.agree_pct),
                "agree_ci95": _interval_json(overall),
                "net_agreement_pct": rounded(overall.net_pct),
                "small_base": overall.small_base,
                "weighted_agree_pct": rounded(q.weighted_agree_pct),
            }
            # Groups' sizes add up to the number who gave a view: withheld with it.
            hide_all = protected and overall.base_withheld
            item["by_group"] = {
                grouping: {
                    g: group_json(
                        None if hide_all else a,
                        overall.base_withheld
                        if hide_all
                        else q.group_withheld.get(grouping, {}).get(g),
                    )
                    for g, a in groups.items()
                }
                for grouping, groups in q.by_group.items()
            }
        if q.kind == "ranking":
            item |= {
                "mean_rank": {v: rounded(r, 2) for v, r in q.mean_rank.items()},
                "first_choice_pct": {v: rounded(p) for v, p in q.first_choice_pct.items()},
            }
        questions.append(_protected_json(q, item) if protected else item)
    c = summary.comments
    return {
        "survey": summary.slug,
        "responses": summary.responses,
        "questions": questions,
        "comments": {
            "n": c.n,
            "positive_pct": rounded(c.positive_pct),
            "neutral_pct": rounded(c.neutral_pct),
            "negative_pct": rounded(c.negative_pct),
            "mean_polarity": rounded(c.mean_polarity, 3),
            "themes": [
                {"theme": t, "n": n}
                if not protected or not _small(n)
                else {"theme": t, "n": None, "suppressed": withheld(FEWER_THAN_MINIMUM)}
                for t, n in c.themes
            ],
        },
        "not_placed": (None if protected and _small(summary.not_placed) else summary.not_placed),
        "representation": [
            {
                "area_code": h.area_code,
                "area_name": h.area_name,
                "responses": h.responses,
                "population": h.population,
                "per_1000": rounded(h.per_1000, 2),
                "imd_decile": h.imd_decile,
                "target_area": h.is_target,
                "under_heard": h.under_heard,
            }
            for h in summary.heard
        ],
        "representation_by_decile": [
            {
                "imd_decile": d.imd_decile,
                "responses": d.responses,
                "population": d.population,
                "per_1000": rounded(d.per_1000, 2),
            }
            for d in summary.by_decile
        ],
    }
