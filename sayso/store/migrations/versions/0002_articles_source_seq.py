"""An outlet's articles in ingest order: the index on articles(source) becomes one on (source, seq), so that an
outlet's newest statements are found in its newest articles (sayso.store.queries.by_article) instead of all its
statements being gathered and sorted. It answers whatever the index on source alone answered.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_articles_source_seq", "articles", ["source", "seq"])
    op.drop_index("ix_articles_source", table_name="articles")


def downgrade() -> None:
    op.create_index("ix_articles_source", "articles", ["source"])
    op.drop_index("ix_articles_source_seq", table_name="articles")
