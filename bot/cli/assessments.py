"""`fairer assessment load` and `fairer assessment export`: impact assessments from a YAML file,
and to a Word document or CSV for the committee papers."""

from __future__ import annotations

from pathlib import Path

import click

from bot.cli.common import fail, in_session
from engagement import figures


@click.group(short_help="Impact assessments: load one from a file, export one for committee.")
def assessment() -> None:
    """Integrated and equality impact assessments of actions, surveys, PB rounds and decisions.
    See docs/assessments.md."""


@assessment.command(
    "load",
    short_help="Create or replace a draft assessment from its YAML file.",
    epilog="Example: fairer assessment load examples/impact-assessment.yml",
)
@click.argument("path", type=click.Path(dir_okay=False))
def load(path) -> None:
    """Create an impact assessment from a YAML file, or replace the draft of the same subject
    (every load is kept in its history). A signed-off assessment is never overwritten. Every
    problem is listed with its line, and nothing is stored if there is one.

    \b
        action: NRI-02        # or survey: SLUG, pb_round: SLUG, or decision: TITLE
        assessed_by: Community engagement manager
        assessed_on: 2026-06-15
        review_on: 2027-03-31
        economic:
          finance: neutral
          financial_inclusion: {impact: positive, comment: …}
        protected_characteristics:
          disability: {impact: negative, comment: …, mitigation: …}
        recommendations: {positive: …, negative: …, neutral: …, issues: …}
    """
    from engagement.assessments.load_file import load_assessment_file
    from engagement.assessments.store import assessment_rows

    def work(session):
        loaded = load_assessment_file(session, Path(path), user="import")
        marks = assessment_rows(session, loaded).values()
        return (
            loaded.reference,
            loaded.title,
            loaded.status,
            loaded.version,
            sum(1 for m in marks if m.impact),
            sum(1 for m in marks if m.impact == "negative"),
        )

    reference, title, status, version, marked, negatives = in_session(work)
    state = "signed off" if status == "signed_off" else "draft"
    click.echo(
        f"Loaded the impact assessment {reference} ({title}): version {version}, {state}; "
        f"{figures.count(marked)} row(s) marked, {figures.count(negatives)} negative."
    )


@assessment.command(
    "export",
    short_help="Write an assessment as a Word document or CSV.",
    epilog="Example: fairer assessment export NRI-02 --format docx -o NRI-02.docx",
)
@click.argument("reference")
@click.option(
    "--format",
    "kind",
    type=click.Choice(["docx", "csv"]),
    default=None,
    help="docx (laid out as the council's template) or csv; by default from the file's name.",
)
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False))
def export(reference, kind, output) -> None:
    """Write the impact assessment REFERENCE (an action's reference, a survey's or round's slug,
    or a decision's reference) to a Word document for the committee papers, or to CSV with one
    line per row of the template."""
    from engagement.assessments.export import assessment_csv, assessment_docx
    from engagement.assessments.store import find_assessment

    kind = kind or ("csv" if output.lower().endswith(".csv") else "docx")

    def work(session):
        found = find_assessment(session, reference)
        if found is None:
            return None
        writer = assessment_csv if kind == "csv" else assessment_docx
        return found.reference, found.status, writer(session, found)

    result = in_session(work)
    if result is None:
        fail(
            f"There is no impact assessment {reference}: give an action's reference, a survey's "
            "or round's slug, or a decision's reference (IA-1)."
        )
    found_reference, status, content = result
    try:
        Path(output).write_bytes(content)
    except OSError as error:
        fail(f"{output} cannot be written ({error.strerror}).")
    draft = "" if status == "signed_off" else " (a draft: not signed off)"
    click.echo(f"{output}: the impact assessment {found_reference}{draft} written.")


COMMANDS = (assessment,)
