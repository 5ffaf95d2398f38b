"""sayso: who said what in news articles, and who disputes it.

>>> from sayso import analyze
>>> analysis = analyze('"We will win," the senator said.')
>>> [(q.speaker.name if q.speaker else None, q.content) for q in analysis.quotes]
[('the senator', 'We will win')]
"""

from sayso.model import Analysis, Article, Claim, Dispute, Quote, Speaker, SpeakerRef
from sayso.pipeline import analyze, analyze_article, analyze_many

__all__ = ["Analysis", "Article", "Claim", "Dispute", "Quote", "Speaker", "SpeakerRef", "analyze",
           "analyze_article", "analyze_many"]
__version__ = "0.1.0"
