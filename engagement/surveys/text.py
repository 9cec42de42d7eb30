"""A survey summary as plain text for a terminal or a log."""

from __future__ import annotations

from engagement.figures import count, decimal, percent_of, percent_range, percentage, withheld
from engagement.surveys.representation_score import RepresentationScore
from engagement.surveys.summary import SurveySummary, first_choice_reasons


def agreement_line(agreement) -> str:
    """Return "87% agreed, 95% CI 77–93%, from 62 respondents", with "(small base)" under 30;
    or "[c] fewer than 10 responses" / "[c] to protect another cell" where the figure must not
    be shared (Agreement.withheld)."""
    if agreement.n == 0:
        return "no views given yet"
    if agreement.withheld:
        return withheld(agreement.withheld)
    lo, hi = agreement.ci95
    line = (
        f"{percent_of(agreement.agree, agreement.n)} agreed, 95% CI {percent_range(lo, hi)}, "
        f"from {count(agreement.n)} respondents"
    )
    return line + (" (small base)" if agreement.small_base else "")


def first_choices(q, limit: int = 3) -> list[tuple[str, str]]:
    """Return a ranking's most often first choices as (label, share): [("Housing", "42%"), …],
    a share that would give back fewer than 10 people as "[c] …"."""
    hidden = first_choice_reasons(q)
    top = sorted(q.first_choice_pct.items(), key=lambda item: -item[1])[:limit]
    return [
        (
            q.labels.get(value, value),
            withheld(hidden[value]) if value in hidden else percentage(share),
        )
        for value, share in top
    ]


def sentiment_shares(comments) -> str:
    """Return "40% positive, 35% neutral, 25% negative" for a CommentsSummary."""
    return (
        f"{percentage(comments.positive_pct)} positive, "
        f"{percentage(comments.neutral_pct)} neutral, "
        f"{percentage(comments.negative_pct)} negative"
    )


def summary_text(summary: SurveySummary) -> str:
    """Return the summary as readable lines: agreement first, then rankings, comments,
    who was heard."""
    lines = [f"{summary.title} ({summary.slug}): {count(summary.responses)} responses", ""]
    for q in summary.questions:
        if q.agreement is not None:
            lines.append(f"- {q.prompt}\n  {agreement_line(q.agreement)}")
            if q.weighted_agree_pct is not None and not q.agreement.withheld:
                weighted = percentage(q.weighted_agree_pct)
                lines.append(f"  weighted to neighbourhood populations: {weighted}")
        elif q.kind == "ranking" and q.first_choice_pct:
            choices = ", ".join(f"{label} {share}" for label, share in first_choices(q))
            lines.append(f"- {q.prompt}\n  first choices: {choices}")
    c = summary.comments
    if c.n:
        lines += ["", f"Comments: {count(c.n)} ({sentiment_shares(c)})"]
        if c.themes:
            lines.append("Themes: " + ", ".join(f"{t} ({count(n)})" for t, n in c.themes[:5]))
    under = [h.area_name for h in summary.heard if h.under_heard]
    if under:
        lines += ["", "Under-heard target areas: " + ", ".join(under)]
    if summary.heard and summary.deciles_from:
        lines += ["", summary.deciles_from]
    return "\n".join(lines)


def representation_line(score: RepresentationScore, across: str) -> str:
    """Return a representation score in words (plain text): "Across deprivation deciles: 0.15
    (95% CI 0.08 to 0.27). Decile 1 answered at 15% of the rate of decile 8." """
    line = (
        f"Across {across}: {decimal(score.score, 2)} (95% CI {decimal(score.ci95[0], 2)} to "
        f"{decimal(score.ci95[1], 2)}). {score.lowest[:1].upper()}{score.lowest[1:]} answered "
        f"at {percentage(100 * score.score)} of the rate of {score.highest}."
    )
    if score.left_out:
        groups = "group" if score.left_out == 1 else "groups"
        line += f" {count(score.left_out)} {groups} of 1 to 9 responses left out."
    return line
