#!/usr/bin/env bash
# One device run: train a few configurations one after another on one GPU (about 1 min each on an H200), keep the best by dev content
# exact F1, and leave its fp16 weights (split into parts under 16 MiB), config and logs under $OUT.
# Needs .devcarry/{polnear.json.gz,minilm/} (see training/README.md). Export to ONNX happens afterwards,
# on the CPU machine: training/export_tagger.py.
#   SWEEP_ARGS="--limit 3 --max-steps 2 --device cpu" OUT=/tmp/o bash training/gpu_sweep.sh   # smoke test
set -u
export PYTHONUNBUFFERED=1
D=.devcarry
OUT=${OUT:-/tmp/sweep_out}
BUDGET=${BUDGET:-90}
EXTRA=${SWEEP_ARGS:-"--device cuda"}
mkdir -p "$OUT" /tmp/sweep
export TOKENIZERS_PARALLELISM=false
nvidia-smi -L 2>/dev/null || true
cfg() {  # name, then train_tagger args
  local name=$1; shift
  timeout $((BUDGET + 90)) python3 training/train_tagger.py --data $D/polnear.json.gz --base $D/minilm \
    --out /tmp/sweep/$name --work /tmp/sweep/$name --save-weights /tmp/sweep/$name/weights.safetensors \
    --no-export --time-budget "$BUDGET" --threads 3 $EXTRA "$@" > "/tmp/sweep/log_$name.txt" 2>&1
}
cfg a --lr 1e-4 --max-length 256 --epochs 10 --eval-from 4
cfg b --lr 5e-5 --max-length 256 --epochs 12 --eval-from 5
cfg c --lr 1e-4 --max-length 384 --epochs 12 --eval-from 5
cfg d --lr 1.5e-4 --max-length 256 --epochs 16 --eval-from 6
# (an earlier version ran them in parallel; that device call lost its machine)
cat /tmp/sweep/log_*.txt > "$OUT/logs.txt"
python3 - "$OUT" <<'PY'
import json, pathlib, sys
sys.path.insert(0, "training")
from parts import split
out = pathlib.Path(sys.argv[1])
runs = []
for d in sorted(pathlib.Path("/tmp/sweep").glob("*/train_log.json")):
    for r in json.loads(d.read_text()):
        runs.append((r["dev"]["exact"], d.parent.name, r))
for ex, name, r in sorted(runs, reverse=True):
    print(name, r["lr"], r["dev"], r["secs"], "s")
if not runs:
    sys.exit("no run finished")
best = max(runs)[1]
src = pathlib.Path("/tmp/sweep") / best
split(src / "weights.safetensors", out, "weights")
(out / "config.json").write_text((src / "config.json").read_text())
summary = {name: r for _, name, r in runs}
(out / "summary.json").write_text(json.dumps({"best": best, "runs": summary}, indent=1))
print("best", best)
PY
