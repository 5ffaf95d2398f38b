"""A speaker's name words found by the speaker: an index on speaker_tokens(speaker_id). Its key is (token,
speaker_id), so each merge of a surname-only speaker (sayso.store.speaker_sql.merge: reading, moving and deleting
its words, and the foreign-key check of deleting the speaker) read the whole table, three times a merge.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_speaker_tokens_speaker_id", "speaker_tokens", ["speaker_id"])


def downgrade() -> None:
    op.drop_index("ix_speaker_tokens_speaker_id", table_name="speaker_tokens")
