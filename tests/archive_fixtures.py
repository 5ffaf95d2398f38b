"""A small archive for the service tests, made by the real pipeline and the real store (a SQLite file).

Short articles from three outlets on several dates, in which the same people speak and one denies
another; the model case joins them when ../shared is there.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sayso.config import settings
from sayso.ingest import read_text
from sayso.pipeline import analyze_article
from sayso.store import Store, open_store

ARTICLES = [
    ("Daily Ledger", "2024-03-04",
     'Finance minister Anna Berg said on Monday that the budget would be balanced by next year. '
     '"We will balance the budget by next year," Berg told reporters in the capital.'),
    ("Morning Post", "2024-03-06",
     'Opposition leader Carl Moss rejected the claim. "The budget will not be balanced, and the minister knows it," '
     'Moss said on Wednesday. Berg said the figures were clear.'),
    ("Daily Ledger", "2024-04-12",
     '"Inflation is falling faster than we expected," Anna Berg said in an interview. '
     'Carl Moss said prices were still rising for most families.'),
    ("City Wire", "2024-05-20",
     'Anna Berg, the finance minister, said the new tax would raise two billion. '
     '"Nobody will pay more," Berg said. Carl Moss denied that the tax was fair.'),
]  # fmt: skip
MODEL_CASE = ("Example Times", "2023-01-30")
_BUILT: dict[str, str] = {}


def build(path: Path) -> str:
    url = f"sqlite:///{path}"
    shared = settings().shared_dir / "examples" / "kremlin-johnson" / "article.txt"
    texts = list(ARTICLES)
    if shared.is_file():
        texts.append((*MODEL_CASE, shared.read_text(encoding="utf-8")))
    with open_store(url) as store:
        for outlet, published, text in texts:
            article = read_text(text).model_copy(update={"source": outlet, "published": published})
            store.save(analyze_article(article))
    return url


@pytest.fixture(scope="session")
def archive_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    if "url" not in _BUILT:
        _BUILT["url"] = build(tmp_path_factory.mktemp("archive") / "archive.sqlite")
    return _BUILT["url"]


@pytest.fixture(scope="session")
def archive(archive_url: str) -> Iterator[Store]:
    with open_store(archive_url) as store:
        yield store
