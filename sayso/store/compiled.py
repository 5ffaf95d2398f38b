"""Statements compiled once per shape and run on the DBAPI connection: the hot questions of the service.

Building a SQLAlchemy statement, finding its compiled form in the cache and running it through a Connection
costs a few hundred microseconds a statement in Python, more than SQLite takes to answer most searches. Here a
statement is built once for each *shape* (what decides its SQL text: which filters are given, how many speaker
ids, which plan), with every value that changes between questions a named ``sa.bindparam``; its SQL text and
the order of its parameters are kept, and each question only binds its values and runs the text on the
driver's cursor. Constants of the statement (``coalesce(x, '')``, ``count(...) = 2`` where 2 is part of
the shape) keep the values they were built with.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import ClauseElement


@dataclass(frozen=True)
class Prepared:
    sql: str
    names: tuple[str, ...] | None  # positional drivers (sqlite3): the parameters in order; None: by name
    constants: Mapping[str, Any]

    def args(self, params: Mapping[str, Any]) -> Sequence[Any] | Mapping[str, Any]:
        if self.names is None:
            return {**self.constants, **params}
        return [params[n] if n in params else self.constants[n] for n in self.names]


_CACHE: dict[tuple[str, Any], Prepared] = {}
_LOCK = threading.Lock()


def compiled(dialect: Dialect, key: Any, build: Callable[[], ClauseElement]) -> Prepared:
    """The statement ``build()`` makes for ``key``, compiled for ``dialect`` the first time ``key`` is asked."""
    found = _CACHE.get((dialect.name, key))
    if found is not None:
        return found
    statement = cast(SQLCompiler, build().compile(dialect=dialect))
    constants = {name: bind.value for name, bind in statement.binds.items() if bind.value is not None}
    names = tuple(statement.positiontup or ()) if statement.positional else None
    made = Prepared(statement.string, names, constants)
    with _LOCK:
        return _CACHE.setdefault((dialect.name, key), made)


class Reader:
    """A DBAPI connection and its dialect: runs compiled statements on the driver's cursor."""

    def __init__(self, dbapi_connection: Any, dialect: Dialect) -> None:
        self.connection = dbapi_connection
        self.dialect = dialect
        self.name = dialect.name

    @classmethod
    def of(cls, conn: Connection | Reader) -> Reader:
        """The Reader of a SQLAlchemy Connection (its transaction, if one is open, is the reader's)."""
        if isinstance(conn, Reader):
            return conn
        return cls(conn.connection.dbapi_connection, conn.dialect)

    def rows(
        self, key: Any, build: Callable[[], ClauseElement], params: Mapping[str, Any], *, prefix: str = ""
    ) -> list[Any]:
        """The rows of the statement of shape ``key`` (``prefix``: text put before it, as ``EXPLAIN``)."""
        statement = compiled(self.dialect, key, build)
        cursor = self.connection.cursor()
        try:
            cursor.execute(prefix + statement.sql, statement.args(params))
            return list(cursor.fetchall())
        finally:
            cursor.close()

    def scalar(self, key: Any, build: Callable[[], ClauseElement], params: Mapping[str, Any]) -> Any:
        found = self.rows(key, build, params)
        return found[0][0] if found else None
