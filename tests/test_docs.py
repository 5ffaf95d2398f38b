"""The CLI reference in docs/ is generated from --help and must be current."""

from __future__ import annotations

from pathlib import Path

from sayso.clidoc import reference

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def test_cli_reference_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == reference(), "run: python -m sayso.clidoc > docs/cli.md"
