"""The one place that opens ONNX models and their tokenizers (the quote tagger, claim vectors, stance)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def session(path: Path, threads: int | None = None) -> Any:
    """An onnxruntime CPU session; `threads` > 0 caps its intra-op threads (0 or None: all cores).

    Idle intra-op threads sleep instead of spinning: spinning threads burn the cores that spaCy, other
    workers and other programs need (on 2 busy cores, 2 spinning threads made the tagger slower in wall
    time than 1 thread and took 1.6x its CPU; without spinning, 2 threads cost about what 1 does)."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    opts.add_session_config_entry("session.inter_op.allow_spinning", "0")
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
