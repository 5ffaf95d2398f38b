"""The packaged quote tagger (int8 ONNX) read back into torch weights, as a distillation teacher.

A device run gets the repository, so sayso/models/quote_tagger/model.onnx is there already, while the
fp16 weights it was made from (45 MB) would not fit beside the repository in what a run may carry. This
reads the int8 graph's weights back (per-channel int8 MatMul weights, uint8 embeddings) and dequantizes
them into a `BertForTokenClassification` state dict: the teacher is then the shipped model itself, up to
the int8 rounding of its activations.

  python training/onnx_teacher.py sayso/models/quote_tagger/model.onnx --check runs/soup.safetensors
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np

try:
    import torch
except ImportError:  # read_arrays needs only onnx and numpy
    torch = None  # type: ignore[assignment]

_MATMUL = re.compile(r"^/(model/.+)/MatMul_output_0")


def _array(init: dict[str, Any], name: str) -> np.ndarray:
    from onnx import numpy_helper

    return np.asarray(numpy_helper.to_array(init[name]))


def _dequantize(q: np.ndarray, scale: np.ndarray, zero: np.ndarray) -> np.ndarray:
    return (q.astype(np.float32) - zero.astype(np.float32)) * scale.astype(np.float32)


def read_arrays(path: Path) -> tuple[dict[str, np.ndarray], int]:
    """The graph's weights under BertForTokenClassification's names (float32 numpy), and its layer count."""
    import onnx

    graph = onnx.load(str(path)).graph
    init = {t.name: t for t in graph.initializer}
    state: dict[str, np.ndarray] = {}
    for name in init:
        if name.startswith("model.") and not name.endswith(("_quantized", "_scale", "_zero_point")):
            state[name.removeprefix("model.")] = _array(init, name)
        elif name.startswith("model.") and name.endswith(".weight_quantized"):  # embedding tables
            stem = name.removesuffix("_quantized")
            state[stem.removeprefix("model.")] = _dequantize(
                _array(init, name), _array(init, stem + "_scale"), _array(init, stem + "_zero_point"))
    for node in graph.node:
        if node.op_type != "MatMulInteger":
            continue
        m = _MATMUL.match(node.output[0])
        weight = node.input[1]
        if m is None or not weight.endswith("_quantized"):
            raise SystemExit(f"{path}: unexpected MatMulInteger {node.output[0]}")
        stem = weight.removesuffix("_quantized")
        w = _dequantize(_array(init, weight), _array(init, stem + "_scale"), _array(init, stem + "_zero_point"))
        state[m.group(1).removeprefix("model/").replace("/", ".") + ".weight"] = w.T.copy()  # torch: (out, in)
    for node in graph.node:  # float MatMuls with a constant weight (a graph quantized only in part)
        if node.op_type == "MatMul" and node.input[1] in init:
            m = _MATMUL.match(node.output[0])
            if m:
                state[m.group(1).removeprefix("model/").replace("/", ".") + ".weight"] = _array(
                    init, node.input[1]).T.copy()
    layers = 1 + max(int(k.split(".")[3]) for k in state if k.startswith("bert.encoder.layer."))
    return state, layers


def read_state(path: Path) -> tuple[dict[str, torch.Tensor], int]:
    """`read_arrays` as a torch state dict."""
    state, layers = read_arrays(path)
    return {k: torch.from_numpy(np.array(v, dtype=v.dtype, copy=True)) for k, v in state.items()}, layers


def load_teacher(path: Path, base: Path, num_labels: int) -> torch.nn.Module:
    """A torch BertForTokenClassification with the graph's weights; `base` gives the BERT config."""
    from transformers import BertConfig, BertForTokenClassification

    state, layers = read_state(path)
    config = BertConfig.from_json_file(str(base / "config.json"))
    config.num_labels = num_labels
    config.num_hidden_layers = layers
    model = BertForTokenClassification(config)
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [k for k in missing if "position_ids" not in k]
    if missing or unexpected:
        raise SystemExit(f"{path}: weights missing {missing[:5]}, unexpected {unexpected[:5]}")
    return model.eval()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("onnx", type=Path)
    ap.add_argument("--check", type=Path, help="fp weights (safetensors) the graph was made from: compare")
    ap.add_argument("--base", type=Path, default=Path(".devcarry/minilm"))
    a = ap.parse_args()
    state, layers = read_state(a.onnx)
    print(f"{len(state)} tensors, {layers} layers")
    if a.check:
        from safetensors.torch import load_file

        ref = load_file(str(a.check))
        worst = max((float((state[k] - v.float()).norm() / v.float().norm().clamp_min(1e-12)), k)
                    for k, v in ref.items() if k in state)
        print(f"missing from graph: {sorted(set(ref) - set(state))}; worst relative error {worst[0]:.4f} ({worst[1]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
