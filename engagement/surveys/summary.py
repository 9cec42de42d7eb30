"""What a survey's respondents said, summarised honestly: agreement with its Wilson interval,
counts, rankings, comment sentiment and themes, by group with small groups suppressed.

What may be published is decided in engagement.surveys.disclosure; the JSON document is
engagement.surveys.summary_json."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from engagement import figures
from engagement.errors import ImportProblem
from engagement.figures import withheld
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
from engagement.surveys.disclosure import likert_disclosure
from engagement.surveys.duplicates import excluded_ids
from engagement.surveys.heard_disclosure import published_heard
from engagement.surveys.options import AGREE, DISAGREE, NOT_AN_OPINION
from engagement.surveys.representation import (
    AreaHeard,
    DecileHeard,
    deciles_source,
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
    # Responses by the language they were given in, {code: count}, most first (unsuppressed).
    by_language: dict[str, int] = field(default_factory=dict)
    # Responses officers left out as likely duplicates (engagement.surveys.duplicates): not in
    # `responses` nor in any figure above.
    excluded: int = 0
    # "Deciles from the English Indices of Deprivation 2025.": the edition the deciles come from.
    deciles_from: str | None = None

    @property
    def excluded_words(self) -> str | None:
        """Return "2 responses excluded as likely duplicates" (None when none were)."""
        if not self.excluded:
            return None
        noun = "response" if self.excluded == 1 else "responses"
        return f"{figures.count(self.excluded)} {noun} excluded as likely duplicates"


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


def _answer_counts(session: Session, survey_id: int, excluded: list[int]) -> pd.DataFrame:
    """Return answers counted by question, option, rank, respondent type and neighbourhood,
    leaving out the excluded responses' answers."""
    columns = (
        SurveyAnswer.question_key,
        SurveyAnswer.value,
        SurveyAnswer.position,
        SurveyAnswer.respondent_type,
        SurveyAnswer.area_code,
    )
    # Long free text is not in the summary index (nor needed here:
    # comments are counted by _comments).
    counted = (
        select(*columns, func.count())
        .where(
            SurveyAnswer.survey_id == survey_id,
            SurveyAnswer.value.is_not(None),
            text(SUMMARY_INDEX_WHERE),
        )
        .group_by(*columns)
    )
    names = ["key", "value", "position", "respondent_type", "neighbourhood", "n"]
    frame = pd.DataFrame(session.execute(counted).all(), columns=names)
    if not excluded:
        return frame
    # The few excluded responses' answers are counted apart and taken away, so the summary
    # stays one scan of its index (a filter on response_id would read every answer's row).
    left_out = pd.DataFrame(
        session.execute(counted.where(SurveyAnswer.response_id.in_(excluded))).all(),
        columns=names,
    )
    keys = names[:-1]
    merged = frame.merge(left_out, on=keys, how="left", suffixes=("", "_out"))
    merged["n"] = merged["n"] - merged["n_out"].fillna(0).astype(int)
    return merged[merged["n"] > 0][names].reset_index(drop=True)


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


def _comments(session: Session, survey_id: int, excluded: list[int]) -> CommentsSummary:
    kept = SurveyAnswer.response_id.not_in(excluded) if excluded else text("1 = 1")
    rows = session.execute(
        select(
            func.coalesce(CommentCoding.sentiment_override, CommentCoding.sentiment),
            CommentCoding.polarity,
            CommentCoding.themes,
            CommentCoding.themes_override,
            SurveyAnswer.question_key,
        )
        .join(SurveyAnswer, CommentCoding.answer_id == SurveyAnswer.id)
        .where(SurveyAnswer.survey_id == survey_id, SurveyAnswer.value.is_not(None), kept)
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


def responses_by_language(session: Session, survey_id: int) -> dict[str, int]:
    """Return how many of the survey's responses were given in each language, {code: count},
    most first, leaving out those excluded. Responses from before the language was recorded
    count as English: the only language surveys then had."""
    language = func.coalesce(SurveyResponse.language, "en")
    rows = session.execute(
        select(language, func.count())
        .where(SurveyResponse.survey_id == survey_id, SurveyResponse.excluded_at.is_(None))
        .group_by(language)
    ).all()
    return dict(sorted(((code, n) for code, n in rows), key=lambda row: (-row[1], row[0])))


def summarise_survey(session: Session, slug: str, *, scope: tuple[str, ...] = ()) -> SurveySummary:
    """Return the protected summary of a survey (groups under 10 suppressed), leaving out the
    responses officers excluded and saying how many; raise if unknown."""
    found = find_survey(session, slug)
    if found is None:
        raise ImportProblem(f"There is no survey '{slug}'.")
    survey, definition = found
    excluded = excluded_ids(session, survey.id)
    responses = (
        session.scalar(select(func.count()).where(SurveyResponse.survey_id == survey.id)) or 0
    ) - len(excluded)
    heard, deciles, populations, unplaced = published_heard(session, survey.id, scope=scope)
    counts = _answer_counts(session, survey.id, excluded)
    comments = _comments(session, survey.id, excluded)
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
        deciles,
        unplaced,
        responses_by_language(session, survey.id),
        excluded=len(excluded),
        deciles_from=deciles_source(session),
    )


def first_choice_reasons(q: QuestionSummary) -> dict[str, str]:
    """Return why each ranking option's share of first choices is withheld (shares give counts)."""
    firsts = {v: round(p * q.n / 100) for v, p in q.first_choice_pct.items()}
    reasons, _dropped = protect(firsts, [frozenset(firsts)])
    return {k: r for k, r in reasons.items() if r}
