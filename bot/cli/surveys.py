"""`fairer survey …`: load, import paper responses, summarise, export, erase and purge."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from bot.cli.common import fail
from bot.cli.progress import working
from engagement import figures
from engagement.errors import ImportProblem


def _scope() -> tuple[str, ...]:
    import os

    return tuple(
        c.strip() for c in os.environ.get("FAIRER_LOCAL_AUTHORITIES", "").split(",") if c.strip()
    )


@click.group()
def survey() -> None:
    """Resident surveys."""


@survey.command(
    "load",
    short_help="Create or update a survey from its YAML definition.",
    epilog="Example: fairer survey load examples/surveys/draft-priorities.yml",
)
@click.argument("path", type=click.Path(dir_okay=False))
def load(path) -> None:
    """Create or update a survey from its YAML definition (matched by slug).

    The file gives the survey's slug, title, introduction, privacy_notice, opens and closes
    (dates), retention_days, then pages, each with a title and questions (key, kind, prompt,
    options …). examples/surveys/draft-priorities.yml shows every kind of question:

    \b
        slug: draft-priorities
        title: Our draft priorities for a fairer city
        opens: 2026-11-01
        closes: 2027-03-31
        pages:
          - title: Our draft priorities
            questions:
              - key: heard_before
                kind: single
                prompt: Have you taken part in a council consultation before?
                options: ["Yes", "No", "Not sure"]
    """
    from engagement.surveys.store import load_survey
    from storage import session_scope

    try:
        with session_scope() as session:
            created_survey, created = load_survey(session, Path(path))
            slug, title = created_survey.slug, created_survey.title
    except ImportProblem as problem:
        fail(str(problem))
    click.echo(
        f"{'Created' if created else 'Updated'} survey '{slug}': {title}. "
        f"Residents answer at /s/{slug}."
    )


@survey.command(
    "import",
    short_help='Import responses typed in from paper forms (channel "paper").',
    epilog="Example: fairer survey import draft-priorities paper-forms.csv",
)
@click.argument("slug")
@click.argument("path", type=click.Path(dir_okay=False))
def import_paper(slug, path) -> None:
    """Import responses typed in from paper forms (channel "paper") into the survey SLUG.

    PATH is a UTF-8 CSV with one row per form and one column per question, headed by the
    question's key as in the survey's YAML (every question residents must answer). Answers are
    the option labels as printed; several choices, or a ranking in order, are separated by ';'.
    Leave a cell blank for an unanswered question. If any row is wrong nothing is stored, and the
    message names its line and column. For the example survey, draft-priorities:

    \b
        priority_1,priority_2,priority_3,top_issues,heard_before,respondent_type,comments
        Agree,Agree,Disagree,Housing;Jobs and skills;Transport,No,A resident,More buses
        Strongly agree,Agree,Agree,Jobs and skills;Housing;Crime and safety,Yes,A business,
    """
    from engagement.surveys.store import import_paper_responses
    from storage import session_scope

    try:
        with working(f"Importing paper responses into '{slug}'"), session_scope() as session:
            count = import_paper_responses(
                session, slug, Path(path), entered_by="cli", scope=_scope()
            )
    except ImportProblem as problem:
        fail(str(problem))
    click.echo(f"Imported {figures.count(count)} paper response(s) into '{slug}'.")


@survey.command("summary")
@click.argument("slug")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def summary(slug, as_json) -> None:
    """Print the results summary (small groups suppressed)."""
    from engagement.surveys.summary import summarise_survey
    from engagement.surveys.summary_json import summary_json
    from engagement.surveys.text import summary_text
    from storage import session_scope

    try:
        with session_scope() as session:
            result = summarise_survey(session, slug, scope=_scope())
    except ImportProblem as problem:
        fail(str(problem))
    click.echo(
        json.dumps(summary_json(result), indent=2, ensure_ascii=False)
        if as_json
        else summary_text(result)
    )


@survey.command("export")
@click.argument("slug")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="File to write (default: standard output for CSV).",
)
@click.option(
    "--include-excluded",
    is_flag=True,
    help="Keep the responses officers excluded as likely duplicates, with an excluded_reason "
    "column (default: left out, as from every figure, and counted on standard error).",
)
def export(slug, fmt, output, include_excluded) -> None:
    """Export one row per response counted in the results."""
    from engagement.surveys.export import export_bytes, responses_table
    from storage import session_scope

    try:
        with working(f"Exporting the responses to '{slug}'"), session_scope() as session:
            table = responses_table(session, slug, include_excluded=include_excluded)
            data = export_bytes(table, fmt)
    except ImportProblem as problem:
        fail(str(problem))
    left_out = table.attrs["excluded"]
    if left_out:
        noun = "response" if left_out == 1 else "responses"
        click.echo(
            f"Left out {figures.count(left_out)} {noun} excluded as likely duplicates, as the "
            "results do; --include-excluded keeps them with the reason.",
            err=True,
        )
    if output:
        Path(output).write_bytes(data)
        click.echo(f"Wrote {output}.")
    elif fmt == "xlsx":
        fail("Give -o FILE to write an XLSX export.")
    else:
        sys.stdout.buffer.write(data)


@survey.command("invites")
@click.argument("slug")
@click.argument("count", type=int)
@click.option(
    "--label", default="", help="A note kept with the codes, such as who they were sent to."
)
def invites(slug, count, label) -> None:
    """Create COUNT single-use invite codes and print them, one a line (only their hashes are
    kept)."""
    from engagement.surveys.invites import create_invites
    from storage import session_scope

    try:
        with session_scope() as session:
            codes = create_invites(session, slug, count, label=label)
    except ImportProblem as problem:
        fail(str(problem))
    click.echo("\n".join(codes))
    click.echo(
        f"Created {figures.count(len(codes))} invite code(s) for '{slug}'. "
        "They are shown only now: keep them safe.",
        err=True,
    )


@survey.command("erase")
@click.argument("receipt_code")
def erase(receipt_code) -> None:
    """Delete a response by its receipt code, at the respondent's request."""
    from engagement.surveys.store import erase_response
    from storage import session_scope

    with session_scope() as session:
        erased = erase_response(session, receipt_code)
    if not erased:
        fail(f"No response has the receipt code {receipt_code}.")
    click.echo(f"Deleted the response {receipt_code.upper()} and all its answers.")


@survey.command("purge")
def purge() -> None:
    """Remove free-text answers older than their survey's retention period."""
    from engagement.surveys.store import purge_free_text
    from storage import session_scope

    with session_scope() as session:
        removed = purge_free_text(session)
    click.echo(f"Removed {figures.count(removed)} free-text answer(s) past their retention period.")
