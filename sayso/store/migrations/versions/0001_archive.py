"""The archive: articles, quotes, speakers (aliases, tokens, roles), per-article speakers, claims, disputes,
failures; full-text search over quote content (SQLite FTS5 kept by triggers; PostgreSQL GIN over tsvector).

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.String(64)
# SQLite makes only INTEGER PRIMARY KEY the rowid (BIGINT would add a second index).
BIGINT = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _fk(column: str, target: str, **kw: object) -> sa.Column[str]:
    return sa.Column(column, ID, sa.ForeignKey(target, ondelete="CASCADE"), **kw)  # type: ignore[arg-type]


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", ID, primary_key=True),
        sa.Column("seq", sa.BigInteger, nullable=False, unique=True),
        sa.Column("text_sha1", sa.String(40), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("source", sa.Text, index=True),
        sa.Column("published", sa.Text),
        sa.Column("published_at", sa.String(32), index=True),
        sa.Column("text", sa.Text),
        sa.Column("ingested_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "speakers",
        sa.Column("id", ID, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("key", sa.Text, nullable=False, index=True),
        sa.Column("surname", sa.Text, index=True),
        sa.Column("gender", sa.String(8)),
        sa.Column("quote_count", sa.Integer, nullable=False),
        sa.Column("article_count", sa.Integer, nullable=False),
        sa.Column("first_seen", sa.String(32)),
        sa.Column("last_seen", sa.String(32)),
    )
    op.create_index("ix_speakers_quote_count", "speakers", ["quote_count"])
    op.create_table(
        "speaker_aliases",
        _fk("speaker_id", "speakers.id", primary_key=True),
        sa.Column("alias", sa.Text, primary_key=True),
    )
    op.create_table(
        "speaker_tokens",
        sa.Column("token", sa.String(128), primary_key=True),
        _fk("speaker_id", "speakers.id", primary_key=True),
    )
    op.create_table(
        "speaker_roles",
        _fk("speaker_id", "speakers.id", primary_key=True),
        sa.Column("role", sa.Text, primary_key=True),
        sa.Column("first_seen", sa.String(32)),
        sa.Column("last_seen", sa.String(32)),
        sa.Column("articles", sa.Integer, nullable=False),
    )
    op.create_table(
        "article_speakers",
        _fk("article_id", "articles.id", primary_key=True),
        sa.Column("local_id", ID, primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("roles", sa.JSON, nullable=False),
        sa.Column("mentions", sa.JSON, nullable=False),
        sa.Column("speaker_id", ID, sa.ForeignKey("speakers.id"), index=True),
    )
    _quotes()
    _claims()
    op.create_table(
        "failures",
        sa.Column("input", sa.Text, primary_key=True),
        sa.Column("error", sa.Text, nullable=False),
        sa.Column("failed_at", sa.String(32), nullable=False),
    )
    _full_text()


def _quotes() -> None:
    op.create_table(
        "quotes",
        sa.Column("pk", BIGINT, primary_key=True, autoincrement=False),
        sa.Column("id", ID, nullable=False),
        _fk("article_id", "articles.id", nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("content_spans", sa.JSON, nullable=False),
        sa.Column("cue", sa.Text),
        sa.Column("cue_span", sa.JSON),
        sa.Column("source", sa.Text),
        sa.Column("source_span", sa.JSON),
        sa.Column("local_speaker_id", ID),
        sa.Column("speaker_name", sa.Text),
        sa.Column("speaker_type", sa.String(16)),
        sa.Column("speaker_role", sa.Text),
        sa.Column("speaker_id", ID, sa.ForeignKey("speakers.id")),
        sa.Column("polarity", sa.String(16), nullable=False),
        sa.Column("nested_in", ID),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.UniqueConstraint("article_id", "id", name="uq_quotes_article_quote"),
    )
    op.create_index("ix_quotes_speaker_pk", "quotes", ["speaker_id", "pk"])
    op.create_index("ix_quotes_polarity_pk", "quotes", ["polarity", "pk"])


def _claims() -> None:
    op.create_table(
        "claims",
        _fk("article_id", "articles.id", primary_key=True),
        sa.Column("id", ID, primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("quote_ids", sa.JSON, nullable=False),
        sa.Column("claimant_id", ID),
        sa.Column("disputed", sa.Boolean, nullable=False),
    )
    op.create_index("ix_claims_disputed", "claims", ["disputed"])
    op.create_table(
        "disputes",
        _fk("article_id", "articles.id", primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("claim_id", ID, nullable=False),
        sa.Column("claimant_id", ID),
        sa.Column("disputed_by", sa.JSON, nullable=False),
        sa.Column("quote_ids", sa.JSON, nullable=False),
        sa.Column("stance", sa.String(16), nullable=False),
    )


def _full_text() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE INDEX ix_quotes_content_tsv ON quotes USING gin (to_tsvector('english'::regconfig, content))"
        )
        return
    op.execute(
        "CREATE VIRTUAL TABLE quotes_fts USING fts5(content, content='quotes', content_rowid='pk', "
        "tokenize='porter unicode61 remove_diacritics 2')"
    )
    op.execute(
        "CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN "
        "INSERT INTO quotes_fts(rowid, content) VALUES (new.pk, new.content); END"
    )
    op.execute(
        "CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN "
        "INSERT INTO quotes_fts(quotes_fts, rowid, content) VALUES ('delete', old.pk, old.content); END"
    )
    op.execute(
        "CREATE TRIGGER quotes_fts_update AFTER UPDATE OF content ON quotes BEGIN "
        "INSERT INTO quotes_fts(quotes_fts, rowid, content) VALUES ('delete', old.pk, old.content); "
        "INSERT INTO quotes_fts(rowid, content) VALUES (new.pk, new.content); END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS quotes_fts")
    for table in ("failures", "disputes", "claims", "quotes", "article_speakers", "speaker_roles"):
        op.drop_table(table)
    for table in ("speaker_tokens", "speaker_aliases", "speakers", "articles"):
        op.drop_table(table)
