"""Export trained tagger weights (from train_tagger.py --save-weights, or gpu_sweep.sh's parts) to the
packaged model folder: int8 ONNX, tokenizer.json and config.json.

  python training/export_tagger.py --weights runs/weights.part0 runs/weights.part1 ... \
      --config runs/config.json --out sayso/models/quote_tagger

Any layer count (read from the weights). A student trained with --freeze-word-embeddings was saved without
them: --fill-from names the tagger it started from (its int8 ONNX, as on the device, or fp weights), whose
tensors fill in whatever the weights lack.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import train_tagger as T
from safetensors.torch import load


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--weights", type=Path, nargs="+", required=True, help="safetensors file, or its parts in order")
    ap.add_argument("--config", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=T.ROOT / "sayso" / "models" / "quote_tagger")
    ap.add_argument("--base", type=Path, default=None)
    ap.add_argument("--fill-from", type=Path, default=None, help="weights for the tensors --weights lacks")
    a = ap.parse_args()
    base = a.base or T.default_base()
    state = load(b"".join(p.read_bytes() for p in a.weights))
    if a.fill_from is not None:
        fill = T.read_weights(a.fill_from)
        state = {k: v for k, v in fill.items() if not k.startswith("bert.encoder.layer.")} | state
    model = T.build_model(base, T.layer_count(state), state)
    missing, unexpected = model.load_state_dict(
        {k: v.float() if v.is_floating_point() else v for k, v in state.items()}, strict=False)
    missing = [k for k in missing if "position_ids" not in k]
    if missing or unexpected:
        raise SystemExit(f"weights missing {missing[:5]}, unexpected {unexpected[:5]}")
    a.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        T.export(model, a.out, Path(work))
    T.write_tokenizer(base, a.out)
    cfg = json.loads(a.config.read_text())
    (a.out / "config.json").write_text(json.dumps(cfg, indent=1) + "\n")
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
