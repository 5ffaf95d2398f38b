"""Fills an archive with generated articles and statements (default: 1 million statements) for the search
benchmark, through the real write path (``Store.save_many``: speaker identity, FTS index and all), or
with ``--direct`` as the rows that path writes, built in bulk (the speakers known by construction): the
same tables, indexes and FTS, some twenty times less CPU -- for a shared machine. Compare the two on a
small archive with bench/search.py: bytes per statement and latencies come out alike.

Words follow a Zipf law over a 40,000-word made-up vocabulary, so that searches meet common and rare
words as in news; speakers are Zipf-popular people (some sharing surnames, some named by surname only)
and organisations; each article has ~4 KB of text around its statements, about what a news story has.

    nice -n 10 .venv/bin/python bench/generate_quotes.py --db sqlite:///bench-1m.db [--quotes 1000000] [--direct]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator

import numpy as np

from sayso.model import Analysis, Quote, Speaker, SpeakerRef, content_id
from sayso.store import Store, open_store, writer
from sayso.store import schema as t

SYLLABLES = [c + v for c in "bcdfghjklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]
ROLES = ["spokesman", "minister", "senator", "mayor", "chief executive", "professor", "analyst", "governor"]
CUES = ["said", "told reporters", "denied", "added", "claimed", "insisted", "warned", "asked"]
POLARITY = {"denied": "denies", "asked": "questions"}


class World:
    """The made-up vocabulary, people, organisations and outlets, fixed by the seed."""

    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.vocab = self._words(40_000, 2, 4)
        firsts, lasts = self._words(600, 2, 3), self._words(9_000, 2, 4)
        self.people = [
            (firsts[i % 600].title(), lasts[(i * 7919) % 9_000].title(), ROLES[i % len(ROLES)]) for i in range(30_000)
        ]
        self.orgs = [f"{w.title()} Institute" for w in self._words(2_000, 2, 3)]
        self.outlets = [f"{w.title()} News" for w in self._words(50, 2, 3)]
        self.words = np.array(self.vocab)
        self.word_cdf = np.cumsum(self._zipf(len(self.vocab), 1.05))
        self.person_cdf = np.cumsum(self._zipf(len(self.people), 0.9))

    def _words(self, n: int, low: int, high: int) -> list[str]:
        seen: dict[str, None] = {}
        while len(seen) < n:
            k = int(self.rng.integers(low, high + 1))
            seen["".join(SYLLABLES[int(i)] for i in self.rng.integers(0, len(SYLLABLES), k))] = None
        return list(seen)

    @staticmethod
    def _zipf(n: int, a: float) -> np.ndarray:
        p = 1.0 / np.arange(1, n + 1) ** a
        return p / p.sum()

    def sentence(self, low: int, high: int) -> str:
        return " ".join(self.words[self.draw(self.word_cdf, int(self.rng.integers(low, high)))]).capitalize()

    def draw(self, cdf: np.ndarray, n: int) -> np.ndarray:
        """n indices drawn with the probabilities whose running sum is ``cdf``."""
        return np.minimum(np.searchsorted(cdf, self.rng.random(n) * cdf[-1]), len(cdf) - 1)


def article(world: World, number: int, per_article: int, bare: float = 0.1) -> Analysis:
    """An article; ``bare``: the share of people named by surname only."""
    rng = world.rng
    aid = content_id("bench", str(number))
    cast = [world.people[int(i)] for i in world.draw(world.person_cdf, 3)]
    org = world.orgs[int(rng.integers(len(world.orgs)))]
    text, quotes, speakers = world.sentence(60, 120) + ". ", [], {}
    for _ in range(per_article):
        pick = int(rng.integers(4))
        if pick == 3:
            name, kind, role = org, "ORG", None
        else:
            first, last, role = cast[pick]
            name, kind = (last if rng.random() < bare else f"{first} {last}"), "PERSON"
        cue = CUES[int(rng.integers(len(CUES)))]
        lead = f"{name}, the {role}," if role else name
        start = len(text)
        text += f'{lead} {cue}: "'
        q0 = len(text)
        text += world.sentence(8, 40)
        q1 = len(text)
        text += '". ' + world.sentence(25, 50) + ".\n\n"
        sid = content_id(kind, name.lower())
        speakers.setdefault(sid, Speaker(id=sid, name=name, type=kind, roles=[role] if role else []))  # type: ignore[arg-type]
        speakers[sid].mentions.append((start, start + len(name)))
        quotes.append(
            Quote(
                id=content_id(aid, repr([(q0, q1)])),
                kind="direct",
                content=text[q0:q1],
                content_spans=[(q0, q1)],
                cue=cue,
                cue_span=(start + len(lead) + 1, start + len(lead) + 1 + len(cue)),
                source=lead,
                source_span=(start, start + len(lead)),
                speaker_id=sid,
                speaker=SpeakerRef(id=sid, name=name, type=kind, role=role),  # type: ignore[arg-type]
                polarity=POLARITY.get(cue, "asserts"),  # type: ignore[arg-type]
            )
        )
    day = np.datetime64("2023-01-01") + int(rng.integers(730))
    return Analysis(
        id=aid,
        text_sha1=content_id(text, length=40),
        title=world.sentence(6, 12),
        url=f"https://example.org/{aid}",
        source=world.outlets[int(rng.integers(len(world.outlets)))],
        published=str(day),
        text=text,
        quotes=quotes,
        speakers=list(speakers.values()),
    )


def direct(world: World, store: Store, total: int, per_article: int, batch: int) -> None:
    """The rows ``Store.save_many`` would write for these articles, written in bulk."""
    people = list({content_id("PERSON", f"{f} {s}".lower()): (f"{f} {s}", s, r) for f, s, r in world.people}.items())
    orgs = list({content_id("ORG", o.lower()): o for o in world.orgs}.items())
    with store.engine.begin() as conn:
        conn.execute(t.speakers.insert(), [
            {"id": i, "name": n, "type": "PERSON", "key": n.lower(), "surname": s.lower(), "gender": None,
             "quote_count": 0, "article_count": 0} for i, (n, s, _) in people
        ] + [{"id": i, "name": n, "type": "ORG", "key": n.lower(), "surname": None, "gender": None,
              "quote_count": 0, "article_count": 0} for i, n in orgs])  # fmt: skip
        names = [(i, n) for i, (n, _, _) in people] + orgs
        conn.execute(t.speaker_aliases.insert(), [{"speaker_id": i, "alias": n} for i, n in names])
        tokens = {(i, w): None for i, n in names for w in n.lower().split()}
        conn.execute(t.speaker_tokens.insert(), [{"speaker_id": i, "token": w} for i, w in tokens])
        conn.execute(t.speaker_roles.insert(), [
            {"speaker_id": i, "role": r, "first_seen": "2023-01-01", "last_seen": "2024-12-31", "articles": 1}
            for i, (_, _, r) in people
        ])  # fmt: skip
    pk, start = 1, time.perf_counter()
    for first in range(0, total, batch):
        rows: dict[str, list[dict[str, object]]] = {"articles": [], "article_speakers": [], "quotes": []}
        for number in range(first, min(total, first + batch)):
            a = article(world, number, per_article, bare=0.0)
            ids = {s.id: s.id for s in a.speakers}
            rows["articles"].append({"id": a.id, "seq": number + 1, "text_sha1": a.text_sha1, "language": "en",
                "title": a.title, "url": a.url, "source": a.source, "published": a.published,
                "published_at": a.published, "text": a.text, "ingested_at": "2026-01-01T00:00:00"})  # fmt: skip
            rows["article_speakers"] += [{"article_id": a.id, "local_id": s.id, "position": i, "name": s.name,
                "type": s.type, "roles": s.roles, "mentions": [list(m) for m in s.mentions], "speaker_id": s.id}
                for i, s in enumerate(a.speakers)]  # fmt: skip
            rows["quotes"] += [writer._quote_row(a.id, q, i, pk + i, ids) for i, q in enumerate(a.quotes)]
            pk += len(a.quotes)
        with store.engine.begin() as conn:
            for name in ("articles", "article_speakers", "quotes"):
                conn.execute(t.metadata.tables[name].insert(), rows[name])
        done = min(total, first + batch)
        print(f"\r{done}/{total} articles, {done / (time.perf_counter() - start):.0f}/s", end="", file=sys.stderr)
    with store.engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE speakers SET quote_count = (SELECT count(*) FROM quotes WHERE quotes.speaker_id = speakers.id), "
            "article_count = (SELECT count(*) FROM article_speakers a WHERE a.speaker_id = speakers.id)"
        )
        conn.execute(t.speakers.delete().where(t.speakers.c.quote_count == 0))


def articles(world: World, count: int, per_article: int) -> Iterator[Analysis]:
    for number in range(count):
        yield article(world, number, per_article)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="the archive to fill (created)")
    parser.add_argument("--quotes", type=int, default=1_000_000)
    parser.add_argument("--per-article", type=int, default=8)
    parser.add_argument("--batch", type=int, default=200, help="articles per transaction")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--direct", action="store_true", help="write the rows in bulk (see above)")
    args = parser.parse_args()
    world = World(args.seed)
    store = open_store(args.db)
    total, done, start = args.quotes // args.per_article, 0, time.perf_counter()
    if args.direct:
        direct(world, store, total, args.per_article, args.batch)
        done = total
    stream = articles(world, total, args.per_article)
    while done < total:
        batch = [next(stream) for _ in range(min(args.batch, total - done))]
        store.save_many(batch)
        done += len(batch)
        rate = done / (time.perf_counter() - start)
        print(f"\r{done}/{total} articles, {rate:.0f}/s", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    print(store.stats().model_dump_json())
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
