"""Fixtures shared by the test modules."""

from __future__ import annotations

from pathlib import Path

import pytest

from sayso.config import settings


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder (development data, examples, the scorer); skips the test when absent."""
    path = settings().shared_dir
    if not path.is_dir():
        pytest.skip(f"{path} is not there (set SAYSO_SHARED to the shared development folder)")
    return path
