"""What residents of an assessment's areas said in one survey, and who was and was not heard:
withheld exactly as published results are (nothing from fewer than 10 people, "[c]" with why,
"small base" under 30, Wilson intervals).

Responses count for the areas when given in a neighbourhood lying wholly inside them. Their
number is withheld too when it would give back a neighbourhood's withheld count (the total
minus the neighbourhoods shown). Who was heard is the published table of responses per 1,000
residents (engagement.surveys.representation), for the neighbourhoods overlapping the areas.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engagement import figures
from engagement.areas.custom import lsoa_populations
from engagement.statistics import FEWER_THAN_MINIMUM, MIN_GROUP, PROTECTS_ANOTHER, protect
from engagement.surveys.definition import definition_from_json
from engagement.surveys.representation import (
    AreaHeard,
    DecileHeard,
    counts_by_code,
    heard_by_decile,
    who_was_heard,
)
from engagement.surveys.representation_score import score_by_decile, score_by_neighbourhood
from engagement.surveys.summary import agreement
from engagement.surveys.text import agreement_line, representation_line
from storage.survey_models import CommentCoding, Survey, SurveyAnswer, SurveyResponse

MAX_SURVEYS = 2  # the surveys most recently answered: older ones are on the area pages


@dataclass(frozen=True)
class ThemeLine:
    """A comment theme: how many comments from the areas raise it ("[c] …" when withheld), and
    whether it is one the subject is about."""

    name: str
    comments: str
    related: bool


@dataclass(frozen=True)
class HeardLine:
    """A neighbourhood or decile: its responses, rate per 1,000 residents and decile, in words."""

    code: str
    name: str
    responses: str
    per_1000: str
    decile: str
    target: bool = False
    under_heard: bool = False


@dataclass(frozen=True)
class SurveyEvidence:
    """One survey's evidence for the areas: responses, agreement, themes, who was heard."""

    slug: str
    title: str
    responses: str  # from the areas: a count, "[c] …", or "none"
    statements: tuple[tuple[str, str], ...] = ()  # (prompt, agreement in words)
    themes: tuple[ThemeLine, ...] = ()
    themes_note: str = ""  # why no themes are shown
    heard: tuple[HeardLine, ...] = ()
    deciles: tuple[HeardLine, ...] = ()
    not_heard: tuple[str, ...] = ()  # "Mile Cross: no responses"
    representation: tuple[str, ...] = ()


def recent_surveys(session: Session, today: date) -> list[Survey]:
    """Return up to MAX_SURVEYS surveys opened by today, latest answered first."""
    latest = func.max(SurveyResponse.submitted_at)
    ids = session.scalars(
        select(SurveyResponse.survey_id)
        .where(SurveyResponse.excluded_at.is_(None))
        .group_by(SurveyResponse.survey_id)
        .order_by(latest.desc(), SurveyResponse.survey_id)
    ).all()
    surveys = [session.get(Survey, i) for i in ids]
    opened = [s for s in surveys if s.opens_at is None or s.opens_at.date() <= today]
    return opened[:MAX_SURVEYS]


def survey_evidence(
    session: Session,
    survey: Survey,
    edition_id: int | None,
    inside: set[str] | None,
    related: tuple[str, ...],
    scope: tuple[str, ...],
    *,
    whole: bool,
) -> SurveyEvidence:
    """Return one survey's evidence for the areas whose LSOAs are inside (every response when
    whole): responses, agreement and comment themes (related ones first), and who was heard."""
    counts = counts_by_code(session, survey.id)
    codes = None
    if not whole:
        known = [c for c in counts if c]
        placed = lsoa_populations(session, edition_id, known) if inside else {}
        codes = [c for c in known if c in placed and placed[c].keys() <= inside]
    everywhere, _populations, _names = who_was_heard(session, counts, scope=scope)
    codes_heard = [r.area_code for r in everywhere]
    lsoas = lsoa_populations(session, edition_id, codes_heard) if everywhere else {}
    rows = everywhere
    if inside is not None:
        rows = [r for r in rows if lsoas.get(r.area_code, {}).keys() & inside]
    deciles = heard_by_decile(session, counts, rows)
    why = _withheld(everywhere, rows, deciles, lsoas, counts, codes)
    total = sum(counts.values()) if codes is None else sum(counts[c] for c in codes)
    evidence = SurveyEvidence(
        survey.slug,
        survey.title,
        _responses_words(total, why.get("total")),
        **_heard(rows, deciles, why),
    )
    if total < MIN_GROUP or "total" in why:
        return evidence
    themes, note = _themes(session, survey.id, codes, related)
    statements = _statements(session, survey, codes)
    return replace(evidence, statements=statements, themes=themes, themes_note=note)


