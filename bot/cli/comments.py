"""`fairer comments train [--with-corrections] [--cross-validate]`: refit the learned sentiment
reading, or print the cross-validation figures that chose its settings."""

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
    "tried, and the one chosen; write nothing.",
)
def train(labelled, with_corrections, output, cross_validate) -> None:
    """Fit the sentiment model to the development half (even rows) of the labelled comments."""
    from engagement.comments import training
    from engagement.comments.learned import WEIGHTS, model_to_json
    from engagement.comments.training import (
        LABELLED,
        labelled_comments,
        officer_corrections,
        train_model,
    )

    labelled = labelled or LABELLED
    development, _held_out = labelled_comments(labelled)
    if cross_validate:
        results = training.cross_validate(development)
        click.echo(f"{'strength':>8} {'nudge':>6} {'accuracy':>8} {'complaints found':>16}")
        for r in results:
            click.echo(
                f"{r['strength']:8} {r['nudge']:6} {r['accuracy']:8.3f} "
                f"{r['recall_negative']:16.3f}"
            )
        best = training.best_settings(results)
        click.echo(
            f"Chosen: strength {best['strength']}, nudge {best['nudge']} (the most accurate "
            f"finding at least {training.COMPLAINTS_FOUND} of complaints); shipped: strength "
            f"{training.STRENGTH}, nudge {training.NEGATIVE_NUDGE}."
        )
        return
    source = f"{labelled.name}, even rows ({len(development)})"
    corrections = []
    if with_corrections:
        from storage import session_scope

        with session_scope() as session:
            corrections = officer_corrections(session)
        source += f", and {len(corrections)} officers' corrections"
    model = train_model(development + corrections, trained_on=source)
    output = output or WEIGHTS
    output.write_text(model_to_json(model) + "\n", encoding="utf-8")
    click.echo(f"Trained on {source}: {len(model.weights)} features, written to {output}.")
