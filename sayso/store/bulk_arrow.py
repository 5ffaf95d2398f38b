"""A bulk load's analyses as Arrow tables (``ANALYSIS_SCHEMA``, as `sayso batch` writes its partitions), checked
and made the store's rows a column at a time, without an ``Analysis`` object (and its nested models) per row.

- :func:`invalid_rows` finds the rows that pydantic might refuse (a null where the model wants a value, a value
  outside a ``Literal``, a span that is not two numbers), from the model's own fields and with Arrow's compute
  functions; the caller validates only those with pydantic (for its verdict and message). A table whose schema
  is not ``ANALYSIS_SCHEMA`` is not checked here (the caller validates every row). Where the model has what
  this check does not know (a validator, a constraint), every row is left to pydantic.
- :class:`Batch` holds a table's columns as Python lists (spans already as the JSON the store writes) and makes
  the rows of each table as the tuples ``bulk_rows.values_of`` makes of ``writer.Rows``' dicts: the same values
  in the same columns (``tests/test_bulkload.py`` compares them).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import accumulate, repeat
from typing import Any, NamedTuple

import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel

from sayso.model import Analysis
from sayso.partitions import ANALYSIS_SCHEMA
from sayso.store import schema as t
from sayso.store.bulk_rows import Values, first_of_each_value, json_text
from sayso.store.writer import normalise_date

# The columns of each table's rows, in the order of writer.Rows' dicts.
ARTICLE_COLUMNS = ["id", "seq", "text_sha1", "language", "title", "url", "source", "published", "published_at",
                   "text", "ingested_at"]  # fmt: skip
SPEAKER_COLUMNS = ["article_id", "local_id", "position", "name", "type", "roles", "mentions", "speaker_id"]
QUOTE_COLUMNS = ["pk", "id", "article_id", "position", "kind", "content", "content_spans", "cue", "cue_span", "source",
                 "source_span", "local_speaker_id", "speaker_name", "speaker_type", "speaker_role", "speaker_id",
                 "polarity", "nested_in", "confidence"]  # fmt: skip
CLAIM_COLUMNS = ["article_id", "id", "position", "text", "quote_ids", "claimant_id", "disputed"]
DISPUTE_COLUMNS = ["article_id", "position", "claim_id", "claimant_id", "disputed_by", "quote_ids", "stance"]


class _Unchecked(Exception):
    """The model has something :func:`invalid_rows` does not check."""


def schema_matches(table: pa.Table) -> bool:
    """Whether the table's columns are ANALYSIS_SCHEMA's, by name and type."""
    return bool(table.schema.names == ANALYSIS_SCHEMA.names and table.schema.types == ANALYSIS_SCHEMA.types)


def invalid_rows(table: pa.Table) -> list[int]:
    """The rows of a table of ANALYSIS_SCHEMA that ``Analysis.model_validate`` of the row's dict might refuse;
    every row where the model has what this does not check. A row not listed validates, as it is: its values
    are those pydantic would give (the schema fixes the types; nothing is converted or defaulted)."""
    if not _checkable():
        return list(range(table.num_rows))
    bad = pa.array([False] * table.num_rows, pa.bool_())
    for name, field in Analysis.model_fields.items():
        bad = pc.or_(bad, _bad(table.column(name).combine_chunks(), field.annotation))
    return [n for n, b in enumerate(bad.to_pylist()) if b]


@lru_cache(maxsize=1)
def _checkable() -> bool:
    try:
        _walk(Analysis)
    except _Unchecked:
        return False
    return True


def _walk(model: type[BaseModel]) -> None:
    """Raises _Unchecked where the model (or one it holds) has validators, field constraints or types that
    :func:`_bad` does not check."""
    decorators = model.__pydantic_decorators__
    if any((decorators.validators, decorators.field_validators, decorators.root_validators,
            decorators.model_validators)):  # fmt: skip
        raise _Unchecked(model.__name__)
    for field in model.model_fields.values():
        if field.metadata:
            raise _Unchecked(f"{model.__name__}: {field.metadata}")
        _walk_type(field.annotation)


def _walk_type(annotation: Any) -> None:
    _, inner = _optional(annotation)
    origin, args = typing.get_origin(inner), typing.get_args(inner)
    if origin is typing.Literal:
        if not all(isinstance(a, str) for a in args):
            raise _Unchecked(str(inner))
    elif origin is list:
        _walk_type(args[0])
    elif origin is tuple:
        if Ellipsis in args or len(set(args)) != 1:
            raise _Unchecked(str(inner))
        _walk_type(args[0])
    elif isinstance(inner, type) and issubclass(inner, BaseModel):
        _walk(inner)
    elif inner not in (str, int, float, bool):
        raise _Unchecked(str(inner))


def _optional(annotation: Any) -> tuple[bool, Any]:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        present = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(present) != 1:
            raise _Unchecked(str(annotation))
        return True, present[0]
    return False, annotation


def _bad(array: pa.Array, annotation: Any) -> pa.BooleanArray:
    """For each value of the array: whether pydantic might refuse it as ``annotation``."""
    optional, inner = _optional(annotation)
    nulls = array.is_null()
    bad = pa.array([False] * len(array), pa.bool_()) if optional else nulls
    origin, args = typing.get_origin(inner), typing.get_args(inner)
    if origin is typing.Literal:
        outside = pc.invert(pc.is_in(array, value_set=pa.array(list(args), pa.string())))
        bad = pc.or_(bad, pc.and_(outside, pc.invert(nulls)))
    elif origin in (list, tuple):
        if origin is tuple:
            wrong = pc.not_equal(pc.list_value_length(array), len(args))
            bad = pc.or_(bad, pc.fill_null(wrong, False))
        values, parents = pc.list_flatten(array), pc.list_parent_indices(array)
        held = parents.filter(_bad(values, args[0])).to_pylist()
        if held:
            mark = [False] * len(array)
            for n in held:
                mark[n] = True
            bad = pc.or_(bad, pa.array(mark, pa.bool_()))
    elif isinstance(inner, type) and issubclass(inner, BaseModel):
        fields = dict(zip([f.name for f in array.type], array.flatten(), strict=True))
        present = pc.invert(nulls)
        for name, field in inner.model_fields.items():
            bad = pc.or_(bad, pc.and_(present, _bad(fields[name], field.annotation)))
    return bad


class SpeakerRow(NamedTuple):
    """An article's speaker as the resolver reads it (``model.Speaker``'s fields)."""

    id: str
    name: str
    type: str
    roles: list[str]
    mentions: list[list[int]]


def _spans_json(spans: pa.Array) -> pa.Array:
    """Spans (lists of two numbers; null: JSON null) as ``bulk_rows._span`` writes them."""
    first = pc.cast(pc.list_element(spans, 0), pa.string())
    second = pc.cast(pc.list_element(spans, 1), pa.string())
    return pc.fill_null(pc.binary_join_element_wise("[", first, ",", second, "]", ""), "null")


def _span_lists_json(lists: pa.Array) -> list[str]:
    """Lists of spans as ``bulk_rows._spans`` writes them."""
    lengths = pc.fill_null(pc.list_value_length(lists), 0).to_pylist()
    offsets = pa.array([0, *accumulate(lengths)], pa.int32())
    inner = pa.ListArray.from_arrays(offsets, _spans_json(pc.list_flatten(lists)))
    joined = pc.binary_join_element_wise("[", pc.binary_join(inner, ","), "]", "")
    return joined.to_pylist()  # type: ignore[no-any-return]


def _offsets(lists: pa.Array) -> list[int]:
    return [0, *accumulate(pc.fill_null(pc.list_value_length(lists), 0).to_pylist())]


def _fields(lists: pa.Array) -> dict[str, pa.Array]:
    """The fields of a list of structs, for all the rows' elements in order."""
    values = pc.list_flatten(lists)
    return dict(zip([f.name for f in values.type], values.flatten(), strict=True))


