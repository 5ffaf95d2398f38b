"""The one place that opens ONNX models and their tokenizers (the quote tagger, claim vectors, stance)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any


def session(path: Path, threads: int | None = None, *, lean: bool = False, unpadded: bool = False) -> Any:
    """An onnxruntime CPU session; `threads` > 0 caps its intra-op threads (0 or None: all cores).

    Idle intra-op threads sleep instead of spinning: spinning threads burn the cores that spaCy, other
    workers and other programs need (on 2 busy cores, 2 spinning threads made the tagger slower in wall
    time than 1 thread and took 1.6x its CPU; without spinning, 2 threads cost about what 1 does).
    ``lean``: run the graph without its attention NaN guards (see `lean_graph`), for callers whose every
    input row has at least one unmasked token. ``unpadded``: also without the attention mask (see
    `unmasked_graph`), for callers that never pad (every attention_mask all ones); the session then may not
    take an attention_mask input at all."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    opts.add_session_config_entry("session.inter_op.allow_spinning", "0")
    if threads and threads > 0:
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
    model: str | bytes = str(path)
    clips = int8_sums_clip()
    if clips or lean or unpadded:
        import onnx

        graph = onnx.load(str(path))
        changed = unsaturated_graph(graph) if clips else 0
        changed += (lean_graph(graph) if lean else 0) + (unmasked_graph(graph) if unpadded else 0)
        if changed:
            model = graph.SerializeToString()
    return ort.InferenceSession(model, sess_options=opts, providers=["CPUExecutionProvider"])


@lru_cache(maxsize=1)
def int8_sums_clip() -> bool:
    """Whether onnxruntime's kernel for unsigned by signed bytes may clip sums on this CPU: everywhere but on an
    x86 CPU that reports VNNI (whose instruction adds the products in 32 bits), as far as /proc/cpuinfo tells;
    where it cannot be read, assume it may (`unsaturated_graph` is exact anywhere, only slower: about 13% of the
    tagger's time on an AVX2 CPU)."""
    try:
        flags = set(Path("/proc/cpuinfo").read_text(encoding="ascii", errors="replace").split())
    except OSError:
        return True
    return not flags & {"avx512_vnni", "avx_vnni"}


def unsaturated_graph(model: Any) -> int:
    """Gives each integer matrix product of signed 8-bit weights (MatMulInteger, an int8 model's dynamic
    quantization) the same weights as unsigned bytes shifted by 128, with a zero point shifted by 128: the same
    products of the same integers, so the same logits, on every CPU; returns how many products changed.

    On x86 CPUs without VNNI (AVX2 only), onnxruntime multiplies unsigned activations by signed weights with an
    instruction that adds pairs of products into 16 bits and saturates: some sums come out clipped, so one
    model gave other tags there than on a CPU with VNNI (seen on an AMD EPYC with AVX2 only: tests of the quote
    tagger that pass elsewhere failed). Unsigned weights take a kernel that widens first and never clips.
    `session` does this where the CPU may clip (`int8_sums_clip`)."""
    import numpy as np
    from onnx import TensorProto, numpy_helper

    initializers = {t.name: t for t in model.graph.initializer}
    readers: dict[str, int] = {}
    for node in model.graph.node:
        for name in node.input:
            readers[name] = readers.get(name, 0) + 1
    changed = 0
    for node in model.graph.node:
        if node.op_type != "MatMulInteger" or len(node.input) < 4:
            continue
        weights, zero = (initializers.get(name) for name in (node.input[1], node.input[3]))
        if weights is None or zero is None or any(readers[t.name] != 1 for t in (weights, zero)):
            continue
        if weights.data_type != TensorProto.INT8 or zero.data_type != TensorProto.INT8:
            continue
        for tensor in (weights, zero):
            shifted = (numpy_helper.to_array(tensor).astype(np.int16) + 128).astype(np.uint8)
            tensor.CopyFrom(numpy_helper.from_array(shifted, tensor.name))
        changed += 1
    return changed


