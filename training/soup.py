"""Average the weights of several fine-tunes of the same base ("model soup"): one model, no extra cost.

The shipped tagger is the uniform soup of the three runs of training/gpu_sweep.sh-style training
(one folder per run, holding weights.safetensors or its parts weights.part00, weights.part01, ...):

  python training/soup.py runs/dev2 runs/dev3 runs/dev4 --out runs/soup.safetensors
  python training/export_tagger.py --weights runs/soup.safetensors --config runs/soup_config.json
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import torch
from safetensors.torch import load, save_file


def read_weights(path: Path) -> dict[str, torch.Tensor]:
    if path.is_dir():
        parts = sorted(path.glob("weights.part*")) or [path / "weights.safetensors"]
        return load(b"".join(p.read_bytes() for p in parts))
    return load(path.read_bytes())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("runs", type=Path, nargs="+", help="safetensors files or run folders")
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args()
    states = [read_weights(p) for p in a.runs]
    soup = {k: (sum(s[k].float() for s in states) / len(states)).half() if v.is_floating_point() else v
            for k, v in states[0].items()}
    save_file(soup, str(a.out))
    print(f"averaged {len(states)} models into {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
