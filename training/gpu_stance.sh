#!/usr/bin/env bash
# One device run: train the stance cross-encoder in a few configurations one after another on one GPU, keep the
# best by the dev figures of issue 3 (train_stance.selection_score), and leave its fp16 weights (split into parts
# under 16 MiB), its config and the logs under $OUT. Export to ONNX and the head are fitted afterwards, on the CPU
# machine: `python training/train_stance.py --weights OUT/weights.safetensors.part* --base .devcarry/minilm`.
# Needs .devcarry/minilm/ (fp16 MiniLM, see training/README.md) and .devcarry/stance.tar.gz, made by
#   tar -czf .devcarry/stance.tar.gz -C ../shared/data stance/fnc1 stance/arc stance/emergent
# Smoke test on a CPU: STANCE_ARGS="--limit 100 --device cpu --max-length 64" BUDGET=20 OUT=/tmp/o bash training/gpu_stance.sh
set -u
export PYTHONUNBUFFERED=1 TOKENIZERS_PARALLELISM=false
D=$(pwd)/.devcarry
OUT=${OUT:-/tmp/stance_out}
BUDGET=${BUDGET:-400}  # seconds of training per configuration at most
TOTAL=${TOTAL:-500}  # seconds for the whole sweep: a configuration that cannot start with a minute left is skipped
EXTRA=${STANCE_ARGS:-"--device cuda"}
mkdir -p "$OUT" /tmp/stance_runs /tmp/stance_data
tar -xzf "$D/stance.tar.gz" -C /tmp/stance_data
nvidia-smi -L 2>/dev/null || true
cd training || exit 1
cfg() {  # name, then train_stance args
  local name=$1; shift
  local left=$((TOTAL - SECONDS - 30)) limit=$((BUDGET + 150))
  if [ "$left" -lt 60 ]; then echo "skipped $name: ${left}s left"; return; fi
  if [ "$left" -lt "$limit" ]; then limit=$left; fi
  timeout "$limit" python3 train_stance.py --data /tmp/stance_data/stance --base "$D/minilm" \
    --work /tmp/stance_runs/$name --out /tmp/stance_runs/$name/out --no-checkpoint --no-export \
    --save-weights /tmp/stance_runs/$name/weights.safetensors --per-class-fnc 100000 --per-class-arc 100000 \
    --eval-fnc 100000 --workers 12 --threads 4 --time-budget "$BUDGET" $EXTRA "$@" > "/tmp/stance_runs/log_$name.txt" 2>&1
  tail -3 "/tmp/stance_runs/log_$name.txt"
}
# the shipped recipe first (see the Makefile's STANCE_RECIPE), then variants while time is left
cfg shipped --lr 5e-5 --max-length 320 --epochs 3 --class-power 0.75
cfg long --lr 3e-5 --max-length 512 --epochs 4 --class-power 0.75
cfg more --lr 5e-5 --max-length 320 --epochs 5 --class-power 0.5
cat /tmp/stance_runs/log_*.txt > "$OUT/logs.txt"
python3 - "$OUT" <<'PY'
import json, pathlib, sys
sys.path.insert(0, ".")
from parts import split
from train_stance import selection_score
out = pathlib.Path(sys.argv[1])
runs = []
for cfg_file in sorted(pathlib.Path("/tmp/stance_runs").glob("*/weights.json")):
    cfg = json.loads(cfg_file.read_text())
    for rec in cfg["history"]:
        print(cfg_file.parent.name, cfg["lr"], cfg["max_length"], json.dumps(rec))
    if cfg["history"]:
        runs.append((max(selection_score(r) for r in cfg["history"]), cfg_file.parent.name))
if not runs:
    sys.exit("no run finished")
score, best = max(runs)
print("best", best, round(score, 4), sorted(runs, reverse=True))
src = pathlib.Path("/tmp/stance_runs") / best
split(src / "weights.safetensors", out, "weights.safetensors")
(out / "weights.json").write_text((src / "weights.json").read_text())
PY