def _withheld(
    everywhere: list[AreaHeard],
    rows: list[AreaHeard],
    deciles: list[DecileHeard],
    lsoas: dict[str, dict[str, int]],
    counts: dict[str | None, int],
    codes: list[str] | None,
) -> dict[str, str]:
    """Return why each withheld figure is, by key ("area:<code>", "decile:<n>", "total").

    The published table withholds each neighbourhood of 1 to 9; here its figures sit beside sums
    of them (the deciles here and in the published table, every target area, the areas' total),
    so statistics.protect withholds more until no withheld count can be worked out by
    subtraction, as published tables do. The cells are every neighbourhood (MSOA) of the survey,
    shown here (rows) or not, and the responses counted in the total but given for another kind
    of area, never shown; any other area is taken as the sum of the neighbourhoods it overlaps,
    which withholds at least enough.
    """
    msoas = {r.area_code: r for r in everywhere if r.kind == "msoa"}
    here = {r.area_code for r in rows}
    # A count the table already withholds is 1 to 9: 1 stands for it (protect needs no more).
    cells = {f"area:{c}": (1 if r.responses is None else r.responses) for c, r in msoas.items()}
    sums: dict[str, frozenset[str]] = {}
    if codes is not None:
        cells |= {f"given:{c}": counts[c] for c in codes if c not in msoas}
        sums["total"] = frozenset(f"area:{c}" if c in msoas else f"given:{c}" for c in codes)
    for d in deciles:
        sums[f"decile:{d.imd_decile}"] = frozenset(
            f"area:{c}" for c, r in msoas.items() if r.imd_decile == d.imd_decile and c in here
        )
    for decile in {r.imd_decile for r in msoas.values()}:
        sums[f"published decile:{decile}"] = frozenset(
            f"area:{c}" for c, r in msoas.items() if r.imd_decile == decile
        )
    for r in everywhere:
        if r.kind != "msoa":
            mine = lsoas.get(r.area_code, {}).keys()
            sums[f"area:{r.area_code}"] = frozenset(
                f"area:{c}" for c in msoas if lsoas.get(c, {}).keys() & mine
            )
    reasons, dropped = protect(cells, [g for g in sums.values() if g])
    why = {k: r for k, r in reasons.items() if r}
    why |= {k: PROTECTS_ANOTHER for k, g in sums.items() if g and g in dropped}
    why |= {f"area:{r.area_code}": FEWER_THAN_MINIMUM for r in rows if r.responses is None}
    why |= {f"decile:{d.imd_decile}": FEWER_THAN_MINIMUM for d in deciles if d.responses is None}
    return why


def _responses_words(total: int, reason: str | None) -> str:
    if total == 0:
        return "No responses from these areas"
    if total < MIN_GROUP:
        return figures.withheld(FEWER_THAN_MINIMUM)
    if reason:
        return figures.withheld(reason)
    return f"{figures.count(total)} {'response' if total == 1 else 'responses'}"


def _from_areas(query, codes: list[str] | None):
    return query if codes is None else query.where(SurveyResponse.area_code.in_(codes))


def _statements(session: Session, survey: Survey, codes: list[str] | None) -> tuple:
    definition = definition_from_json(survey.definition)
    likert = [q for q in definition.questions if q.kind == "likert"]
    counts: dict[str, dict[str, int]] = {}
    query = (
        select(SurveyAnswer.question_key, SurveyAnswer.value, func.count())
        .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
        .where(
            SurveyAnswer.survey_id == survey.id,
            SurveyAnswer.question_key.in_([q.key for q in likert]),
            SurveyResponse.excluded_at.is_(None),
        )
        .group_by(SurveyAnswer.question_key, SurveyAnswer.value)
    )
    for key, value, n in session.execute(_from_areas(query, codes)):
        counts.setdefault(key, {})[value] = n
    return tuple((q.prompt, agreement_line(agreement(counts.get(q.key, {})))) for q in likert)


