"""The archive's tables (SQLAlchemy Core). The migrations in ``migrations/versions`` create exactly these.

Integer keys (``articles.seq``, ``quotes.pk``) are assigned in ingest order inside the writing transaction
(one past the largest), so an interrupted ingest that is run again numbers the rows as one clean run does.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()
# SQLite makes only INTEGER PRIMARY KEY the rowid (BIGINT would add a second index).
BIGINT = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
JSON = sa.JSON()

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("seq", sa.BigInteger, nullable=False, unique=True),
    sa.Column("text_sha1", sa.String(40), nullable=False),
    sa.Column("language", sa.String(16), nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("source", sa.Text),  # the outlet
    sa.Column("published", sa.Text),  # as given
    sa.Column("published_at", sa.String(32), index=True),  # normalised ISO 8601, for filters
    sa.Column("text", sa.Text),
    sa.Column("ingested_at", sa.String(32), nullable=False),
    sa.Index("ix_articles_source_seq", "source", "seq"),  # an outlet's articles in ingest order
)

speakers = sa.Table(
    "speakers",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("type", sa.String(16), nullable=False),
    sa.Column("key", sa.Text, nullable=False, index=True),  # normalised full name
    sa.Column("surname", sa.Text, index=True),  # people only
    sa.Column("gender", sa.String(8)),
    sa.Column("quote_count", sa.Integer, nullable=False, default=0),
    sa.Column("article_count", sa.Integer, nullable=False, default=0),
    sa.Column("first_seen", sa.String(32)),
    sa.Column("last_seen", sa.String(32)),
    sa.Index("ix_speakers_quote_count", "quote_count"),
)

speaker_aliases = sa.Table(
    "speaker_aliases",
    metadata,
    sa.Column("speaker_id", sa.String(64), sa.ForeignKey("speakers.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("alias", sa.Text, primary_key=True),
)

# Every word of every alias, for "quotes by Peskov" (surname) or "by Dmitry Peskov" (all words).
speaker_tokens = sa.Table(
    "speaker_tokens",
    metadata,
    sa.Column("token", sa.String(128), primary_key=True),
    sa.Column("speaker_id", sa.String(64), sa.ForeignKey("speakers.id", ondelete="CASCADE"), primary_key=True),
    sa.Index("ix_speaker_tokens_speaker_id", "speaker_id"),  # merges find a speaker's words (migration 0003)
)

speaker_roles = sa.Table(
    "speaker_roles",
    metadata,
    sa.Column("speaker_id", sa.String(64), sa.ForeignKey("speakers.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("role", sa.Text, primary_key=True),
    sa.Column("first_seen", sa.String(32)),
    sa.Column("last_seen", sa.String(32)),
    sa.Column("articles", sa.Integer, nullable=False, default=0),
)

# The per-article speakers of each Analysis, and the archive speaker each one is.
article_speakers = sa.Table(
    "article_speakers",
    metadata,
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("local_id", sa.String(64), primary_key=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("type", sa.String(16), nullable=False),
    sa.Column("roles", JSON, nullable=False),
    sa.Column("mentions", JSON, nullable=False),
    sa.Column("speaker_id", sa.String(64), sa.ForeignKey("speakers.id"), index=True),
)

quotes = sa.Table(
    "quotes",
    metadata,
    sa.Column("pk", BIGINT, primary_key=True, autoincrement=False),
    sa.Column("id", sa.String(64), nullable=False),
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("content", sa.Text, nullable=False),
    sa.Column("content_spans", JSON, nullable=False),
    sa.Column("cue", sa.Text),
    sa.Column("cue_span", JSON),
    sa.Column("source", sa.Text),
    sa.Column("source_span", JSON),
    sa.Column("local_speaker_id", sa.String(64)),  # Quote.speaker_id: the article's speaker
    sa.Column("speaker_name", sa.Text),  # Quote.speaker as the article resolved it
    sa.Column("speaker_type", sa.String(16)),
    sa.Column("speaker_role", sa.Text),
    sa.Column("speaker_id", sa.String(64), sa.ForeignKey("speakers.id")),  # the archive's speaker
    sa.Column("polarity", sa.String(16), nullable=False),
    sa.Column("nested_in", sa.String(64)),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.UniqueConstraint("article_id", "id", name="uq_quotes_article_quote"),
    sa.Index("ix_quotes_speaker_pk", "speaker_id", "pk"),
    sa.Index("ix_quotes_polarity_pk", "polarity", "pk"),
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("quote_ids", JSON, nullable=False),
    sa.Column("claimant_id", sa.String(64)),  # the article's speaker
    sa.Column("disputed", sa.Boolean, nullable=False, default=False),
    sa.Index("ix_claims_disputed", "disputed"),
)

disputes = sa.Table(
    "disputes",
    metadata,
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("claim_id", sa.String(64), nullable=False),
    sa.Column("claimant_id", sa.String(64)),
    sa.Column("disputed_by", JSON, nullable=False),  # the article's speaker ids
    sa.Column("quote_ids", JSON, nullable=False),
    sa.Column("stance", sa.String(16), nullable=False),
)

failures = sa.Table(
    "failures",
    metadata,
    sa.Column("input", sa.Text, primary_key=True),
    sa.Column("error", sa.Text, nullable=False),
    sa.Column("failed_at", sa.String(32), nullable=False),
)
