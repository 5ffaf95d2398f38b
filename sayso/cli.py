"""The `sayso` command: a thin layer over the library. Data on stdout, messages on stderr.

Exit codes: 0 all inputs succeeded, 1 some failed (each reported on stderr), 2 usage errors.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from sayso import batch, evaluation, render
from sayso.config import PACKAGE_DIR, settings
from sayso.errors import SaysoError

F = TypeVar("F", bound=Callable[..., Any])


def output_options(func: F) -> F:
    """The output options every listing command shares."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(render.FORMATS),
        default="table",
        show_default=True,
        help="table: readable in a terminal; json: one array; jsonl: one Analysis a line; csv: one statement a row.",
    )(func)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sayso")
def cli() -> None:
    """sayso: who said what in news articles, and who disputes it."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@output_options
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Analyze the inputs in this many processes.",
)
@click.option("--allow-private", is_flag=True, help="Allow URLs that resolve to private or loopback addresses.")
@click.option("--no-nested", is_flag=True, help="Leave out statements nested inside other statements.")
def analyze(inputs: tuple[str, ...], fmt: str, workers: int, allow_private: bool, no_nested: bool) -> None:
    """Analyze articles: files (text or HTML), URLs, or - for stdin."""
    options = batch.Options(allow_private=allow_private, nested=not no_nested)
    failed = 0
    writer = render.Writer(fmt, sys.stdout)
    for outcome in batch.analyze_inputs(list(inputs), options, workers=workers):
        if outcome.analysis is None:
            failed += 1
            click.echo(f"sayso: {outcome.error}", err=True)
            continue
        writer.write(outcome.analysis)
    writer.close()
    sys.exit(1 if failed else 0)


@cli.command()
@output_options
def demo(fmt: str) -> None:
    """Analyze the fictional example article shipped with sayso."""
    from sayso.ingest import read_path

    analysis = batch.analyze_one(read_path(PACKAGE_DIR / "data" / "demo_article.txt"), batch.Options())
    writer = render.Writer(fmt, sys.stdout)
    writer.write(analysis)
    writer.close()


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--disputed", is_flag=True, help="Only claims that someone disputes.")
@output_options
def claims(inputs: tuple[Path, ...], disputed: bool, fmt: str) -> None:
    """Follow claims across analyses (JSON Lines of `sayso analyze --format jsonl`): the same proposition in
    other words, who asserts and who disputes it, first seen, and a timeline by day and outlet."""
    from sayso import timeline

    analyses, errors = timeline.read_analyses(list(inputs))
    for error in errors:
        click.echo(f"sayso: {error}", err=True)
    render.write_threads(timeline.follow(analyses, disputed=disputed), fmt, sys.stdout)
    sys.exit(1 if errors else 0)


@cli.group(name="eval")
def eval_group() -> None:
    """Score sayso against annotated data."""


@eval_group.command()
@click.option("--split", default="dev", show_default=True, help="Which split folder to run on.")
@click.option(
    "--data",
    "data_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="A PolNeAR-format folder with one folder per split [default: ../shared/data/polnear].",
)
@click.option(
    "--predictions", type=click.Path(path_type=Path), default=None, help="Write the predictions (JSON Lines) here."
)
@click.option("--limit", type=int, default=None, help="Only the first N articles (sorted by name).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True)
def polnear(split: str, data_dir: Path | None, predictions: Path | None, limit: int | None, workers: int) -> None:
    """Run on a PolNeAR split (nested statements left out, as its scheme does) and print the scores."""
    data_dir = data_dir or settings().polnear_dir
    figures = evaluation.evaluate_polnear(data_dir, split, predictions=predictions, limit=limit, workers=workers)
    click.echo(figures, nl=False)


@eval_group.group(name="stance")
def stance_group() -> None:
    """Score the stance model on FNC-1 or Emergent files (prints accuracy, macro-F1, F1 per class)."""


def _progress(done: int, total: int) -> None:
    if done == total or done % 500 < 50:
        click.echo(f"\r{done}/{total} pairs", err=True, nl=done == total)


@stance_group.command()
@click.option(
    "--input",
    "input_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Stances CSV (Headline, Body ID, Stance) "
    "[default: ../shared/data/stance/fnc1/train_stances.csv, --split dev].",
)
@click.option(
    "--bodies",
    type=click.Path(path_type=Path),
    default=None,
    help="Bodies CSV (Body ID, articleBody) [default: train_bodies.csv beside the default input].",
)
@click.option("--predictions", type=click.Path(path_type=Path), default=None, help="Write the rows + Predicted here.")
@click.option(
    "--split",
    type=click.Choice(["all", "dev"]),
    default=None,
    help="all: every row; dev: rows whose Body ID is in --ids [default: dev without --input, else all].",
)
@click.option(
    "--ids",
    type=click.Path(path_type=Path),
    default=None,
    help="Body IDs of the dev split, one a line [default: ../shared/data/stance/fnc1/hold_out_ids.txt].",
)
@click.option("--model", "model_dir", type=click.Path(path_type=Path), default=None, help="Stance model folder.")
def fnc1(
    input_path: Path | None,
    bodies: Path | None,
    predictions: Path | None,
    split: str | None,
    ids: Path | None,
    model_dir: Path | None,
) -> None:
    """Predict FNC-1 stances (agree / disagree / discuss / unrelated) and score them."""
    from sayso import stance_eval

    folder = settings().stance_data_dir / "fnc1"
    split = split or ("all" if input_path else "dev")
    input_path = input_path or folder / "train_stances.csv"
    bodies = bodies or (folder / "train_bodies.csv" if input_path == folder / "train_stances.csv" else None)
    if bodies is None:
        raise click.UsageError("--bodies is needed with --input")
    body_ids = stance_eval.read_ids(ids or folder / "hold_out_ids.txt") if split == "dev" else None
    result = stance_eval.evaluate_fnc(
        input_path, bodies, predictions=predictions, body_ids=body_ids, model_dir=model_dir, progress=_progress
    )
    click.echo(result.report(), nl=False)


@stance_group.command()
@click.option(
    "--input",
    "input_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Emergent CSV (claimHeadline, articleHeadline, articleHeadlineStance, claimId) "
    "[default: ../shared/data/stance/emergent/url-versions-2015-06-14-clean-train.csv, --split dev].",
)
@click.option("--predictions", type=click.Path(path_type=Path), default=None, help="Write the rows + Predicted here.")
@click.option(
    "--split",
    type=click.Choice(["all", "dev", "train"]),
    default=None,
    help="dev: the claim-disjoint 20% of claims (fixed seed) held out in training; train: the rest "
    "[default: dev without --input, else all].",
)
@click.option("--model", "model_dir", type=click.Path(path_type=Path), default=None, help="Stance model folder.")
def emergent(input_path: Path | None, predictions: Path | None, split: str | None, model_dir: Path | None) -> None:
    """Predict Emergent headline stances (for / against / observing) and score them."""
    from sayso import stance_eval

    split = split or ("all" if input_path else "dev")
    input_path = input_path or settings().stance_data_dir / "emergent" / "url-versions-2015-06-14-clean-train.csv"
    result = stance_eval.evaluate_emergent(
        input_path, split=split, predictions=predictions, model_dir=model_dir, progress=_progress
    )
    click.echo(result.report(), nl=False)


def main() -> None:
    try:
        cli(standalone_mode=True)
    except SaysoError as exc:
        click.echo(f"sayso: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
