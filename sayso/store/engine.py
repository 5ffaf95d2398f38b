"""Opening a database: the engine for its URL, its connection settings, and the migrations applied on open.

SQLite: WAL (readers never wait for the writer), ``BEGIN IMMEDIATE`` for writes so that two writers queue
instead of failing; FTS5 over quote content. PostgreSQL (``postgresql+psycopg://``): tsvector/GIN.
Any failure to open is one :class:`StoreError` line, and nothing in the database is changed by it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine

from sayso.errors import StoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
WRITE = "sayso_write"  # execution option: this connection's transaction writes


def redact(url: str | URL) -> str:
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return str(url)


def _compact_json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def parse_url(url: str) -> URL:
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError:
        raise StoreError(f"{url}: not a database URL (sqlite:///FILE or postgresql+psycopg://USER@HOST/DB)") from None
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() != "psycopg":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in {"sqlite", "postgresql"}:
        raise StoreError(f"{redact(parsed)}: only SQLite and PostgreSQL databases are supported")
    return parsed


def create_engine(url: str) -> Engine:
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    try:
        return sa.create_engine(
            parsed, json_serializer=_compact_json, pool_pre_ping=True, connect_args={"connect_timeout": 10}
        )
    except ModuleNotFoundError:
        raise StoreError(f"{redact(parsed)}: PostgreSQL needs psycopg (pip install 'sayso[postgres]')") from None


def _sqlite_engine(url: URL) -> Engine:
    path = url.database or ""
    file_backed = path not in {"", ":memory:"} and not path.startswith("file:")
    if file_backed and not Path(path).expanduser().resolve().parent.is_dir():
        raise StoreError(f"{redact(url)}: the folder {Path(path).parent} does not exist")
    engine = sa.create_engine(url, json_serializer=_compact_json, connect_args={"timeout": 60})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # sayso emits BEGIN itself (below)
        cursor = dbapi_connection.cursor()
        if file_backed:
            cursor.execute("PRAGMA journal_mode=WAL")
        for pragma in ("synchronous=NORMAL", "foreign_keys=ON", "busy_timeout=60000", "cache_size=-65536"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


# SQLite pages of write-ahead log a bulk load lets grow before its commit copies them into the database (a
# checkpoint); SQLite's default for every other commit is 1,000 pages (4 MB).
LOAD_WAL_PAGES = 65_536  # 256 MB of 4 KB pages


@contextmanager
def checkpoints_deferred(conn: Connection) -> Iterator[None]:
    """SQLite: the commits on ``conn`` in the block leave the write-ahead log to grow to ``LOAD_WAL_PAGES``
    before they checkpoint (a bulk load's chunk is thousands of pages: with the default each commit copied them
    all, those of the indexes again and again, some tenth of the load's CPU); ``checkpoint`` after the load
    copies the rest. The connection's own setting is back after the block. Nothing else on PostgreSQL."""
    if conn.dialect.name != "sqlite":
        yield
        return
    raw = conn.connection.dbapi_connection
    assert raw is not None
    before = int(raw.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
    raw.execute(f"PRAGMA wal_autocheckpoint={LOAD_WAL_PAGES}")
    try:
        yield
    finally:
        with suppress(conn.dialect.loaded_dbapi.Error):  # a connection gone bad is not used again
            raw.execute(f"PRAGMA wal_autocheckpoint={before}")


def checkpoint(conn: Connection) -> None:
    """SQLite: what the write-ahead log holds copied into the database, as far as readers let it (PASSIVE: never
    waits). Nothing on PostgreSQL."""
    if conn.dialect.name == "sqlite":
        raw = conn.connection.dbapi_connection
        assert raw is not None
        raw.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()


def _config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _one_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()
    return text[0] if text else type(orig).__name__


def migrate(engine: Engine) -> str:
    """Bring the schema to this sayso's head revision; refuse a database whose revision is unknown (newer)."""
    where = redact(engine.url)
    try:
        with engine.connect() as connection:
            connection.execution_options(**{WRITE: True})
            config = _config(connection)
            script = ScriptDirectory.from_config(config)
            head = script.get_current_head() or ""
            current = MigrationContext.configure(connection).get_current_revision()
            if current == head:
                connection.rollback()
                return head
            if current is not None and not _known(script, current):
                raise StoreError(
                    f"{where}: the database has schema revision {current}, newer than this sayso knows "
                    f"(head {head}); upgrade sayso"
                )
            command.upgrade(config, "head")
            connection.commit()
            return head
    except sa.exc.DBAPIError as exc:
        raise StoreError(f"{where}: cannot open the database ({_one_line(exc)})") from None


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False
