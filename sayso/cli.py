"""The `sayso` command: a thin layer over the library. Data on stdout, messages on stderr.

Exit codes: 0 all inputs succeeded, 1 some failed (each reported on stderr), 2 usage errors.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from sayso import batch, evaluation, render, tables
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


# ---------------------------------------------------------------------------------------------- the archive


def db_option(func: F) -> F:
    """The database every archive command takes."""
    return click.option(
        "--db",
        "db_url",
        default=None,
        metavar="URL",
        help="The archive: sqlite:///FILE or postgresql+psycopg://USER@HOST/DB [default: $SAYSO_DB or sqlite:///sayso.db].",
    )(func)


def column_options(func: F) -> F:
    """Column names of JSON Lines / CSV / Parquet inputs."""
    for name, default in reversed(list(vars(_columns_default()).items())):
        func = click.option(
            f"--{name}-column", f"{name}_column", default=default, show_default=True, help=f"The input column: {name}."
        )(func)
    return func


def _columns_default() -> Any:
    from sayso.sources import Columns

    return Columns()


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option(
    "--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Analyze in this many processes."
)
@column_options
@click.option("--allow-private", is_flag=True, help="Allow URLs that resolve to private or loopback addresses.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def ingest(
    inputs: tuple[str, ...], db_url: str | None, workers: int, allow_private: bool, quiet: bool, **cols: str
) -> None:
    """Add articles to the archive: files, folders, globs, JSON Lines / CSV / Parquet, WARC, feeds, URL lists.

    Articles already in the archive are skipped before they are analyzed; failures are recorded and the
    rest go on (exit 1 if any failed)."""
    from sayso.sources import Columns
    from sayso.store import open_store
    from sayso.store.loader import ingest as run_ingest

    columns = Columns(**{k.removesuffix("_column"): v for k, v in cols.items()})
    with open_store(db_url) as store:
        summary = run_ingest(
            store, list(inputs), columns=columns, options=batch.Options(allow_private=allow_private),
            workers=workers, progress=not quiet,
        )  # fmt: skip
    for name, error in summary.failed[:MAX_REASONS]:
        click.echo(f"failed: {error if error.startswith(name) else f'{name}: {error}'}", err=True)
    if len(summary.failed) > MAX_REASONS:
        click.echo(f"... and {len(summary.failed) - MAX_REASONS} more failures", err=True)
    click.echo(
        f"ingested {summary.ingested}, skipped {summary.skipped} already present, failed {len(summary.failed)}",
        err=True,
    )
    sys.exit(1 if summary.failed else 0)


@cli.command(name="batch")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True, help="The run's output folder.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True)
@click.option("--address", metavar="ADDR", help="A Ray cluster to join (ray://HOST:10001 or HOST:6379); --engine ray.")
@click.option(
    "--workers",
    type=click.IntRange(1, 4096),
    default=None,
    help="Processes (local) or actors (ray) [default: this machine's cores; a cluster's CPUs].",
)
@click.option(
    "--partition-size",
    type=click.IntRange(1, 10_000_000),
    default=1000,
    show_default=True,
    help="Input items a Parquet partition.",
)
@column_options
@click.option("--allow-private", is_flag=True, help="Allow URLs that resolve to private or loopback addresses.")
@click.option("--no-nested", is_flag=True, help="Leave out statements nested inside other statements.")
@click.option("--quiet", is_flag=True, help="No progress lines.")
def batch_command(
    inputs: tuple[str, ...],
    out: Path,
    engine: str,
    address: str | None,
    workers: int | None,
    partition_size: int,
    allow_private: bool,
    no_nested: bool,
    quiet: bool,
    **cols: str,
) -> None:
    """Analyze an archive (JSON Lines, Parquet, WARC, any input `ingest` reads; local paths or fsspec URLs
    such as s3://) into Parquet partitions of analyses in --out, plus failed.jsonl.

    Finished partitions are kept: the same command again resumes an interrupted run; a folder that holds
    another run is refused. Exit 1 if any input failed."""
    import os

    from sayso.batchrun import Summary, run_batch
    from sayso.partitions import RunSpec

    if address and engine != "ray":
        raise click.UsageError("--address needs --engine ray")
    columns = {k.removesuffix("_column"): v for k, v in cols.items()}
    spec = RunSpec(tuple(inputs), columns, allow_private, not no_nested, partition_size)

    def report(s: Summary) -> None:
        if not quiet:
            click.echo(
                f"{s.partitions_written} partitions, {s.analyzed} analyzed ({s.rate:.2f}/s), {s.failed} failed",
                err=True,
            )

    cores = os.cpu_count() or 1
    summary = run_batch(spec, out, engine=engine, address=address, workers=workers or cores, progress=report)
    for failure in summary.failures[:MAX_REASONS]:
        click.echo(f"failed: {failure}", err=True)
    if summary.failed > len(summary.failures[:MAX_REASONS]):
        more = summary.failed - len(summary.failures[:MAX_REASONS])
        click.echo(f"... and {more} more failures (all in {out}/failed.jsonl)", err=True)
    click.echo(
        f"analyzed {summary.analyzed}, failed {summary.failed}, partitions written {summary.partitions_written}, "
        f"skipped {summary.partitions_skipped} already finished ({summary.seconds:.1f} s)",
        err=True,
    )
    sys.exit(1 if summary.failed else 0)


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@db_option
@click.option("--quiet", is_flag=True, help="No progress lines.")
def load(folder: Path, db_url: str | None, quiet: bool) -> None:
    """Bulk-load the partitions of a `sayso batch` run into the archive (loading twice changes nothing).

    Exit status 1 when a partition (or a row of one) could not be read: each is one line on stderr and a
    failed input in the archive; the rest is loaded."""
    from sayso.bulkload import LoadSummary, load_run
    from sayso.store import open_store

    def report(s: LoadSummary) -> None:
        if not quiet:
            click.echo(f"{s.partitions} partitions, {s.articles} stored, {s.quotes_per_second:.0f} quotes/s", err=True)

    with open_store(db_url) as store:
        summary = load_run(store, folder, progress=report)
    for line in summary.not_loaded:
        click.echo(f"not loaded: {line}", err=True)
    click.echo(
        f"stored {summary.articles} articles ({summary.quotes} quotes, {summary.quotes_per_second:.0f} quotes/s), "
        f"{summary.present} already present, {summary.failures} failed inputs recorded",
        err=True,
    )
    sys.exit(1 if summary.not_loaded else 0)


MAX_REASONS = 50
QUOTE_COLUMNS: list[tables.Column] = [
    ("published", lambda q: q.published and q.published[:10]),
    ("outlet", lambda q: q.outlet),
    ("speaker", lambda q: q.speaker_name or q.source),
    ("polarity", lambda q: q.polarity),
    ("words", lambda q: q.content),
]
SPEAKER_COLUMNS: list[tables.Column] = [
    ("id", lambda s: s.id),
    ("name", lambda s: s.name),
    ("type", lambda s: s.type),
    ("quotes", lambda s: s.quotes),
    ("articles", lambda s: s.articles),
    ("roles / aliases", lambda s: "; ".join([r.role for r in s.roles[:3]] + [a for a in s.aliases if a != s.name][:4])),
]


@cli.command()
@db_option
@output_options
@click.option("--speaker", help="Statements of speakers one of whose names has all these words.")
@click.option("--search", help='Statements with all these words (or "a phrase") in them.')
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Published on or after this day (YYYY-MM-DD).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Published on or before this day.")
@click.option("--source", help="Only this outlet.")
@click.option("--polarity", type=click.Choice(["asserts", "denies", "questions", "unknown"]))
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0, show_default=True)
def quotes(db_url: str | None, fmt: str, limit: int, offset: int, **filters: Any) -> None:
    """Statements in the archive, newest ingested first."""
    from sayso.store import open_store

    with open_store(db_url) as store:
        rows = store.quotes(**filters, limit=limit, offset=offset)
    tables.write(fmt, rows, sys.stdout, QUOTE_COLUMNS)


@cli.command()
@db_option
@output_options
@click.option("--top", type=click.IntRange(1, 100_000), default=20, show_default=True, help="How many.")
@click.option("--name", help="Only speakers one of whose names has all these words.")
@click.option("--source", help="Count statements in this outlet only.")
def speakers(db_url: str | None, fmt: str, top: int, name: str | None, source: str | None) -> None:
    """The most quoted speakers (one identity across articles), with roles and aliases."""
    from sayso.store import open_store

    with open_store(db_url) as store:
        rows = store.find_speakers(name, limit=top) if name else store.top_speakers(limit=top, source=source)
    tables.write(fmt, rows, sys.stdout, SPEAKER_COLUMNS)


@cli.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@db_option
@click.option("--disputed", is_flag=True, help="Only claims that someone disputes.")
@click.option(
    "--stance", "use_stance", is_flag=True, help="Label each statement's stance toward its claim with the stance model."
)
@output_options
def claims(inputs: tuple[Path, ...], db_url: str | None, disputed: bool, use_stance: bool, fmt: str) -> None:
    """Follow claims across articles: the same proposition in other words, who asserts and who disputes it,
    first seen, and a timeline by day and outlet. Reads JSON Lines of analyses (`sayso analyze --format
    jsonl`) when given, else the archive."""
    from sayso import timeline

    errors: list[str] = []
    if inputs:
        analyses, errors = timeline.read_analyses(list(inputs))
    else:
        from sayso.store import open_store

        with open_store(db_url) as store:
            analyses = list(store.iter_analyses())
    for error in errors:
        click.echo(f"sayso: {error}", err=True)
    model = None
    if use_stance:
        from sayso.stance import StanceModel

        model = StanceModel.load()
    render.write_threads(timeline.follow(analyses, disputed=disputed, stance=model), fmt, sys.stdout)
    sys.exit(1 if errors else 0)


@cli.command()
@db_option
@output_options
def stats(db_url: str | None, fmt: str) -> None:
    """Counts: articles, statements, speakers, claims, disputes, failed inputs."""
    from sayso.store import open_store

    with open_store(db_url) as store:
        figures = store.stats()
    if fmt == "table":
        click.echo("\n".join(f"{k:<9} {v}" for k, v in figures.model_dump().items()))
    else:
        tables.write(fmt, [figures], sys.stdout, [])


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), required=True,
              help="jsonl: one Analysis a line; csv, parquet: one statement a row.")  # fmt: skip
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The file to write.")
def export(db_url: str | None, fmt: str, out: Path) -> None:
    """Export the archive to a file."""
    from sayso.store import open_store
    from sayso.store.export import export as run_export

    with open_store(db_url) as store:
        try:
            count = run_export(store, fmt, out)
        except OSError as exc:
            raise click.ClickException(f"{out}: {exc.strerror or exc}") from None
    click.echo(f"wrote {count} {'articles' if fmt == 'jsonl' else 'statements'} to {out}", err=True)


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (0.0.0.0: all).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Server processes.")
def serve(db_url: str | None, host: str, port: int, workers: int) -> None:
    """Run the web pages and the REST API over the archive (OpenAPI document at /openapi.json)."""
    import os

    import uvicorn

    from sayso.api import create_app
    from sayso.store import open_store

    with open_store(db_url) as store:  # opened here first: a bad URL is one line before any server starts
        click.echo(f"sayso: serving {store.url} on http://{host}:{port}/", err=True)
        if workers == 1:
            app = create_app(settings(), store=store, warm=True)
            uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
            return
    os.environ["SAYSO_DB"] = db_url or settings().db_url
    from sayso.serving import run_workers

    run_workers(host, port, workers)


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
