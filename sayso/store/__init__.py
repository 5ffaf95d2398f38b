"""The archive: articles, statements, speakers (one identity across articles), claims and disputes, in
SQLite (default, FTS5 search) or PostgreSQL (tsvector/GIN), with Alembic migrations applied on open.

>>> from sayso.store import open_store
>>> store = open_store("sqlite:///:memory:")
>>> store.stats().articles
0
"""

from __future__ import annotations

from sayso.store.results import (
    ClaimRow,
    DisputeRow,
    FailureRow,
    QuoteHit,
    RoleSpan,
    SpeakerDetail,
    SpeakerName,
    SpeakerSummary,
    Stats,
)
from sayso.store.store import Store, open_store

__all__ = [
    "ClaimRow",
    "DisputeRow",
    "FailureRow",
    "QuoteHit",
    "RoleSpan",
    "SpeakerDetail",
    "SpeakerName",
    "SpeakerSummary",
    "Stats",
    "Store",
    "open_store",
]
