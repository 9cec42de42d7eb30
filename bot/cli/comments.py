"""`fairer comments train [--with-corrections] [--cross-validate]`: refit the learned sentiment
reading to the development comments, or print the cross-validation figures that chose its
settings."""

from __future__ import annotations

from pathlib import Path

import click


@click.group()
def comments() -> None:
    """Coding residents' comments."""


@comments.command("train")
@click.option(
    "--labelled",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Labelled comments (CSV: text,sentiment,themes); its even rows are trained on. "
    "Default: tests/data/comments_labelled.csv.",
)
@click.option(
    "--extra",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Development-only comments (CSV: text,sentiment,themes), all trained on and never "
    "measured. Default: tests/data/comments_training_extra.csv.",
)
@click.option(
    "--with-corrections",
    is_flag=True,
    help="Also train on every comment whose tone an officer has corrected (needs the database).",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the weights. Default: engagement/comments/sentiment_weights.json.",
)
@click.option(
    "--cross-validate",
    is_flag=True,
    help="Print five-fold cross-validation figures on the development half for each setting "
    "tried (the extra comments always among those fitted, never measured), and the one "
    "chosen; write nothing.",
)
def train(labelled, extra, with_corrections, output, cross_validate) -> None:
    """Fit the sentiment model to the development half (even rows) of the labelled comments
    and the development-only extra comments."""
    from engagement.comments import training
    from engagement.comments.learned import WEIGHTS, model_to_json
    from engagement.comments.training import (
        EXTRA,
        LABELLED,
        extra_comments,
        labelled_comments,
        officer_corrections,
        train_model,
    )

    labelled = labelled or LABELLED
    extra = extra or EXTRA
    try:
        development, _held_out = labelled_comments(labelled)
        more = extra_comments(extra)
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    if cross_validate:
        results = training.cross_validate(development, more)
        click.echo(
            f"{'strength':>8} {'smoothing':>9} {'nudge':>6} {'accuracy':>8} "
            f"{'complaints found':>16}"
        )
        for r in results:
            click.echo(
                f"{r['strength']:8} {r['smoothing']:9} {r['nudge']:6} {r['accuracy']:8.3f} "
                f"{r['recall_negative']:16.3f}"
            )
        best = training.best_settings(results)
        click.echo(
            f"Chosen: strength {best['strength']}, smoothing {best['smoothing']}, nudge "
            f"{best['nudge']} (finding at least {training.COMPLAINTS_FOUND} of complaints, the "
            "weakest strength within one standard error of the best accuracy, and the most "
            f"accurate at it); shipped: strength {training.STRENGTH}, smoothing "
            f"{training.SMOOTHING}, nudge {training.NEGATIVE_NUDGE}."
        )
        return
    source = f"{labelled.name}, even rows ({len(development)})"
    if more:
        source += f", {extra.name} ({len(more)})"
    corrections = []
    if with_corrections:
        from storage import session_scope

        with session_scope() as session:
            corrections = officer_corrections(session)
        source += f", and {len(corrections)} officers' corrections"
    model = train_model(development + more + corrections, trained_on=source)
    output = output or WEIGHTS
    output.write_text(model_to_json(model) + "\n", encoding="utf-8")
    click.echo(f"Trained on {source}: {len(model.weights)} features, written to {output}.")
