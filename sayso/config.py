"""Settings: every one named, defaulted and documented here; environment variables override."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_DB = "sqlite:///sayso.db"


def _shared_dir() -> Path:
    """../shared beside the checkout (or SAYSO_SHARED): development data, examples and the scorer."""
    if env := os.environ.get("SAYSO_SHARED"):
        return Path(env)
    for base in (Path.cwd(), PACKAGE_DIR.parent):
        candidate = base.parent / "shared"
        if candidate.is_dir():
            return candidate
    return PACKAGE_DIR.parent.parent / "shared"


@dataclass(frozen=True)
class Settings:
    # Where the development data, examples and the quote scorer live (SAYSO_SHARED).
    shared_dir: Path = field(default_factory=_shared_dir)
    # The learned quote tagger's folder (SAYSO_TAGGER); default: the one shipped in the package.
    tagger_dir: Path = field(
        default_factory=lambda: Path(os.environ.get("SAYSO_TAGGER", PACKAGE_DIR / "models" / "quote_tagger"))
    )
    # The stance model's folder (SAYSO_STANCE_MODEL); default: the one shipped in the package.
    stance_dir: Path = field(
        default_factory=lambda: Path(os.environ.get("SAYSO_STANCE_MODEL", PACKAGE_DIR / "models" / "stance"))
    )
    # Threads the tagger and the stance model may use in one process (SAYSO_THREADS); 0: all cores.
    # --workers N sets 1 in each.
    threads: int = field(default_factory=lambda: int(os.environ.get("SAYSO_THREADS", "0") or 0))
    # The archive's database URL (SAYSO_DB): a SQLite file by default, or postgresql+psycopg://user@host/db.
    db_url: str = field(default_factory=lambda: os.environ.get("SAYSO_DB") or DEFAULT_DB)
    # `sayso load`: each chunk written by a second process (PostgreSQL) or thread (a SQLite file), with its own
    # connection, while the load reads and resolves the next, so that the database's work and the load's overlap
    # (SAYSO_LOAD_PROCESS=0: one process and thread, each chunk written before the next is read).
    load_process: bool = field(default_factory=lambda: os.environ.get("SAYSO_LOAD_PROCESS", "") != "0")
    # `sayso load` into PostgreSQL, where the role may set session_replication_role (a superuser, or granted SET
    # on it) and the tables have no triggers of their own: the rows' foreign keys checked once a chunk, one
    # statement a referenced table, instead of by the server row by row (a quarter of its CPU in a load).
    # SAYSO_LOAD_CHECKS_ONCE=0: row by row.
    load_checks_once: bool = field(default_factory=lambda: os.environ.get("SAYSO_LOAD_CHECKS_ONCE", "") != "0")
    # The service (`sayso serve`): the largest request body it reads, in bytes (SAYSO_MAX_BODY); larger: 413.
    max_body_bytes: int = field(default_factory=lambda: int(os.environ.get("SAYSO_MAX_BODY", "") or 2_000_000))
    # Whether the service may fetch URLs that resolve to private or loopback addresses (SAYSO_ALLOW_PRIVATE=1).
    allow_private_urls: bool = field(default_factory=lambda: os.environ.get("SAYSO_ALLOW_PRIVATE", "") == "1")
    # The service: how many archive questions one server process answers at once (SAYSO_DB_THREADS); the others
    # wait their turn. Each has its own database connection; more threads than cores only add switching. 0: each
    # is answered in the event loop itself, one at a time, with no hand-off to a thread and back (a quarter less
    # CPU per search, but one process then uses one core: for `sayso serve --workers N`).
    db_threads: int = field(default_factory=lambda: max(0, int(os.environ.get("SAYSO_DB_THREADS", "") or 4)))

    @property
    def polnear_dir(self) -> Path:
        return self.shared_dir / "data" / "polnear"

    @property
    def stance_data_dir(self) -> Path:
        return self.shared_dir / "data" / "stance"

    @property
    def scorer(self) -> Path:
        return self.shared_dir / "eval" / "score_quotes.py"


def settings() -> Settings:
    return Settings()