class Batch:
    """Analyses (a table of ANALYSIS_SCHEMA whose rows validate) as Python columns: what the resolver reads and
    the rows the store writes."""

    def __init__(self, table: pa.Table) -> None:
        table = table.combine_chunks()
        self.size = table.num_rows

        def column(name: str) -> Any:
            return table.column(name).combine_chunks()

        top = {name: column(name).to_pylist() for name in
               ("id", "text_sha1", "language", "title", "url", "source", "published", "text")}  # fmt: skip
        self.ids: list[str] = top["id"]
        self.text: list[str | None] = top["text"]
        self.published: list[str | None] = top["published"]
        self.top = top
        quotes, speakers = column("quotes"), column("speakers")
        claims, disputes = column("claims"), column("disputes")
        self.q_off, self.s_off = _offsets(quotes), _offsets(speakers)
        self.c_off, self.d_off = _offsets(claims), _offsets(disputes)
        q = _fields(quotes)
        who = dict(zip([f.name for f in q["speaker"].type], q["speaker"].flatten(), strict=True))
        self.q = {
            "id": q["id"].to_pylist(),
            "kind": q["kind"].to_pylist(),
            "content": q["content"].to_pylist(),
            "content_spans": _span_lists_json(q["content_spans"]),
            "cue": q["cue"].to_pylist(),
            "cue_span": _spans_json(q["cue_span"]).to_pylist(),
            "source": q["source"].to_pylist(),
            "source_span": _spans_json(q["source_span"]).to_pylist(),
            "local_speaker_id": q["speaker_id"].to_pylist(),
            "speaker_name": who["name"].to_pylist(),
            "speaker_type": who["type"].to_pylist(),
            "speaker_role": who["role"].to_pylist(),
            "polarity": q["polarity"].to_pylist(),
            "nested_in": q["nested_in"].to_pylist(),
            "confidence": q["confidence"].to_pylist(),
        }
        s = _fields(speakers)
        roles = s["roles"].to_pylist()
        self.speakers = list(
            map(SpeakerRow, s["id"].to_pylist(), s["name"].to_pylist(), s["type"].to_pylist(), roles,
                s["mentions"].to_pylist())
        )  # fmt: skip
        self.s_roles = [json_text(r) for r in roles]
        self.s_mentions = _span_lists_json(s["mentions"])
        c = _fields(claims)
        self.c = {
            "id": c["id"].to_pylist(),
            "text": c["text"].to_pylist(),
            "quote_ids": [json_text(v) for v in c["quote_ids"].to_pylist()],
            "claimant_id": c["claimant_id"].to_pylist(),
        }
        d = _fields(disputes)
        self.d = {
            "claim_id": d["claim_id"].to_pylist(),
            "claimant_id": d["claimant_id"].to_pylist(),
            "disputed_by": [json_text(v) for v in d["disputed_by"].to_pylist()],
            "quote_ids": [json_text(v) for v in d["quote_ids"].to_pylist()],
            "stance": d["stance"].to_pylist(),
        }

    # What the resolver reads ------------------------------------------------------------------------------

    def day(self, n: int) -> str | None:
        return normalise_date(self.published[n])

    def speakers_of(self, n: int) -> Sequence[SpeakerRow]:
        return self.speakers[self.s_off[n] : self.s_off[n + 1]]

    def quote_speakers(self, n: int) -> list[str | None]:
        said: list[str | None] = self.q["local_speaker_id"][self.q_off[n] : self.q_off[n + 1]]
        return said

    def quotes_of(self, n: int) -> int:
        return self.q_off[n + 1] - self.q_off[n]

    # The rows ---------------------------------------------------------------------------------------------

    def rows(self, kept: Sequence[Kept], now: str, current: Callable[[str], str]) -> dict[str, Values]:
        """The rows of the kept articles (each with its keys and its speakers resolved), by table: the tuples
        ``values_of`` makes of ``writer.Rows``' dicts once ``bulk._Chunk.cut`` has the merged speakers replaced
        by ``current``."""
        articles: list[tuple[Any, ...]] = []
        speakers: list[tuple[Any, ...]] = []
        quotes: list[tuple[Any, ...]] = []
        claims: list[tuple[Any, ...]] = []
        disputes: list[tuple[Any, ...]] = []
        top, q, c, d = self.top, self.q, self.c, self.d
        for k in kept:
            n, aid, local = k.n, self.ids[k.n], k.speakers
            articles.append(
                (aid, k.seq, top["text_sha1"][n], top["language"][n], top["title"][n], top["url"][n],
                 top["source"][n], top["published"][n], k.day, top["text"][n], now)
            )  # fmt: skip
            a, b = self.s_off[n], self.s_off[n + 1]
            if b > a:
                found = [local.get(sp.id) for sp in self.speakers[a:b]]
                speakers.extend(
                    zip(repeat(aid), (sp.id for sp in self.speakers[a:b]), range(b - a),
                        (sp.name for sp in self.speakers[a:b]), (sp.type for sp in self.speakers[a:b]),
                        self.s_roles[a:b], self.s_mentions[a:b], [None if x is None else current(x) for x in found])
                )  # fmt: skip
            a, b = self.q_off[n], self.q_off[n + 1]
            if b > a:
                said = q["local_speaker_id"][a:b]
                sids = [None if not x or (sid := local.get(x)) is None else current(sid) for x in said]
                quotes.extend(
                    zip(range(k.pk, k.pk + b - a), q["id"][a:b], repeat(aid), range(b - a), q["kind"][a:b],
                        q["content"][a:b], q["content_spans"][a:b], q["cue"][a:b], q["cue_span"][a:b],
                        q["source"][a:b], q["source_span"][a:b], said, q["speaker_name"][a:b],
                        q["speaker_type"][a:b], q["speaker_role"][a:b], sids, q["polarity"][a:b],
                        q["nested_in"][a:b], q["confidence"][a:b])
                )  # fmt: skip
            x, y = self.d_off[n], self.d_off[n + 1]
            a, b = self.c_off[n], self.c_off[n + 1]
            if b > a:
                refuted = {i for i, s in zip(d["claim_id"][x:y], d["stance"][x:y], strict=True) if s == "refutes"}
                claims.extend(
                    zip(repeat(aid), c["id"][a:b], range(b - a), c["text"][a:b], c["quote_ids"][a:b],
                        c["claimant_id"][a:b], [i in refuted for i in c["id"][a:b]])
                )  # fmt: skip
            if y > x:
                disputes.extend(
                    zip(repeat(aid), range(y - x), d["claim_id"][x:y], d["claimant_id"][x:y], d["disputed_by"][x:y],
                        d["quote_ids"][x:y], d["stance"][x:y])
                )  # fmt: skip
        made = (
            (t.articles, ARTICLE_COLUMNS, articles), (t.article_speakers, SPEAKER_COLUMNS, speakers),
            (t.quotes, QUOTE_COLUMNS, quotes), (t.claims, CLAIM_COLUMNS, claims),
            (t.disputes, DISPUTE_COLUMNS, disputes),
        )  # fmt: skip
        return {table.name: first_of_each_value(table, Values(list(columns), rows)) for table, columns, rows in made}


class Kept(NamedTuple):
    """An article of a batch that a chunk stores: its row, keys and speakers (local id -> archive id)."""

    n: int
    seq: int
    pk: int
    day: str | None
    speakers: dict[str, str]
