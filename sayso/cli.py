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


@cli.command()
@click.option("--db", default=None, help="The archive's database URL (SQLite path or PostgreSQL URL) [default: none].")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (0.0.0.0: all).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
def serve(db: str | None, host: str, port: int) -> None:
    """Run the web pages and the REST API (OpenAPI document at /openapi.json)."""
    import uvicorn

    from sayso.api import create_app

    click.echo(f"sayso: serving on http://{host}:{port}/", err=True)
    uvicorn.run(create_app(settings(), db=db, warm=True), host=host, port=port, log_level="warning")


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