def _themes(
    session: Session, survey_id: int, codes: list[str] | None, related: tuple[str, ...]
) -> tuple[tuple[ThemeLine, ...], str]:
    query = (
        select(CommentCoding.themes, CommentCoding.themes_override)
        .join(SurveyAnswer, CommentCoding.answer_id == SurveyAnswer.id)
        .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
        .where(
            SurveyAnswer.survey_id == survey_id,
            SurveyAnswer.value.is_not(None),
            SurveyResponse.excluded_at.is_(None),
        )
    )
    rows = session.execute(_from_areas(query, codes)).all()
    if len(rows) < MIN_GROUP:
        return (), "Fewer than 10 comments from these areas, so their themes are not shown."
    counts: dict[str, int] = {}
    for automatic, corrected in rows:
        for theme in (corrected if corrected is not None else automatic) or []:
            counts[theme] = counts.get(theme, 0) + 1
    # A comment can have several themes, so the counts add up to no published total.
    reasons, _dropped = protect(counts, [])
    shown = sorted((t for t in counts if not reasons[t]), key=lambda t: (-counts[t], t))
    hidden = sorted(t for t in counts if reasons[t])
    lines = [
        ThemeLine(
            t,
            figures.withheld(reasons[t]) if reasons[t] else f"{figures.count(counts[t])} comments",
            t in related,
        )
        for t in shown + hidden
    ]
    lines.sort(key=lambda line: not line.related)  # stable: the subject's own themes first
    return tuple(lines), "" if lines else "No comment from these areas raised a theme."


def _heard(rows: list[AreaHeard], deciles: list[DecileHeard], why: dict[str, str]) -> dict:
    """Return the heard lines, by neighbourhood and by decile, those not heard (no responses, or
    too few to show), and the representation scores over the figures shown."""
    shown_rows = [
        replace(r, responses=None, per_1000=None) if f"area:{r.area_code}" in why else r
        for r in rows
    ]
    shown_deciles = [
        replace(d, responses=None, per_1000=None) if f"decile:{d.imd_decile}" in why else d
        for d in deciles
    ]
    heard = tuple(
        HeardLine(
            r.area_code,
            r.area_name,
            _heard_words(r.responses, why.get(f"area:{r.area_code}")),
            _per_1000(r.per_1000),
            f"decile {r.imd_decile}" if r.imd_decile else "",
            r.is_target,
            r.under_heard,
        )
        for r in shown_rows
    )
    by_decile = tuple(
        HeardLine(
            "",
            f"Decile {d.imd_decile}",
            _heard_words(d.responses, why.get(f"decile:{d.imd_decile}")),
            _per_1000(d.per_1000),
            "",
        )
        for d in shown_deciles
    )
    # Not heard: none, or too few to show. A count withheld to protect another is not named:
    # naming it would say it was none (or that it was 10 and more).
    keys = [f"area:{r.area_code}" for r in rows] + [f"decile:{d.imd_decile}" for d in deciles]
    values = [r.responses for r in rows] + [d.responses for d in deciles]
    not_heard = tuple(
        f"{line.name}: {line.responses}"
        for line, key, n in zip((*heard, *by_decile), keys, values, strict=True)
        if why.get(key) == FEWER_THAN_MINIMUM or (key not in why and not n)
    )
    representation = tuple(
        representation_line(score, across)
        for score, across in (
            (score_by_decile(shown_deciles), "deprivation deciles"),
            (score_by_neighbourhood(shown_rows), "neighbourhoods"),
        )
        if score is not None
    )
    return {
        "heard": heard,
        "deciles": by_decile,
        "not_heard": not_heard,
        "representation": representation,
    }


def _heard_words(responses: float | None, reason: str | None) -> str:
    if reason:
        return figures.withheld(reason)
    if not responses:
        return "no responses"
    return f"{figures.count(responses)} responses"


def _per_1000(rate: float | None) -> str:
    return f"{figures.per_1000(rate)} per 1,000 residents" if rate is not None else ""
