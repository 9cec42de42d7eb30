"""A survey summary as the JSON document `fairer survey summary --json` promises (CONTRACT.md),
protected by default: every figure that would disclose a small group is null, with why."""

from __future__ import annotations

from engagement.figures import rounded, withheld
from engagement.statistics import FEWER_THAN_MINIMUM, protect
from engagement.surveys.disclosure import _small
from engagement.surveys.representation_score import (
    RepresentationScore,
    score_by_decile,
    score_by_neighbourhood,
)
from engagement.surveys.summary import (
    Agreement,
    QuestionSummary,
    SurveySummary,
    first_choice_reasons,
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


def _score_json(score: RepresentationScore | None) -> dict | None:
    if score is None:
        return None
    return {
        "score": rounded(score.score, 3),
        "ci95": [rounded(score.ci95[0], 3), rounded(score.ci95[1], 3)],
        "lowest": score.lowest,
        "highest": score.highest,
        "groups": score.groups,
        "left_out": score.left_out,
    }


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
    # Shares of fewer than 10 comments would give back how few wrote each way.
    tone = {
        "positive_pct": rounded(c.positive_pct),
        "neutral_pct": rounded(c.neutral_pct),
        "negative_pct": rounded(c.negative_pct),
        "mean_polarity": rounded(c.mean_polarity, 3),
    }
    if protected and c.n and _small(c.n):
        tone = dict.fromkeys(tone) | {"suppressed": withheld(FEWER_THAN_MINIMUM)}
    return {
        "survey": summary.slug,
        "responses": summary.responses,
        "questions": questions,
        "comments": {
            "n": c.n,
            **tone,
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
        "representation_score": {
            "by_decile": _score_json(score_by_decile(summary.by_decile)),
            "by_neighbourhood": _score_json(score_by_neighbourhood(summary.heard)),
        },
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
