"""sayso: who said what in news articles, and who disputes it.

>>> from sayso import analyze
>>> analysis = analyze('"We will win," the senator said.')
>>> [(q.speaker.name if q.speaker else None, q.content) for q in analysis.quotes]
[('the senator', 'We will win')]

The pipeline (and spaCy) loads on first use, so that `import sayso` and `sayso --help` stay fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sayso.model import Analysis, Article, Claim, Dispute, Quote, Speaker, SpeakerRef

if TYPE_CHECKING:
    from sayso.pipeline import analyze, analyze_article, analyze_many

__all__ = [
    "Analysis",
    "Article",
    "Claim",
    "Dispute",
    "Quote",
    "Speaker",
    "SpeakerRef",
    "analyze",
    "analyze_article",
    "analyze_many",
]
__version__ = "0.1.0"
_PIPELINE = {"analyze", "analyze_article", "analyze_many"}


def __getattr__(name: str) -> Any:
    if name in _PIPELINE:
        from sayso import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'sayso' has no attribute {name!r}")
