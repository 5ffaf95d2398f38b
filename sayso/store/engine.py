"""Opening a database: the engine for its URL, its connection settings, and the migrations applied on open.

SQLite: WAL (readers never wait for the writer), ``BEGIN IMMEDIATE`` for writes so that two writers queue
instead of failing; FTS5 over quote content. PostgreSQL (``postgresql+psycopg://``): tsvector/GIN.
Any failure to open is one :class:`StoreError` line, and nothing in the database is changed by it.
"""

from __future__ import annotations

import json
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
