"""A survey summary as plain text for a terminal or a log."""
from __future__ import annotations

from engagement.surveys.summary import SurveySummary


def agreement_line(agreement) -> str:
    """Return "87% agreed, 95% CI 77–93%, from 62 respondents", with "(small base)" under 30."""
    if agreement.n == 0:
        return "no views given yet"
    lo, hi = agreement.ci95
    line = f"{agreement.agree_pct:.0f}% agreed, 95% CI {lo:.0f}–{hi:.0f}%, from {agreement.n:,} respondents"
    return line + (" (small base)" if agreement.small_base else "")


def summary_text(summary: SurveySummary) -> str:
    """Return the summary as readable lines: agreement first, then rankings, comments, who was heard."""
    lines = [f"{summary.title} ({summary.slug}): {summary.responses:,} responses", ""]
    for q in summary.questions:
        if q.agreement is not None:
            lines.append(f"- {q.prompt}\n  {agreement_line(q.agreement)}")
            if q.weighted_agree_pct is not None:
                lines.append(f"  weighted to neighbourhood populations: {q.weighted_agree_pct:.0f}%")
        elif q.kind == "ranking" and q.first_choice_pct:
            top = sorted(q.first_choice_pct.items(), key=lambda item: -item[1])[:3]
            lines.append(f"- {q.prompt}\n  first choices: " + ", ".join(f"{q.labels.get(v, v)} {p:.0f}%" for v, p in top))
    c = summary.comments
    if c.n:
        lines += ["", f"Comments: {c.n:,} ({c.positive_pct:.0f}% positive, {c.neutral_pct:.0f}% neutral, "
                      f"{c.negative_pct:.0f}% negative)"]
        if c.themes:
            lines.append("Themes: " + ", ".join(f"{t} ({n})" for t, n in c.themes[:5]))
    under = [h.area_name for h in summary.heard if h.under_heard]
    if under:
        lines += ["", "Under-heard target areas: " + ", ".join(under)]
    return "\n".join(lines)
