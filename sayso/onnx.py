"""The one place that opens ONNX models and their tokenizers (the quote tagger, claim vectors, stance)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def session(path: Path, threads: int | None = None) -> Any:
    """An onnxruntime CPU session; `threads` > 0 caps its intra-op threads (0 or None: all cores)."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    if threads and threads > 0:
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
    return ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])


def tokenizer(path: Path) -> Any:
    """A `tokenizers` tokenizer with truncation and padding off: callers window and pad themselves."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(path))
    tok.no_truncation()
    tok.no_padding()
    return tok