def lean_graph(model: Any) -> int:
    """Rewrites a transformer exported by torch (scaled_dot_product_attention) so that it computes the
    same outputs with less work; returns how many nodes went (0: nothing matched, model untouched).

    - Each attention softmax is followed by ``Where(IsNaN(p), 0, p)``: a guard for query rows whose keys
      are all masked (a row of nothing but padding), two passes over every (batch, head, L, L) score
      tensor. The guard goes; callers must not send a row without one unmasked token.
    - Each layer turns the same boolean mask into the same additive mask (``Where(mask, 0, -inf)``):
      the first layer's is kept and shared.
    Measured on the quote tagger (MiniLM-L6, int8, windows of 384 word pieces): these nodes took about
    18% of its time; the logits are bit-identical."""
    graph = model.graph
    consts = _constants(graph)
    producer = {out: node for node in graph.node for out in node.output}
    outputs = {o.name for o in graph.output}
    rename: dict[str, str] = {}
    dropped: list[Any] = []
    shared: dict[tuple[Any, ...], str] = {}

    def constant(name: str) -> Any:
        value = consts.get(name)
        return None if value is None or value.size != 1 else value.reshape(()).item()

    for node in graph.node:
        if node.op_type != "Where" or node.output[0] in outputs:
            continue
        cond, a, b = (rename.get(name, name) for name in node.input)
        guard = producer.get(cond)
        if (
            guard is not None
            and guard.op_type == "IsNaN"
            and guard.input[0] == b
            and constant(a) == 0.0
            and getattr(producer.get(b), "op_type", "") == "Softmax"
        ):
            rename[node.output[0]] = b
            dropped += [node, guard]
            continue
        ca, cb = constant(a), constant(b)
        if ca is None or cb is None:
            continue
        key = (cond, ca, cb, str(consts[a].dtype), str(consts[b].dtype))
        if key in shared:
            rename[node.output[0]] = shared[key]
            dropped.append(node)
        else:
            shared[key] = node.output[0]
    if not dropped:
        return 0
    users = [i for node in graph.node if node not in dropped for i in node.input]
    if any(u == d.output[0] for d in dropped if d.op_type == "IsNaN" for u in users):
        return 0  # a guard's IsNaN feeds something else: leave the graph as it is
    _bypass(graph, dropped, rename)
    _drop_unused_initializers(graph)
    return len(dropped)


def unmasked_graph(model: Any) -> int:
    """Rewrites a transformer exported by torch so that its attention ignores the attention mask; returns how
    many nodes went (0: nothing matched, model untouched). For inputs without padding only.

    Each attention adds the additive mask ``Where(mask, 0, -inf)``, a (batch, 1, L, L) tensor, to its
    (batch, heads, L, L) scores before the softmax. Where every token is real that mask is all zeros, and a
    score plus 0.0 is the score: the Adds go, and with them what builds the mask (the Where, an Expand to
    (L, L), the shape arithmetic), so the logits are bit-identical. Measured on the quote tagger (MiniLM-L6,
    int8, windows of 384 word pieces, one a run): about 6% of its CPU (bench/stages.py)."""
    graph = model.graph
    consts = _constants(graph)

    def constant(name: str) -> float | None:
        value = consts.get(name)
        return None if value is None or value.size != 1 else float(value.reshape(()).item())

    masks = {
        node.output[0]
        for node in graph.node
        if node.op_type == "Where" and constant(node.input[1]) == 0.0 and constant(node.input[2]) == float("-inf")
    }
    rename: dict[str, str] = {}
    dropped: list[Any] = []
    for node in graph.node:
        if node.op_type == "Add" and len(node.input) == 2 and node.input[1] in masks and node.input[0] not in masks:
            rename[node.output[0]] = node.input[0]
            dropped.append(node)
    outputs = {o.name for o in graph.output}
    if not dropped or any(node.output[0] in outputs for node in dropped):
        return 0
    _bypass(graph, dropped, rename)
    return len(dropped) + _drop_dead_nodes(graph)


def _drop_dead_nodes(graph: Any) -> int:
    """Removes nodes whose outputs nothing reads (and then initializers nothing reads); how many nodes went."""
    outputs = {o.name for o in graph.output}
    removed = 0
    while True:
        used = {name for node in graph.node for name in node.input} | outputs
        dead = [node for node in graph.node if not any(out in used for out in node.output)]
        if not dead:
            break
        for node in dead:
            graph.node.remove(node)
        removed += len(dead)
    _drop_unused_initializers(graph)
    return removed


def tokenizer(path: Path) -> Any:
    """A `tokenizers` tokenizer with truncation and padding off: callers window and pad themselves."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(path))
    tok.no_truncation()
    tok.no_padding()
    return tok


def _constants(graph: Any) -> dict[str, Any]:
    """The graph's constant tensors (initializers and Constant nodes' values) by name, as numpy arrays."""
    from onnx import numpy_helper

    consts: dict[str, Any] = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    for node in graph.node:
        if node.op_type == "Constant" and node.attribute and node.attribute[0].name == "value":
            consts[node.output[0]] = numpy_helper.to_array(node.attribute[0].t)
    return consts


def _bypass(graph: Any, dropped: list[Any], rename: dict[str, str]) -> None:
    """Removes the dropped nodes; whatever read an output in ``rename`` reads what it is renamed to."""
    for node in dropped:
        graph.node.remove(node)
    for node in graph.node:
        for k, name in enumerate(node.input):
            node.input[k] = rename.get(name, name)


def _drop_unused_initializers(graph: Any) -> None:
    outputs = {o.name for o in graph.output}
    used = {name for node in graph.node for name in node.input} | outputs
    for t in [t for t in graph.initializer if t.name not in used]:
        graph.initializer.remove(t)
