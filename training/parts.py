"""Weights split into parts a device run can bring back (each file under 16 MiB): `split(src, out, stem)`."""

from __future__ import annotations

from pathlib import Path

PART_BYTES = 15 * 2**20


def split(src: Path, out: Path, stem: str) -> list[Path]:
    """Writes src's bytes to out/<stem>.part0, .part1, ... and returns those paths."""
    data = src.read_bytes()
    paths = []
    for i in range(0, len(data), PART_BYTES):
        path = out / f"{stem}.part{i // PART_BYTES}"
        path.write_bytes(data[i : i + PART_BYTES])
        paths.append(path)
    return paths
