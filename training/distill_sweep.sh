#!/usr/bin/env bash
# One device run: distil smaller students of the shipped quote tagger one after another on one GPU and bring
# back every student's fp16 weights (word embeddings left out: frozen, they are the teacher's), its config and
# the logs under $OUT (at most 8 files: logs.txt, summary.json and one <name>.safetensors per run, each <16 MiB).
# The teacher is the packaged int8 ONNX (training/onnx_teacher.py reads its weights back), so nothing but the
# data export and MiniLM's config.json and tokenizer.json need to travel (in $D; see training/README.md).
#   SWEEP_ARGS="--limit 3 --max-steps 2 --device cpu" OUT=/tmp/o D=.devcarry bash training/distill_sweep.sh  # smoke
# Afterwards, here: training/export_tagger.py --weights $OUT/<name>.safetensors --fill-from <teacher onnx> ...
set -u
export PYTHONUNBUFFERED=1 TOKENIZERS_PARALLELISM=false
D=${D:-.devcarry}
TEACHER=${TEACHER:-sayso/models/quote_tagger/model.onnx}
OUT=${OUT:-/tmp/distill_out}
BUDGET=${BUDGET:-70}
EXTRA=${SWEEP_ARGS:-"--device cuda"}
WORK=${WORK:-/tmp/dsweep}
mkdir -p "$OUT" "$WORK"
nvidia-smi -L 2>/dev/null || true
run() {  # name, then train_tagger args
  local name=$1; shift
  local t0=$SECONDS
  timeout $((BUDGET + 60)) python3 training/train_tagger.py --data "$D/polnear.json.gz" --base "$D/minilm" \
    --teacher "$TEACHER" --freeze-word-embeddings --out "$WORK/$name" --work "$WORK/$name" \
    --save-weights "$WORK/$name/weights.safetensors" --no-export --time-budget "$BUDGET" --threads 4 \
    $EXTRA "$@" > "$WORK/log_$name.txt" 2>&1 < /dev/null
  echo "$name: rc $? in $((SECONDS - t0)) s: $(tail -1 "$WORK/log_$name.txt")"
  # at once, so that a command stopped at its limit still brings back the runs it finished
  [ -f "$WORK/$name/weights.safetensors" ] && cp "$WORK/$name/weights.safetensors" "$OUT/$name.safetensors"
}
# RUNS: one run a line, its name then train_tagger arguments (default: the first sweep, training/README.md).
# Most wanted first: a run cut off by the command's limit costs the least.
COMMON="--lr 1e-4 --epochs 12 --eval-from 6 --temperature 2"
RUNS=${RUNS:-"l3alt   $COMMON --keep-layers 0 2 4 --max-length 384 --distill-weight 0.5
l3first $COMMON --keep-layers 0 1 2 --max-length 384 --distill-weight 0.5
l2      $COMMON --keep-layers 0 3 --max-length 384 --distill-weight 0.5
l3w256  $COMMON --keep-layers 0 2 4 --max-length 256 --distill-weight 0.5
l4      $COMMON --keep-layers 0 1 2 3 --max-length 384 --distill-weight 0.5
l3gold  $COMMON --keep-layers 0 2 4 --max-length 384 --distill-weight 0"}
while read -r line; do
  [ -n "$line" ] && run $line
done <<< "$RUNS"
for f in "$WORK"/log_*.txt; do echo "== $f"; cat "$f"; done > "$OUT/logs.txt"
python3 - "$OUT" "$WORK" <<'PY'
import json, pathlib, sys
out, work = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
summary = {}
for d in sorted(p for p in work.iterdir() if (p / "train_log.json").exists()):
    log = json.loads((d / "train_log.json").read_text())
    summary[d.name] = {"config": json.loads((d / "config.json").read_text()),
                       "runs": [{k: v for k, v in r.items() if k != "history"} for r in log],
                       "history": log[0]["history"]}
(out / "summary.json").write_text(json.dumps(summary, indent=1))
for name, s in sorted(summary.items(), key=lambda kv: -kv[1]["runs"][0]["dev"]["exact"]):
    print(f"{name:8s} layers {s['config']['layers']} dev {s['runs'][0]['dev']} {s['runs'][0]['secs']} s")
PY
