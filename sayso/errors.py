"""Named errors. The CLI turns each into one line naming the input; never a traceback."""

from __future__ import annotations


class SaysoError(Exception):
    """Base class of every error sayso reports to a user."""


class InputError(SaysoError):
    """An input that cannot be read as an article (empty, binary, unreachable, no article in it)."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class RefusedURLError(InputError):
    """A URL that points to a private, loopback or otherwise non-public address."""


class ModelError(SaysoError):
    """A model file that is missing or unreadable."""


class DataError(SaysoError):
    """An evaluation data folder that is missing or malformed."""


class BatchError(SaysoError):
    """A batch run that cannot start or go on: an output folder of another run, an unreachable cluster."""


class StoreError(SaysoError):
    """A store that cannot be opened or used: unreachable server, a newer schema, a file that is no database."""
