"""Databases for the store tests: a SQLite file and, when a server is given, a fresh PostgreSQL database.

SAYSO_TEST_PG_URL names a PostgreSQL server (``.ci/postgres start`` prints it); each test gets its own
database there, dropped afterwards. Without it the PostgreSQL cases skip, or fail when CI=true.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from sayso.model import Analysis, Claim, Dispute, Quote, Speaker, SpeakerRef, content_id

BACKENDS = ["sqlite", "postgresql"]


def _pg_server() -> str:
    url = os.environ.get("SAYSO_TEST_PG_URL")
    if url:
        return url
    message = 'no PostgreSQL server: SAYSO_TEST_PG_URL is not set (eval "$(.ci/postgres start)" starts one)'
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(params=BACKENDS)
def make_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """A factory of empty databases of one backend (the test is run once per backend)."""
    created: list[str] = []
    server = _pg_server() if request.param == "postgresql" else ""
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT") if server else None

    def make() -> str:
        name = f"sayso_test_{uuid.uuid4().hex[:12]}"
        if admin is None:
            return f"sqlite:///{tmp_path / name}.sqlite"
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        created.append(name)
        return sa.make_url(server).set(database=name).render_as_string(hide_password=False)

    yield make
    if admin is not None:
        with admin.connect() as conn:
            for name in created:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture
def db_url(make_db: Callable[[], str]) -> str:
    return make_db()


def dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (times of ingest and failure left out), sorted, for comparing archives."""
    engine = sa.create_engine(url)
    skip = {"ingested_at", "failed_at"}
    out: dict[str, list[tuple[Any, ...]]] = {}
    meta = sa.MetaData()
    meta.reflect(engine)
    with engine.connect() as conn:
        for name, table in meta.tables.items():
            if name.startswith("quotes_fts") or name == "alembic_version":
                continue
            columns = [c for c in table.c if c.name not in skip]
            rows = conn.execute(sa.select(*columns)).all()
            out[name] = sorted((tuple(repr(v) for v in row) for row in rows), key=repr)
    engine.dispose()
    return out


# ------------------------------------------------------------------------------------ synthetic analyses


def analysis(
    article_id: str,
    statements: list[tuple[str, str, str]],
    *,
    roles: dict[str, list[str]] | None = None,
    published: str | None = None,
    source: str | None = None,
    types: dict[str, str] | None = None,
    polarity: dict[str, str] | None = None,
    dispute: tuple[int, int] | None = None,
) -> Analysis:
    """An Analysis whose text is 'NAME said: "WORDS".' per (name, cue, words) statement, built as the
    pipeline builds them (content-hash ids), so that the store can be tested without the language model."""
    roles, types, polarity = roles or {}, types or {}, polarity or {}
    text, quotes, speakers = "", [], {}
    for name, cue, words in statements:
        start = len(text)
        text += f'{name} {cue}: "'
        q_start = len(text)
        text += words
        q_end = len(text)
        text += '". '
        kind = types.get(name, "PERSON")
        sid = content_id(kind, name.lower())
        speaker = speakers.setdefault(sid, Speaker(id=sid, name=name, type=kind, roles=roles.get(name, [])))  # type: ignore[arg-type]
        speaker.mentions.append((start, start + len(name)))
        quotes.append(
            Quote(
                id=content_id(article_id, repr([(q_start, q_end)])),
                kind="direct",
                content=words,
                content_spans=[(q_start, q_end)],
                cue=cue,
                cue_span=(start + len(name) + 1, start + len(name) + 1 + len(cue)),
                source=name,
                source_span=(start, start + len(name)),
                speaker_id=sid,
                speaker=SpeakerRef(id=sid, name=name, type=kind, role=(roles.get(name) or [None])[0]),  # type: ignore[arg-type]
                polarity=polarity.get(words, "asserts"),  # type: ignore[arg-type]
            )
        )
    claims, disputes = [], []
    if dispute is not None:
        made, denial = quotes[dispute[0]], quotes[dispute[1]]
        claim = Claim(id=content_id(made.speaker_id or "", made.content), text=made.content,
                      quote_ids=[made.id], claimant_id=made.speaker_id)  # fmt: skip
        claims.append(claim)
        disputes.append(Dispute(claim_id=claim.id, claimant_id=made.speaker_id,
                                disputed_by=[denial.speaker_id or ""], quote_ids=[made.id, denial.id]))  # fmt: skip
    return Analysis(
        id=article_id,
        text_sha1=content_id(text, length=40),
        title=f"Title of {article_id}",
        url=f"https://example.org/{article_id}",
        source=source,
        published=published,
        text=text,
        quotes=quotes,
        speakers=list(speakers.values()),
        claims=claims,
        disputes=disputes,
    )


def articles_in(url: str) -> int:
    """How many articles the archive at ``url`` holds, read with SQL (not through the Store)."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(sa.text("SELECT count(*) FROM articles")).scalar_one())
    finally:
        engine.dispose()
